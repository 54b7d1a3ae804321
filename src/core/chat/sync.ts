/**
 * Chat over a room, with history that converges. Every message is stored before it is sent and
 * pushed to everyone linked; when a link comes up, both sides exchange a summary of what they
 * hold — per time bucket, a count and a hash of the ids — and each sends the other its messages
 * in the buckets that differ. Receivers verify every message (its author's signature, its id)
 * before storing it, so history passed on by any peer is as authentic as history heard first-hand.
 *
 * Frames: JSON text sent with the channel's `send`/`broadcast` (a Room's or Pairing's app
 * messages: over the link to a peer, or relayed through others in a large room):
 *   {"t":"chat-summary","buckets":{"<prefix>":[count, hash]},"since"?:"<prefix>"}
 *                                                                  on link up; `since` (optional): the
 *                                                                  sender keeps no bucket older than
 *                                                                  this one (a virtual client's keep-
 *                                                                  hours), so none of those is sent
 *                                                                  `ask` (optional): answer with
 *                                                                  yours (sent by `syncWith`, when
 *                                                                  the link was up before us)
 *                                                                  `from` (optional): resume a repair
 *                                                                  cut short at this id
 *   {"t":"chat-messages","envs":["<sealed chat envelope>", …],"keys":{"<fingerprint>":"<armored>"},
 *    "seals"?:["<slice seal>", …],"more"?:"<id>"}                 pushes and repairs, with each
 *                                                                  author's key once per frame;
 *                                                                  `seals`: the latest seal held of
 *                                                                  each author's slice among the
 *                                                                  envelopes (slice-seal.ts), so the
 *                                                                  receiver hashes those envelopes
 *                                                                  instead of verifying each;
 *                                                                  `more`: the repair was cut short
 *                                                                  before this id (see below)
 *   {"t":"chat-have","ids":["<id>", …]}                          receipt to an author: these of
 *                                                                  yours are stored here (sent only
 *                                                                  for messages the author handed
 *                                                                  over itself, over our link: see
 *                                                                  #store)
 *   {"t":"chat-seen","id":"<id>"}                                  read receipt, to everyone: the
 *                                                                  newest message its sender has
 *                                                                  seen (at most one a second, never
 *                                                                  older than its last; sent again to
 *                                                                  each peer whose link comes up).
 *                                                                  It counts for its sender only
 *                                                                  (seen-receipts.ts)
 *
 * Reactions are chat messages (reaction.ts): they travel, are stored and are repaired as
 * `chat-messages` like any other. Typing has a channel of its own (typing.ts).
 *
 * A summary costs its sender a few hundred bytes and can cost the answerer its whole history (an
 * empty one asks for everything), so what answering costs is bounded per peer and in all: a peer's
 * summaries are answered at most about once a second (past that, only its latest waits for its
 * turn), one answer carries at most
 * `maxAnswerBytes`, and the bytes sent in answers come out of a budget per peer and a budget
 * shared by all peers (token buckets). An answer cut short says where (`more`: the first id it
 * left out); the receiver, having stored it, sends its summary again a second later with `from`
 * that id (buckets are coarse: without it the answer would start over with what was just sent),
 * so an honest sync of a big history still converges, at the budget's pace once the first burst
 * is spent.
 */
import { ChatAuthor, ChatError, chatId, openChatMessage, type ChatErrorCode, type ChatMessage } from './message.js';
import type { Reaction } from './reaction.js';
import { SeenLedger, SeenOutbox } from './seen-receipts.js';
import { systemClock, type Clock } from '../util/clock.js';
import type { EnvelopeSigner } from '../envelope/envelope.js';
import { keyClaimedBy, MAX_SEALS_PER_BATCH, verifyChatBatch } from './verify.js';
import { isChatId, sliceOf } from './ids.js';
import { MAX_SEAL_DIGESTS, sealSlice, type VerifiedSeal } from './slice-seal.js';
import type { ChatHistory } from './history.js';
import type { PublicKeyInfo } from '../openpgp/key.js';
import { TokenBucket, TokenBuckets } from '../util/token-bucket.js';
import type { KeyDirectory, TrustPolicy, TrustRefusal } from '../envelope/trust.js';
import { ChatFrames, hasChannels } from './channel.js';
import type { PeerGroupEventMap } from '../session/peer-group.js';
import { Emitter } from '../util/events.js';

