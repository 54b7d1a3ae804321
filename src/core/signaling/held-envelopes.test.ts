import { expect } from 'chai';
import { HeldEnvelopes } from './held-envelopes.js';

describe('HeldEnvelopes (what a transport sends while away)', () => {
  let now = 0;
  let lost: { code: number; message: string }[] = [];
  let held: HeldEnvelopes<string>;
  beforeEach(() => {
    now = 1000;
    lost = [];
    held = new HeldEnvelopes({ max: 4, holdMs: 100, lost: (failure) => lost.push(failure), now: () => now });
  });
  afterEach(() => held.stop());

  it('releases, in order, only what is for members back in that room; the rest waits', () => {
    held.hold('r1', 'ann', 'a1');
    held.hold('r2', 'ann', 'other room');
    held.hold('r1', 'ben', 'b1');
    held.hold('r1', 'ann', 'a2');
    const sent: string[] = [];
    held.release('r1', new Set(['ann']), (frame) => sent.push(frame));
    expect(sent).to.deep.equal(['a1', 'a2']);
    expect(held.size).to.equal(2);
    held.release('r1', new Set(['ann', 'ben']), (frame) => sent.push(frame));
    expect(sent).to.deep.equal(['a1', 'a2', 'b1']);
    held.release('r2', new Set(['ann']), (frame) => sent.push(frame));
    expect(sent).to.deep.equal(['a1', 'a2', 'b1', 'other room']);
    expect(held.size).to.equal(0);
    expect(lost).to.deep.equal([]);
  });

  it('holds at most `max`: the oldest goes, reported 507', () => {
    for (const frame of ['1', '2', '3', '4', '5']) held.hold('r', 'ann', frame);
    expect(lost.map(({ code }) => code)).to.deep.equal([507]);
    const sent: string[] = [];
    held.release('r', new Set(['ann']), (frame) => sent.push(frame));
    expect(sent).to.deep.equal(['2', '3', '4', '5']);
  });

  it('gives up on an envelope whose recipient is not back within holdMs, reported 404 naming it', () => {
    held.hold('r', 'ann', 'old');
    now += 60;
    held.hold('r', 'ben', 'newer');
    now += 50;
    held.expire();
    expect(lost).to.have.length(1);
    expect(lost[0]!.code).to.equal(404);
    expect(lost[0]!.message).to.match(/peer ann did not come back within 100 ms/);
    expect(held.size).to.equal(1);
  });

  it('forgets a room left: what was held for it is neither sent nor reported', () => {
    held.hold('left', 'ann', 'x');
    held.hold('kept', 'ann', 'y');
    held.forget('left');
    now += 1000;
    held.expire();
    expect(lost.map(({ message }) => message)).to.have.length(1);
    const sent: string[] = [];
    held.release('left', new Set(['ann']), (frame) => sent.push(frame));
    expect(sent).to.deep.equal([]);
  });
});
