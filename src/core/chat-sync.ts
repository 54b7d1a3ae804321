/**
 * Chat over a room, with history that converges. Every message is stored before it is sent and
 * pushed to everyone linked; when a link comes up, both sides exchange a summary of what they
 * hold — per time bucket, a count and a hash of the ids — and each sends the other its messages
 * in the buckets that differ. Receivers verify every message (its author's signature, its id)
 * before storing it, so history passed on by any peer is as authentic as history heard first-hand.
 *
 * Frames (JSON text over the room's data channels):
 *   {"t":"chat-summary","buckets":{"<prefix>":[count, hash]}}   on link up
 *   {"t":"chat-messages","envs":["<sealed chat envelope>", …],"keys":{"<fingerprint>":"<armored>"}}
 *                                                                  pushes and repairs, with each
 *                                                                  author's key once per frame
 */
import { ChatAuthor, ChatError, openChatMessage, type ChatErrorCode, type ChatMessage } from './chat.js';
import type { EnvelopeSigner } from './envelope.js';
import type { ChatHistory } from './history.js';
import { readPublicKey, type PublicKeyInfo } from './openpgp/key.js';
import type { KeyDirectory, TrustPolicy } from './trust.js';

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
}

/** Ids start with 9 base-36 digits of time; the first 5 make buckets of about 28 minutes. */
const BUCKET_PREFIX = 5;
const MAX_FRAME = 1_000_000;

type Summary = Record<string, [number, number]>;
type Frame = { t: 'chat-summary'; buckets: Summary } | { t: 'chat-messages'; envs: string[]; keys?: Record<string, string> };
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
    if (frame.t === 'chat-summary' && typeof frame.buckets === 'object' && frame.buckets !== null) return frame as Frame;
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
  /** Parsed author keys: each is read once, however many of its messages pass. */
  readonly #parsedKeys = new Map<string, Promise<PublicKeyInfo | undefined>>();

  constructor(private readonly options: ChatSyncOptions) {
    super();
    this.#author = new ChatAuthor(options.identity);
    const on = (type: string, handler: (event: Event) => void) => {
      options.channel.addEventListener(type, handler);
      this.#listeners.push([type, handler]);
    };
    on('peer', (event) => this.#sendSummary((event as CustomEvent<{ id: string }>).detail.id));
    on('message', (event) => void this.#receive((event as CustomEvent<{ from: string; data: string }>).detail));
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

  #sendSummary(to: string): void {
    this.options.channel.send(to, JSON.stringify({ t: 'chat-summary', buckets: this.summary() } satisfies Frame));
  }

  async #receive({ from, data }: { from: string; data: string }): Promise<void> {
    const frame = parseFrame(data);
    if (frame?.t === 'chat-summary') return this.#repair(from, frame.buckets);
    if (frame?.t === 'chat-messages') await this.#store(from, frame.envs, frame.keys ?? {});
  }

  /** Sends the peer our messages in every bucket where its summary differs from ours. */
  #repair(to: string, theirs: Summary): void {
    const ours = this.summary();
    const differing = new Set(Object.keys(ours).filter((bucket) => ours[bucket]![0] !== theirs[bucket]?.[0] || ours[bucket]![1] !== theirs[bucket]?.[1]));
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

  /** A key offered for `fingerprint`, accepted only if it is that key (so anyone may pass it on). */
  #keyFor(fingerprint: string, armored: string | undefined): Promise<PublicKeyInfo | undefined> {
    const stored = armored ?? this.options.history.keyOf(fingerprint);
    if (!stored) return Promise.resolve(undefined);
    const cacheKey = `${fingerprint}\n${stored}`;
    let parsed = this.#parsedKeys.get(cacheKey);
    if (!parsed) {
      parsed = readPublicKey(stored).then(
        (key) => (key.fingerprint === fingerprint ? key : undefined),
        () => undefined,
      );
      if (this.#parsedKeys.size > 1000) this.#parsedKeys.clear();
      this.#parsedKeys.set(cacheKey, parsed);
    }
    return parsed;
  }

  /** Verifies a batch in parallel (the signature checks overlap), then stores what is new, in order. */
  async #store(from: string, envs: readonly string[], offeredKeys: Record<string, string>): Promise<void> {
    const { history, keys, policy } = this.options;
    // Authors' keys: offered with the frame, kept from earlier, or from the address book.
    const directory: KeyDirectory = {
      find: async (fingerprint) => (await this.#keyFor(fingerprint, offeredKeys[fingerprint])) ?? (await this.#keyFor(fingerprint, undefined)) ?? keys?.find(fingerprint),
      admit: (key, trustPolicy, now) => keys?.admit(key, trustPolicy, now) ?? Promise.resolve(undefined),
    };
    const results = await Promise.allSettled(envs.map((env) => openChatMessage(env, { ns: history.ns, room: history.room, keys: directory, ...(policy ? { policy } : {}) })));
    const verified: ChatMessage[] = [];
    for (const result of results) {
      if (result.status === 'fulfilled') {
        verified.push(result.value);
        continue;
      }
      const error = result.reason as Error;
      this.#emit('rejected', { from, code: error instanceof ChatError ? error.code : 'malformed', reason: error.message });
    }
    for (const author of new Set(verified.map((message) => message.from))) {
      const armored = offeredKeys[author];
      if (armored && !history.keyOf(author) && (await this.#keyFor(author, armored))) await history.addKey(author, armored);
    }
    for (const message of await history.addMany(verified)) this.#emit('message', { message });
  }

  #emit<K extends keyof ChatSyncEventMap>(type: K, detail: ChatSyncEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