/** The events chat listens to, as a PeerGroup emits them (a channel that never says who left may omit `peer-disconnect`). */
type ChatChannelEventMap = Pick<PeerGroupEventMap, 'peer' | 'message' | 'peer-disconnect'>;

/**
 * A listener typed as a method, which TypeScript compares both ways: a channel that is a plain
 * EventTarget (its listeners take any Event) fits as well as an Emitter<PeerGroupEventMap>.
 */
type ChannelListener<E> = { handle(event: E): void }['handle'];

/** What chat needs from a room (a `Room` or a `Pairing` fits). */
export interface ChatChannel extends EventTarget {
  addEventListener<K extends keyof ChatChannelEventMap>(type: K, listener: ChannelListener<ChatChannelEventMap[K]>, options?: AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: AddEventListenerOptions | boolean): void;
  send(to: string, data: string): void;
  broadcast(data: string): void;
  /** The room's members other than this peer, when the channel knows them: receipts count from members only. */
  readonly peers?: readonly string[];
}

export interface ChatSyncOptions {
  readonly identity: EnvelopeSigner;
  /** A Room or Pairing (chat then has its own named channel on it), or any ChatChannel. */
  readonly channel: ChatChannel;
  readonly history: ChatHistory;
  readonly keys?: KeyDirectory;
  readonly policy?: TrustPolicy;
  /** Envelopes per frame: keeps each data-channel message well under browsers' 256 KB limit. */
  readonly batch?: number;
  /** This author's clock (ms); default the clock's. Tests and virtual clients set it. */
  readonly now?: () => number;
  /** Timers (read receipts wait on one) and, unless `now` is given, time; default the system's. */
  readonly clock?: Clock;
  /** What answering peers' summaries may cost (defaults: CHAT_SYNC_LIMITS). */
  readonly limits?: Partial<ChatSyncLimits>;
}

export interface ChatSyncLimits {
  /** Bytes of envelopes and keys one answer to a summary may carry. */
  readonly maxAnswerBytes: number;
  /** Each peer's budget for answers: bytes a second, and the burst a first sync may use at once. */
  readonly peerBytesPerSecond: number;
  readonly peerBurstBytes: number;
  /** The budget all peers share. */
  readonly totalBytesPerSecond: number;
  readonly totalBurstBytes: number;
  /** Summaries answered per peer: a second, and burst. */
  readonly summariesPerSecond: number;
  readonly summaryBurst: number;
  /** How long after an answer cut short (`more`) the receiver asks again, ms. */
  readonly continueAfterMs: number;
}

/**
 * A full history (10,000 messages of a few hundred bytes each) fits in one answer and one burst, so
 * a peer that comes back after a long absence converges in one round.
 */
export const CHAT_SYNC_LIMITS: ChatSyncLimits = {
  maxAnswerBytes: 8 * 1024 * 1024,
  peerBytesPerSecond: 256 * 1024,
  peerBurstBytes: 16 * 1024 * 1024,
  totalBytesPerSecond: 1024 * 1024,
  totalBurstBytes: 64 * 1024 * 1024,
  summariesPerSecond: 1,
  summaryBurst: 4,
  continueAfterMs: 1000,
};

export interface ChatSyncEventMap {
  /** A message new to this peer (its own included), after it was stored. */
  message: CustomEvent<{ readonly message: ChatMessage }>;
  /** A message that failed its checks, and who passed it on. */
  rejected: CustomEvent<{ readonly from: string; readonly code: ChatErrorCode; readonly reason: string }>;
  /** Handling a peer's frame failed for a reason of our own (storage, not the frame's content). */
  error: CustomEvent<{ readonly from: string; readonly message: string }>;
  /**
   * A peer confirmed it stored one of this peer's messages: a peer it reached first-hand (over a
   * link; in a partial mesh, a neighbour), so "delivered" means it left this device and is kept.
   */
  delivered: CustomEvent<{ readonly id: string; readonly to: string }>;
  /** A peer has seen the messages up to `id` (its newest receipt; `seenBy` answers from these). */
  seen: CustomEvent<{ readonly peer: string; readonly id: string }>;
}

