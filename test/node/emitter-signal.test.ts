/**
 * Listeners removed by an AbortSignal stay removed in Node after a garbage collection. Node holds
 * the remover of `addEventListener(…, { signal })` weakly, and when several listeners share one
 * signal a collection can leave one of them behind (nodejs/node#63954): a room's link pool, which
 * unwires a link it let go with one abort, kept hearing that link (every goodbye reported as a
 * second `closed`, frames in the grace delivered twice).
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Emitter } from '../../src/core/util/events.js';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

type Events = { a: CustomEvent<number>; b: CustomEvent<number> };

class Source extends Emitter<Events> {
  fire(type: keyof Events): void {
    this.emit(type, 1);
  }
}

test('listeners sharing one AbortSignal are all removed by its abort, after a garbage collection too', async () => {
  const source = new Source();
  const wiring = new AbortController();
  const heard: string[] = [];
  source.on('a', () => heard.push('on a'), { signal: wiring.signal });
  source.on('b', () => heard.push('on b'), { signal: wiring.signal });
  source.addEventListener('a', () => heard.push('listener a'), { signal: wiring.signal });
  source.addEventListener('b', () => heard.push('listener b'), { signal: wiring.signal });
  source.fire('a');
  assert.deepEqual(heard, ['on a', 'listener a']);
  // What the bug needs: a task boundary, then a collection, before the abort.
  await new Promise((resolve) => setTimeout(resolve, 0));
  collectGarbage();
  wiring.abort();
  source.fire('a');
  source.fire('b');
  assert.deepEqual(heard, ['on a', 'listener a'], 'a listener heard an event after its signal aborted');
});

test('a listener added with an aborted signal is not added; on() returns a remover that also works', () => {
  const source = new Source();
  const heard: string[] = [];
  source.on('a', () => heard.push('aborted'), { signal: AbortSignal.abort() });
  source.addEventListener('a', () => heard.push('aborted listener'), { signal: AbortSignal.abort() });
  const off = source.on('a', () => heard.push('removed'));
  off();
  const once = source.on('b', () => heard.push('once'), { once: true });
  source.fire('a');
  source.fire('b');
  source.fire('b');
  once();
  assert.deepEqual(heard, ['once']);
});
