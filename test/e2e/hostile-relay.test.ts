// A hostile relay between the pages and the real server: it alters, replays and redirects sealed
// signals. Each attack must be refused by the receiving page with its own rejection code, and must
// not produce a bound link.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startE2eEnvironment, type E2eEnvironment } from '../support/e2e.js';
import { envelopeText, tamperEnvelope } from '../support/envelope-tamper.js';
import { entries, linkedTo, linkState, moveTo, openRoomPage, probeReady, received, rejectedFrom, send, WAIT, type Probe, type RoomPage } from '../support/room-pages.js';
import { startSignalProxy, type Frame, type SignalProxy } from '../support/signal-proxy.js';

declare const probe: Probe;

let environment: E2eEnvironment;
let vite: E2eEnvironment['vite'];
let browser: E2eEnvironment['browser'];
let proxy: SignalProxy;

before(async () => {
  // The pages reach the server through the relay, as through any proxy: the server is told that
  // URL is its own, or it would refuse their proofs (they name the server they are for).
  let serverUrl = '';
  proxy = await startSignalProxy(() => serverUrl);
  environment = await startE2eEnvironment(['--public-url', proxy.url]);
  serverUrl = environment.signaling.url;
  ({ vite, browser } = environment);
});
after(async () => {
  await proxy?.close();
  await environment?.close();
});

/** A page in `room` whose signaling goes through the hostile relay. */
/**
 * These attacks are on the WebRTC handshake, so the pages have no server fallback: with it, a pair
 * whose offer the relay broke would still talk after a while, through the server — authenticated
 * there by keys in sealed signals (server-fallback.test.ts), but not what these tests look at.
 */
function openPeer(room: string, name: string): Promise<RoomPage> {
  return openRoomPage(browser, { vite: vite.url, server: proxy.url, room, name, serverFallbackMs: 0 });
}

/** Two pages in `room`, offerer first: the second joins once the first is in, and the newer member offers the link. */
async function offererAndAnswerer(room: string): Promise<[offerer: RoomPage, answerer: RoomPage]> {
  const answerer = await openPeer(room, 'A');
  return [await openPeer(room, 'B'), answerer];
}

async function closeAll(peers: RoomPage[]): Promise<void> {
  await Promise.all(peers.map((peer) => peer.page.context().close()));
}

function isSignal(frame: Frame, room: string): boolean {
  return frame.type === 'signal' && frame.room === room && typeof frame.env === 'string';
}

test('a relay that alters the SDP of an offer: bad-signature, and no link', { timeout: 60_000 }, async () => {
  const room = 'tamper';
  // The relay swaps one hex digit of the DTLS fingerprint, as a man in the middle would to put
  // its own certificate there, and re-wraps the envelope exactly as seal() does.
  const tampered: string[] = [];
  const unhook = proxy.onServerToClient((frame) => {
    if (!isSignal(frame, room)) return frame;
    const env = frame.env as string;
    if (!/a=fingerprint:sha-256 [0-9A-F]/.test(envelopeText(env))) return frame;
    tampered.push(frame.from as string);
    return { ...frame, env: tamperEnvelope(env, (text) => text.replace(/(a=fingerprint:sha-256 )([0-9A-F])/, (_, prefix: string, digit: string) => prefix + (digit === 'A' ? 'B' : 'A'))) };
  });
  try {
    const [offerer, answerer] = await offererAndAnswerer(room);
    // A control pair through the same relay, untouched and opened later: once it is linked, the
    // tampered pair would have been too.
    const control = await Promise.all([openPeer(`${room}-control`, 'C'), openPeer(`${room}-control`, 'D')]);
    await Promise.all([rejectedFrom(answerer, offerer.id), linkedTo(control[0], [control[1].id]), linkedTo(control[1], [control[0].id])]);

    assert.deepEqual(tampered, [offerer.id], 'the relay altered exactly one envelope: the offer');
    const rejections = await entries(answerer, 'signal-rejected');
    assert.deepEqual(
      rejections.map(({ from, code }) => ({ from, code })),
      [{ from: offerer.id, code: 'bad-signature' }],
    );
    assert.equal((await entries(offerer, 'signal-rejected')).length, 0, 'the offerer got nothing to refuse: no answer was made');
    for (const [peer, other] of [
      [offerer, answerer],
      [answerer, offerer],
    ] as const) {
      assert.notEqual(await linkState(peer, other.id), 'connected');
      assert.equal((await entries(peer, 'peer')).length, 0, `${peer.name} never announced a bound link`);
    }
    await closeAll([offerer, answerer, ...control]);
  } finally {
    unhook();
  }
});

