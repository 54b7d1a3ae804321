/**
 * A link's signals: every one it sends is sealed, every one it receives opened and checked.
 *
 * - Batching: trickled signals emitted within `batchMs` travel in one envelope, so the crypto and
 *   the relay hop are paid once per burst. Envelopes leave in the order their signals were made.
 * - Sessions: each side's envelopes carry a per-link session nonce, and name the remote session
 *   they answer once it is known, so stale answers and replays from other sessions are told
 *   apart. A remote that starts over (it reloaded, or re-made the link) is followed only on a
 *   fresh offer signed after the one that opened the current session.
 * - Spares: a link made before anyone is there to talk to keeps what it prepares until `claim()`
 *   addresses it to a peer; then everything ready goes out in one envelope.
 * - In pair mode the remote is a stranger: the offer is sealed to `*`, and the first envelope that
 *   verifies names the remote.
 * - Order: a link checks the envelopes it receives side by side but applies their signals one at
 *   a time, in arrival order, with a bound on how many wait (SignalQueue).
 *
 * `openSignal` opens and checks an envelope without any link, so an owner can check a newcomer's
 * first signal before it spends anything (an RTCPeerConnection, a spare) on it.
 */
import { randomBytes, toBase64Url } from '../util/bytes.js';
import { EnvelopeError, open, seal, type EnvelopeErrorCode, type EnvelopeSigner } from '../envelope/envelope.js';
import type { ReplayGuard } from '../envelope/replay-guard.js';
import type { KeyDirectory, TrustPolicy } from '../envelope/trust.js';
import type { PublicKeyInfo } from '../openpgp/key.js';
import type { RoomAddress } from '../signaling/transport.js';
import type { RtcSignal } from './rtc.js';
import { isServerPathKey } from './server-path.js';

/** Whoever the offer of a pair-mode link is for: the stranger the server picks. */
export const ANY_PEER = '*';

export type SignalRejectionCode = EnvelopeErrorCode | 'wrong-sender' | 'wrong-session' | 'flooded';

/**
 * Signals waiting for one link, at most: an honest remote sends a handful per burst (an offer or
 * answer, candidates, an ICE restart); past this, a relay is flooding the link.
 */
export const MAX_WAITING_SIGNALS = 64;

export interface SignalBody {
  readonly session: string;
  /** The remote session these signals answer, once known: stale answers are told apart. */
  readonly peer?: string;
  readonly signals: readonly RtcSignal[];
  /** The sender takes media on this link (it is in a call): signed with the descriptions it rides with. */
  readonly media?: boolean;
  /** The sender's key for this link's frames through the server (server-path.ts), once it needs them. */
  readonly serverKey?: string;
}

/** A signal envelope that opened: signed by `from`, for us, fresh, admitted by the trust policy. */
export interface OpenedSignal {
  readonly from: string;
  /** The verified sender key. */
  readonly sender: PublicKeyInfo;
  readonly sealedAt: number;
  readonly body: SignalBody;
}

export type SignalCheck = { readonly ok: true; readonly signal: OpenedSignal } | { readonly ok: false; readonly code: SignalRejectionCode; readonly message: string };

export interface OpenSignalOptions {
  /** Our fingerprint. */
  readonly me: string;
  /** Also take envelopes sealed to ANY_PEER: a stranger's offer in pair mode. */
  readonly anyRecipient?: boolean;
  /** Who the transport says sent it: an envelope signed by anyone else is `wrong-sender`. */
  readonly from?: string;
  readonly address: RoomAddress;
  readonly replay: ReplayGuard;
  readonly keys?: KeyDirectory;
  readonly policy?: TrustPolicy;
}

function isSignalBody(body: unknown): body is SignalBody {
  const shape = body as Partial<SignalBody> | null | undefined;
  return typeof shape === 'object' && shape !== null && Array.isArray(shape.signals) && typeof shape.session === 'string' && (shape.peer === undefined || typeof shape.peer === 'string') && (shape.media === undefined || typeof shape.media === 'boolean') && (shape.serverKey === undefined || isServerPathKey(shape.serverKey));
}

/**
 * Opens and checks a signal envelope: signature, recipient, freshness, replay, trust policy, and
 * shape. Needs no link; never throws (a refusal is a typed result).
 */
export async function openSignal(env: string, options: OpenSignalOptions): Promise<SignalCheck> {
  const { me, address, replay, keys, policy } = options;
  let opened;
  try {
    opened = await open<unknown>(env, { ns: address.ns, room: address.room, me: options.anyRecipient ? [me, ANY_PEER] : me, replay, ...(keys ? { keys } : {}), ...(policy ? { policy } : {}) });
  } catch (error) {
    return { ok: false, code: error instanceof EnvelopeError ? error.code : 'malformed', message: (error as Error).message };
  }
  if (options.from !== undefined && opened.from !== options.from) return { ok: false, code: 'wrong-sender', message: `signed by ${opened.from}, delivered as from ${options.from}` };
  if (opened.type !== 'signal' || !isSignalBody(opened.body)) return { ok: false, code: 'malformed', message: 'not a signal envelope' };
  return { ok: true, signal: { from: opened.from, sender: opened.sender, sealedAt: opened.ts, body: opened.body } };
}

