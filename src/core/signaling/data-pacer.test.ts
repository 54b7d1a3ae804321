import { expect } from 'chai';
import { DataPacer, MAX_DATA_BYTES, readDataLimits } from './data-pacer.js';

describe('DataPacer: data frames kept to the server budget', () => {
  it('sends within the budget at once, holds the rest in order, and says when it has drained', async () => {
    const sent: number[] = [];
    let drained!: () => void;
    const done = new Promise<void>((resolve) => (drained = resolve));
    // 1,000 bytes of burst (900 after the margin), refilled at 50,000 bytes a second.
    const pacer = new DataPacer({ rate: 50_000, burst: 1000, max: 800 }, () => drained());
    for (let i = 0; i < 4; i++) expect(pacer.push(800, () => sent.push(i))).to.equal(true);
    expect(sent).to.deep.equal([0]);
    expect(pacer.queuedBytes).to.equal(2400);
    await done;
    expect(sent).to.deep.equal([0, 1, 2, 3]);
    expect(pacer.queuedBytes).to.equal(0);
  });

  it('keeps to half the socket\'s frame budget too: many small frames wait their turn', async () => {
    const sent: number[] = [];
    let drained!: () => void;
    const done = new Promise<void>((resolve) => (drained = resolve));
    // Bytes are plenty; frames: 400 a second, burst 4, of which data frames take half.
    const pacer = new DataPacer({ rate: 1e6, burst: 1e6, max: 100, frameRate: 400, frameBurst: 4 }, () => drained());
    for (let i = 0; i < 5; i++) pacer.push(10, () => sent.push(i));
    expect(sent).to.deep.equal([0, 1]);
    await done;
    expect(sent).to.deep.equal([0, 1, 2, 3, 4]);
  });

  it('refuses what would overfill its queue, and what no budget could ever send', () => {
    const pacer = new DataPacer({ rate: 1, burst: 1000, max: 800 }, () => undefined, 1600);
    expect(pacer.push(800, () => undefined)).to.equal(true);
    expect(pacer.push(800, () => undefined)).to.equal(true);
    expect(pacer.push(800, () => undefined)).to.equal(true);
    expect(pacer.push(800, () => undefined)).to.equal(false);
    expect(pacer.push(5000, () => undefined)).to.equal(false);
    pacer.clear();
    expect(pacer.queuedBytes).to.equal(0);
  });

  it('reads the hello: no pacer for a server that relays no data or says nonsense; never more than MAX_DATA_BYTES a frame', () => {
    const none = () => undefined;
    expect(readDataLimits(undefined, none)).to.equal(undefined);
    expect(readDataLimits({ rate: -1, burst: 10, max: 10 }, none)).to.equal(undefined);
    expect(readDataLimits({ rate: '1', burst: 10, max: 10 }, none)).to.equal(undefined);
    expect(readDataLimits({ rate: 1e9, burst: 1e9, max: 1e9 }, none)?.limits.max).to.equal(MAX_DATA_BYTES);
  });
});
