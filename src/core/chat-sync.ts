/**
 * Chat over a room, with history that converges. Every message is stored before it is sent and
 * pushed to everyone linked; when a link comes up, both sides exchange a summary of what they
 * hold — per time bucket, a count and a hash of the ids — and each sends the other its messages
 * in the buckets that differ. Receivers verify every message (its author's signature, its id)
 * before storing it, so history passed on by any peer is as authentic as history heard first-hand.
 *
 * Frames (JSON text over the room's data channels):
 *   {"t":"chat-summary","buckets":{"<prefix>":[count, hash]}}   on link up
 *   {"t":"chat-messages","envs":["<sealed chat envelope>", …]}    pushes and repairs
 */
import { ChatAuthor, ChatError, openChatMessage, type ChatErrorCode, type ChatMessage } from './chat.js';
import type { EnvelopeSigner } from './envelope.js';
import type { ChatHistory } from './history.js';
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
type Frame = { t: 'chat-summary'; buckets: Summary } | { t: 'chat-messages'; envs: string[] };

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
    if (frame.t === 'chat-messages' && Array.isArray(frame.envs) && frame.envs.every((env) => typeof env === 'string')) return frame as Frame;
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
    on('message', (event) => void this.#receive((event as CustomEvent<{ from: string; data: string }>).detail));
  }

  /** Writes, stores (before sending) and pushes a message to everyone linked. */
  async send(text: string, attachments: readonly string[] = []): Promise<ChatMessage> {
    const { history, channel } = this.options;
    const message = await this.#author.compose({ ns: history.ns, room: history.room, text, attachments, now: (this.options.now ?? Date.now)() });
    await history.add(message);
    this.#emit('message', { message });
    channel.broadcast(JSON.stringify({ t: 'chat-messages', envs: [message.env] } satisfies Frame));
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
    if (frame?.t === 'chat-messages') await this.#store(from, frame.envs);
  }

  /** Sends the peer our messages in every bucket where its summary differs from ours. */
  #repair(to: string, theirs: Summary): void {
    const ours = this.summary();
    const differing = new Set(Object.keys(ours).filter((bucket) => ours[bucket]![0] !== theirs[bucket]?.[0] || ours[bucket]![1] !== theirs[bucket]?.[1]));
    if (differing.size === 0) return;
    const envs = this.options.history
      .after(undefined)
      .filter((message) => differing.has(message.id.slice(0, BUCKET_PREFIX)))
      .map((message) => message.env);
    const batch = this.options.batch ?? 100;
    for (let at = 0; at < envs.length; at += batch) {
      this.options.channel.send(to, JSON.stringify({ t: 'chat-messages', envs: envs.slice(at, at + batch) } satisfies Frame));
    }
  }

  /** Verifies a batch in parallel (the signature checks overlap), then stores what is new, in order. */
  async #store(from: string, envs: readonly string[]): Promise<void> {
    const { history, keys, policy } = this.options;
    const results = await Promise.allSettled(
      envs.map((env) => openChatMessage(env, { ns: history.ns, room: history.room, ...(keys ? { keys } : {}), ...(policy ? { policy } : {}) })),
    );
    const verified: ChatMessage[] = [];
    for (const result of results) {
      if (result.status === 'fulfilled') {
        verified.push(result.value);
        continue;
      }
      const error = result.reason as Error;
      this.#emit('rejected', { from, code: error instanceof ChatError ? error.code : 'malformed', reason: error.message });
    }
    for (const message of await history.addMany(verified)) this.#emit('message', { message });
  }

  #emit<K extends keyof ChatSyncEventMap>(type: K, detail: ChatSyncEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