/**
 * Signal handling for one link, one at a time in arrival order (an offer whose opening waits on
 * the key directory is not overtaken by its candidates), with at most MAX_WAITING_SIGNALS waiting.
 * A task that throws, or one past the bound, is reported through `reject`, never thrown at the
 * transport that delivered the signal.
 */
export class SignalQueue {
  #tail: Promise<void> = Promise.resolve();
  #waiting = 0;
  /** A flood is reported once until the queue has emptied: a report per dropped signal would be a flood of its own. */
  #floodReported = false;

  constructor(private readonly reject: (code: SignalRejectionCode, message: string) => void) {}

  run(task: () => Promise<void> | void): Promise<void> {
    if (this.#waiting >= MAX_WAITING_SIGNALS) {
      if (!this.#floodReported) this.reject('flooded', `more than ${MAX_WAITING_SIGNALS} signals waiting for this link: the rest of this burst is dropped`);
      this.#floodReported = true;
      return Promise.resolve();
    }
    this.#waiting++;
    this.#tail = this.#tail
      .then(task)
      .catch((error: unknown) => this.reject('malformed', (error as Error).message))
      .finally(() => {
        if (--this.#waiting === 0) this.#floodReported = false;
      });
    return this.#tail;
  }

  /**
   * Starts `check` at once and applies its result in arrival order. Checking one envelope after
   * another made every trickled candidate wait for the signature checks of all before it: with
   * many links in one process, handshakes took 2-3x longer and WebRTC kept trying ICE-TCP pairs
   * meanwhile, thousands of sockets (BENCHMARKS.md, room). Past the bound, the check is not
   * started at all: a flood costs no crypto.
   */
  runInOrder<T>(check: () => Promise<T>, apply: (result: T) => void): Promise<void> {
    if (this.#waiting >= MAX_WAITING_SIGNALS) return this.run(() => undefined);
    const checking = check();
    // A check that rejects is reported when its turn comes; until then it must not count as unhandled.
    checking.catch(() => undefined);
    return this.run(async () => apply(await checking));
  }
}

export interface SignalsOptions {
  readonly identity: EnvelopeSigner;
  readonly address: RoomAddress;
  readonly replay: ReplayGuard;
  readonly keys?: KeyDirectory;
  readonly policy?: TrustPolicy;
  readonly initiator: boolean;
  readonly remoteId?: string;
  readonly sendSignal?: (env: string) => void;
  readonly batchMs?: number;
}

/** What the signals need to know of their link. */
export interface SignalsHooks {
  /** Our key rides along until the link is bound: the remote may not know it yet. */
  includeKey(): boolean;
  /** Closed: nothing more goes out. */
  stopped(): boolean;
  /** A signal could not be sealed or handed to whatever carries it: the link cannot go on. */
  failed(error: Error): void;
  /** Whether this side takes media now: said (sealed) in each envelope. */
  offersMedia?(): boolean;
}

/** What `accept` makes of an opened signal. */
export type SessionVerdict = { readonly ok: true; readonly newSession: boolean } | { readonly ok: false; readonly code: SignalRejectionCode; readonly message: string };

export class Signals {
  readonly session = toBase64Url(randomBytes(12));
  #remoteId: string | undefined;
  #sendSignal: ((env: string) => void) | undefined;
  /** The remote's key, once one of its envelopes verified: later envelopes need not carry it. */
  #remoteKey: PublicKeyInfo | undefined;
  #remoteSession: string | undefined;
  /** When the envelope that named the remote session was sealed: a newer offer may replace it. */
  #remoteSessionTs = 0;
  #outbox: RtcSignal[] = [];
  /** Our server-path key, sent with the next envelope (server-path.ts). */
  #serverKey: string | undefined;
  #flushTimer: ReturnType<typeof setTimeout> | undefined;
  /** Envelopes are sealed one after another, so they leave in the order their signals were made. */
  #sending: Promise<void> = Promise.resolve();

  /** The room's address book, falling back to the remote key this link already verified. */
  readonly keys: KeyDirectory;

  constructor(
    private readonly options: SignalsOptions,
    private readonly hooks: SignalsHooks,
  ) {
    this.#remoteId = options.remoteId;
    this.#sendSignal = options.sendSignal;
    const outer = options.keys;
    this.keys = {
      find: async (fingerprint) => (await outer?.find(fingerprint)) ?? (fingerprint === this.#remoteKey?.fingerprint ? this.#remoteKey : undefined),
      admit: (key, policy, now, context) => outer?.admit(key, policy, now, context) ?? Promise.resolve(undefined),
    };
  }

  /** The remote's fingerprint; in pair mode undefined until its first envelope verifies. */
  get remoteId(): string | undefined {
    return this.#remoteId;
  }

  get remoteSession(): string | undefined {
    return this.#remoteSession;
  }

  /** Addresses a spare: what it has prepared goes out now. */
  claim(remoteId: string, sendSignal: (env: string) => void): void {
    if (this.#sendSignal || this.#remoteId !== undefined) throw new Error('this link is already addressed');
    this.#remoteId = remoteId;
    this.#sendSignal = sendSignal;
    this.#flushNow();
  }

  /** A signal WebRTC made: it goes out with the others made within `batchMs`. */
  queue(signal: RtcSignal): void {
    this.#outbox.push(signal);
    this.#flushTimer ??= setTimeout(() => this.#flushNow(), this.options.batchMs ?? 0);
  }

  /** Sends our key for frames through the server to the remote now, in an envelope of its own if nothing else is going. */
  sendServerKey(key: string): void {
    this.#serverKey = key;
    this.#flushNow();
  }

  open(env: string): Promise<SignalCheck> {
    const { identity, address, replay, policy, initiator } = this.options;
    // A stranger's offer is sealed for anyone; once the remote is known, only for us. Envelopes
    // checked side by side may all start before the first names the remote: accept() still
    // refuses any other sender.
    const anyRecipient = this.#remoteId === undefined && !initiator;
    return openSignal(env, { me: identity.fingerprint, anyRecipient, address, replay, keys: this.keys, ...(policy ? { policy } : {}) });
  }

  /**
   * Checks an opened signal against this link's remote and sessions. `live`: the link is up or
   * being made, so a remote that started over may be followed (`newSession`: the caller makes a
   * new connection for it).
   */
  accept(signal: OpenedSignal, live: boolean): SessionVerdict {
    this.#remoteId ??= signal.from;
    if (signal.from !== this.#remoteId) return { ok: false, code: 'wrong-sender', message: `signed by ${signal.from}, delivered as from ${this.#remoteId}` };
    this.#remoteKey ??= signal.sender;
    const { body, sealedAt } = signal;
    if (body.peer !== undefined && body.peer !== this.session) return { ok: false, code: 'wrong-session', message: 'an answer to another session of ours (replayed?)' };
    // The offering side's link opens with its own offer: every signal of the other side answers
    // it and names our session. One that names none is an offer of the remote's own — an old one
    // replayed into a page that reloaded and now offers, or a crossed one — and taking its session
    // would refuse the genuine answer as from another session.
    if (this.options.initiator && body.peer === undefined) return { ok: false, code: 'wrong-session', message: 'a signal that answers none of our sessions, on a link we offer (a replayed or crossed offer?)' };
    let newSession = false;
    if (this.#remoteSession !== undefined && body.session !== this.#remoteSession) {
      // A newer offer from another session: the remote started over. Before we bound (it
      // reloaded), or after: it dropped the link and offered a new one, and that offer overtook
      // the news of the drop (our link still looks up). Only an offer signed (by the verified
      // remote, for us, with a fresh nonce) after the one that opened the current session
      // replaces it: older sessions' signals, and replays, are still refused.
      const offers = body.signals.some((entry) => entry.type === 'offer');
      const startedOver = offers && !this.options.initiator && live && sealedAt > this.#remoteSessionTs;
      if (!startedOver) return { ok: false, code: 'wrong-session', message: 'a signal from another session of this peer (replayed?)' };
      // What we prepared for the old session answers nobody now.
      this.#outbox = [];
      this.#serverKey = undefined;
      clearTimeout(this.#flushTimer);
      this.#flushTimer = undefined;
      this.#remoteSession = undefined;
      newSession = true;
    }
    if (this.#remoteSession === undefined) {
      this.#remoteSession = body.session;
      this.#remoteSessionTs = sealedAt;
    }
    return { ok: true, newSession };
  }

  stop(): void {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
  }

  #flushNow(): void {
    this.#flushTimer = undefined;
    this.#sending = this.#sending.then(() => this.#flush());
  }

  async #flush(): Promise<void> {
    // A spare keeps what it prepares until it is claimed.
    const sendSignal = this.#sendSignal;
    if (!sendSignal) return;
    const signals = this.#outbox.splice(0);
    const serverKey = this.#serverKey;
    this.#serverKey = undefined;
    if ((signals.length === 0 && !serverKey) || this.hooks.stopped()) return;
    const { identity, address } = this.options;
    const body: SignalBody = {
      session: this.session,
      ...(this.#remoteSession ? { peer: this.#remoteSession } : {}),
      signals,
      ...(this.hooks.offersMedia?.() ? { media: true } : {}),
      ...(serverKey ? { serverKey } : {}),
    };
    try {
      const env = await seal<SignalBody>(identity, { ...address, to: this.#remoteId ?? ANY_PEER, type: 'signal', body, includeKey: this.hooks.includeKey() });
      // Closed while sealing: nobody wants this signal any more.
      if (!this.hooks.stopped()) sendSignal(env);
    } catch (error) {
      this.hooks.failed(error as Error);
    }
  }
}