/** Ids start with 9 base-36 digits of time; the first 5 make buckets of about 28 minutes. */
const BUCKET_PREFIX = 5;
const MAX_FRAME = 1_000_000;
/** A summary names at most this many buckets (a capped history of 10,000 fills at most 10,000). */
const MAX_SUMMARY_BUCKETS = 20_000;

type Summary = Record<string, [number, number]>;
type Frame =
  | { t: 'chat-summary'; buckets: Summary; since?: string; ask?: true; from?: string }
  | { t: 'chat-messages'; envs: string[]; keys?: Record<string, string>; seals?: string[]; more?: string }
  | { t: 'chat-have'; ids: string[] }
  | { t: 'chat-seen'; id: string };
/** A receipt names at most this many ids (a frame's batch), each at most as long as an id. */
const MAX_RECEIPT_IDS = 256;
const MAX_ID_LENGTH = 40;
const MAX_KEYS_PER_FRAME = 64;

/** FNV-1a over the id: summed per bucket, so the order ids arrived in does not matter. */
function idHash(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

function parseFrame(data: string): Frame | undefined {
  if (data.length > MAX_FRAME || !data.startsWith('{"t":"chat-')) return undefined;
  try {
    const frame = JSON.parse(data) as Partial<Frame>;
    const optionalId = (value: unknown) => value === undefined || (typeof value === 'string' && value.length <= MAX_ID_LENGTH);
    if (frame.t === 'chat-summary' && isSummary(frame.buckets) && optionalId(frame.since) && optionalId(frame.from)) return frame as Frame;
    // A receipt carries its id and nothing else: it names no reader (its sender is the reader).
    if (frame.t === 'chat-seen' && typeof frame.id === 'string' && frame.id.length <= MAX_ID_LENGTH && Object.keys(frame).length === 2) return frame as Frame;
    if (frame.t === 'chat-have' && Array.isArray(frame.ids) && frame.ids.length <= MAX_RECEIPT_IDS && frame.ids.every((id) => typeof id === 'string' && id.length <= MAX_ID_LENGTH)) return frame as Frame;
    const seals = frame.t === 'chat-messages' ? (frame.seals ?? []) : [];
    const sealsWellFormed = Array.isArray(seals) && seals.length <= MAX_SEALS_PER_BATCH && seals.every((seal) => typeof seal === 'string');
    if (frame.t === 'chat-messages' && Array.isArray(frame.envs) && frame.envs.every((env) => typeof env === 'string') && optionalId(frame.more) && sealsWellFormed) {
      const keys = frame.keys ?? {};
      const entries = typeof keys === 'object' && keys !== null ? Object.entries(keys) : [];
      if (entries.length <= MAX_KEYS_PER_FRAME && entries.every(([, armored]) => typeof armored === 'string')) return frame as Frame;
    }
  } catch {
    // Malformed: dropped like any stranger's noise.
  }
  return undefined;
}

function seenFrame(id: string): string {
  return JSON.stringify({ t: 'chat-seen', id } satisfies Frame);
}

function isSummary(value: unknown): value is Summary {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length <= MAX_SUMMARY_BUCKETS &&
    entries.every(([bucket, counts]) => bucket.length <= BUCKET_PREFIX && Array.isArray(counts) && counts.length === 2 && counts.every((count) => Number.isSafeInteger(count) && count >= 0))
  );
}

export class ChatSync extends Emitter<ChatSyncEventMap> {
  readonly #author: ChatAuthor;
  /** Aborted by close(): removes this sync's listeners from the channel. */
  readonly #listening = new AbortController();
  /** Where chat frames go and come from (the group's chat channel, or the channel given). */
  readonly #channel: ChatChannel;
  readonly #limits: ChatSyncLimits;
  readonly #summaries: TokenBuckets;
  readonly #peerBytes: TokenBuckets;
  readonly #totalBytes: TokenBucket;
  /** Per peer, the timer that asks again after an answer cut short. */
  readonly #continuations = new Map<string, ReturnType<typeof setTimeout>>();
  #closed = false;
  /** Per peer, its latest summary waiting for the rate to allow an answer (older ones are dropped). */
  readonly #waiting = new Map<string, { frame: Extract<Frame, { t: 'chat-summary' }>; timer: ReturnType<typeof setTimeout> }>();
  readonly #now: () => number;
  /** Read receipts: ours going out, and the latest each peer sent. */
  readonly #seenOut: SeenOutbox;
  readonly #seen: SeenLedger;

