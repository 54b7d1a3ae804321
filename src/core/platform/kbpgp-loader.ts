/**
 * kbpgp is large (≈220 KB gzip) and takes 250–600 ms to evaluate, and its first key generation
 * spends ≈0.5 s gathering entropy. It is only needed to create, import, export or (un)protect a
 * key — never to sign or verify — so it loads lazily (in a worker on pages: key-tools-client.ts).
 */
import type kbpgpModule from 'kbpgp';

export type Kbpgp = typeof kbpgpModule;

let loading: Promise<Kbpgp> | undefined;

export function loadKbpgp(): Promise<Kbpgp> {
  loading ??= import('./node-shims/globals.js')
    .then(() => import('kbpgp'))
    .then((module) => (module as { default?: Kbpgp }).default ?? (module as unknown as Kbpgp));
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/** kbpgp reports some failures by throwing from a callback; this turns every outcome into a promise. */
export function kbpgpCall<T>(run: (callback: (error: Error | null, value: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      run((error, value) => (error ? reject(error) : resolve(value)));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/** kbpgpCall for the calls that report only an error. */
export function kbpgpStep(run: (callback: (error: Error | null) => void) => void): Promise<undefined> {
  return kbpgpCall<undefined>((done) => run((error) => done(error, undefined)));
}
