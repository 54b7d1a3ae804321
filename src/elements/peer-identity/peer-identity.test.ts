import { expect } from 'chai';
import { Keyring } from '../../core/keyring.js';
import { memoryStore } from '../../core/storage.js';
import { accessibilityViolations } from '../../../test/support/axe.js';
import { mountedPerTest } from '../../../test/support/elements.js';
import { freshBrowserStore, identityNamed } from '../../../test/support/identities.js';
import type { PeerEventMap } from '../events.js';
import { comparisonCode, groupedFingerprint } from '../fingerprint-format.js';
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

  const $ = (element: PeerIdentityElement, selector: string) => element.shadowRoot!.querySelector<HTMLElement>(selector);

  async function submit(element: PeerIdentityElement, formClass: string, fields: Record<string, string>): Promise<void> {
    await element.updateComplete;
    const form = $(element, `form.${formClass}`) as HTMLFormElement;
    for (const [name, value] of Object.entries(fields)) (form.elements.namedItem(name) as HTMLInputElement).value = value;
    form.requestSubmit();
  }

  it('formats fingerprints in groups of four and as a six-digit comparison code', () => {
    const fingerprint = '0123456789abcdef0123456789abcdef01234567';
    expect(groupedFingerprint(fingerprint)).to.equal('0123 4567 89AB CDEF 0123 4567 89AB CDEF 0123 4567');
    expect(comparisonCode(fingerprint)).to.match(/^\d{3} \d{3}$/);
    expect(comparisonCode(fingerprint)).to.equal(comparisonCode(fingerprint.toUpperCase()));
    expect(comparisonCode(fingerprint)).to.not.equal(comparisonCode('f' + fingerprint.slice(1)));
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
    expect($(element, '[part="comparison-code"]')!.textContent).to.equal(comparisonCode(fingerprint!));
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

  it('unlocks a protected key, refusing a wrong passphrase with a peer-error', async () => {
    const store = await freshBrowserStore('identity-element-locked');
    const { Identity } = await import('../../core/identity.js');
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

    row.querySelector('button')!.click();
    await new Promise((resolve) => element.keyring!.addEventListener('change', resolve, { once: true }));
    await element.updateComplete;
    expect(element.keyring!.get(cid.fingerprint)).to.equal(undefined);
    expect($(element, `li[data-fingerprint="${cid.fingerprint}"]`)).to.equal(null);
  });
});