  constructor(private readonly options: ChatSyncOptions) {
    super();
    this.#author = new ChatAuthor(options.identity);
    const limits = (this.#limits = { ...CHAT_SYNC_LIMITS, ...options.limits });
    this.#summaries = new TokenBuckets(limits.summariesPerSecond, limits.summaryBurst);
    this.#peerBytes = new TokenBuckets(limits.peerBytesPerSecond, limits.peerBurstBytes);
    this.#totalBytes = new TokenBucket(limits.totalBytesPerSecond, limits.totalBurstBytes);
    const clock = options.clock ?? systemClock;
    this.#now = options.now ?? (() => clock.now());
    this.#seenOut = new SeenOutbox((id) => this.#channel.broadcast(seenFrame(id)), clock);
    // The receiver's own clock, as messages are opened with: `now` may be an author's skewed one.
    this.#seen = new SeenLedger(options.history, () => clock.now());
    const { signal } = this.#listening;
    // A group with named channels carries chat on its own channel; anything else is taken as one.
    this.#channel = hasChannels(options.channel) ? new ChatFrames(options.channel, signal) : options.channel;
    this.#channel.addEventListener(
      'peer',
      ({ detail }) => {
        this.#sendSummary(detail.id);
        const seen = this.#seenOut.latest;
        if (seen !== undefined) this.#channel.send(detail.id, seenFrame(seen));
      },
      { signal },
    );
    this.#channel.addEventListener('peer-disconnect', ({ detail }) => this.#seen.forget(detail.id), { signal });
    this.#channel.addEventListener(
      'message',
      ({ detail }) => {
        // A failure here (storage full, a bug) is reported, never an unhandled rejection that stops a Node peer.
        this.#receive(detail).catch((error: unknown) => this.emit('error', { from: detail.from, message: error instanceof Error ? error.message : String(error) }));
      },
      { signal },
    );
  }

  /** Writes, stores (before sending) and pushes a message to everyone linked. */
  async send(text: string, attachments: readonly string[] = []): Promise<ChatMessage> {
    return this.#publish({ text, attachments });
  }

  /**
   * Reacts to message `to` with one emoji, or (`on` false) takes that reaction back: a message like
   * any other (signed, stored, synced). Refused with a ChatError: `bad-target`, `not-emoji`.
   */
  async react(to: string, emoji: string, on = true): Promise<ChatMessage> {
    return this.#publish({ text: '', reaction: { to, emoji, on } });
  }

  /**
   * The reader has seen message `id` (the newest one in view, while the page is visible): the
   * room is told, at most once a second and never of an older one than before. Throws a
   * ChatError (`bad-id`) for what is not a message id.
   */
  markSeen(id: string): void {
    if (!isChatId(id)) throw new ChatError('bad-id', 'markSeen takes a message id');
    this.#seenOut.mark(id);
  }

  /** The peers that have seen message `id` (their newest receipt is for it or a later message). */
  seenBy(id: string): string[] {
    return this.#seen.seenBy(id);
  }

  async #publish(content: { text: string; attachments?: readonly string[]; reaction?: Reaction }): Promise<ChatMessage> {
    const { history } = this.options;
    const channel = this.#channel;
    const message = await this.#author.compose({ ns: history.ns, room: history.room, ...content, now: this.#now() });
    await history.addKey(message.from, this.options.identity.armoredPublicKey);
    await history.add(message);
    this.emit('message', { message });
    this.#settleSeen();
    // The push carries the slice's new seal, so every holder can pass on a seal covering it.
    channel.broadcast(JSON.stringify(await this.#frameOf([message])));
    return message;
  }

  /**
   * Reconciles with peers whose links came up before this ChatSync existed (a chat element added
   * to a running room): each gets our summary and is asked for theirs.
   */
  syncWith(ids: readonly string[]): void {
    for (const id of ids) this.#sendSummary(id, true);
  }

  close(): void {
    this.#closed = true;
    this.#listening.abort();
    this.#seenOut.close();
    for (const timer of this.#continuations.values()) clearTimeout(timer);
    this.#continuations.clear();
    for (const { timer } of this.#waiting.values()) clearTimeout(timer);
    this.#waiting.clear();
  }

  /** Count and hash of the ids in each time bucket. */
  summary(): Summary {
    const buckets: Summary = {};
    for (const message of this.options.history.after(undefined)) {
      const bucket = (buckets[message.id.slice(0, BUCKET_PREFIX)] ??= [0, 0]);
      bucket[0]++;
      bucket[1] = (bucket[1] + idHash(message.id)) >>> 0;
    }
    return buckets;
  }

  #sendSummary(to: string, ask = false, resumeAt?: string): void {
    const horizon = this.options.history.horizon;
    const since = Number.isFinite(horizon) ? { since: chatId(horizon, '', 0).slice(0, BUCKET_PREFIX) } : {};
    const from = resumeAt !== undefined ? { from: resumeAt } : {};
    this.#channel.send(to, JSON.stringify({ t: 'chat-summary', buckets: this.summary(), ...since, ...from, ...(ask ? { ask: true as const } : {}) } satisfies Frame));
  }

  async #receive({ from, data, via }: { from: string; data: string; via?: string }): Promise<void> {
    const frame = parseFrame(data);
    if (frame?.t === 'chat-summary') this.#answer(from, frame);
    else if (frame?.t === 'chat-messages') {
      await this.#store(from, frame.envs, frame.keys ?? {}, frame.seals ?? [], via === undefined || via === from);
      if (frame.more !== undefined) this.#continueLater(from, frame.more);
    } else if (frame?.t === 'chat-have') for (const id of frame.ids) this.emit('delivered', { id, to: from });
    else if (frame?.t === 'chat-seen') this.#receiveSeen(from, frame.id);
  }

  /** `from` is the channel's, authenticated (a link's bound peer, or a relayed frame's signed origin): a receipt counts for its sender only. */
  #receiveSeen(from: string, id: string): void {
    if (from === this.options.identity.fingerprint) return;
    // A relayed receipt's signer proves only its key: throwaway keys would push real readers out of
    // the bounded ledger. Members only.
    if (this.#channel.peers && !this.#channel.peers.includes(from)) return;
    const outcome = this.#seen.receive(from, id);
    if (typeof outcome !== 'object') return;
    // Past its rate a sender is dropped quietly: a rejection event per frame would be the flood itself.
    if ('refused' in outcome && outcome.refused.code === 'rate-limited') return;
    if ('refused' in outcome) this.emit('rejected', { from, code: outcome.refused.code, reason: outcome.refused.reason });
    else this.emit('seen', { peer: from, id: outcome.seen });
  }

  /** Receipts that waited for messages now stored count now. */
  #settleSeen(): void {
    for (const { peer, id } of this.#seen.settle()) this.emit('seen', { peer, id });
  }

  /**
   * Answers a summary now, or, past the peer's rate, once the rate allows: only its latest summary
   * waits (one per peer), so a flood costs one answer a second and an honest one is never dropped.
   */
  #answer(from: string, frame: Extract<Frame, { t: 'chat-summary' }>): void {
    const waiting = this.#waiting.get(from);
    if (waiting) {
      waiting.frame = frame;
      this.emit('rejected', { from, code: 'rate-limited', reason: `summaries are answered at most ${this.#limits.summariesPerSecond} a second; an earlier one was dropped` });
      return;
    }
    if (!this.#summaries.take(from)) {
      const timer = setTimeout(() => {
        const latest = this.#waiting.get(from)!.frame;
        this.#waiting.delete(from);
        this.#answer(from, latest);
      }, 1000 / this.#limits.summariesPerSecond);
      this.#waiting.set(from, { frame, timer });
      return;
    }
    const answered = this.#repair(from, frame.buckets, frame.since ?? '', frame.from ?? '').then(() => {
      if (frame.ask && !this.#closed) this.#sendSummary(from);
    });
    answered.catch((error: unknown) => this.emit('error', { from, message: error instanceof Error ? error.message : String(error) }));
  }

  /**
   * Sends the peer our messages in every bucket where its summary differs from ours, oldest first,
   * as far as one answer and the budgets allow; an answer cut short ends with `more`.
   */
  async #repair(to: string, theirs: Summary, since: string, resumeAt: string): Promise<void> {
    const ours = this.summary();
    const differing = new Set(Object.keys(ours).filter((bucket) => bucket >= since && (ours[bucket]![0] !== theirs[bucket]?.[0] || ours[bucket]![1] !== theirs[bucket]?.[1])));
    if (differing.size === 0) return;
    const missing = this.options.history.after(undefined).filter((message) => message.id >= resumeAt && differing.has(message.id.slice(0, BUCKET_PREFIX)));
    const batch = this.options.batch ?? 100;
    const peerBytes = this.#peerBytes.bucket(to);
    let answered = 0;
    let frames: string[] = [];
    for (let at = 0; at < missing.length; at += batch) {
      const text = JSON.stringify(await this.#frameOf(missing.slice(at, at + batch)));
      // The first frame goes even if alone it passes the answer limit: otherwise it never would.
      const withinAnswer = frames.length === 0 || answered + text.length <= this.#limits.maxAnswerBytes;
      if (!withinAnswer || text.length > Math.min(peerBytes.available(), this.#totalBytes.available())) break;
      peerBytes.take(undefined, text.length);
      this.#totalBytes.take(undefined, text.length);
      answered += text.length;
      frames.push(text);
    }
    const resumeId = missing[frames.length * batch]?.id;
    if (resumeId !== undefined) {
      // The last frame says where the answer stopped; with nothing sent, an empty frame does.
      const last = frames.length ? (JSON.parse(frames.pop()!) as Frame) : ({ t: 'chat-messages', envs: [] } satisfies Frame);
      frames = [...frames, JSON.stringify({ ...last, more: resumeId })];
    }
    for (const text of frames) this.#channel.send(to, text);
  }

  /** After an answer cut short: our summary again, from where it stopped, a little later (one timer per peer). */
  #continueLater(peer: string, resumeAt: string): void {
    // A frame stored while we closed must not start a timer nobody will stop.
    if (this.#closed || this.#continuations.has(peer)) return;
    this.#continuations.set(
      peer,
      setTimeout(() => {
        this.#continuations.delete(peer);
        this.#sendSummary(peer, false, resumeAt);
      }, this.#limits.continueAfterMs),
    );
  }

  /** A frame of messages with their authors' keys, each once, and the seals held of their slices. */
  async #frameOf(messages: readonly ChatMessage[]): Promise<Frame> {
    const { history } = this.options;
    const keys: Record<string, string> = {};
    const seals = new Map<string, VerifiedSeal | undefined>();
    for (const { from, id } of messages) {
      const armored = history.keyOf(from);
      if (armored) keys[from] = armored;
      const slice = sliceOf(id);
      const key = `${from} ${slice}`;
      if (!seals.has(key) && seals.size < MAX_SEALS_PER_BATCH) seals.set(key, from === this.options.identity.fingerprint ? await this.#ownSeal(slice) : history.sealOf(from, slice));
    }
    const held = [...seals.values()].flatMap((seal) => (seal ? [seal.env] : []));
    return { t: 'chat-messages', envs: messages.map((message) => message.env), keys, ...(held.length ? { seals: held } : {}) };
  }

  /** Our seal of our messages in `slice`: the one held if it lists them all, else a new one (kept). */
  async #ownSeal(slice: string): Promise<VerifiedSeal | undefined> {
    const { history, identity } = this.options;
    const ours = history.inSlice(slice).filter((message) => message.from === identity.fingerprint);
    const held = history.sealOf(identity.fingerprint, slice);
    if (held && held.count >= Math.min(ours.length, MAX_SEAL_DIGESTS)) return held;
    if (ours.length === 0) return undefined;
    const made = await sealSlice(identity, history, slice, ours.map((message) => message.env));
    await history.keepSeal(made);
    return made;
  }

  /** A key offered for `fingerprint` (else the one kept with its messages), only if it is that key: so anyone may pass keys on. */
  #keyFor(fingerprint: string, armored: string | undefined): Promise<PublicKeyInfo | undefined> {
    return keyClaimedBy(fingerprint, armored ?? this.options.history.keyOf(fingerprint));
  }


  /**
   * Verifies a batch (in the worker pool when it is large), applies the trust policy per author,
   * then stores what is new, in order. Authors whose keys did not come with the frame are looked
   * up here: kept from earlier, or in the address book.
   */
  async #store(from: string, envs: readonly string[], offeredKeys: Record<string, string>, seals: readonly string[], firstHand: boolean): Promise<void> {
    const { history, keys, policy } = this.options;
    const { ns, room } = history;
    const verifiedBatch = await verifyChatBatch({ ns, room, envs, keys: offeredKeys, seals });
    const outcomes = verifiedBatch.outcomes;
    for (const { code, reason } of verifiedBatch.refusedSeals) this.emit('rejected', { from, code, reason: `slice seal: ${reason}` });
    const unknown = outcomes.flatMap((outcome, at) => ('code' in outcome && outcome.code === 'unknown-signer' ? [at] : []));
    if (unknown.length) {
      const directory: KeyDirectory = {
        find: async (fingerprint) => (await this.#keyFor(fingerprint, undefined)) ?? keys?.find(fingerprint),
        admit: () => Promise.resolve(undefined),
      };
      const retried = await Promise.allSettled(unknown.map((at) => openChatMessage(envs[at]!, { ns, room, keys: directory })));
      retried.forEach((result, i) => {
        const error = result.status === 'rejected' ? (result.reason as Error) : undefined;
        outcomes[unknown[i]!] = result.status === 'fulfilled' ? { message: result.value } : { code: error instanceof ChatError ? error.code : 'malformed', reason: error!.message };
      });
    }
    const refusals = await this.#admitAuthors(from, outcomes.flatMap((outcome) => ('message' in outcome ? [outcome.message.from] : [])), offeredKeys);
    const verified: ChatMessage[] = [];
    for (const outcome of outcomes) {
      if ('code' in outcome) this.emit('rejected', { from, code: outcome.code, reason: outcome.reason });
      else if (refusals.has(outcome.message.from)) this.emit('rejected', { from, code: refusals.get(outcome.message.from)!, reason: `author ${outcome.message.from} refused by the trust policy "${policy ?? 'any'}"` });
      else verified.push(outcome.message);
    }
    for (const author of new Set(verified.map((message) => message.from))) {
      const armored = offeredKeys[author];
      if (armored && !history.keyOf(author) && (await this.#keyFor(author, armored))) await history.addKey(author, armored);
    }
    const stored = await history.addMany(verified);
    // A receipt to the peer for its own messages (new here or not): its "delivered". Only for what
    // it handed us over our link: in a partial mesh every member would otherwise send one back
    // through the relays, a storm of sealed frames converging on the author for each message (in
    // a room of 60 that ran into the relays' flood budgets, and lost receipts), when one from a
    // neighbour already says all the author's "delivered" shows.
    const receipt = firstHand ? verified.filter((message) => message.from === from).map((message) => message.id) : [];
    if (receipt.length) this.#channel.send(from, JSON.stringify({ t: 'chat-have', ids: receipt } satisfies Frame));
    // A message the cap took back in the same batch (its author's oldest) is not held: not announced either.
    for (const message of stored) if (history.has(message.id)) this.emit('message', { message });
    if (stored.length) this.#settleSeen();
    // Seals of authors the policy admitted, kept to pass on (only where their messages are held).
    for (const seal of verifiedBatch.seals) if (!refusals.has(seal.from)) await history.keepSeal(seal);
  }

  /** The address book's verdict on each author whose signature verified: refusals by author. */
  async #admitAuthors(via: string, authors: readonly string[], offeredKeys: Record<string, string>): Promise<Map<string, TrustRefusal>> {
    const refusals = new Map<string, TrustRefusal>();
    const { keys, policy } = this.options;
    if (!keys) return refusals;
    for (const author of new Set(authors)) {
      const key = (await this.#keyFor(author, offeredKeys[author])) ?? (await this.#keyFor(author, undefined)) ?? (await keys.find(author));
      const { ns, room } = this.options.history;
      const refusal = key && (await keys.admit(key, policy ?? 'any', Date.now(), { via, scope: `${ns}/${room}` }));
      if (refusal) refusals.set(author, refusal);
    }
    return refusals;
  }
}
