import { expect } from 'chai';
import { PairRequests } from './pair-requests.js';
import type { PairRequest } from './pair-protocol.js';
import { SignalingError } from './transport.js';

const connect = (id: string): PairRequest => ({ type: 'CONNECT', ns: 'ns', id, signal: `offer-${id}`, proof: 'proof' });

describe('PairRequests (the pair protocol on a WebSocket)', () => {
  let open = false;
  let sent: Record<string, unknown>[] = [];
  let requests: PairRequests;
  beforeEach(() => {
    open = false;
    sent = [];
    requests = new PairRequests((frame) => {
      if (open) sent.push(JSON.parse(frame) as Record<string, unknown>);
      return open;
    });
  });

  it('waits for the socket, sends each request once in order, and settles each by its own ref', async () => {
    const first = requests.request(connect('a'));
    const second = requests.request(connect('b'));
    expect(sent).to.deep.equal([]);
    open = true;
    requests.sendWaiting();
    requests.sendWaiting();
    expect(sent.map((frame) => frame.id)).to.deep.equal(['a', 'b']);
    const [refA, refB] = sent.map((frame) => frame.ref as string);
    expect(refA).to.not.equal(refB);
    expect(requests.replied({ type: 'ANSWER', signal: 'late', ref: 'nobody' })).to.equal(false);
    expect(requests.replied({ type: 'DEMOTE', nonce: 'n', signal: 'offer-x', ref: refB })).to.equal(true);
    expect(requests.replied({ type: 'error', code: 299, message: 'no peer', ref: refA })).to.equal(true);
    expect(await second).to.deep.equal({ type: 'DEMOTE', nonce: 'n', signal: 'offer-x' });
    const error = await first.catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(SignalingError).with.property('code', 299);
    // Each is answered once: a second reply to the same ref finds nothing.
    expect(requests.replied({ type: 'DELIVERED', ref: refB })).to.equal(false);
  });

  it('a malformed reply rejects its request with 502', async () => {
    open = true;
    const reply = requests.request(connect('a'));
    requests.replied({ type: 'ANSWER', ref: sent[0]!.ref });
    const error = await reply.catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(SignalingError).with.property('code', 502);
  });

  it('aborting a sent request withdraws it (CANCEL) and rejects with the reason; its reply is then ignored', async () => {
    open = true;
    const abort = new AbortController();
    const reply = requests.request(connect('a'), { signal: abort.signal });
    const { ref } = sent[0]!;
    abort.abort(new Error('left'));
    expect(sent.at(-1)).to.deep.equal({ type: 'CANCEL' });
    expect(((await reply.catch((caught: unknown) => caught)) as Error).message).to.equal('left');
    expect(requests.replied({ type: 'DELIVERED', ref })).to.equal(false);
  });

  it('a request whose signal was aborted before it was made is rejected at once and never sent', async () => {
    open = true;
    const reason = new Error('gave up already');
    // Left pending, this would time the test out.
    expect(await requests.request(connect('a'), { signal: AbortSignal.abort(reason) }).catch((caught: unknown) => caught)).to.equal(reason);
    expect(sent).to.deep.equal([]);
  });

  it('a lost socket fails every request, sent or not, with 503', async () => {
    open = true;
    const sentOne = requests.request(connect('a'));
    open = false;
    const unsent = requests.request(connect('b'));
    expect(sent.map((frame) => frame.id)).to.deep.equal(['a']);
    requests.failAll('connection to the server lost');
    for (const reply of [sentOne, unsent]) {
      const error = await reply.catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(SignalingError).with.property('code', 503);
    }
    expect(requests.replied({ type: 'DELIVERED', ref: sent[0]!.ref })).to.equal(false);
    open = true;
    requests.sendWaiting();
    expect(sent.map((frame) => frame.id)).to.deep.equal(['a']);
  });
});
