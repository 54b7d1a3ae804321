import { expect } from 'chai';
import { Emitter } from './events.js';

interface TickEvents {
  tick: CustomEvent<{ readonly n: number }>;
  done: CustomEvent<Record<string, never>>;
}

class Ticker extends Emitter<TickEvents> {
  tick(n: number): void {
    this.emit('tick', { n });
  }
}

describe('Emitter', () => {
  it('hands the detail to on() listeners and the event to DOM-style ones', () => {
    const ticker = new Ticker();
    const seen: number[] = [];
    ticker.on('tick', ({ n }) => seen.push(n));
    ticker.addEventListener('tick', (event) => seen.push(event.detail.n * 10));
    ticker.tick(2);
    expect(seen).to.deep.equal([2, 20]);
  });

  it('removes an on() listener with the function it returns, and with its signal', () => {
    const ticker = new Ticker();
    const seen: number[] = [];
    const off = ticker.on('tick', ({ n }) => seen.push(n));
    const controller = new AbortController();
    ticker.on('tick', ({ n }) => seen.push(-n), { signal: controller.signal });
    ticker.tick(1);
    off();
    controller.abort();
    ticker.tick(2);
    expect(seen).to.deep.equal([1, -1]);
  });
});
