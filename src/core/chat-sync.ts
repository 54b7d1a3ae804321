/**
 * Chat over a room, with history that converges. Every message is stored before it is sent and
 * pushed to everyone linked; when a link comes up, both sides exchange a summary of what they
 * hold — per time bucket, a count and a hash of the ids — and each sends the other its messages
 * in the buckets that differ. Receivers verify every message (its author's signature, its id)
 * before storing it, so history passed on by any peer is as authentic as history heard first-hand.
 *
 * Frames (JSON text over the room's data channels):
 *   {"t":"chat-summary","buckets":{"<prefix>":[count, hash]},"since"?:"<prefix>"}
 *                                                                  on link up; `since` (optional): the
 *                                                                  sender keeps no bucket older than
 *                                                                  this one (a virtual client's keep-
 *                                                                  hours), so none of those is sent
 *                                                                  `ask` (optional): answer with
 *                                                                  yours (sent by `syncWith`, when
 *                                                                  the link was up before us)
 *   {"t":"chat-messages","envs":["<sealed chat envelope>", …],"keys":{"<fingerprint>":"<armored>"}}
 *                                                                  pushes and repairs, with each
 *                                                                  author's key once per frame
 *   {"t":"chat-have","ids":["<id>", …]}                          receipt to an author: these of
 *                                                                  yours are stored here
 */
import { ChatAuthor, ChatError, chatId, openChatMessage, type ChatErrorCode, type ChatMessage } from './chat.js';
import type { EnvelopeSigner } from './envelope.js';
import { keyClaimedBy, verifyChatBatch } from './chat-verify.js';
import type { ChatHistory } from './history.js';
import type { PublicKeyInfo } from './openpgp/key.js';
import type { KeyDirectory, TrustPolicy, TrustRefusal } from './trust.js';

/** What chat needs from a room (a `Room` or a `Pairing` fits). */
export interface ChatChannel extends EventTarget {
  send(to: string, data: string): void;
  broadcast(data: string): void;
}

export interface ChatSyncOptions {
  readonly identity: EnvelopeSigner;
  readonly channel: ChatChannel;
  readonly history: ChatHistory;
  readonly keys?: KeyDirectory;
  readonly policy?: TrustPolicy;
  /** Envelopes per frame: keeps each data-channel message well under browsers' 256 KB limit. */
  readonly batch?: number;
  /** This author's clock (ms); default `Date.now`. Tests and virtual clients set it. */
  readonly now?: () => number;
}

export interface ChatSyncEventMap {
  /** A message new to this peer (its own included), after it was stored. */
  message: CustomEvent<{ readonly message: ChatMessage }>;
  /** A message that failed its checks, and who passed it on. */
  rejected: CustomEvent<{ readonly from: string; readonly code: ChatErrorCode; readonly reason: string }>;
  /** Handling a peer's frame failed for a reason of our own (storage, not the frame's content). */
  error: CustomEvent<{ readonly from: string; readonly message: string }>;
  /** A peer confirmed it stored one of this peer's messages. */
  delivered: CustomEvent<{ readonly id: string; readonly to: string }>;
}

/** Ids start with 9 base-36 digits of time; the first 5 make buckets of about 28 minutes. */
const BUCKET_PREFIX = 5;
const MAX_FRAME = 1_000_000;

type Summary = Record<string, [number, number]>;
type Frame =
  | { t: 'chat-summary'; buckets: Summary; since?: string; ask?: true }
  | { t: 'chat-messages'; envs: string[]; keys?: Record<string, string> }
  | { t: 'chat-have'; ids: string[] };
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
    if (frame.t === 'chat-summary' && typeof frame.buckets === 'object' && frame.buckets !== null && (frame.since === undefined || typeof frame.since === 'string')) return frame as Frame;
    if (frame.t === 'chat-have' && Array.isArray(frame.ids) && frame.ids.length <= MAX_RECEIPT_IDS && frame.ids.every((id) => typeof id === 'string' && id.length <= MAX_ID_LENGTH)) return frame as Frame;
    if (frame.t === 'chat-messages' && Array.isArray(frame.envs) && frame.envs.every((env) => typeof env === 'string')) {
      const keys = frame.keys ?? {};
      const entries = typeof keys === 'object' && keys !== null ? Object.entries(keys) : [];
      if (entries.length <= MAX_KEYS_PER_FRAME && entries.every(([, armored]) => typeof armored === 'string')) return frame as Frame;
    }
  } catch {
    // Malformed: dropped like any stranger's noise.
  }
  return undefined;
}

export class ChatSync extends EventTarget {
  readonly #author: ChatAuthor;
  readonly #listeners: [string, (event: Event) => void][] = [];

