/**
 * The room a FileStore keeps to, as pure functions of its index: which pushes to evict so that a
 * new file fits (within `maxBytes`; a push also within the push quota and its sender's share),
 * and which partial files are too old to keep.
 */
import { FileError } from './errors.js';
import type { Entry } from './records.js';

export interface QuotaLimits {
  /** Bytes kept in all, complete and partial files together. */
  readonly maxBytes: number;
  /** Bytes of files nobody asked for, every sender's together. */
  readonly pushQuota: number;
  /** Bytes of files nobody asked for charged to one sender. */
  readonly pushPerSender: number;
}

/**
 * The pushes to evict so that `size` more bytes fit: for a push (charged to `pushedBy`), within
 * its sender's share and the push quota; for any file, within `maxBytes`. Oldest pushes first (a
 * push's own sender's first, while it is past its share); never a file the user added or asked
 * for; never one of `leaving`, which go anyway. Throws `quota` when even that is not enough.
 */
export function roomFor(entries: Iterable<Entry>, size: number, pushedBy: string | undefined, leaving: ReadonlySet<Entry>, limits: QuotaLimits): Entry[] {
  const { maxBytes, pushQuota, pushPerSender } = limits;
  if (pushedBy !== undefined && size > pushPerSender) throw new FileError('quota', `a push of ${size} bytes; one sender's pushes may hold ${pushPerSender}`);
  let used = 0;
  let pushed = 0;
  let bySender = 0;
  const pushes: Entry[] = [];
  for (const entry of entries) {
    if (leaving.has(entry)) continue;
    const { manifest, pushedBy: sender } = entry.record;
    used += manifest.size;
    if (sender === undefined) continue;
    pushes.push(entry);
    pushed += manifest.size;
    if (sender === pushedBy) bySender += manifest.size;
  }
  pushes.sort((a, b) => a.record.added - b.record.added);
  const victims = new Set<Entry>();
  const evictWhile = (over: () => boolean, which: (entry: Entry) => boolean) => {
    for (const entry of pushes) {
      if (!over()) return;
      if (victims.has(entry) || !which(entry)) continue;
      victims.add(entry);
      used -= entry.record.manifest.size;
      pushed -= entry.record.manifest.size;
      if (entry.record.pushedBy === pushedBy) bySender -= entry.record.manifest.size;
    }
  };
  if (pushedBy !== undefined) {
    evictWhile(() => bySender + size > pushPerSender, (entry) => entry.record.pushedBy === pushedBy);
    evictWhile(() => pushed + size > pushQuota, () => true);
  }
  evictWhile(() => used + size > maxBytes, () => true);
  if (used + size > maxBytes) throw new FileError('quota', `no room for ${size} bytes: ${used} of ${maxBytes} in use`);
  return [...victims];
}

/** The partial files nothing arrived for since `cutoff` (ms). */
export function expiredPartials(entries: Iterable<Entry>, cutoff: number): Entry[] {
  return [...entries].filter((entry) => !entry.record.complete && entry.touched < cutoff);
}
