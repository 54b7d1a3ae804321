/**
 * What a file from a peer may be opened as. Its declared type is the sender's word: a `text/html`
 * or `image/svg+xml` Blob opened from an object URL runs script in the app's origin, next to the
 * identity in IndexedDB. So every Blob the core hands out is `application/octet-stream` (a link to
 * it downloads, never renders), and only a raster image whose bytes say so — checked by their
 * signature and by decoding them — gets a typed Blob for an inline preview. SVG never does.
 * Decoding allocates width × height × 4 bytes whatever the file's size, so a 100-byte PNG can
 * claim 50,000 × 50,000 pixels (10 GB): the size its header states is read first, and an image
 * larger than a photo (or whose size cannot be read) is not decoded, only offered as a download.
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
/** Where the stated size is looked for: JPEG's frame header follows its metadata segments. */
const SIZE_HEAD_BYTES = 256 * 1024;
/** The largest image decoded for a preview: a 48-megapixel photo fits, a decompression bomb does not. */
export const MAX_PREVIEW_PIXELS = 50_000_000;
export const MAX_PREVIEW_SIDE = 16_384;

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

export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

/** The size an image's header states (the largest one, for AVIF's several), or undefined when it cannot be read. */
export function statedSize(head: Uint8Array, type: RasterType): ImageSize | undefined {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const has = (bytes: number) => head.length >= bytes;
  switch (type) {
    case 'image/png':
      return has(24) && ascii(head, 12, 4) === 'IHDR' ? { width: view.getUint32(16), height: view.getUint32(20) } : undefined;
    case 'image/gif':
      return has(10) ? { width: view.getUint16(6, true), height: view.getUint16(8, true) } : undefined;
    case 'image/bmp': {
      if (!has(26)) return undefined;
      if (view.getUint32(14, true) === 12) return { width: view.getUint16(18, true), height: view.getUint16(20, true) };
      return { width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
    }
    case 'image/webp': {
      if (!has(30)) return undefined;
      const chunk = ascii(head, 12, 4);
      const uint24 = (at: number) => head[at]! | (head[at + 1]! << 8) | (head[at + 2]! << 16);
      if (chunk === 'VP8X') return { width: 1 + uint24(24), height: 1 + uint24(27) };
      if (chunk === 'VP8 ') return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
      if (chunk === 'VP8L') {
        const [b0, b1, b2, b3] = [head[21]!, head[22]!, head[23]!, head[24]!];
        return { width: 1 + (((b1 & 0x3f) << 8) | b0), height: 1 + (((b3 & 0x0f) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6)) };
      }
      return undefined;
    }
    case 'image/jpeg':
      return jpegFrameSize(head, view);
    case 'image/avif': {
      // Every image spatial extent ('ispe': version and flags, then width and height) counts.
      let largest: ImageSize | undefined;
      for (let at = head.indexOf(0x69); at >= 0 && at + 16 <= head.length; at = head.indexOf(0x69, at + 1)) {
        if (ascii(head, at, 4) !== 'ispe') continue;
        const size = { width: view.getUint32(at + 8), height: view.getUint32(at + 12) };
        if (!largest || size.width * size.height > largest.width * largest.height) largest = size;
      }
      return largest;
    }
  }
}

/** The size in a JPEG's start-of-frame segment, walking the segments before it. */
function jpegFrameSize(head: Uint8Array, view: DataView): ImageSize | undefined {
  let at = 2;
  while (at + 9 <= head.length) {
    if (head[at] !== 0xff) return undefined;
    const marker = head[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
    if ((marker >= 0xd0 && marker <= 0xd9) || marker === 0x01) {
      at += 2;
      continue;
    }
    at += 2 + view.getUint16(at + 2);
  }
  return undefined;
}

/** Whether an image of this stated size may be decoded for a preview. */
function decodable(size: ImageSize | undefined): boolean {
  return size !== undefined && size.width > 0 && size.height > 0 && size.width <= MAX_PREVIEW_SIDE && size.height <= MAX_PREVIEW_SIDE && size.width * size.height <= MAX_PREVIEW_PIXELS;
}

/**
 * A Blob to preview `file` inline, typed as the raster image it is; undefined unless the sender
 * declared a raster type, the bytes carry a raster signature, the size the header states is
 * within MAX_PREVIEW_PIXELS, and (where the platform can decode images) they decode. Never for
 * SVG, HTML or anything the declared type alone vouches for.
 */
export async function rasterPreview(file: Blob, declaredType: string): Promise<Blob | undefined> {
  if (!RASTER_TYPES.has(declaredType.toLowerCase())) return undefined;
  const head = new Uint8Array(await file.slice(0, Math.max(HEAD_BYTES, Math.min(file.size, SIZE_HEAD_BYTES))).arrayBuffer());
  const type = sniffRaster(head.subarray(0, HEAD_BYTES));
  if (!type || !decodable(statedSize(head, type))) return undefined;
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