  constructor(private readonly options: ChatSyncOptions) {
    super();
    this.#author = new ChatAuthor(options.identity);
    const on = (type: string, handler: (event: Event) => void) => {
      options.channel.addEventListener(type, handler);
      this.#listeners.push([type, handler]);
    };
    on('peer', (event) => this.#sendSummary((event as CustomEvent<{ id: string }>).detail.id));
    on('message', (event) => {
      const detail = (event as CustomEvent<{ from: string; data: string }>).detail;
      // A failure here (storage full, a bug) is reported, never an unhandled rejection that stops a Node peer.
      this.#receive(detail).catch((error: unknown) => this.#emit('error', { from: detail.from, message: error instanceof Error ? error.message : String(error) }));
    });
  }

  /** Writes, stores (before sending) and pushes a message to everyone linked. */
  async send(text: string, attachments: readonly string[] = []): Promise<ChatMessage> {
    const { history, channel } = this.options;
    const message = await this.#author.compose({ ns: history.ns, room: history.room, text, attachments, now: (this.options.now ?? Date.now)() });
    await history.addKey(message.from, this.options.identity.armoredPublicKey);
    await history.add(message);
    this.#emit('message', { message });
    channel.broadcast(JSON.stringify(this.#frameOf([message])));
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
    for (const [type, handler] of this.#listeners.splice(0)) this.options.channel.removeEventListener(type, handler);
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

  #sendSummary(to: string, ask = false): void {
    const horizon = this.options.history.horizon;
    const since = Number.isFinite(horizon) ? { since: chatId(horizon, '', 0).slice(0, BUCKET_PREFIX) } : {};
    this.options.channel.send(to, JSON.stringify({ t: 'chat-summary', buckets: this.summary(), ...since, ...(ask ? { ask: true as const } : {}) } satisfies Frame));
  }

  async #receive({ from, data }: { from: string; data: string }): Promise<void> {
    const frame = parseFrame(data);
    if (frame?.t === 'chat-summary') {
      this.#repair(from, frame.buckets, frame.since ?? '');
      if (frame.ask) this.#sendSummary(from);
    } else if (frame?.t === 'chat-messages') await this.#store(from, frame.envs, frame.keys ?? {});
    else if (frame?.t === 'chat-have') for (const id of frame.ids) this.#emit('delivered', { id, to: from });
  }

  /** Sends the peer our messages in every bucket where its summary differs from ours. */
  #repair(to: string, theirs: Summary, since: string): void {
    const ours = this.summary();
    const differing = new Set(Object.keys(ours).filter((bucket) => bucket >= since && (ours[bucket]![0] !== theirs[bucket]?.[0] || ours[bucket]![1] !== theirs[bucket]?.[1])));
    if (differing.size === 0) return;
    const missing = this.options.history.after(undefined).filter((message) => differing.has(message.id.slice(0, BUCKET_PREFIX)));
    const batch = this.options.batch ?? 100;
    for (let at = 0; at < missing.length; at += batch) this.options.channel.send(to, JSON.stringify(this.#frameOf(missing.slice(at, at + batch))));
  }

  /** A frame of messages with their authors' keys, each once. */
  #frameOf(messages: readonly ChatMessage[]): Frame {
    const keys: Record<string, string> = {};
    for (const { from } of messages) {
      const armored = this.options.history.keyOf(from);
      if (armored) keys[from] = armored;
    }
    return { t: 'chat-messages', envs: messages.map((message) => message.env), keys };
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
  async #store(from: string, envs: readonly string[], offeredKeys: Record<string, string>): Promise<void> {
    const { history, keys, policy } = this.options;
    const { ns, room } = history;
    const outcomes = await verifyChatBatch({ ns, room, envs, keys: offeredKeys });
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
      if ('code' in outcome) this.#emit('rejected', { from, code: outcome.code, reason: outcome.reason });
      else if (refusals.has(outcome.message.from)) this.#emit('rejected', { from, code: refusals.get(outcome.message.from)!, reason: `author ${outcome.message.from} refused by the trust policy "${policy ?? 'any'}"` });
      else verified.push(outcome.message);
    }
    for (const author of new Set(verified.map((message) => message.from))) {
      const armored = offeredKeys[author];
      if (armored && !history.keyOf(author) && (await this.#keyFor(author, armored))) await history.addKey(author, armored);
    }
    const stored = await history.addMany(verified);
    // A receipt to the peer for its own messages (new here or not): its "delivered".
    const receipt = verified.filter((message) => message.from === from).map((message) => message.id);
    if (receipt.length) this.options.channel.send(from, JSON.stringify({ t: 'chat-have', ids: receipt } satisfies Frame));
    for (const message of stored) this.#emit('message', { message });
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

  #emit<K extends keyof ChatSyncEventMap>(type: K, detail: ChatSyncEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
