/**
 * Runs in Chromium, driven by run.ts. Everything measured here is on the main thread of a real
 * page, with the same modules an app loads.
 */
import { Identity } from '../../src/core/identity/identity.js';
import { open, seal, sealBinary } from '../../src/core/envelope/envelope.js';
import { ReplayGuard } from '../../src/core/envelope/replay-guard.js';
import { Keyring } from '../../src/core/identity/keyring.js';
import { memoryStore } from '../../src/core/platform/storage.js';
import { loadKbpgp, kbpgpCall, kbpgpStep } from '../../src/core/platform/kbpgp-loader.js';

interface Signal {
  type: string;
  sdp: string;
}

async function captureOffer(withMedia: boolean): Promise<Signal> {
  const connection = new RTCPeerConnection({ iceServers: [] });
  if (withMedia) {
    connection.addTransceiver('audio');
    connection.addTransceiver('video');
  } else {
    connection.createDataChannel('peerkit');
  }
  await connection.setLocalDescription(await connection.createOffer());
  // Trickle off: wait for every candidate to be in the SDP.
  await new Promise<void>((resolve) => {
    if (connection.iceGatheringState === 'complete') resolve();
    connection.addEventListener('icegatheringstatechange', () => connection.iceGatheringState === 'complete' && resolve());
  });
  const { type, sdp } = connection.localDescription!.toJSON() as Signal;
  connection.close();
  return { type, sdp };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Long tasks (> 50 ms) on the main thread while `run` executes: what a user would feel. */
async function watchMainThread<T>(run: () => Promise<T>): Promise<{ result: T; ms: number; longestTaskMs: number; blockingMs: number }> {
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  const start = performance.now();
  const result = await run();
  const ms = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return { result, ms, longestTaskMs: Math.max(0, ...tasks), blockingMs: tasks.reduce((sum, duration) => sum + Math.max(0, duration - 50), 0) };
}

/**
 * A fresh page (nothing loaded, nothing stored) asks for a key: peerkit's (WebCrypto + our OpenPGP
 * packets, stored in IndexedDB), then, in the same page, kbpgp's own Ed25519 key generation with
 * its self-signature (load, entropy, keygen: what Identity.create cost before), not stored.
 */
async function firstIdentity(): Promise<object> {
  const slot = `bench-${Date.now()}`;
  const watched = await watchMainThread(() => Identity.loadOrCreate({ name: 'Bench', slot }));
  // A returning page loads the stored key.
  const loadStart = performance.now();
  await Identity.load({ slot: slot });
  const returningLoadMs = performance.now() - loadStart;
  const kbpgpWatched = await watchMainThread(async () => {
    const kbpgp = await loadKbpgp();
    const flags = kbpgp.const.openpgp.certify_keys | kbpgp.const.openpgp.sign_data;
    const km = await kbpgpCall<KeyManager>((done) => kbpgp.KeyManager.generate({ userid: 'Bench', primary: { algo: kbpgp.ecc.EDDSA, flags, nbits: 256 }, subkeys: [] }, done));
    await kbpgpStep((done) => km.sign({}, done));
  });
  return {
    firstIdentityMs: Number(watched.ms.toFixed(1)),
    longestTaskMs: Math.round(watched.longestTaskMs),
    blockingMs: Math.round(watched.blockingMs),
    returningLoadMs: Number(returningLoadMs.toFixed(1)),
    kbpgpKeyMs: Math.round(kbpgpWatched.ms),
    kbpgpBlockingMs: Math.round(kbpgpWatched.blockingMs),
  };
}

type Kbpgp = Awaited<ReturnType<typeof loadKbpgp>>;
type KeyManager = InstanceType<Kbpgp['KeyManager']>;

/** kbpgp's own sign-and-compress (box) and verify (unbox) of the same JSON: the named peer. */
async function kbpgpBaseline(kbpgp: Kbpgp, signer: KeyManager, json: string) {
  const box = (kbpgp as unknown as { box(o: object, cb: (e: Error | null, armored: string, raw: Uint8Array) => void): void }).box;
  const unbox = (kbpgp as unknown as { unbox(o: object, cb: (e: Error | null, literals: unknown) => void): void }).unbox;
  const ring = new (kbpgp as unknown as { keyring: { KeyRing: new () => { add_key_manager(km: KeyManager): void } } }).keyring.KeyRing();
  ring.add_key_manager(signer);
  let raw: Uint8Array = new Uint8Array();
  const sealStart = performance.now();
  await new Promise<void>((resolve, reject) =>
    box({ msg: json, sign_with: signer }, (error, _armored, buffer) => {
      raw = buffer;
      return error ? reject(error) : resolve();
    }),
  );
  const sealMs = performance.now() - sealStart;
  const openStart = performance.now();
  await new Promise<void>((resolve, reject) => unbox({ keyfetch: ring, raw, now: Math.floor(Date.now() / 1000) }, (error) => (error ? reject(error) : resolve())));
  return { sealMs, openMs: performance.now() - openStart, bytes: raw.length };
}

async function measure(name: string, signal: Signal, alice: Identity, bob: Identity, kbpgp: Kbpgp, aliceKm: KeyManager, iterations: number) {
  const base = { ns: 'peerkit-bench', room: 'lobby', to: bob.fingerprint, type: 'signal', body: signal };
  const keyring = await Keyring.open({ store: memoryStore() });
  await keyring.add(alice.armoredPublicKey);
  const replay = new ReplayGuard();
  const openOptions = { ns: base.ns, room: base.room, me: bob.fingerprint, replay, keys: keyring, policy: 'known' as const };
  const rawJson = JSON.stringify(signal);
  const samples = { seal: [] as number[], open: [] as number[], kbSeal: [] as number[], kbOpen: [] as number[] };
  let kbBytes = 0;
  for (let i = 0; i < iterations + 3; i++) {
    let t = performance.now();
    const sealed = await seal(alice, base);
    const sealMs = performance.now() - t;
    t = performance.now();
    await open(sealed, openOptions);
    const openMs = performance.now() - t;
    const kb = await kbpgpBaseline(kbpgp, aliceKm, JSON.stringify({ ...base, from: alice.fingerprint }));
    kbBytes = kb.bytes;
    if (i < 3) continue; // warm-up
    samples.seal.push(sealMs);
    samples.open.push(openMs);
    samples.kbSeal.push(kb.sealMs);
    samples.kbOpen.push(kb.openMs);
  }
  const text = await seal(alice, base);
  const firstContact = await seal(alice, { ...base, includeKey: true });
  const binary = await sealBinary(alice, base);
  const firstContactBinary = await sealBinary(alice, { ...base, includeKey: true });
  return {
    signal: name,
    iterations,
    rawJsonBytes: new TextEncoder().encode(rawJson).length,
    sealedTextBytes: text.length,
    sealedBinaryBytes: binary.length,
    firstContactTextBytes: firstContact.length,
    firstContactBinaryBytes: firstContactBinary.length,
    kbpgpBoxBinaryBytes: kbBytes,
    sealMedianMs: median(samples.seal),
    openMedianMs: median(samples.open),
    kbpgpBoxMedianMs: median(samples.kbSeal),
    kbpgpUnboxMedianMs: median(samples.kbOpen),
  };
}

(window as unknown as { runBench: (iterations: number) => Promise<object> }).runBench = async (iterations) => {
  const identity = await firstIdentity();
  const kbpgp = await loadKbpgp();
  const alice = await Identity.create({ name: 'Alice', store: memoryStore() });
  const bob = await Identity.create({ name: 'Bob', store: memoryStore() });
  const armoredPrivate = await alice.exportPrivateKey();
  const aliceKm = await kbpgpCall<KeyManager>((done) => kbpgp.KeyManager.import_from_armored_pgp({ armored: armoredPrivate }, (error, km) => done(error, km)));
  const dataChannel = await captureOffer(false);
  const audioVideo = await captureOffer(true);
  return {
    userAgent: navigator.userAgent,
    identity,
    results: [
      await measure('data-channel offer (trickle off)', dataChannel, alice, bob, kbpgp, aliceKm, iterations),
      await measure('audio+video offer (trickle off)', audioVideo, alice, bob, kbpgp, aliceKm, iterations),
    ],
  };
};
(window as unknown as { benchReady: boolean }).benchReady = true;
