/**
 * Where the curve math runs (Ed25519, X25519): the platform's WebCrypto when it has the
 * algorithm, else TweetNaCl, loaded lazily so pages that never need it never fetch it. One
 * choice per curve, which tests (and pages that must avoid WebCrypto) can pin.
 */
export type CurveBackend = 'webcrypto' | 'tweetnacl';

type TweetNacl = typeof import('tweetnacl');
let tweetnacl: Promise<TweetNacl> | undefined;

export function loadTweetNacl(): Promise<TweetNacl> {
  tweetnacl ??= import('tweetnacl').then((module) => ((module as { default?: TweetNacl }).default ?? module) as TweetNacl);
  return tweetnacl;
}

/** The backend for one curve: detected once, unless pinned. */
export class CurveBackendChoice {
  #choice: Promise<CurveBackend> | undefined;
  #forced: CurveBackend | undefined;

  /**
   * `algorithm`: the WebCrypto name; `publicPoint`: a valid public key of it, whose import proves
   * the algorithm exists without generating a key.
   */
  constructor(
    private readonly algorithm: string,
    private readonly publicPoint: Uint8Array<ArrayBuffer>,
    private readonly usages: KeyUsage[],
  ) {}

  get(): Promise<CurveBackend> {
    this.#choice ??= this.#forced ? Promise.resolve(this.#forced) : this.#detect();
    return this.#choice;
  }

  pin(backend: CurveBackend | undefined): void {
    this.#forced = backend;
    this.#choice = undefined;
  }

  async #detect(): Promise<CurveBackend> {
    try {
      const subtle = globalThis.crypto?.subtle;
      if (!subtle) return 'tweetnacl';
      await subtle.importKey('raw', this.publicPoint, { name: this.algorithm }, false, this.usages);
      return 'webcrypto';
    } catch {
      return 'tweetnacl';
    }
  }
}
