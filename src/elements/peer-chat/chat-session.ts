/**
 * The part of `<peer-chat>` that needs the core: the room's history (IndexedDB) and the sync
 * that keeps it whole. Loaded when the chat first meets a running room.
 */
import { ChatSync } from '../../core/chat/sync.js';
import { FileShare, FileStore } from '../../core/files/index.js';
import { ChatHistory } from '../../core/chat/history.js';
import { ChatTyping } from '../../core/chat/typing.js';
import type { Identity } from '../../core/identity/identity.js';
import type { Keyring } from '../../core/identity/keyring.js';
import type { Pairing } from '../../core/pair/pairing.js';
import type { Room } from '../../core/room/room.js';
import { browserStore, memoryStore, type KeyValueStore } from '../../core/platform/storage.js';
import type { TrustPolicy } from '../../core/envelope/trust.js';

export interface ChatSessionConfig {
  readonly identity: Identity;
  readonly group: Room | Pairing;
  readonly keyring: Keyring | undefined;
  readonly policy: TrustPolicy;
  /** Where the history lives; default IndexedDB for rooms, per identity. */
  readonly store: KeyValueStore | undefined;
  readonly cap: number | undefined;
  /** Larger attachments are neither sent nor fetched; default FileShare's (100 MiB). */
  readonly maxFileBytes: number | undefined;
}

export interface ChatSession {
  readonly history: ChatHistory;
  readonly sync: ChatSync;
  readonly files: FileShare;
  /** Who is typing, on its own channel (nothing of it is stored). */
  readonly typing: ChatTyping;
}

export async function openChatSession(config: ChatSessionConfig): Promise<ChatSession> {
  const { ns, room } = config.group.address;
  // Pair mode talks to strangers, one after another: their chat is kept for the page's life only.
  const pair = 'next' in config.group;
  // A room's history is this identity's view of it: another key on the same device starts afresh.
  const store = config.store ?? (pair ? memoryStore() : await historyStore(config.identity.fingerprint, ns, room));
  const history = await ChatHistory.open({ ns, room, store, shareOf: shareOfMet(config.identity.fingerprint, config.keyring), ...(config.cap ? { cap: config.cap } : {}) });
  // Files are kept by digest, so one store per identity serves all its rooms.
  const fileStore = new FileStore(pair ? memoryStore() : await browserStore(`files:${config.identity.fingerprint}`, 'peerkit-files'));
  const files = new FileShare({ room: config.group, store: fileStore, ...(config.maxFileBytes ? { maxFileBytes: config.maxFileBytes } : {}) });
  const sync = new ChatSync({ identity: config.identity, channel: config.group, history, ...(config.keyring ? { keys: config.keyring } : {}), policy: config.policy });
  const typing = new ChatTyping({ group: config.group });
  return { history, sync, files, typing };
}

/**
 * Shares of the history's cap: this user, and each author the user has met (linked with, or
 * trusted), count alone; every other author counts in one share, so throwaway keys cannot each
 * claim a share of their own.
 */
function shareOfMet(me: string, keyring: Keyring | undefined): ((author: string) => string) | undefined {
  if (!keyring) return undefined;
  return (author) => {
    const peer = keyring.get(author);
    return author === me || peer?.linkedAt !== undefined || peer?.trust === 'trusted' ? author : 'not met';
  };
}

/** The IndexedDB store `<peer-chat>` keeps a room's history in, for this identity. */
export function historyStore(fingerprint: string, ns: string, room: string): Promise<KeyValueStore> {
  return browserStore(`history:${fingerprint}:${ns}:${room}`, 'peerkit-history');
}
