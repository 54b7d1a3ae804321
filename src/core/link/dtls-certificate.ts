/**
 * One DTLS certificate per identity, kept in IndexedDB and handed to every RTCPeerConnection the
 * identity makes (issue 17). Without it the browser generates a certificate for each connection
 * (an ECDSA key, on the path of every link's first offer) and the fingerprint peers bind to a key
 * changes with every link; with it the fingerprint is a stable fact of the identity, which can be
 * announced and checked before answering (the next step), and no link pays for a key.
 *
 * The certificate is renewed well before it expires: a link made with it keeps working to its end,
 * so one made the day before expiry could outlive it. Where the platform cannot make or keep one
 * (Node's WebRTC, a store that cannot hold it), links go on making their own, as before.
 */
import { browserStore, type KeyValueStore } from '../platform/storage.js';

/** The browser's default lifetime is 30 days; a certificate this close to its end is replaced. */
export const DTLS_RENEW_BEFORE_MS = 7 * 24 * 60 * 60 * 1000;

export interface DtlsCertificateOptions {
  /** Where certificates live; default: IndexedDB `peerkit/certificates`. */
  readonly store?: KeyValueStore;
}

type Generate = (algorithm: EcKeyGenParams) => Promise<RTCCertificate>;

/** Per store and identity: asked once per page, whatever number of links the identity makes. */
const loaded = new WeakMap<KeyValueStore, Map<string, Promise<RTCCertificate | undefined>>>();
let defaultStore: Promise<KeyValueStore> | undefined;

/** The certificate `fingerprint`'s links use, made and stored on first use; undefined where there can be none. */
export async function dtlsCertificate(fingerprint: string, options: DtlsCertificateOptions = {}): Promise<RTCCertificate | undefined> {
  const generate = (globalThis.RTCPeerConnection as { generateCertificate?: Generate } | undefined)?.generateCertificate;
  if (!generate) return undefined;
  let store = options.store;
  try {
    store ??= await (defaultStore ??= browserStore('certificates'));
  } catch {
    // No IndexedDB here (a private window, a blocked origin): links make their own certificates.
    defaultStore = undefined;
    return undefined;
  }
  let byIdentity = loaded.get(store);
  if (!byIdentity) loaded.set(store, (byIdentity = new Map()));
  const cached = byIdentity.get(fingerprint);
  const current = cached && (await cached);
  if (current && current.expires - Date.now() > DTLS_RENEW_BEFORE_MS) return current;
  const next = currentOrNew(store, fingerprint, generate.bind(globalThis.RTCPeerConnection)).catch(() => undefined);
  byIdentity.set(fingerprint, next);
  return next;
}

async function currentOrNew(store: KeyValueStore, fingerprint: string, generate: Generate): Promise<RTCCertificate> {
  const kept = await store.getItem<RTCCertificate>(fingerprint).catch(() => null);
  if (kept instanceof RTCCertificate && kept.expires - Date.now() > DTLS_RENEW_BEFORE_MS) return kept;
  const made = await generate({ name: 'ECDSA', namedCurve: 'P-256' });
  // Not kept (a store that cannot hold one): this page still uses it for all its links.
  await store.setItem(fingerprint, made).catch(() => undefined);
  return made;
}
