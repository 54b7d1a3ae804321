/** Files and stores for the files tests: random files, their digests, files kept the way a download keeps them. */
import { expect } from 'chai';
import { FileError, FileStore, type DownloadOptions, type Manifest } from '../../src/core/files/index.js';
import { memoryStore } from '../../src/core/platform/storage.js';
import { toHex } from '../../src/core/util/bytes.js';

export function randomFile(size: number, type = 'application/octet-stream'): { blob: Blob; bytes: Uint8Array<ArrayBuffer> } {
  const bytes = new Uint8Array(size);
  for (let at = 0; at < size; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));
  return { blob: new Blob([bytes], { type }), bytes };
}

export async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

export async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

export async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(FileError);
    return (error as FileError).code;
  }
  expect.fail('expected a FileError');
}

/** The manifest `blob` has (16 KiB chunks), without keeping it anywhere that matters. */
export function manifestOf(blob: Blob): Promise<Manifest> {
  return new FileStore(memoryStore()).add(blob, { chunkSize: 16 * 1024 });
}

/** Keeps `blob` in `store` the way a download does (every chunk put, then finished): pushed by `pushedBy`, or asked for. */
export async function receive(store: FileStore, blob: Blob, options: DownloadOptions = {}): Promise<Manifest> {
  const manifest = await manifestOf(blob);
  const download = await store.download(manifest, options);
  const bytes = await bytesOf(blob);
  for (const index of download.missing()) download.put(index, bytes.subarray(index * manifest.chunkSize, (index + 1) * manifest.chunkSize));
  await download.finish();
  return manifest;
}
