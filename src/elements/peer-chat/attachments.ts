/**
 * What `<peer-chat>` shows of each attached file, kept up to date from the room's FileShare:
 * fetching (from whichever peer has it) as soon as a message naming it is shown, progress in
 * both directions, and once the file is here and verified, object URLs for the download anchor and
 * (for a raster image its bytes prove to be one) the preview. A peer's file is never opened as
 * what it says it is: the anchor's Blob is `application/octet-stream`, so an HTML or SVG file saves
 * instead of running in the app's origin. Only types from the core; its preview rules load with the
 * first file shown, and the FileShare itself arrives with the chat session.
 *
 * A file fetched only because a shown message names it is not the user's: it is prefetched,
 * charged to the message's author in the store's push quota (so one member's messages cannot fill
 * the device), and may be evicted; then it shows as failed (`quota`) with a retry. It becomes the
 * user's (kept, never evicted by what others send) when the user acts on it: opens or saves it
 * (`open()`), retries it, or sent it.
 */
import type { FileError, FileShare, FileShareEventMap, FileStoreEventMap, Manifest } from '../../core/files/index.js';

export type AttachmentState = 'fetching' | 'ready' | 'failed';

export interface AttachmentView {
  readonly digest: string;
  readonly state: AttachmentState;
  /** Known once the file (or its manifest) is here. */
  readonly manifest?: Manifest;
  /** An object URL of the verified file, when `ready`, typed `application/octet-stream`: it downloads. */
  readonly url?: string;
  /** An object URL typed as the raster image the file's bytes decode as, when it is one: the inline preview. */
  readonly previewUrl?: string;
  /** The latest transfer's progress, either way: bytes of total. */
  readonly progress?: { readonly direction: 'send' | 'receive'; readonly bytes: number; readonly total: number };
  /** Why it failed (a FileError code). */
  readonly error?: string;
}

export class ChatAttachments {
  readonly #views = new Map<string, AttachmentView>();
  /** The author each attachment is prefetched for; absent for the user's own. */
  readonly #authors = new Map<string, string>();
  readonly #unlisten: () => void;
  #closed = false;

  constructor(
    private readonly share: FileShare,
    /** Called when any view changed (the element re-renders). */
    private readonly changed: () => void,
  ) {
    const onProgress = (event: Event) => {
      const { digest, direction, bytes, total } = (event as FileShareEventMap['progress']).detail;
      const view = this.#views.get(digest);
      if (view) this.#set({ ...view, progress: { direction, bytes, total } });
    };
    const onComplete = (event: Event) => {
      const { digest } = (event as FileShareEventMap['complete']).detail;
      // A file that arrived by another way (pushed) while a shown message waited for it.
      const view = this.#views.get(digest);
      if (view && view.state !== 'ready') void this.#load(digest);
    };
    const onEvicted = (event: Event) => {
      const { digest, reason } = (event as FileStoreEventMap['evicted']).detail;
      const view = this.#views.get(digest);
      if (!view) return;
      // The store let it go to make room: not available any more, until the user retries.
      this.#revoke(view);
      const { url: _url, previewUrl: _previewUrl, ...rest } = view;
      this.#set({ ...rest, state: 'failed', error: reason.code });
    };
    share.addEventListener('progress', onProgress);
    share.addEventListener('complete', onComplete);
    share.store.addEventListener('evicted', onEvicted);
    this.#unlisten = () => {
      share.removeEventListener('progress', onProgress);
      share.removeEventListener('complete', onComplete);
      share.store.removeEventListener('evicted', onEvicted);
    };
  }

  /**
   * The view of an attachment; the first look starts getting it (from the store or a peer): for
   * a message by `author` (a fingerprint), prefetched in that author's share; without one (the
   * user's own message), as the user's.
   */
  view(digest: string, author?: string): AttachmentView {
    let view = this.#views.get(digest);
    if (!view) {
      view = { digest, state: 'fetching' };
      this.#views.set(digest, view);
      if (author !== undefined) this.#authors.set(digest, author);
      void this.#load(digest);
    }
    return view;
  }

  /** Keeps a file this peer attaches; resolves to its digest. */
  async add(file: File): Promise<string> {
    const manifest = await this.share.share(file, { name: file.name, type: file.type });
    this.#authors.delete(manifest.digest);
    await this.#load(manifest.digest);
    return manifest.digest;
  }

  /** The user opened or saved the file: it is the user's from now on, whatever others send. */
  open(digest: string): void {
    this.#authors.delete(digest);
    this.share.store.keep(digest).then(
      (kept) => {
        // Gone from the store meanwhile: the user asked for it, so it is fetched again as theirs.
        if (!kept && !this.#closed) this.retry(digest);
      },
      (error: unknown) => this.#failed(digest, error),
    );
  }

  /** Fetches a failed attachment again: the user asked, so it is the user's. */
  retry(digest: string): void {
    this.#authors.delete(digest);
    const view = this.#views.get(digest);
    if (view) this.#revoke(view);
    this.#set({ digest, state: 'fetching' });
    void this.#load(digest);
  }

  cancel(digest: string): void {
    this.share.cancel(digest);
  }

  close(): void {
    this.#closed = true;
    this.#unlisten();
    for (const view of this.#views.values()) this.#revoke(view);
    this.#views.clear();
  }

  async #load(digest: string): Promise<void> {
    try {
      // From the store when it is there. A message's author's file stays out of the user's files
      // (a pushed copy stays a push); the user's own becomes the user's.
      const author = this.#authors.get(digest);
      const blob = await (author === undefined ? this.share.fetch(digest) : this.share.prefetch(digest, { for: author }));
      const manifest = await this.share.store.manifest(digest);
      // Loaded with the first file shown, not with the CDN entry: most chats render before any attachment.
      const { asDownload, rasterPreview } = await import('../../core/files/preview.js');
      const preview = manifest ? await rasterPreview(blob, manifest.type) : undefined;
      if (this.#closed || this.#views.get(digest)?.url) return;
      this.#set({
        digest,
        state: 'ready',
        url: URL.createObjectURL(asDownload(blob)),
        ...(preview ? { previewUrl: URL.createObjectURL(preview) } : {}),
        ...(manifest ? { manifest } : {}),
      });
    } catch (error) {
      this.#failed(digest, error);
    }
  }

  #failed(digest: string, error: unknown): void {
    if (this.#closed) return;
    const code = (error as Partial<FileError>).code ?? 'storage';
    this.#set({ ...(this.#views.get(digest) ?? { digest }), state: 'failed', error: code });
  }

  #revoke(view: AttachmentView): void {
    if (view.url) URL.revokeObjectURL(view.url);
    if (view.previewUrl) URL.revokeObjectURL(view.previewUrl);
  }

  #set(view: AttachmentView): void {
    this.#views.set(view.digest, view);
    this.changed();
  }
}
