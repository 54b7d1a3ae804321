import { expect } from 'chai';
import type { Identity } from '../identity/identity.js';
import { identityNamed } from '../../../test/support/identities.js';
import { serverCommand } from '../../../test/support/server-commands.js';
import { nextEvent } from '../../../test/support/events.js';
import { BroadcastChannelTransport } from './broadcast-channel.js';
import { MemorySignalingNetwork } from './memory.js';
import { SignalingError, type SignalingTransport, type TransportEventMap } from './transport.js';
import { WebSocketTransport } from './websocket.js';
import { seal } from '../envelope/envelope.js';
import { ReportError } from './suggest.js';

const room = { ns: 'peerkit-test', room: 'transports' };

function next<K extends keyof TransportEventMap>(transport: SignalingTransport, type: K, where?: (detail: TransportEventMap[K]['detail']) => boolean): Promise<TransportEventMap[K]['detail']> {
  return nextEvent(transport, type, where);
}

/** Presence and delivery, the same for every transport. */
async function exercise(a: SignalingTransport, b: SignalingTransport): Promise<void> {
  expect(await a.join(room)).to.deep.equal([]);
  const aSeesB = next(a, 'joined');
  const bPeers = await b.join(room);
  const bSeesA = bPeers.includes(a.id) ? Promise.resolve({ ...room, id: a.id }) : next(b, 'joined');
  expect((await aSeesB).id).to.equal(b.id);
  expect((await bSeesA).id).to.equal(a.id);

  const received = next(b, 'signal');
  a.send(room, b.id, 'sealed-envelope');
  expect(await received).to.deep.equal({ ...room, from: a.id, env: 'sealed-envelope' });

  const missing = next(a, 'transport-error');
  a.send(room, 'f'.repeat(40), 'lost');
  expect((await missing).code).to.equal(404);

  const gone = next(a, 'left');
  await b.leave(room);
  expect((await gone).id).to.equal(b.id);
  expect(() => b.send(room, a.id, 'x')).to.throw(SignalingError);
}

