import { expect } from 'chai';
import { MAX_WAITING_SIGNALS, SignalQueue, type SignalRejectionCode } from './signals.js';

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SignalQueue.runInOrder', () => {
  it('starts every check at once and applies the results in arrival order, a slow first check not overtaken', async () => {
    const queue = new SignalQueue(() => undefined);
    const checks = [deferred<string>(), deferred<string>(), deferred<string>()];
    const started: number[] = [];
    const applied: string[] = [];
    const done = checks.map((check, index) =>
      queue.runInOrder(
        () => {
          started.push(index);
          return check.promise;
        },
        (result) => applied.push(result),
      ),
    );
    // All three checks run side by side, before any has finished.
    expect(started).to.deep.equal([0, 1, 2]);
    checks[2]!.resolve('third');
    checks[1]!.resolve('second');
    // A macrotask: every reaction to the two finished checks has run by now.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(applied).to.deep.equal([]);
    checks[0]!.resolve('first');
    await Promise.all(done);
    expect(applied).to.deep.equal(['first', 'second', 'third']);
  });

  it('a check that fails is reported in its turn and the ones behind it still apply', async () => {
    const refused: SignalRejectionCode[] = [];
    const queue = new SignalQueue((code) => refused.push(code));
    const failing = deferred<string>();
    const applied: string[] = [];
    const first = queue.runInOrder(() => failing.promise, (result) => applied.push(result));
    const second = queue.runInOrder(() => Promise.resolve('after'), (result) => applied.push(result));
    failing.reject(new Error('broken'));
    await Promise.all([first, second]);
    expect(refused).to.deep.equal(['malformed']);
    expect(applied).to.deep.equal(['after']);
  });

  it('past the bound a check is not even started, and the flood is reported once per burst', async () => {
    const refused: SignalRejectionCode[] = [];
    const queue = new SignalQueue((code) => refused.push(code));
    const gate = deferred<undefined>();
    let started = 0;
    const all: Promise<void>[] = [];
    for (let i = 0; i < MAX_WAITING_SIGNALS + 10; i++) {
      all.push(
        queue.runInOrder(
          () => {
            started++;
            return gate.promise;
          },
          () => undefined,
        ),
      );
    }
    expect(started).to.equal(MAX_WAITING_SIGNALS);
    gate.resolve(undefined);
    await Promise.all(all);
    expect(refused).to.deep.equal(['flooded']);
  });
});
