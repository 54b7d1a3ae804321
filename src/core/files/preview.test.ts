import { expect } from 'chai';
import { DOWNLOAD_TYPE, rasterPreview, sniffRaster, statedSize } from './index.js';

describe('files: previews', () => {
  describe('hostile peers and storage', () => {
    it('previews only raster images whose bytes are one, typed as what the bytes are: never SVG or HTML, whatever they declare', async () => {
      const canvas = new OffscreenCanvas(2, 2);
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#c0ffee';
      context.fillRect(0, 0, 2, 2);
      const gif = Uint8Array.from(atob('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7'), (c) => c.charCodeAt(0));
      // A 1×1 24-bit BMP: file header, a 40-byte DIB header, one padded pixel.
      const bmp = new Uint8Array(58);
      const view = new DataView(bmp.buffer);
      bmp.set([0x42, 0x4d]);
      view.setUint32(2, 58, true);
      view.setUint32(10, 54, true);
      view.setUint32(14, 40, true);
      view.setInt32(18, 1, true);
      view.setInt32(22, 1, true);
      view.setUint16(26, 1, true);
      view.setUint16(28, 24, true);
      view.setUint32(34, 4, true);
      const rasters: [Blob, string][] = [
        [await canvas.convertToBlob({ type: 'image/png' }), 'image/png'],
        [await canvas.convertToBlob({ type: 'image/jpeg' }), 'image/jpeg'],
        [await canvas.convertToBlob({ type: 'image/webp' }), 'image/webp'],
        [new Blob([gif]), 'image/gif'],
        [new Blob([bmp]), 'image/bmp'],
      ];
      for (const [blob, type] of rasters) expect((await rasterPreview(blob.slice(0, blob.size, DOWNLOAD_TYPE), type))?.type, type).to.equal(type);
      const png = rasters[0]![0];
      const svg = new Blob(['<svg xmlns="http://www.w3.org/2000/svg" onload="parent.filesPwned = 1"><rect width="1" height="1"/></svg>']);
      const html = new Blob(['<!doctype html><script>parent.filesPwned = 1</script>']);
      expect(await rasterPreview(svg, 'image/png'), 'SVG declared as PNG').to.equal(undefined);
      expect(await rasterPreview(svg, 'image/svg+xml'), 'SVG as itself').to.equal(undefined);
      expect(await rasterPreview(html, 'image/png'), 'HTML declared as PNG').to.equal(undefined);
      expect(await rasterPreview(png, 'text/html'), 'a PNG declared as HTML').to.equal(undefined);
      const pngHead = new Uint8Array(await png.slice(0, 8).arrayBuffer());
      expect(await rasterPreview(new Blob([pngHead, '<script>parent.filesPwned = 1</script>']), 'image/png'), 'a PNG signature over something else').to.equal(undefined);
      expect((await rasterPreview(png, 'image/jpeg'))?.type, 'a PNG said to be a JPEG is previewed as the PNG it is').to.equal('image/png');
      // AVIF by its ftyp box: the major brand, or a compatible one; HEIC is not AVIF.
      const ftyp = (...brands: string[]) => {
        const box = new Uint8Array(8 + brands.length * 4 + 4);
        new DataView(box.buffer).setUint32(0, box.length);
        box.set(new TextEncoder().encode('ftyp'), 4);
        brands.forEach((brand, i) => box.set(new TextEncoder().encode(brand), i === 0 ? 8 : 12 + i * 4));
        return box;
      };
      expect(sniffRaster(ftyp('avif', 'mif1'))).to.equal('image/avif');
      expect(sniffRaster(ftyp('mif1', 'miaf', 'avif'))).to.equal('image/avif');
      expect(sniffRaster(ftyp('heic', 'mif1'))).to.equal(undefined);
      expect((window as unknown as { filesPwned?: number }).filesPwned).to.equal(undefined);
    });

    // The attack: a tiny file whose header claims a huge image. Decoding allocates what the header
    // says (50,000 × 50,000 × 4 bytes = 10 GB), not what the file holds.
    it('does not decode an image whose header states more pixels than a photo has (a decompression bomb)', async () => {
      const png = new Uint8Array(64);
      png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
      png.set(new TextEncoder().encode('IHDR'), 12);
      new DataView(png.buffer).setUint32(16, 50_000);
      new DataView(png.buffer).setUint32(20, 50_000);
      const gif = new Uint8Array(32);
      gif.set(new TextEncoder().encode('GIF89a'));
      new DataView(gif.buffer).setUint16(6, 65_535, true);
      new DataView(gif.buffer).setUint16(8, 65_535, true);
      const decoded: unknown[] = [];
      const native = globalThis.createImageBitmap;
      globalThis.createImageBitmap = ((source: ImageBitmapSource) => {
        decoded.push(source);
        return native(source);
      }) as typeof createImageBitmap;
      try {
        expect(await rasterPreview(new Blob([png]), 'image/png'), 'PNG bomb').to.equal(undefined);
        expect(await rasterPreview(new Blob([gif]), 'image/gif'), 'GIF bomb').to.equal(undefined);
        expect(decoded, 'handed to the decoder').to.deep.equal([]);
        // A real image still is.
        const canvas = new OffscreenCanvas(64, 48);
        canvas.getContext('2d')!.fillRect(0, 0, 10, 10);
        for (const type of ['image/png', 'image/jpeg', 'image/webp'] as const) {
          const blob = await canvas.convertToBlob({ type });
          const head = new Uint8Array(await blob.arrayBuffer());
          expect(statedSize(head, sniffRaster(head)!), type).to.deep.equal({ width: 64, height: 48 });
          expect((await rasterPreview(blob, type))?.type, type).to.equal(type);
        }
        expect(decoded.length).to.equal(3);
      } finally {
        globalThis.createImageBitmap = native;
      }
    });
  });
});