test('a relay that replays an old offer: replayed, both into the live session and as the first signal of the next one', { timeout: 60_000 }, async () => {
  const room = 'replay';
  const [offerer, answerer] = await offererAndAnswerer(room);
  await Promise.all([linkedTo(offerer, [answerer.id]), linkedTo(answerer, [offerer.id])]);

  // The offerer's first envelope to the answerer: its offer, as the relay saw it go by.
  const offererClient = proxy.clients.find((client) => client.id === offerer.id)!;
  const recorded = proxy.log.find(
    ({ direction, client, frame }) => direction === 'client-to-server' && client === offererClient.index && isSignal(frame, room) && frame.to === answerer.id,
  );
  assert.ok(recorded, 'the relay saw the offer');
  const old = recorded.frame;
  assert.match(envelopeText(old.env as string), /"type":"offer"/);
  const replay: Frame = { type: 'signal', ns: old.ns, room, from: offerer.id, env: old.env };

  // 1. Into the live session: the link stays as it is.
  proxy.inject(answerer.id, replay);
  await rejectedFrom(answerer, offerer.id, 1);
  assert.equal(await linkState(answerer, offerer.id), 'connected');

  // 2. The offerer reloads (same key, new link session). Its new offer is held back until the relay
  //    has delivered the old one, so the old one is the first signal the answerer's new link sees.
  let injected = false;
  const unhook = proxy.onClientToServer((frame, client) => {
    if (!injected && client.id === offerer.id && client.index !== offererClient.index && isSignal(frame, room) && frame.to === answerer.id) {
      proxy.inject(answerer.id, replay);
      injected = true;
    }
    return frame;
  });
  try {
    const disconnected = answerer.page.waitForFunction((id) => probe.log.some((entry) => entry.type === 'peer-disconnect' && entry.id === id), offerer.id, WAIT);
    await offerer.page.reload();
    await Promise.all([disconnected, probeReady(offerer.page)]);
    assert.equal(await offerer.page.evaluate(() => probe.id), offerer.id, 'same key after the reload');
    await Promise.all([rejectedFrom(answerer, offerer.id, 2), linkedTo(offerer, [answerer.id]), linkedTo(answerer, [offerer.id])]);
    assert.ok(injected, 'the old offer went in ahead of the new one');

    const rejections = await entries(answerer, 'signal-rejected');
    assert.deepEqual(
      rejections.map(({ from, code }) => ({ from, code })),
      [
        { from: offerer.id, code: 'replayed' },
        { from: offerer.id, code: 'replayed' },
      ],
    );
    // One bound link per session of the offerer, and it is the honest one: messages flow both ways.
    assert.equal((await entries(answerer, 'peer')).filter((entry) => entry.id === offerer.id).length, 2);
    assert.deepEqual(await answerer.page.evaluate(() => probe.peers()), [offerer.id]);
    await send(offerer, answerer.id, 'after the replay');
    await send(answerer, offerer.id, 'and back');
    await Promise.all([received(answerer, offerer.id, 'after the replay'), received(offerer, answerer.id, 'and back')]);
  } finally {
    unhook();
  }
  await closeAll([offerer, answerer]);
});

