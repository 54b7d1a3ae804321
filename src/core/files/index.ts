/**
 * Attachments by SHA-256 digest, over WebRTC.
 *
 * A file is addressed by the SHA-256 of its bytes. Whoever shares it computes that digest and a
 * manifest (size, name, type, chunk size, and the SHA-256 of every chunk) and keeps the file in a
 * FileStore. A peer that lacks a file asks the connected peers who holds it, takes the manifest
 * from one, and asks it for the chunks it is missing, a window at a time. Every chunk is checked
 * against the manifest as it arrives (a bad one is asked for again, from the same or another
 * peer); the whole file is checked against its digest before it is accepted, because a manifest
 * is only as honest as the peer that sent it. Chunks already held are not asked for again: they
 * outlive a dropped link in memory, and a reload in the store once the piece they are in is full.
 *
 * Files travel on a named channel of the group, FILE_CHANNEL ('peerkit/files'), over each direct
 * link, in the link's one framing beside chat and the app's messages.
 *
 * This module is the public face; the parts live beside it:
 *   errors.ts    FileError and its codes
 *   manifest.ts  Manifest, chunk sizes and counts, hashing
 *   wire.ts      the wire format (specified there): control and chunk frames, their limits
 *   store.ts     FileStore: files by digest in a KeyValueStore, laid out as records.ts says, with
 *                the push quota and the expiry of partial files (quota.ts); download.ts receives a
 *                file into it, reader.ts reads one out for sending
 *   preview.ts   what a peer's file may be opened as: a download, or a raster image checked by its bytes
 *   share.ts     FileShare, the façade of the protocol with the peers of a group (events.ts: what it
 *                reports), over channel.ts (the file channel, a session per peer), sender.ts (serving chunks),
 *                fetcher.ts and source.ts (getting a file from its holders) and push.ts (offers)
 */
export { FileError, type FileErrorCode } from './errors.js';
export { DEFAULT_CHUNK_BYTES, MAX_CHUNK_BYTES, MAX_CHUNKS, MIN_CHUNK_BYTES, type Manifest } from './manifest.js';
export { FILE_CHANNEL, FILE_PROTOCOL } from './wire.js';
export { FileStore, type AddOptions, type DownloadOptions, type FileStoreEventMap, type FileStoreOptions } from './store.js';
export type { ChunkReader } from './reader.js';
export type { Download } from './download.js';
export { DOWNLOAD_TYPE, MAX_PREVIEW_PIXELS, MAX_PREVIEW_SIDE, asDownload, rasterPreview, sniffRaster, statedSize, type ImageSize, type RasterType } from './preview.js';
export { FileShare, type FileRoom, type FileShareOptions } from './share.js';
export type { FileDirection, FileOffer, FileShareEventMap } from './events.js';
export type { FileGroup } from './channel.js';
