/**
 * A virtual client: a Node peer that stays in one room and keeps its recent history, so a page
 * that joins when no other page is there still gets what was said. It is an ordinary member —
 * its own key, a Room over the peerkit server, ChatHistory and ChatSync — with WebRTC from
 * @roamhq/wrtc and everything on disk under one data directory:
 *
 *   <data>/lock                                  the running process's pid: one process per directory
 *   <data>/identity/                             its key (DiskStore), so its id survives restarts
 *   <data>/rooms/ns-<ns>/room-<room>/history/    the room's messages and their authors' keys
 *   <data>/rooms/ns-<ns>/room-<room>/files/      kept attachments (see AttachmentKeeper)
 *
 * It keeps only messages younger than `keepHours` (expired on start and every `expireEveryMs`,
 * refused when older ones arrive, and announced in its sync summaries so peers do not send them)
 * and at most `maxMessages`. Every message it passes on is its author's sealed envelope: peers
 * verify the author, never the virtual client. It keeps at most `maxPeers` links (the room's
 * `maxLinks`): in a larger room it is one peer of the partial mesh, relayed to like any other.
 */
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ChatSync, type ChatSyncEventMap } from '../core/chat/sync.js';
import { ChatHistory } from '../core/chat/history.js';
import { Identity } from '../core/identity/identity.js';
import { Room, type RoomEventMap, type RoomOptions } from '../core/room/room.js';
import { WebSocketTransport } from '../core/signaling/websocket.js';
import { BoundedSet } from '../core/util/bounded-map.js';
import { createLogger, type Logger } from '../server/logger.js';
import { keepAttachments, type AttachmentKeeper, type AttachmentKeeperContext } from './attachment-keeper.js';

export type { AttachmentKeeper, AttachmentKeeperContext };
import { escapeKey, DiskStore } from './disk-store.js';

type Wrtc = NonNullable<RoomOptions['wrtc']>;

/**
 * Keeps the files kept messages name (by SHA-256 digest). The default, `keepAttachments()`,
 * fetches each into `dir`, serves it to peers that ask, and deletes those no kept message names
 * any more after an expiry; another keeper (or none) can be passed instead.
 */
export interface VirtualClientOptions {
  /** The peerkit server's base URL (http(s) or ws(s)). */
  readonly server: string;
  readonly ns: string;
  readonly room: string;
  /** Where its key and history live; one running virtual client per directory. */
  readonly dataDir: string;
  /** Messages younger than this are kept (default 24). */
  readonly keepHours?: number;
  /** Its key's user id, used when a key is made (an existing key keeps its name). */
  readonly name?: string;
  /** Links kept at once, the Room's `maxLinks` (default 16: @roamhq/wrtc manages ~20 on two cores). */
  readonly maxPeers?: number;
  /** Most messages kept (default 10,000); the oldest go first. */
  readonly maxMessages?: number;
  /** How often expired messages are dropped (default one minute). */
  readonly expireEveryMs?: number;
  /** ICE servers (default none: host candidates only), or where to get them per link. */
  readonly iceServers?: RoomOptions['iceServers'];
  /** WebRTC for Node; default: the optional dependency @roamhq/wrtc. */
  readonly wrtc?: Wrtc;
  /** Default: JSON lines on stderr at `info`. */
  readonly logger?: Logger;
  /** Keeps and serves attachments (default `keepAttachments()`); `false` keeps none. */
  readonly attachments?: ((context: AttachmentKeeperContext) => AttachmentKeeper | Promise<AttachmentKeeper>) | false;
  /** The clock for message times and expiry; default `Date.now`. */
  readonly now?: () => number;
}

export interface VirtualClient {
  /** Its key's fingerprint: its peer id. */
  readonly id: string;
  readonly history: ChatHistory;
  readonly room: Room;
  /** Leaves the room, stops the timers, releases the data directory. */
  close(): Promise<void>;
}

export type VirtualClientErrorCode = 'bad-option' | 'locked' | 'no-wrtc';

