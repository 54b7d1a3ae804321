/**
 * What `<peer-chat>` shows of each attached file, kept up to date from the room's FileShare:
 * fetching (from whichever peer has it) as soon as a message naming it is shown, progress in
 * both directions, and once the file is here and verified, an object URL for the preview or the
 * download link. Types only from the core: the FileShare itself arrives with the chat session.
 */
import type { FileError, FileShare, FileShareEventMap, Manifest } from '../../core/files.js';

export type AttachmentState = 'fetching' | 'ready' | 'failed';

export interface AttachmentView {
  readonly digest: string;
  readonly state: AttachmentState;
  /** Known once the file (or its manifest) is here. */
  readonly manifest?: Manifest;
  /** An object URL of the verified file, when `ready`. */
  readonly url?: string;
  /** The latest transfer's progress, either way: bytes of total. */
  readonly progress?: { readonly direction: 'send' | 'receive'; readonly bytes: number; readonly total: number };
  /** Why it failed (a FileError code). */
  readonly error?: string;
}

/** Images of these types preview inline; everything else is a download link. */
const PREVIEWABLE = /^image\/(png|jpeg|gif|webp|avif|bmp)$/;

export function isPreviewable(manifest: Manifest | undefined): boolean {
  return manifest !== undefined && PREVIEWABLE.test(manifest.type);
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
    for (const view of this.#views.values()) if (view.url) URL.revokeObjectURL(view.url);
    this.#views.clear();
  }

  async #load(digest: string): Promise<void> {
    try {
      const blob = (await this.share.store.get(digest)) ?? (await this.share.fetch(digest));
      const manifest = await this.share.store.manifest(digest);
      if (this.#closed || this.#views.get(digest)?.url) return;
      this.#set({ digest, state: 'ready', url: URL.createObjectURL(blob), ...(manifest ? { manifest } : {}) });
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