describe('signaling transports', function () {
  this.timeout(30_000);
  let alice: Identity;
  let bob: Identity;

  before(async () => {
    [alice, bob] = await Promise.all([identityNamed('Alice'), identityNamed('Bob')]);
  });

  it('memory: presence, delivery, unknown peer, leave', async () => {
    const network = new MemorySignalingNetwork();
    const [a, b] = [network.connect(alice.fingerprint), network.connect(bob.fingerprint)];
    await exercise(a, b);
    a.close();
    b.close();
  });

  it('memory: delays delivery per sender and recipient when asked', async () => {
    const network = new MemorySignalingNetwork({ delayMs: (from) => (from === alice.fingerprint ? 120 : 0) });
    const [a, b] = [network.connect(alice.fingerprint), network.connect(bob.fingerprint)];
    await a.join(room);
    await b.join(room);
    const order: string[] = [];
    b.on('signal', ({ env }) => order.push(env));
    a.on('signal', ({ env }) => order.push(env));
    const bothArrived = Promise.all([next(b, 'signal'), next(a, 'signal')]);
    a.send(room, b.id, 'slow');
    b.send(room, a.id, 'fast');
    await bothArrived;
    expect(order).to.deep.equal(['fast', 'slow']);
  });

  it('memory: a latency report is answered asynchronously with suggestions; reports go with their author', async () => {
    const carol = await identityNamed('Carol');
    const network = new MemorySignalingNetwork();
    const [a, b, c] = [network.connect(alice.fingerprint), network.connect(bob.fingerprint), network.connect(carol.fingerprint)];
    const where = { ns: 'peerkit-test', room: `rtt-${Math.random()}` };
    expect(() => a.report(where, { rtts: {} })).to.throw(SignalingError);
    for (const transport of [a, b, c]) await transport.join(where);

    const bSuggested = next(b, 'suggest');
    let early = false;
    b.addEventListener('suggest', () => (early = true), { once: true });
    b.report(where, { rtts: { [c.id]: 5 } });
    expect(early, 'answered like a network, not synchronously').to.equal(false);
    expect(await bSuggested).to.deep.equal({ ...where, peers: [{ id: a.id }] });

    const aSuggested = next(a, 'suggest');
    a.report(where, { rtts: { [b.id]: 10 }, geo: { lat: 52.5200066, lon: 13.404954 } });
    expect(await aSuggested).to.deep.equal({ ...where, peers: [{ id: c.id, rtt: 15 }] });
    expect(network.reportsOf(where).get(a.id)?.geo, 'kept coarse').to.deep.equal({ lat: 52.5, lon: 13.4 });

    for (const [hostile, code] of [[{ rtts: { [b.id]: NaN } }, 'out-of-range'], [{ rtts: [] }, 'malformed'], [null, 'malformed']] as const) {
      try {
        a.report(where, hostile as never);
        expect.fail('accepted a bad report');
      } catch (error) {
        expect(error).to.be.instanceOf(ReportError);
        expect((error as ReportError).code).to.equal(code);
      }
    }
    expect([...network.reportsOf(where).keys()].sort()).to.deep.equal([a.id, b.id].sort());

    await b.leave(where);
    expect([...network.reportsOf(where).keys()]).to.deep.equal([a.id]);
    // The same id joining again (another tab) starts without a report.
    const aAgain = network.connect(alice.fingerprint);
    await aAgain.join(where);
    expect(network.reportsOf(where).size).to.equal(0);
    for (const transport of [a, b, c, aAgain]) transport.close();
  });

  it('BroadcastChannel: presence, delivery, unknown peer, leave — no server', async () => {
    const channel = `test-${Math.random()}`;
    const [a, b] = [new BroadcastChannelTransport(alice.fingerprint, { channel }), new BroadcastChannelTransport(bob.fingerprint, { channel })];
    await exercise(a, b);
    a.close();
    b.close();
  });

  it('BroadcastChannel: a page that says hello again (reloaded) leaves and joins', async () => {
    const channel = `test-${Math.random()}`;
    const a = new BroadcastChannelTransport(alice.fingerprint, { channel });
    await a.join(room);
    const first = new BroadcastChannelTransport(bob.fingerprint, { channel });
    const joined = next(a, 'joined');
    await first.join(room);
    await joined;
    const reloaded = new BroadcastChannelTransport(bob.fingerprint, { channel });
    const left = next(a, 'left');
    const rejoined = next(a, 'joined');
    await reloaded.join(room);
    expect((await left).id).to.equal(bob.fingerprint);
    expect((await rejoined).id).to.equal(bob.fingerprint);
    for (const transport of [a, first, reloaded]) transport.close();
  });

  describe('WebSocket, against the real server', () => {
    let url: string;
    before(async () => {
      url = await serverCommand<string>('signaling-url');
    });

    it('presence, delivery, unknown peer, leave', async () => {
      const [a, b] = [new WebSocketTransport(url, alice), new WebSocketTransport(url, bob)];
      await exercise(a, b);
      a.close();
      b.close();
    });

    it('a binary-framing client and a JSON-only one exchange envelopes unchanged', async () => {
      const [a, b] = [new WebSocketTransport(url, alice), new WebSocketTransport(url, bob, { binary: false })];
      const where = { ns: 'peerkit-test', room: `binary-${Math.random()}` };
      await a.join(where);
      const bSeesA = b.join(where);
      await next(a, 'joined');
      await bSeesA;
      for (const [from, to] of [[a, b], [b, a]] as const) {
        const env = await seal(from === a ? alice : bob, { ...where, to: to.id, type: 'signal', body: { hello: 'binary' } });
        const received = next(to, 'signal');
        from.send(where, to.id, env);
        expect((await received).env).to.equal(env);
      }
      a.close();
      b.close();
    });

    it('report() is answered with a suggest event', async () => {
      const carol = await identityNamed('Carol');
      const [a, b, c] = [alice, bob, carol].map((who) => new WebSocketTransport(url, who)) as [WebSocketTransport, WebSocketTransport, WebSocketTransport];
      const where = { ns: 'peerkit-test', room: `rtt-${Math.random()}` };
      expect(() => a.report(where, { rtts: {} })).to.throw(SignalingError);
      for (const transport of [a, b, c]) await transport.join(where);
      const bSuggested = next(b, 'suggest');
      b.report(where, { rtts: { [c.id]: 4 } });
      await bSuggested;
      const aSuggested = next(a, 'suggest');
      a.report(where, { rtts: { [b.id]: 7 } });
      expect(await aSuggested).to.deep.equal({ ...where, peers: [{ id: c.id, rtt: 11 }] });
      // Faster than the server allows: refused, and the transport keeps going.
      const refused = next(a, 'transport-error');
      a.report(where, { rtts: { [b.id]: 7 } });
      expect((await refused).code).to.equal(297);
      expect(a.state).to.equal('open');
      for (const transport of [a, b, c]) transport.close();
    });

    it('a join the server refuses rejects with its code', async () => {
      const impostor = { ...bob, fingerprint: alice.fingerprint };
      const transport = new WebSocketTransport(url, impostor);
      try {
        await transport.join(room);
        expect.fail('joined under another key');
      } catch (error) {
        expect(error).to.be.instanceOf(SignalingError);
        expect((error as SignalingError).code).to.equal(401);
      } finally {
        transport.close();
      }
    });

    it('reconnects after the server restarts, re-joins, and delivers what was sent meanwhile', async () => {
      const options = { reconnect: { minMs: 50, maxMs: 200 } };
      const [a, b] = [new WebSocketTransport(url, alice, options), new WebSocketTransport(url, bob, options)];
      const recovery = { ns: 'peerkit-test', room: `recovery-${Math.random()}` };
      await a.join(recovery);
      await b.join(recovery);
      const aReconnecting = next(a, 'state', (detail) => detail.state === 'reconnecting');
      const bBack = next(b, 'peers', (detail) => detail.room === recovery.room);
      const aBack = next(a, 'peers', (detail) => detail.room === recovery.room);
      const delivered = next(b, 'signal');
      const restarted = serverCommand<string>('signaling-restart');
      await aReconnecting;
      // Sent while the server is away: held until both are back in the room, in either order.
      a.send(recovery, b.id, 'sent-while-away');
      await restarted;
      await Promise.all([aBack, bBack]);
      expect(a.state).to.equal('open');
      expect((await delivered).env).to.equal('sent-while-away');
      a.close();
      b.close();
    });
  });
});
