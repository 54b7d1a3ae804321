import { expect } from 'chai';
import { OWN_FRAME_LIMITS, OwnFrames, RELAY_CLOSED } from './own-frames.js';
import type { RelayFrame } from './relay-frame.js';

const idOf = (n: number): string => String(n).padStart(16, 'J');

/** A seal the test finishes: `seal.done(envelope)` or `seal.fail(error)`. */
function pendingSeal() {
  let done: (envelope: string) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const sealing = new Promise<string>((resolve, reject) => {
    done = resolve;
    fail = reject;
  });
  return { sealing, done: (envelope: string) => done(envelope), fail: (error: unknown) => fail(error) };
}

/** Own frames over links that are up while `up` says so; what went out and what failed, in order. */
function ownFrames() {
  const state = { up: true, sent: [] as string[], failed: [] as [string | undefined, string, string][] };
  const frames = new OwnFrames({
    spread: (frame) => {
      if (!state.up) return false;
      state.sent.push(frame.e);
      return true;
    },
    failed: (to, data, reason) => state.failed.push([to, data, reason]),
  });
  return { frames, state };
}

const frameOf =
  (n: number, to?: string) =>
  (envelope: string): RelayFrame => ({ i: idOf(n), t: 1, f: 'me', ...(to ? { o: to } : {}), e: envelope });

/** Resolves once every promise callback queued so far has run. */
const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('own frames', () => {
  it('puts frames on the links in the order they were sent, whichever seal finishes first', async () => {
    const { frames, state } = ownFrames();
    const [first, second] = [pendingSeal(), pendingSeal()];
    frames.add(first.sealing, { data: 'one' }, frameOf(1));
    frames.add(second.sealing, { data: 'two' }, frameOf(2));
    second.done('second');
    await turn();
    expect(state.sent).to.deep.equal([]);
    first.done('first');
    await turn();
    expect(state.sent).to.deep.equal(['first', 'second']);
  });

  it("reports a message whose seal failed, and sends the ones after it", async () => {
    const { frames, state } = ownFrames();
    const [failing, next] = [pendingSeal(), pendingSeal()];
    frames.add(failing.sealing, { to: 'cat', data: 'one' }, frameOf(1, 'cat'));
    frames.add(next.sealing, { data: 'two' }, frameOf(2));
    failing.fail(new Error('no key'));
    next.done('second');
    await turn();
    expect(state.failed).to.deep.equal([['cat', 'one', 'could not seal: no key']]);
    expect(state.sent).to.deep.equal(['second']);
  });

  it('holds frames while no link is up, sends them when one comes, and reports the oldest past the bound', async () => {
    const { frames, state } = ownFrames();
    state.up = false;
    // The oldest is a key request: it carries no message of the app's, so dropping it reports nothing.
    frames.add(Promise.resolve('key request'), { to: 'cat' }, frameOf(999, 'cat'));
    for (let n = 0; n <= OWN_FRAME_LIMITS.maxHeld; n++) frames.add(Promise.resolve(`frame ${n}`), { data: `message ${n}` }, frameOf(n));
    await turn();
    expect(frames.held).to.equal(OWN_FRAME_LIMITS.maxHeld);
    expect(state.failed).to.deep.equal([[undefined, 'message 0', `no link up, and more than ${OWN_FRAME_LIMITS.maxHeld} messages waiting`]]);
    state.up = true;
    frames.flush();
    expect(frames.held).to.equal(0);
    expect(state.sent).to.deep.equal(Array.from({ length: OWN_FRAME_LIMITS.maxHeld }, (_, n) => `frame ${n + 1}`));
  });

  it('sends nothing once closed, and reports the messages whose seals were still in flight', async () => {
    const { frames, state } = ownFrames();
    const seal = pendingSeal();
    frames.add(seal.sealing, { to: 'cat', data: 'late' }, frameOf(1, 'cat'));
    frames.add(Promise.resolve('note'), { to: 'cat' }, frameOf(2, 'cat'));
    frames.close();
    seal.done('sealed');
    await turn();
    expect(state.sent).to.deep.equal([]);
    expect(state.failed).to.deep.equal([['cat', 'late', RELAY_CLOSED]]);
  });

  it('holds no unhandled rejection for a seal that fails before its turn', async () => {
    const { frames, state } = ownFrames();
    const [slow, failing] = [pendingSeal(), pendingSeal()];
    const unhandled: unknown[] = [];
    const listener = (event: PromiseRejectionEvent) => unhandled.push(event.reason);
    window.addEventListener('unhandledrejection', listener);
    try {
      frames.add(slow.sealing, { data: 'one' }, frameOf(1));
      frames.add(failing.sealing, { data: 'two' }, frameOf(2));
      failing.fail(new Error('broken'));
      await turn();
      await turn();
      slow.done('first');
      await turn();
      expect(state.sent).to.deep.equal(['first']);
      expect(state.failed).to.deep.equal([[undefined, 'two', 'could not seal: broken']]);
      expect(unhandled).to.deep.equal([]);
    } finally {
      window.removeEventListener('unhandledrejection', listener);
    }
  });
});