export class VirtualClientError extends Error {
  override readonly name = 'VirtualClientError';
  constructor(
    readonly code: VirtualClientErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const HOUR_MS = 3_600_000;
/** Room members remembered as such for the history's shares. */
const MAX_MEMBERS_REMEMBERED = 4096;

function checkOptions(options: VirtualClientOptions): void {
  const positive = (name: string, value: number | undefined, integer: boolean) => {
    if (value === undefined) return;
    if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
      throw new VirtualClientError('bad-option', `${name} must be a ${integer ? 'whole ' : ''}number above 0, not ${value}`);
    }
  };
  positive('keepHours', options.keepHours, false);
  positive('maxPeers', options.maxPeers, true);
  positive('maxMessages', options.maxMessages, true);
  positive('expireEveryMs', options.expireEveryMs, false);
  if (!/^(https?|wss?):\/\/[^/]/.test(options.server)) throw new VirtualClientError('bad-option', `server must be an http(s) or ws(s) URL, not "${options.server}"`);
  if (!options.ns || !options.room) throw new VirtualClientError('bad-option', 'ns and room must not be empty');
}

/** Takes `<dir>/lock` for this process; a lock whose process is gone is taken over. */
async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const file = join(dir, 'lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return () => unlink(file).catch(() => undefined);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid)) {
      throw new VirtualClientError('locked', `${dir} is in use by process ${pid} (one virtual client per data directory)`);
    }
    await unlink(file).catch(() => undefined);
  }
  throw new VirtualClientError('locked', `could not lock ${dir}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function loadWrtc(): Promise<Wrtc> {
  try {
    const module = (await import('@roamhq/wrtc')) as { default?: unknown };
    return (module.default ?? module) as Wrtc;
  } catch (error) {
    throw new VirtualClientError('no-wrtc', `WebRTC for Node is missing: install the optional dependency @roamhq/wrtc (${(error as Error).message})`);
  }
}

async function loadWebSocket(): Promise<new (url: string) => WebSocket> {
  const global = (globalThis as { WebSocket?: new (url: string) => WebSocket }).WebSocket;
  if (global) return global;
  const { WebSocket } = await import('ws');
  return WebSocket as unknown as new (url: string) => WebSocket;
}

export async function startVirtualClient(options: VirtualClientOptions): Promise<VirtualClient> {
  checkOptions(options);
  const logger = options.logger ?? createLogger('info');
  const dataDir = resolve(options.dataDir);
  const roomDir = join(dataDir, 'rooms', `ns-${escapeKey(options.ns)}`, `room-${escapeKey(options.room)}`);
  // The identity store also creates the data directory the lock goes in.
  const identityStore = await DiskStore.open(join(dataDir, 'identity'));
  const unlock = await lockDataDir(dataDir);
  const cleanups: (() => unknown)[] = [unlock];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const [wrtc, WebSocketImplementation] = await Promise.all([options.wrtc ?? loadWrtc(), loadWebSocket()]);
    const identity = await Identity.loadOrCreate({ name: options.name ?? 'peerkit virtual client', store: identityStore });
    const historyStore = await DiskStore.open(join(roomDir, 'history'), {
      corruptFiles: 'set-aside',
      onSetAside: (key, file, reason) => logger.warn('unreadable history record set aside', { key, file, reason }),
    });
    cleanups.push(() => historyStore.settled());
    // Members seen in the room while this client ran count alone against the cap; every other
    // author (keys nobody saw join) shares one part of it, so throwaway keys cannot each take one.
    // Bounded: a stream of throwaway members forgets those not listed lately first.
    const members = new BoundedSet<string>(MAX_MEMBERS_REMEMBERED);
    const history = await ChatHistory.open({
      ns: options.ns,
      room: options.room,
      store: historyStore,
      shareOf: (author) => (members.has(author) ? author : 'not seen'),
      cap: options.maxMessages ?? 10_000,
      maxAgeMs: (options.keepHours ?? 24) * HOUR_MS,
      ...(options.now ? { now: options.now } : {}),
    });
    const transport = new WebSocketTransport(options.server, identity, { WebSocket: WebSocketImplementation });
    cleanups.push(() => transport.close());
    // The Room's partial mesh bounds the links. (Hiding members from the Room instead would make
    // it disagree with the others about the ring.)
    const room = new Room({ identity, transport, ns: options.ns, room: options.room, iceServers: options.iceServers ?? [], wrtc, prewarm: false, maxLinks: options.maxPeers ?? 16 });
    room.addEventListener('peerlist', (event) => {
      for (const id of (event as CustomEvent<{ ids: readonly string[] }>).detail.ids) members.add(id);
    });
    const sync = new ChatSync({ identity, channel: room, history, ...(options.now ? { now: options.now } : {}) });
    cleanups.push(() => sync.close());
    const makeKeeper = options.attachments === undefined ? keepAttachments({ logger }) : options.attachments;
    const keeper = makeKeeper ? await makeKeeper({ room, history, dir: join(roomDir, 'files') }) : undefined;
    if (keeper) cleanups.push(() => keeper.close());

    const on = <M, K extends keyof M & string>(target: EventTarget, type: K, handler: (detail: M[K] extends CustomEvent<infer D> ? D : never) => void) =>
      target.addEventListener(type, (event) => handler((event as CustomEvent).detail));
    on<RoomEventMap, 'peer'>(room, 'peer', ({ id }) => logger.info('peer linked', { id, linked: room.linked.length, mesh: room.mesh }));
    on<RoomEventMap, 'peer-disconnect'>(room, 'peer-disconnect', ({ id }) => logger.info('peer left', { id }));
    on<RoomEventMap, 'error'>(room, 'error', ({ code, message }) => logger.warn('room error', { code, message }));
    on<RoomEventMap, 'signal-rejected'>(room, 'signal-rejected', ({ from, code }) => logger.warn('signal rejected', { from, code }));
    on<ChatSyncEventMap, 'message'>(sync, 'message', ({ message }) => {
      logger.debug('message kept', { id: message.id, from: message.from });
      keeper?.kept(message);
    });
    on<ChatSyncEventMap, 'rejected'>(sync, 'rejected', ({ from, code, reason }) => logger.warn('message rejected', { from, code, reason }));
    on<ChatSyncEventMap, 'error'>(sync, 'error', ({ from, message }) => logger.error('chat sync failed', { from, message }));
    history.addEventListener('trimmed', (event) => {
      const { ids } = (event as CustomEvent<{ ids: string[] }>).detail;
      logger.info('messages dropped', { count: ids.length, kept: history.size });
      keeper?.expired(ids);
    });

    const expiry = setInterval(() => {
      history.expire().catch((error: Error) => logger.error('expiry failed', { message: error.message }));
    }, options.expireEveryMs ?? 60_000);
    expiry.unref();
    cleanups.push(() => clearInterval(expiry));

    await room.join();
    cleanups.push(() => room.leave());

    let closing: Promise<void> | undefined;
    return {
      id: identity.fingerprint,
      history,
      room,
      close: () => (closing ??= cleanUp()),
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
