import { expect } from 'chai';
import { FileStore, type Manifest } from './index.js';
import { browserStore, memoryStore } from '../platform/storage.js';
import { bytesOf, manifestOf, randomFile, receive, refusal, sha256 } from '../../../test/support/files.js';

describe('files: FileStore', function () {
  this.timeout(30_000);

  it('the sender computes the SHA-256 the platform computes, for the file and each chunk', async () => {
    const store = new FileStore(memoryStore());
    const { blob, bytes } = randomFile(100 * 1024 + 17, 'image/png');
    const manifest = await store.add(new File([blob], 'photo.png', { type: 'image/png' }), { chunkSize: 16 * 1024 });
    expect(manifest.digest).to.equal(await sha256(bytes));
    expect(manifest).to.include({ size: bytes.length, name: 'photo.png', type: 'image/png', chunkSize: 16 * 1024 });
    expect(manifest.chunks).to.have.length(7);
    for (let i = 0; i < 7; i++) expect(manifest.chunks[i]).to.equal(await sha256(bytes.slice(i * 16 * 1024, (i + 1) * 16 * 1024)));
    expect(await bytesOf((await store.get(manifest.digest))!)).to.deep.equal(bytes);
    const empty = await store.add(new Blob([]));
    expect(empty.digest).to.equal(await sha256(new Uint8Array(0)));
    expect(empty.chunks).to.deep.equal([]);
  });

  it('FileStore keeps files across instances in IndexedDB, deletes them, and keeps to its quota', async () => {
    const name = `files-${Math.random()}`;
    const store = new FileStore(await browserStore(name, 'peerkit-test'), { pieceBytes: 32 * 1024, maxBytes: 300 * 1024 });
    const { blob, bytes } = randomFile(200 * 1024);
    const manifest = await store.add(blob, { chunkSize: 16 * 1024, name: 'a.bin' });
    expect(await store.add(blob)).to.deep.equal(manifest);
    expect(await refusal(store.add(randomFile(150 * 1024).blob))).to.equal('quota');
    const again = new FileStore(await browserStore(name, 'peerkit-test'));
    expect(await again.has(manifest.digest)).to.equal(true);
    expect(await again.usage()).to.equal(bytes.length);
    expect(await bytesOf((await again.get(manifest.digest))!)).to.deep.equal(bytes);
    expect(await again.digests()).to.deep.equal([manifest.digest]);
    await again.delete(manifest.digest);
    expect(await again.digests()).to.deep.equal([]);
    expect(await again.get(manifest.digest)).to.equal(undefined);
    expect(await new FileStore(await browserStore(name, 'peerkit-test')).has(manifest.digest)).to.equal(false);
    expect(await (await browserStore(name, 'peerkit-test')).keys()).to.deep.equal([]);
  });

  describe('hostile peers and storage', () => {
    const KIB = 1024;

    it('a partial file goes when a download begins or on expirePartials(); its download then fails "expired", a live one stays', async () => {
      let now = 0;
      const store = new FileStore(memoryStore(), { partialMaxAgeMs: 60_000, now: () => now });
      const files = [randomFile(64 * KIB), randomFile(64 * KIB), randomFile(64 * KIB)];
      const [stale, live, next] = await Promise.all(files.map(({ blob }) => manifestOf(blob)));
      const staleDownload = await store.download(stale!);
      staleDownload.put(0, files[0]!.bytes.subarray(0, 16 * KIB));
      now = 30_000;
      const liveDownload = await store.download(live!);
      now = 59_000;
      liveDownload.put(0, files[1]!.bytes.subarray(0, 16 * KIB));
      now = 61_000;
      expect(await store.expirePartials()).to.deep.equal([stale!.digest]);
      expect(await refusal(staleDownload.finish())).to.equal('expired');
      expect(await store.digests()).to.deep.equal([live!.digest]);
      now = 200_000;
      await store.download(next!);
      expect(await store.digests(), 'swept as the next download began').to.deep.equal([next!.digest]);
      for (let index = 1; index < 4; index++) liveDownload.put(index, files[1]!.bytes.subarray(index * 16 * KIB, (index + 1) * 16 * KIB));
      expect(await refusal(liveDownload.finish())).to.equal('expired');
      expect(await store.usage()).to.equal(64 * KIB);
    });

    it('pushes nobody asked for live in a quota, per sender and in all: a flood evicts its own oldest, never the user\'s files', async () => {
      const size = 64 * KIB;
      let now = Date.UTC(2030, 0, 1);
      const store = new FileStore(memoryStore(), { maxBytes: 16 * size, pushQuotaBytes: 4 * size, pushQuotaPerSenderBytes: 2 * size, now: () => (now += 1000) });
      const held = (manifests: readonly Manifest[]) => Promise.all(manifests.map((manifest) => store.has(manifest.digest)));
      const own = await store.add(randomFile(size).blob, { chunkSize: 16 * KIB });
      const asked = await receive(store, randomFile(size).blob);
      const cid = [await receive(store, randomFile(size).blob, { pushedBy: 'cid' }), await receive(store, randomFile(size).blob, { pushedBy: 'cid' })];
      const flood: Manifest[] = [];
      for (let i = 0; i < 12; i++) flood.push(await receive(store, randomFile(size).blob, { pushedBy: 'mal' }));
      expect(await held([own, asked, ...cid]), 'the user\'s files and the other sender\'s pushes').to.deep.equal([true, true, true, true]);
      expect(await held(flood), 'Mal keeps its share, its newest').to.deep.equal([...Array<boolean>(10).fill(false), true, true]);
      expect(await store.usage()).to.equal(6 * size);
      expect(await store.pushUsage('mal')).to.equal(2 * size);
      // A third sender, with the push quota full: the oldest push goes (Cid's), not the user's files.
      const ann = await receive(store, randomFile(size).blob, { pushedBy: 'ann' });
      expect(await held([own, asked, cid[0]!, cid[1]!, ann])).to.deep.equal([true, true, false, true, true]);
      // Asked for, a push is the user's: no push evicts it, and it leaves the push quota.
      expect(await store.keep(flood[11]!.digest)).to.equal(true);
      for (let i = 0; i < 4; i++) await receive(store, randomFile(size).blob, { pushedBy: 'mal' });
      expect(await held([flood[11]!, own, asked, cid[1]!, ann])).to.deep.equal([true, true, true, true, true]);
      expect(await store.pushUsage()).to.equal(4 * size);
      expect(await store.usage()).to.equal(7 * size);
      // A push larger than one sender's share can never be kept.
      expect(await refusal(store.download(await manifestOf(randomFile(2 * size + 1).blob), { pushedBy: 'cid' }))).to.equal('quota');
    });

    it('the user\'s files make room by evicting pushes; when the user\'s files fill the store, a push is refused ("quota") and nothing is evicted', async () => {
      const size = 64 * KIB;
      let now = 0;
      const store = new FileStore(memoryStore(), { maxBytes: 3 * size, pushQuotaBytes: 2 * size, pushQuotaPerSenderBytes: size, now: () => (now += 1000) });
      const pushes = [await receive(store, randomFile(size).blob, { pushedBy: 'mal' }), await receive(store, randomFile(size).blob, { pushedBy: 'cid' })];
      const own = await store.add(randomFile(size).blob, { chunkSize: 16 * KIB });
      const asked = await receive(store, randomFile(size).blob);
      expect(await Promise.all([...pushes, own, asked].map((manifest) => store.has(manifest.digest)))).to.deep.equal([false, true, true, true]);
      const more = await store.add(randomFile(size).blob, { chunkSize: 16 * KIB });
      expect(await store.has(more.digest)).to.equal(true);
      expect(await store.has(pushes[1]!.digest)).to.equal(false);
      expect(await refusal(receive(store, randomFile(size).blob, { pushedBy: 'mal' }))).to.equal('quota');
      expect(await refusal(store.add(randomFile(size).blob))).to.equal('quota');
      expect(await store.digests()).to.have.members([own.digest, asked.digest, more.digest]);
    });
  });
});
