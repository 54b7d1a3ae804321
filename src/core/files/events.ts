/**
 * What a FileShare reports (its typed events) and the offer of a push, shared by the parts of
 * FileShare (channel, sender, fetcher, push), each of which reports through the façade.
 */
import type { FileErrorCode } from './errors.js';
import type { Manifest } from './manifest.js';

export type FileDirection = 'send' | 'receive';

export interface FileOffer {
  readonly digest: string;
  readonly size: number;
  readonly name: string;
  readonly type: string;
  readonly from: string;
}

export interface FileShareEventMap {
  /** A peer's file channel is up on both sides: files can be asked of it. */
  peer: CustomEvent<{ readonly id: string }>;
  /** `bytes` of `total` the receiving side holds, as each chunk is sent or verified. */
  progress: CustomEvent<{ readonly digest: string; readonly peer: string; readonly direction: FileDirection; readonly bytes: number; readonly total: number }>;
  /** A transfer ended well: the receiver verified the whole file. */
  complete: CustomEvent<{ readonly digest: string; readonly peer: string; readonly direction: FileDirection; readonly manifest: Manifest }>;
  /** Something went wrong: a bad frame or chunk from a peer, a transfer that stopped, a fetch that failed. */
  error: CustomEvent<{ readonly code: FileErrorCode; readonly message: string; readonly peer?: string; readonly digest?: string; readonly direction?: FileDirection; readonly index?: number }>;
}

/** Dispatches one of FileShare's events on the façade (its parts hold this, not the FileShare). */
export type EmitFileEvent = <K extends keyof FileShareEventMap & string>(type: K, detail: FileShareEventMap[K]['detail']) => void;
