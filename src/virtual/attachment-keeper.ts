/**
 * The virtual client's attachments: every file a kept message names is fetched (from whichever
 * peer has it, verified by digest) into the room's `files/` directory and served to peers that
 * ask, like any peer's. Files no kept message names any more go when messages expire. A file
 * nobody online has yet is asked for again each time a peer links.
 *
 * Nobody here asks for a file: each is charged to a member, the author of the kept message that
 * names it or the peer that pushed it before its message arrived, and one member's files together
 * stay within `perAuthorBytes` (its newer ones evict its own oldest; a larger file is not kept),
 * all of them within `maxBytes` (the oldest go first). So a member naming or pushing large files
 * fills at most its share of the disk. Pushed files no message names go at the next expiry; so do
 * partial files nothing arrived for in a while.
 */
import type { ChatMessage } from '../core/chat/message.js';
import { FileShare, FileStore, type FileStoreOptions } from '../core/files/index.js';
import type { Logger } from '../server/logger.js';
import { DiskStore } from './disk-store.js';
import type { ChatHistory } from '../core/chat/history.js';
import type { Room } from '../core/room/room.js';

export interface AttachmentKeeper {
  /** A message new to the virtual client was stored. */
  kept(message: ChatMessage): void;
  /** Messages expired (their ids); `history` holds what is still kept. */
  expired(ids: readonly string[]): void;
  close(): void | Promise<void>;
}

export interface AttachmentKeeperContext {
  readonly room: Room;
  readonly history: ChatHistory;
  /** Where this room's files go: created, private to the user. */
  readonly dir: string;
}

export interface KeepAttachmentsOptions {
  /** Larger files are not kept (default 100 MiB). */
  readonly maxFileBytes?: number;
  /** All kept files together (default 1 GiB): past it, the oldest go to make room for newer ones. */
  readonly maxBytes?: number;
  /**
   * Files one member's kept messages name, with what it pushed (default a quarter of `maxBytes`,
   * 256 MiB): past it, its newer files evict its own oldest, and a larger file is not kept.
   */
  readonly perAuthorBytes?: number;
  /** A partial file nothing arrived for in this long goes at the next expiry (default FileStore's, 24 hours). */
  readonly partialMaxAgeMs?: number;
  readonly logger?: Logger;
}

/** FileStore keeps files in pieces of up to 4 MiB; on disk they are base64 JSON (4/3 larger). */
const MAX_RECORD_BYTES = 8 * 1024 * 1024;

export function keepAttachments(options: KeepAttachmentsOptions = {}): (context: AttachmentKeeperContext) => Promise<AttachmentKeeper> {
  return async ({ room, history, dir }) => {
    const { partialMaxAgeMs } = options;
    const maxBytes = options.maxBytes ?? 1024 ** 3;
    // Every file here is one nobody asked for: the store's push quota is the whole store, and its
    // share per sender is the share per member.
    const limits: FileStoreOptions = {
      maxBytes,
      pushQuotaBytes: maxBytes,
      pushQuotaPerSenderBytes: options.perAuthorBytes ?? Math.floor(maxBytes / 4),
      ...(partialMaxAgeMs !== undefined ? { partialMaxAgeMs } : {}),
    };
    const store = new FileStore(await DiskStore.open(dir, { maxValueBytes: MAX_RECORD_BYTES }), limits);
    const maxFileBytes = options.maxFileBytes ?? 100 * 1024 * 1024;
    const share = new FileShare({ room, store, maxFileBytes, wantPush: (offer) => offer.size <= maxFileBytes });
    /** Digests a kept message names that no peer could give yet, with the message's author. */
    const missing = new Map<string, string>();
    const keep = (digest: string, author: string) => {
      missing.delete(digest);
      share.prefetch(digest, { for: author }).then(
        () => options.logger?.debug('attachment kept', { digest }),
        (error: Error & { code?: string }) => {
          if (error.code === 'cancelled') return;
          // Nobody online has it: asked again when a peer links. Over the file limit or its
          // author's share, it never fits (every file here may be evicted, so nothing else fills).
          if (error.code !== 'too-large' && error.code !== 'quota') missing.set(digest, author);
          options.logger?.info('attachment not kept yet', { digest, author, code: error.code, message: error.message });
        },
      );
    };
    const keepFor = (message: ChatMessage) => message.attachments.forEach((digest) => keep(digest, message.from));
    const onPeer = () => [...missing].forEach(([digest, author]) => keep(digest, author));
    share.addEventListener('peer', onPeer);
    // Files named by messages kept before a restart that did not arrive then.
    for (const message of history.after(undefined)) for (const digest of message.attachments) if (!(await store.has(digest))) keep(digest, message.from);
    return {
      kept: keepFor,
      expired: () => {
        const named = new Set(history.after(undefined).flatMap((message) => message.attachments));
        for (const digest of [...missing.keys()]) if (!named.has(digest)) missing.delete(digest);
        void (async () => {
          await store.expirePartials();
          for (const digest of await store.digests()) if (!named.has(digest)) await store.delete(digest);
        })().catch((error: Error) => options.logger?.error('expiring attachments failed', { message: error.message }));
      },
      close: async () => {
        share.removeEventListener('peer', onPeer);
        await share.close();
      },
    };
  };
}
