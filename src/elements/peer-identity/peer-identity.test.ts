import { expect } from 'chai';
import jsQR from 'jsqr';
import { Keyring } from '../../core/identity/keyring.js';
import { memoryStore } from '../../core/platform/storage.js';
import { accessibilityViolations } from '../../../test/support/axe.js';
import { sendKeys } from '../../../test/support/browser-input.js';
import { violationsInEveryTheme } from '../../../test/support/themed-audit.js';
import { domCondition, mountedPerTest } from '../../../test/support/elements.js';
import { freshBrowserStore, identityNamed } from '../../../test/support/identities.js';
import type { PeerEventMap } from '../events.js';
import { safetyNumber, safetyNumberGroups, verifySafetyQrPayload } from '../../core/identity/safety-number.js';
import { groupedFingerprint } from '../fingerprint-format.js';
import type { PeerIdentityElement } from './peer-identity.js';
import './define.js';

describe('<peer-identity>', function () {
  this.timeout(60_000);
  const attach = mountedPerTest();

  async function mount(): Promise<PeerIdentityElement> {
    const element = document.createElement('peer-identity');
    element.store = await freshBrowserStore('identity-element');
    element.keyring = await Keyring.open({ store: memoryStore() });
    attach(element);
    return element;
  }

  function next<K extends keyof PeerEventMap>(element: HTMLElement, type: K): Promise<PeerEventMap[K]> {
    return new Promise((resolve) => element.addEventListener(type, (event) => resolve(event as PeerEventMap[K]), { once: true }));
  }

  /** What a phone camera reads from the QR code: the SVG drawn to pixels, decoded by jsQR. */
  async function scan(qr: SVGSVGElement): Promise<string | undefined> {
    const image = new Image();
    image.src = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(qr)], { type: 'image/svg+xml' }));
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 400;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0, 400, 400);
    URL.revokeObjectURL(image.src);
    return jsQR(context.getImageData(0, 0, 400, 400).data, 400, 400)?.data;
  }

  const $ = (element: PeerIdentityElement, selector: string) => element.shadowRoot!.querySelector<HTMLElement>(selector);

  /** The dialog the element opened beside its button, once it is open. */
  async function openDialog(element: PeerIdentityElement): Promise<HTMLElement & { open: boolean }> {
    // Its `open` changes inside its own shadow root, which no observer here sees: look each frame.
    for (;;) {
      const dialog = element.shadowRoot!.querySelector('peer-dialog');
      if (dialog?.open) return dialog;
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }

  /** What has focus, said as text (a failed equality of two elements makes the runner serialize them). */
  function focused(element: PeerIdentityElement): string {
    const active = element.shadowRoot!.activeElement as HTMLElement | null;
    if (!active) return `outside the element (on ${document.activeElement?.localName})`;
    return `${active.localName}${active.id ? `#${active.id}` : ''} "${(active.getAttribute('aria-label') ?? active.textContent ?? '').trim()}"`;
  }

  async function submit(element: PeerIdentityElement, formClass: string, fields: Record<string, string>): Promise<void> {
    await element.updateComplete;
    const form = $(element, `form.${formClass}`) as HTMLFormElement;
    for (const [name, value] of Object.entries(fields)) (form.elements.namedItem(name) as HTMLInputElement).value = value;
    form.requestSubmit();
  }

  it('formats fingerprints in groups of four', () => {
    const fingerprint = '0123456789abcdef0123456789abcdef01234567';
    expect(groupedFingerprint(fingerprint)).to.equal('0123 4567 89AB CDEF 0123 4567 89AB CDEF 0123 4567');
  });

  it('creates a key, shows it, exports it, deletes it; every state passes an accessibility audit', async () => {
    const element = await mount();
    await element.loaded;
    await element.updateComplete;
    expect($(element, 'form.create')).to.not.equal(null);
    expect(await accessibilityViolations(element)).to.deep.equal([]);

    const created = next(element, 'peer-identity-change');
    await submit(element, 'create', { name: 'Ada' });
    const { fingerprint } = (await created).detail;
    expect(fingerprint).to.equal(element.identity!.fingerprint);
    await element.updateComplete;
    expect($(element, '[part="fingerprint"]')!.textContent).to.equal(groupedFingerprint(fingerprint!));
    // The forgeable six-digit code of one key is gone: people compare safety numbers per peer.
    expect(element.shadowRoot!.querySelectorAll('[part="comparison-code"]')).to.have.length(0);
    expect(await accessibilityViolations(element)).to.deep.equal([]);

    element.exportPublicKey();
    await element.updateComplete;
    expect(($(element, '[part="export"]') as HTMLTextAreaElement).value).to.match(/^-----BEGIN PGP PUBLIC KEY BLOCK-----/);

    const deleted = next(element, 'peer-identity-change');
    await element.deleteKey(true);
    expect((await deleted).detail.fingerprint).to.equal(undefined);
    await element.updateComplete;
    expect($(element, 'form.create')).to.not.equal(null);
  });

  it('asks in a dialog, never with prompt() or confirm(): cancelling the export exports nothing, cancelling the delete keeps the key, and each choice goes through', async () => {
    const element = await mount();
    await element.loaded;
    const created = next(element, 'peer-identity-change');
    await submit(element, 'create', { name: 'Ada' });
    await created;
    await element.updateComplete;
    const native: string[] = [];
    const { prompt, confirm } = window;
    window.prompt = () => (native.push('prompt'), null);
    window.confirm = () => (native.push('confirm'), false);
    try {
      const buttonNamed = (label: string) => [...element.shadowRoot!.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === label)!;
      const press = (dialog: HTMLElement, which: 'cancel' | 'confirm') => dialog.shadowRoot!.querySelector<HTMLButtonElement>(`button.${which}`)!.click();

      buttonNamed('Export private key').click();
      let dialog = await openDialog(element);
      expect(dialog.shadowRoot!.querySelector('h2')!.textContent).to.equal('Export your private key');
      expect(dialog.shadowRoot!.querySelector('input')!.type).to.equal('password');
      press(dialog, 'cancel');
      await domCondition(element.shadowRoot!, () => element.shadowRoot!.querySelector('peer-dialog') === null);
      await element.updateComplete;
      expect($(element, '[part="export"]'), 'exported although cancelled').to.equal(null);

      buttonNamed('Export private key').click();
      dialog = await openDialog(element);
      dialog.shadowRoot!.querySelector('input')!.value = 'correct horse';
      press(dialog, 'confirm');
      await domCondition(element.shadowRoot!, () => $(element, '[part="export"]') !== null);
      const armored = ($(element, '[part="export"]') as HTMLTextAreaElement).value;
      expect(armored).to.match(/^-----BEGIN PGP PRIVATE KEY BLOCK-----/);

      buttonNamed('Delete key').click();
      dialog = await openDialog(element);
      expect(dialog.shadowRoot!.querySelector('h2')!.textContent).to.equal('Delete this key?');
      press(dialog, 'cancel');
      await domCondition(element.shadowRoot!, () => element.shadowRoot!.querySelector('peer-dialog') === null);
      expect(element.identity, 'deleted although cancelled').to.not.equal(undefined);

      const deleted = next(element, 'peer-identity-change');
      buttonNamed('Delete key').click();
      press(await openDialog(element), 'confirm');
      expect((await deleted).detail.fingerprint).to.equal(undefined);
      expect(native).to.deep.equal([]);
    } finally {
      Object.assign(window, { prompt, confirm });
    }
  });

  it('unlocks a protected key, refusing a wrong passphrase with a peer-error', async () => {
    const store = await freshBrowserStore('identity-element-locked');
    const { Identity } = await import('../../core/identity/identity.js');
    const original = await Identity.create({ name: 'Locked', passphrase: 'open sesame', store });
    const element = document.createElement('peer-identity');
    element.store = store;
    element.keyring = await Keyring.open({ store: memoryStore() });
    attach(element);
    await element.loaded;
    await element.updateComplete;
    expect($(element, 'form.unlock')).to.not.equal(null);
    const refused = next(element, 'peer-error');
    await submit(element, 'unlock', { passphrase: 'wrong' });
    expect((await refused).detail.code).to.equal('bad-passphrase');
    const unlocked = next(element, 'peer-identity-change');
    await submit(element, 'unlock', { passphrase: 'open sesame' });
    expect((await unlocked).detail.fingerprint).to.equal(original.fingerprint);
  });

  it('imports an exported private key', async () => {
    const ben = await identityNamed('Ben');
    const armored = await ben.exportPrivateKey();
    const element = await mount();
    await element.loaded;
    const imported = next(element, 'peer-identity-change');
    await submit(element, 'import', { armored });
    expect((await imported).detail.fingerprint).to.equal(ben.fingerprint);
  });

  it('manages the address book: add by public key, set trust, remove', async () => {
    const element = await mount();
    await element.loaded;
    await submit(element, 'create', { name: 'Ada' });
    await next(element, 'peer-identity-change');
    const cid = await identityNamed('Cid');
    await submit(element, 'add-contact', { armored: cid.exportPublicKey() });
    await new Promise((resolve) => element.keyring!.addEventListener('change', resolve, { once: true }));
    await element.updateComplete;
    const row = $(element, `li[data-fingerprint="${cid.fingerprint}"]`)!;
    expect(row.querySelector('.name')!.textContent).to.equal('Cid');
    expect(await accessibilityViolations(element)).to.deep.equal([]);

    const select = row.querySelector('select')!;
    select.value = 'trusted';
    select.dispatchEvent(new Event('change'));
    await new Promise((resolve) => element.keyring!.addEventListener('change', resolve, { once: true }));
    expect(element.keyring!.get(cid.fingerprint)!.trust).to.equal('trusted');

    row.querySelector<HTMLButtonElement>('button.remove')!.click();
    await new Promise((resolve) => element.keyring!.addEventListener('change', resolve, { once: true }));
    await element.updateComplete;
    expect(element.keyring!.get(cid.fingerprint)).to.equal(undefined);
    expect($(element, `li[data-fingerprint="${cid.fingerprint}"]`)).to.equal(null);
  });

  it('verifies a contact: the dialog shows the safety number in 12 groups and a QR code; "Mark verified" trusts the key', async () => {
    const element = await mount();
    await element.loaded;
    await submit(element, 'create', { name: 'Ada' });
    const ours = (await next(element, 'peer-identity-change')).detail.fingerprint!;
    const cid = await identityNamed('Cid');
    await element.keyring!.add(cid.exportPublicKey(), { trust: 'unknown' });
    await element.updateComplete;

    const opener = $(element, `li[data-fingerprint="${cid.fingerprint}"] button.verify`) as HTMLButtonElement;
    expect(opener.getAttribute('aria-label')).to.equal('Verify \u2068Cid\u2069');
    opener.focus();
    opener.click();
    // The dialog's code loads when it first opens.
    const opened = () => element.shadowRoot!.querySelector<HTMLDialogElement>('dialog[part="verify-dialog"]');
    await domCondition(element.shadowRoot!, () => opened()?.open === true);
    const dialog = opened()!;
    expect(dialog.querySelector('h2')!.textContent).to.equal('Verify \u2068Cid\u2069');
    // Focus moves into the dialog, onto Close rather than the action that trusts the key.
    // (Compared by name: a failed equality of two elements makes the runner serialize them.)
    expect(element.shadowRoot!.activeElement?.matches('.verify-close'), `focus on ${element.shadowRoot!.activeElement?.className}`).to.equal(true);

    const digits = dialog.querySelector('[part="safety-number"]')!;
    await domCondition(dialog, () => digits.getAttribute('aria-busy') === 'false');
    // What Cid's own device computes from its side.
    const theirs = await safetyNumber(cid.fingerprint, ours);
    const groups = [...digits.querySelectorAll('span')].map((span) => span.textContent);
    expect(groups).to.have.length(12);
    expect(groups).to.deep.equal(safetyNumberGroups(theirs));
    const qr = dialog.querySelector<SVGSVGElement>('svg[part="safety-qr"]')!;
    expect(qr.getAttribute('role')).to.equal('img');
    // Cid scans Ada's screen, and Cid's app confirms it holds the same two keys.
    const scanned = await scan(qr);
    expect(scanned).to.be.a('string');
    expect(verifySafetyQrPayload(scanned!, cid.fingerprint, ours)).to.equal(true);
    expect(await accessibilityViolations(element)).to.deep.equal([]);

    const changed = new Promise((resolve) => element.keyring!.addEventListener('change', resolve, { once: true }));
    dialog.querySelector<HTMLButtonElement>('[part~="verify-mark"]')!.click();
    await changed;
    expect(element.keyring!.get(cid.fingerprint)!.trust).to.equal('trusted');
    await domCondition(dialog, () => dialog.querySelector('[part~="verify-mark"]') === null);
    expect(dialog.querySelector('[role="status"]')!.textContent).to.equal('\u2068Cid\u2069 is verified.');
    expect(($(element, `li[data-fingerprint="${cid.fingerprint}"] select`) as HTMLSelectElement).value).to.equal('trusted');

    dialog.querySelector<HTMLButtonElement>('button.verify-close')!.click();
    expect(dialog.open).to.equal(false);
    expect(element.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal('Verify \u2068Cid\u2069');
  });

  it('moves focus on purpose, pressed with real keys: a new key to its heading, a closed dialog back to its button, a deleted key to Create', async () => {
    const element = await mount();
    await element.loaded;
    await element.updateComplete;
    ($(element, 'form.create input[name="name"]') as HTMLInputElement).focus();
    await sendKeys({ type: 'Ada' });
    const created = next(element, 'peer-identity-change');
    await sendKeys({ press: 'Enter' });
    await created;
    await element.updateComplete;
    expect(focused(element)).to.equal('h2#key-heading "Your key"');

    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(focused(element)).to.equal('button "Export private key"');
    await sendKeys({ press: 'Enter' });
    await openDialog(element);
    await sendKeys({ press: 'Escape' });
    await domCondition(element.shadowRoot!, () => element.shadowRoot!.querySelector('peer-dialog') === null);
    expect(focused(element), 'back on the button that opened the dialog').to.equal('button "Export private key"');
    expect($(element, '[part="export"]'), 'nothing exported').to.equal(null);

    await sendKeys({ press: 'Tab' });
    expect(focused(element)).to.equal('button "Delete key"');
    await sendKeys({ press: 'Enter' });
    const dialog = await openDialog(element);
    dialog.shadowRoot!.querySelector<HTMLButtonElement>('button.confirm')!.focus();
    const deleted = next(element, 'peer-identity-change');
    await sendKeys({ press: 'Enter' });
    await deleted;
    await element.updateComplete;
    expect(focused(element), 'the Delete button is gone: Create takes the focus').to.equal('button "Create key"');
  });

  it('renders its headings at heading-level, clamped to 1–6 (default 2)', async () => {
    const element = await mount();
    await element.loaded;
    await submit(element, 'create', { name: 'Ada' });
    await next(element, 'peer-identity-change');
    await element.updateComplete;
    const levels = () => [...element.shadowRoot!.querySelectorAll('[part="heading"]')].map((heading) => `${heading.localName} ${heading.textContent}`);
    expect(levels()).to.deep.equal(['h2 Your key', 'h2 Address book']);
    for (const [given, tag] of [['4', 'h4'], ['9', 'h6'], ['0', 'h1'], ['2.6', 'h3'], ['not a number', 'h2']] as const) {
      element.setAttribute('heading-level', given);
      await element.updateComplete;
      expect(levels(), `heading-level="${given}"`).to.deep.equal([`${tag} Your key`, `${tag} Address book`]);
    }
  });

  it('names each address-book control with its contact, the name isolated', async () => {
    const element = await mount();
    await element.loaded;
    await submit(element, 'create', { name: 'Ada' });
    await next(element, 'peer-identity-change');
    const cid = await identityNamed('Cid');
    await element.keyring!.add(cid.exportPublicKey(), { trust: 'unknown' });
    await element.updateComplete;
    const row = $(element, `li[data-fingerprint="${cid.fingerprint}"]`)!;
    expect([...row.querySelectorAll('select, button')].map((control) => control.getAttribute('aria-label'))).to.deep.equal([
      'Trust for \u2068Cid\u2069',
      'Verify \u2068Cid\u2069',
      'Remove \u2068Cid\u2069',
    ]);
    // Removing a contact leaves the focus in the address book, not on the page.
    row.querySelector<HTMLButtonElement>('button.remove')!.focus();
    await sendKeys({ press: 'Enter' });
    await domCondition(element.shadowRoot!, () => $(element, `li[data-fingerprint="${cid.fingerprint}"]`) === null);
    await element.updateComplete;
    expect(focused(element)).to.equal('h2#address-book-heading "Address book"');
  });

  it('axe finds nothing in light, dark and forced colours: no key, a key with its address book, the verify dialog open', async function () {
    this.timeout(120_000);
    const element = await mount();
    await element.loaded;
    await element.updateComplete;
    expect(await violationsInEveryTheme(element, document.body), 'no key').to.deep.equal([]);
    await submit(element, 'create', { name: 'Ada' });
    await next(element, 'peer-identity-change');
    const [cid, dee] = await Promise.all([identityNamed('Cid'), identityNamed('Dee')]);
    await element.keyring!.add(cid.exportPublicKey(), { trust: 'trusted' });
    await element.keyring!.add(dee.exportPublicKey(), { trust: 'blocked' });
    await element.updateComplete;
    expect(await violationsInEveryTheme(element, document.body), 'a key and its address book').to.deep.equal([]);
    await element.verify(cid.fingerprint);
    expect(await violationsInEveryTheme(element, document.body), 'verify dialog open').to.deep.equal([]);
  });

  it('localizes the verify dialog', async () => {
    const element = await mount();
    element.strings = { verifyAction: 'Prüfen', verifyTitle: (name) => `${name} prüfen`, markVerified: 'Als geprüft markieren' };
    await element.loaded;
    await submit(element, 'create', { name: 'Ada' });
    await next(element, 'peer-identity-change');
    const cid = await identityNamed('Cid');
    await element.keyring!.add(cid.exportPublicKey(), { trust: 'unknown' });
    await element.updateComplete;
    expect($(element, 'button.verify')!.textContent!.trim()).to.equal('Prüfen');
    await element.verify(cid.fingerprint);
    expect($(element, 'dialog h2')!.textContent).to.equal('\u2068Cid\u2069 prüfen');
    expect($(element, '[part~="verify-mark"]')!.textContent!.trim()).to.equal('Als geprüft markieren');
  });
});
