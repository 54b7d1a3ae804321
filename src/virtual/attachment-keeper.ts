/**
 * The virtual client's attachments: every file a kept message names is fetched (from whichever
 * peer has it, verified by digest) into the room's `files/` directory and served to peers that
 * ask, like any peer's. Files no kept message names any more go when messages expire. A file
 * nobody online has yet is asked for again each time a peer links. Files peers push before their
 * message arrives live in the store's push quota (in all and per sender, oldest evicted first)
 * until a message names them or the next expiry drops them; so do partial files nothing arrived
 * for in a while.
 */
import type { ChatMessage } from '../core/chat.js';
import { FileShare, FileStore, type FileStoreOptions } from '../core/files.js';
import type { Logger } from '../server/logger.js';
import { DiskStore } from './disk-store.js';
import type { AttachmentKeeper, AttachmentKeeperContext } from './virtual-client.js';

export interface KeepAttachmentsOptions {
  /** Larger files are not kept (default 100 MiB). */
  readonly maxFileBytes?: number;
  /** All kept files together (default 1 GiB). */
  readonly maxBytes?: number;
  /** Pushed files no kept message names yet, every sender's together (default FileStore's, 64 MiB). */
  readonly pushQuotaBytes?: number;
  /** Pushed files no kept message names yet, from one sender (default FileStore's, a quarter of the push quota). */
  readonly pushQuotaPerSenderBytes?: number;
  /** A partial file nothing arrived for in this long goes at the next expiry (default FileStore's, 24 hours). */
  readonly partialMaxAgeMs?: number;
  readonly logger?: Logger;
}

/** FileStore keeps files in pieces of up to 4 MiB; on disk they are base64 JSON (4/3 larger). */
const MAX_RECORD_BYTES = 8 * 1024 * 1024;

export function keepAttachments(options: KeepAttachmentsOptions = {}): (context: AttachmentKeeperContext) => Promise<AttachmentKeeper> {
  return async ({ room, history, dir }) => {
    const { pushQuotaBytes, pushQuotaPerSenderBytes, partialMaxAgeMs } = options;
    const limits: FileStoreOptions = {
      maxBytes: options.maxBytes ?? 1024 ** 3,
      ...(pushQuotaBytes !== undefined ? { pushQuotaBytes } : {}),
      ...(pushQuotaPerSenderBytes !== undefined ? { pushQuotaPerSenderBytes } : {}),
      ...(partialMaxAgeMs !== undefined ? { partialMaxAgeMs } : {}),
    };
    const store = new FileStore(await DiskStore.open(dir, { maxValueBytes: MAX_RECORD_BYTES }), limits);
    const maxFileBytes = options.maxFileBytes ?? 100 * 1024 * 1024;
    const share = new FileShare({ room, store, maxFileBytes, wantPush: (offer) => offer.size <= maxFileBytes });
    /** Digests a kept message names that no peer could give yet. */
    const missing = new Set<string>();
    const keep = (digest: string) => {
      missing.delete(digest);
      share.fetch(digest).then(
        () => options.logger?.debug('attachment kept', { digest }),
        (error: Error & { code?: string }) => {
          if (error.code === 'cancelled') return;
          // Nobody online has it (or it is over the limit): asked again when a peer links.
          if (error.code !== 'too-large') missing.add(digest);
          options.logger?.info('attachment not kept yet', { digest, code: error.code, message: error.message });
        },
      );
    };
    const onPeer = () => [...missing].forEach(keep);
    share.addEventListener('peer', onPeer);
    // Files named by messages kept before a restart that did not arrive then.
    for (const message of history.after(undefined)) for (const digest of message.attachments) if (!(await store.has(digest))) keep(digest);
    return {
      kept: (message: ChatMessage) => message.attachments.forEach(keep),
      expired: () => {
        const named = new Set(history.after(undefined).flatMap((message) => message.attachments));
        for (const digest of missing) if (!named.has(digest)) missing.delete(digest);
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
