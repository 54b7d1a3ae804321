import { html, nothing, type PropertyValues } from 'lit';
// Types only: the key tools load on first connect, so the tag renders before they arrive.
import type { Identity, IdentityError } from '../../core/identity/identity.js';
import type { Keyring, KnownPeer } from '../../core/identity/keyring.js';
import type { KeyValueStore } from '../../core/platform/storage.js';
import { LocalizeController } from '../localize/localize-controller.js';
import type { PeerIdentityStrings } from '../localize/strings.js';
import { PeerElement } from '../peer-element.js';
import { shortFingerprint } from '../fingerprint-format.js';
import { SafetyNumberDialog } from '../safety-number-dialog.js';
import { peerIdentityStyles } from './peer-identity.styles.js';
import type { IdentityActions, IdentityViewContext, IdentityWords } from './identity-views.js';

export type { PeerIdentityStrings };

type Words = IdentityWords;
/** The status line, said again in the element's language at each render. */
type Notice = (words: Words) => string;

type View = 'loading' | 'none' | 'locked' | 'ready';

const loadIdentityModule = () => import('../../core/identity/identity.js');
/** The key, forms and address book: they come with the key tools, since nothing shows them before. */
type IdentityViews = typeof import('./identity-views.js');

/** Where focus goes when a view replaces the one it was in: the key's heading, the Create button, the passphrase field. */
const VIEW_START: Record<View, string | undefined> = {
  ready: '#key-heading',
  none: 'form.create button[type="submit"]',
  locked: 'form.unlock input',
  loading: undefined,
};

function isIdentityError(error: unknown): error is IdentityError {
  return (error as Error | undefined)?.name === 'IdentityError';
}

/**
 * This browser's key — create (with an optional passphrase), unlock, import,
 * export (armored), delete — its fingerprint in readable groups, and the address book of known
 * peers with their trust, where each peer can be verified by its safety number (digits and QR).
 *
 * @tagname peer-identity
 * @summary This browser's key and address book.
 *
 * @fires peer-identity-change - The key was created, unlocked, imported or deleted. `detail: {fingerprint}` (undefined after deleting)
 * @fires peer-error - Something failed (a wrong passphrase, an unreadable key, the verify dialog's code could not be loaded: `load-failed`). `detail: {code, message}`
 *
 * @csspart form - Each form (create, unlock, import, add contact).
 * @csspart button - Every button.
 * @csspart fingerprint - The grouped fingerprint.
 * @csspart verify-dialog - The dialog that verifies a peer.
 * @csspart safety-number - The safety number in the dialog: 12 groups of 5 digits.
 * @csspart safety-qr - The QR code (SVG) in the dialog.
 * @csspart verify-mark - The "Mark verified" button (also part `button`).
 * @csspart export - The exported key's text area.
 * @csspart address-book - The address book list.
 * @csspart contact - One address book entry.
 * @csspart message - The status line.
 * @csspart heading - The headings over the key and the address book (their level: `heading-level`).
 */
export class PeerIdentityElement extends PeerElement {
  static override styles = peerIdentityStyles;

