/**
 * What a file from a peer may be opened as. Its declared type is the sender's word: a `text/html`
 * or `image/svg+xml` Blob opened from an object URL runs script in the app's origin, next to the
 * identity in IndexedDB. So every Blob the core hands out is `application/octet-stream` (a link to
 * it downloads, never renders), and only a raster image whose bytes say so — checked by their
 * signature and by decoding them — gets a typed Blob for an inline preview. SVG never does.
 */

/** The type of every Blob of a stored file: opening it downloads it. */
export const DOWNLOAD_TYPE = 'application/octet-stream';

/** `blob` as a download: the same bytes, typed `application/octet-stream` (no copy is made). */
export function asDownload(blob: Blob): Blob {
  return blob.type === DOWNLOAD_TYPE ? blob : blob.slice(0, blob.size, DOWNLOAD_TYPE);
}

export type RasterType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/avif' | 'image/bmp';

const RASTER_TYPES: ReadonlySet<string> = new Set<RasterType>(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);

/** Enough of a file's head for every signature below (and an AVIF `ftyp` box's first brands). */
const HEAD_BYTES = 64;

const ascii = (bytes: Uint8Array, at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));
const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((byte, at) => bytes[at] === byte);

/** BMP's two-byte "BM" is weak alone: the DIB header that follows has one of these sizes. */
const BMP_HEADER_SIZES: ReadonlySet<number> = new Set([12, 40, 52, 56, 108, 124]);

/** The raster image type a file's first bytes announce, if any. */
export function sniffRaster(head: Uint8Array): RasterType | undefined {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return 'image/webp';
  if (ascii(head, 4, 4) === 'ftyp' && head.length >= 16) {
    // An ISO-BMFF `ftyp` box: AVIF when its major or a compatible brand says so.
    const boxEnd = Math.min(new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(0), head.length);
    for (let at = 8; at + 4 <= boxEnd; at += at === 8 ? 8 : 4) {
      const brand = ascii(head, at, 4);
      if (brand === 'avif' || brand === 'avis') return 'image/avif';
    }
    return undefined;
  }
  if (ascii(head, 0, 2) === 'BM' && head.length >= 18) {
    const dibSize = new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(14, true);
    if (BMP_HEADER_SIZES.has(dibSize)) return 'image/bmp';
  }
  return undefined;
}

/**
 * A Blob to preview `file` inline, typed as the raster image it is; undefined unless the sender
 * declared a raster type, the bytes carry a raster signature, and (where the platform can decode
 * images) they decode. Never for SVG, HTML or anything the declared type alone vouches for.
 */
export async function rasterPreview(file: Blob, declaredType: string): Promise<Blob | undefined> {
  if (!RASTER_TYPES.has(declaredType.toLowerCase())) return undefined;
  const type = sniffRaster(new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer()));
  if (!type) return undefined;
  const preview = file.slice(0, file.size, type);
  if (typeof createImageBitmap === 'function') {
    try {
      (await createImageBitmap(preview)).close();
    } catch {
      return undefined;
    }
  }
  return preview;
}
