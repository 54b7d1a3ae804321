/**
 * What `<peer-chat>` shows of each attached file, kept up to date from the room's FileShare:
 * fetching (from whichever peer has it) as soon as a message naming it is shown, progress in
 * both directions, and once the file is here and verified, object URLs for the download link and
 * (for a raster image its bytes prove to be one) the preview. A peer's file is never opened as
 * what it says it is: the link's Blob is `application/octet-stream`, so an HTML or SVG file saves
 * instead of running in the app's origin. Only types from the core, and its small preview rules:
 * the FileShare itself arrives with the chat session.
 */
import type { FileError, FileShare, FileShareEventMap, Manifest } from '../../core/files.js';
import { asDownload, rasterPreview } from '../../core/files/preview.js';

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
    share.addEventListener('progress', onProgress);
    share.addEventListener('complete', onComplete);
    this.#unlisten = () => {
      share.removeEventListener('progress', onProgress);
      share.removeEventListener('complete', onComplete);
    };
  }

  /** The view of an attachment; the first look starts getting it (from the store or a peer). */
  view(digest: string): AttachmentView {
    let view = this.#views.get(digest);
    if (!view) {
      view = { digest, state: 'fetching' };
      this.#views.set(digest, view);
      void this.#load(digest);
    }
    return view;
  }

  /** Keeps a file this peer attaches; resolves to its digest. */
  async add(file: File): Promise<string> {
    const manifest = await this.share.share(file, { name: file.name, type: file.type });
    await this.#load(manifest.digest);
    return manifest.digest;
  }

  retry(digest: string): void {
    this.#set({ digest, state: 'fetching' });
    void this.#load(digest);
  }

  cancel(digest: string): void {
    this.share.cancel(digest);
  }

  close(): void {
    this.#closed = true;
    this.#unlisten();
    for (const view of this.#views.values()) {
      if (view.url) URL.revokeObjectURL(view.url);
      if (view.previewUrl) URL.revokeObjectURL(view.previewUrl);
    }
    this.#views.clear();
  }

  async #load(digest: string): Promise<void> {
    try {
      // From the store when it is there; asked for either way, so a pushed copy becomes the user's.
      const blob = await this.share.fetch(digest);
      const manifest = await this.share.store.manifest(digest);
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
      if (this.#closed) return;
      const code = (error as Partial<FileError>).code ?? 'storage';
      this.#set({ ...(this.#views.get(digest) ?? { digest }), state: 'failed', error: code });
    }
  }

  #set(view: AttachmentView): void {
    this.#views.set(view.digest, view);
    this.changed();
  }
}
