/** Shared fixtures for browser and Node tests: real identities in throwaway stores. */
import { Identity } from '../../src/core/identity/identity.js';
import { browserStore, memoryStore, type KeyValueStore } from '../../src/core/platform/storage.js';

let counter = 0;

/** A fresh IndexedDB store (real IndexedDB, unique name) so tests never see each other's data. */
export function freshBrowserStore(kind: string): Promise<KeyValueStore> {
  return browserStore(`${kind}-${Date.now().toString(36)}-${counter++}`, 'peerkit-test');
}

const cache = new Map<string, Promise<Identity>>();

/** One identity per name for the whole test page: key generation is the slow part. */
export function identityNamed(name: string): Promise<Identity> {
  let identity = cache.get(name);
  if (!identity) {
    identity = Identity.create({ name, store: memoryStore() });
    cache.set(name, identity);
  }
  return identity;
}

/** Records every uncaught error and unhandled rejection while `run` executes. */
export async function collectUncaught(run: () => Promise<void>): Promise<unknown[]> {
  const caught: unknown[] = [];
  const onError = (event: ErrorEvent) => caught.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) => caught.push(event.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  try {
    await run();
    // Let any stray rejection surface before we stop listening.
    await new Promise((resolve) => setTimeout(resolve, 0));
  } finally {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  }
  return caught;
}