// The answerer's *new* page has a fresh replay guard, so an old offer of the offerer's previous
// session (still inside the ±120 s window) opens fine when it arrives first. Having joined again,
// the reloaded page is now the newer member and offers the new link itself: the stale offer, which
// answers none of its sessions, must be refused there, or the genuine answer that follows would
// be refused as `wrong-session` (from another session than the one the stale offer opened).
test('a relay that replays an old offer to the answerer after it reloads: the genuine link still forms', { timeout: 60_000 }, async () => {
  const room = 'replay-answerer';
  const [offerer, answerer] = await offererAndAnswerer(room);
  await Promise.all([linkedTo(offerer, [answerer.id]), linkedTo(answerer, [offerer.id])]);
  const offererClient = proxy.clients.find((client) => client.id === offerer.id)!;
  const answererClient = proxy.clients.find((client) => client.id === answerer.id)!;
  const old = proxy.log.find(({ direction, client, frame }) => direction === 'client-to-server' && client === offererClient.index && isSignal(frame, room) && frame.to === answerer.id)!.frame;

  // Once the answerer is back, the old offer goes in ahead of the offerer's new one.
  let injected = false;
  const unhook = proxy.onClientToServer((frame, client) => {
    if (injected || client.id !== offerer.id || !isSignal(frame, room) || frame.to !== answerer.id) return frame;
    const fresh = proxy.clients.find((candidate) => candidate.id === answerer.id && candidate.index !== answererClient.index && candidate.open);
    if (fresh) {
      proxy.inject(fresh.index, { type: 'signal', ns: old.ns, room, from: offerer.id, env: old.env });
      injected = true;
    }
    return frame;
  });
  try {
    await answerer.page.reload();
    await probeReady(answerer.page);
    // An honest reload relinks in a second or two (the test above); give it a few times that.
    const soon = { timeout: 8_000 };
    await Promise.all([linkedTo(offerer, [answerer.id], soon), linkedTo(answerer, [offerer.id], soon)]);
    assert.ok(injected);
    const codes = (await entries(answerer, 'signal-rejected')).map((entry) => entry.code);
    assert.ok(codes.every((code) => code === 'replayed' || code === 'wrong-session'), `refused: ${codes.join(', ')}`);
  } finally {
    unhook();
    await closeAll([offerer, answerer]);
  }
});

test('a relay that redirects a signal to another peer: wrong-recipient, and no link from it', { timeout: 60_000 }, async () => {
  const room = 'redirect';
  // Learn the three ids first (each page alone in a room of its own), so the rule is in place
  // before any signal of the room passes.
  const alone = (name: string) => openPeer(`${room}-alone-${name}`, name);
  const [a, b, c] = await Promise.all([alone('A'), alone('B'), alone('C')]);
  const redirected: Frame[] = [];
  const unhook = proxy.onClientToServer((frame, client) => {
    if (client.id !== a.id || !isSignal(frame, room) || frame.to !== b.id) return frame;
    redirected.push(frame);
    return { ...frame, to: c.id };
  });
  try {
    // C first: a redirected signal reaches C only if C is in the room (the server refuses a `to`
    // that is not), and A starts signalling B as soon as both are in.
    await moveTo(c, room);
    await Promise.all([moveTo(a, room), moveTo(b, room)]);
    // A and C, and B and C, link honestly: A's own signals to C pass untouched.
    await Promise.all([rejectedFrom(c, a.id), linkedTo(a, [c.id]), linkedTo(b, [c.id]), linkedTo(c, [a.id, b.id])]);
    assert.ok(redirected.length >= 1);
    const seen = redirected.length;
    await rejectedFrom(c, a.id, seen);

    // Every redirected envelope was refused by C, as sealed for someone else, and C refused nothing else.
    const rejections = await entries(c, 'signal-rejected');
    assert.ok(rejections.length >= seen);
    for (const rejection of rejections) assert.deepEqual({ from: rejection.from, code: rejection.code }, { from: a.id, code: 'wrong-recipient' });
    // The redirected signals did not disturb C's own link with A: messages flow on it.
    await send(a, c.id, 'A to C');
    await received(c, a.id, 'A to C');
    // A and B never linked while the rule was on: B got none of A's signals, so nothing to refuse either.
    for (const [peer, other] of [
      [a, b],
      [b, a],
    ] as const) {
      assert.notEqual(await linkState(peer, other.id), 'connected');
      assert.equal((await entries(peer, 'peer')).filter((entry) => entry.id === other.id).length, 0);
    }
    assert.equal((await entries(b, 'signal-rejected')).length, 0);
  } finally {
    unhook();
  }
  await closeAll([a, b, c]);
});