  static override properties = {
    noAddressBook: { type: Boolean, attribute: 'no-address-book' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    strings: { attribute: false },
  };

  /** Hides the address book. */
  declare noAddressBook: boolean;
  /** The level of the element's headings ("Your key", "Address book"), 1–6, to fit the page's outline. */
  declare headingLevel: number;
  /** Overrides for the visible strings (localization). */
  declare strings: Partial<PeerIdentityStrings>;

  /** Where the key is kept (default: IndexedDB); set before the element connects. */
  store: KeyValueStore | undefined;
  /** The address book shown (default: the IndexedDB one); set before the element connects. */
  keyring: Keyring | undefined;

  readonly #localize = new LocalizeController(this);
  #identity: Identity | undefined;
  #view: View = 'loading';
  #message: Notice | undefined;
  #exported = '';
  #contacts: KnownPeer[] = [];
  /** A person's action changed the view (a key made, unlocked, imported or deleted): focus goes to where the new view starts. */
  #focusNewView = false;
  /** Where focus was when this update began (see `updated`): in the address book, elsewhere in the element, or outside. */
  #focusWasIn: 'address-book' | 'element' | undefined;
  readonly #verifyDialog = new SafetyNumberDialog(this, {
    markVerified: async (fingerprint) => void (await this.keyring?.setTrust(fingerprint, 'trusted')),
    isVerified: (fingerprint) => this.keyring?.get(fingerprint)?.trust === 'trusted',
  });
  #views: IdentityViews | undefined;
  readonly #actions: IdentityActions = {
    create: (event) => this.#onCreate(event),
    unlock: (event) => this.#onUnlock(event),
    importKey: (event) => this.#onImport(event),
    addContact: (event) => this.#onAddContact(event),
    exportPublic: () => this.exportPublicKey(),
    exportPrivate: (opener) => void this.#askExport(opener),
    deleteKey: (opener) => void this.deleteKey(false, opener),
    setTrust: (fingerprint, level) => void this.#run(async () => void (await this.keyring!.setTrust(fingerprint, level))),
    verify: (fingerprint, opener) => void this.verify(fingerprint, opener),
    remove: (fingerprint) => void this.#run(() => this.keyring!.remove(fingerprint)),
  };
  readonly #onKeyringChange = () => {
    this.#contacts = this.keyring?.list() ?? [];
    this.requestUpdate();
  };

  constructor() {
    super();
    this.noAddressBook = false;
    // DEFAULT_HEADING_LEVEL (identity-views.ts), written as the number so the manifest and the README show it.
    this.headingLevel = 2;
    this.strings = {};
    this.store = undefined;
    this.keyring = undefined;
  }

  /** The loaded key, if any. */
  get identity(): Identity | undefined {
    return this.#identity;
  }

  /** Settles once the stored key (if any) has been looked up: the element then shows what it found. */
  get loaded(): Promise<void> {
    return this.#loaded;
  }

  #loaded: Promise<void> = Promise.resolve();

  override connectedCallback(): void {
    super.connectedCallback();
    this.#loaded = this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.keyring?.removeEventListener('change', this.#onKeyringChange);
  }

  async #load(passphrase?: string): Promise<void> {
    try {
      const [{ Identity }, views] = await Promise.all([loadIdentityModule(), import('./identity-views.js')]);
      this.#views = views;
      const identity = await Identity.load({ ...this.#storeOption(), ...(passphrase ? { passphrase } : {}) });
      // Unlocked by the person at the form (not found on connect): focus follows to the key.
      if (passphrase && identity) this.#focusNewView = true;
      this.#setIdentity(identity, undefined);
      if (!this.#identity) this.#show('none', (words) => words.none);
    } catch (error) {
      if (isIdentityError(error) && (error.code === 'locked' || error.code === 'bad-passphrase')) {
        this.#show('locked', error.code === 'locked' ? (words) => words.locked : (words) => words.badPassphrase);
        if (error.code === 'bad-passphrase') this.emit('peer-error', { code: error.code, message: error.message });
        return;
      }
      this.#fail(error);
    }
    if (!this.noAddressBook && !this.keyring) this.keyring = await (await import('../../core/identity/keyring.js')).Keyring.open();
    this.keyring?.addEventListener('change', this.#onKeyringChange);
    this.#onKeyringChange();
  }

  #storeOption(): { store?: KeyValueStore } {
    return this.store ? { store: this.store } : {};
  }

  #strings(): Words {
    return { ...this.#localize.strings('verify', this.strings), ...this.#localize.strings('identity', this.strings) };
  }

  #show(view: View, message: Notice | undefined): void {
    this.#view = view;
    this.#message = message;
    this.requestUpdate();
  }

  #setIdentity(identity: Identity | undefined, message: Notice | undefined): void {
    const before = this.#identity?.fingerprint;
    this.#identity = identity;
    this.#exported = '';
    this.#show(identity ? 'ready' : 'none', message ?? (identity ? undefined : (words) => words.none));
    if (identity?.fingerprint !== before) this.emit('peer-identity-change', { fingerprint: identity?.fingerprint });
  }

  #fail(error: unknown): void {
    const code = isIdentityError(error) ? error.code : 'failed';
    this.#message = (words) => words.failed(code);
    this.emit('peer-error', { code, message: (error as Error).message });
    this.requestUpdate();
  }

  async #run(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.#fail(error);
    }
  }

  #onCreate(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const passphrase = String(data.get('passphrase') ?? '');
    void this.#run(async () => {
      const identity = await (await loadIdentityModule()).Identity.create({ name: String(data.get('name')), ...this.#storeOption(), ...(passphrase ? { passphrase } : {}) });
      this.#focusNewView = true;
      this.#setIdentity(identity, undefined);
    });
  }

  #onUnlock(event: SubmitEvent): void {
    event.preventDefault();
    void this.#load(String(new FormData(event.target as HTMLFormElement).get('passphrase')));
  }

  #onImport(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const passphrase = String(data.get('passphrase') ?? '');
    void this.#run(async () => {
      const identity = await (await loadIdentityModule()).Identity.import(String(data.get('armored')), { ...this.#storeOption(), replace: true, ...(passphrase ? { passphrase } : {}) });
      this.#focusNewView = true;
      this.#setIdentity(identity, undefined);
      form.reset();
    });
  }

  #onAddContact(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    void this.#run(async () => {
      await this.keyring?.add(String(new FormData(form).get('armored')));
      form.reset();
    });
  }

  /** Shows the public key, ready to copy. */
  exportPublicKey(): void {
    if (!this.#identity) return;
    this.#exported = this.#identity.exportPublicKey();
    this.requestUpdate();
  }

  /** Shows the private key, protected with `passphrase` when given. */
  async exportPrivateKey(passphrase?: string): Promise<void> {
    const identity = this.#identity;
    if (!identity) return;
    await this.#run(async () => {
      this.#exported = await identity.exportPrivateKey(passphrase ? { passphrase } : {});
      this.requestUpdate();
    });
  }

  /** Asks, in a dialog, for the passphrase that protects the export; cancelling exports nothing. */
  async #askExport(opener: HTMLElement): Promise<void> {
    const strings = this.#strings();
    let passphrase: string | undefined;
    await this.#run(async () => {
      const { requestText } = await import('../blocks/dialog.js');
      passphrase = await requestText({ heading: strings.exportHeading, message: strings.exportMessage, label: strings.exportPassphrase, autocomplete: 'new-password', confirmLabel: strings.exportConfirm, opener });
    });
    if (passphrase !== undefined) await this.exportPrivateKey(passphrase || undefined);
  }

  /**
   * Opens the dialog that verifies a known peer: the safety number between this key and theirs,
   * its QR code, and "Mark verified" (trust in the address book). Settles once the number shows.
   */
  async verify(fingerprint: string, opener?: HTMLElement): Promise<void> {
    const contact = this.keyring?.get(fingerprint);
    if (!this.#identity || !contact) return;
    await this.#verifyDialog.open(this.#identity.fingerprint, { fingerprint, name: contact.name || shortFingerprint(fingerprint) }, opener);
  }

  /** Deletes the key from this browser (asks first, in a dialog, unless `confirmed`). */
  async deleteKey(confirmed = false, opener?: HTMLElement): Promise<void> {
    const identity = this.#identity;
    if (!identity) return;
    await this.#run(async () => {
      if (!confirmed) {
        const strings = this.#strings();
        // The dialog loads with its first use: pages that never delete a key do not pay for it.
        const { confirmAction } = await import('../blocks/dialog.js');
        if (!(await confirmAction({ heading: strings.deleteHeading, message: strings.confirmDelete, confirmLabel: strings.delete, ...(opener ? { opener } : {}) }))) return;
      }
      await identity.delete();
      // Asked through the Delete button (not called by the app): the button is gone, focus goes to Create.
      if (opener) this.#focusNewView = true;
      this.#setIdentity(undefined, undefined);
    });
  }

  protected override update(changed: PropertyValues): void {
    // Read before the render removes anything: a removed focused control leaves no trace after it.
    const active = this.shadowRoot?.activeElement;
    this.#focusWasIn = !active ? undefined : active.closest('[part="address-book"]') ? 'address-book' : 'element';
    super.update(changed);
  }

  protected override updated(): void {
    // Moved on purpose, or lost because the render removed the focused control: never left on the page's body.
    const focusLost = this.#focusWasIn !== undefined && this.shadowRoot?.activeElement == null;
    if (!this.#focusNewView && !focusLost) return;
    // A contact removed from the address book: its heading, not the top of the element.
    const landing = !this.#focusNewView && this.#focusWasIn === 'address-book' && this.#view === 'ready' ? '#address-book-heading' : VIEW_START[this.#view];
    this.#focusNewView = false;
    if (landing) this.renderRoot.querySelector<HTMLElement>(landing)?.focus();
  }

  protected override render() {
    const strings = this.#strings();
    const views = this.#views;
    const view = views ? this.#view : 'loading';
    const context: IdentityViewContext = { strings, headingLevel: this.headingLevel, actions: this.#actions };
    return html`
      <p part="message" class="message" role="status" aria-live="polite">${view === 'loading' ? strings.loading : this.#message?.(strings)}</p>
      ${views && view === 'ready' ? views.keyView(this.#identity!, this.#exported, context) : nothing}
      ${views && view === 'none' ? views.createForm(context) : nothing}
      ${views && view === 'locked' ? views.unlockForm(context) : nothing}
      ${views && (view === 'none' || view === 'ready') ? views.importForm(context) : nothing}
      ${views && view === 'ready' && !this.noAddressBook ? views.addressBook(this.#contacts, this.#identity?.fingerprint, context) : nothing}
      ${this.#verifyDialog.render(strings)}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-identity': PeerIdentityElement;
  }
}
