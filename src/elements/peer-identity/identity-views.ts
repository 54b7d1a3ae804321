/**
 * What `<peer-identity>` shows once the key tools are there: the key, the forms that make, unlock
 * and import one, and the address book. They load with the key tools (the element's first
 * connect), not with the CDN entry: until then the element shows only its status line.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { html as staticHtml, literal } from 'lit/static-html.js';
import type { KnownPeer } from '../../core/identity/keyring.js';
import type { TrustLevel } from '../../core/envelope/trust.js';
import { button } from '../blocks/button.js';
import { groupedFingerprint, shortFingerprint } from '../fingerprint-format.js';
import { isolate } from '../localize/isolate.js';
import type { PeerIdentityStrings } from '../localize/strings.js';
import type { Bound } from '../localize/translations.js';

/** The words the element is showing, in its language (its own and the verify dialog's). */
export type IdentityWords = Bound<PeerIdentityStrings>;

/** What the element does when the person acts in a view. */
export interface IdentityActions {
  create(event: SubmitEvent): void;
  unlock(event: SubmitEvent): void;
  importKey(event: SubmitEvent): void;
  addContact(event: SubmitEvent): void;
  exportPublic(): void;
  exportPrivate(opener: HTMLElement): void;
  deleteKey(opener: HTMLElement): void;
  setTrust(fingerprint: string, level: TrustLevel): void;
  verify(fingerprint: string, opener: HTMLElement): void;
  remove(fingerprint: string): void;
}

export interface IdentityViewContext {
  readonly strings: IdentityWords;
  /** `heading-level`: any number, clamped to 1–6 (see headingTag). */
  readonly headingLevel: number | undefined;
  readonly actions: IdentityActions;
}

/** The default of `heading-level`: the element usually sits in a page section under its `<h1>`. */
export const DEFAULT_HEADING_LEVEL = 2;
const HEADING_TAGS = [literal`h1`, literal`h2`, literal`h3`, literal`h4`, literal`h5`, literal`h6`] as const;

/** `heading-level` as a heading tag: rounded and clamped to 1–6; anything not a number is the default. */
function headingTag(level: number | undefined) {
  const usable = level === undefined || Number.isNaN(level) ? DEFAULT_HEADING_LEVEL : Math.min(6, Math.max(1, Math.round(level)));
  return HEADING_TAGS[usable - 1]!;
}

function heading(level: number | undefined, text: string, id: string): TemplateResult {
  const tag = headingTag(level);
  // tabindex -1: focus can be moved here (after a key is made) without adding a tab stop.
  return staticHtml`<${tag} part="heading" id=${id} tabindex="-1">${text}</${tag}>`;
}

export function keyView(identity: { readonly name: string; readonly fingerprint: string }, exported: string, { strings, headingLevel, actions }: IdentityViewContext): TemplateResult {
  return html`
    ${heading(headingLevel, strings.yourKey, 'key-heading')}
    <dl>
      <dt>${strings.name}</dt>
      <dd class="name">${identity.name}</dd>
      <dt>${strings.fingerprint}</dt>
      <dd><code part="fingerprint" class="fingerprint">${groupedFingerprint(identity.fingerprint)}</code></dd>
    </dl>
    <div class="actions">
      ${button({ label: strings.exportPublic, onClick: () => actions.exportPublic() })}
      ${button({ label: strings.exportPrivate, onClick: (event) => actions.exportPrivate(event.currentTarget as HTMLElement) })}
      ${button({ label: strings.delete, variant: 'danger', className: 'delete', onClick: (event) => actions.deleteKey(event.currentTarget as HTMLElement) })}
    </div>
    ${exported ? html`<label class="field">${strings.exported}<textarea part="export" readonly rows="8" spellcheck="false" .value=${exported}></textarea></label>` : nothing}
  `;
}

export function createForm({ strings, actions }: IdentityViewContext): TemplateResult {
  return html`<form part="form" class="create" @submit=${actions.create}>
    <label class="field">${strings.name}<input name="name" required autocomplete="nickname" /></label>
    <label class="field">${strings.optionalPassphrase}<input name="passphrase" type="password" autocomplete="new-password" /></label>
    ${button({ label: strings.create, variant: 'primary', type: 'submit' })}
  </form>`;
}

export function unlockForm({ strings, actions }: IdentityViewContext): TemplateResult {
  return html`<form part="form" class="unlock" @submit=${actions.unlock}>
    <label class="field">${strings.passphrase}<input name="passphrase" type="password" required autocomplete="current-password" /></label>
    ${button({ label: strings.unlock, variant: 'primary', type: 'submit' })}
  </form>`;
}

export function importForm({ strings, actions }: IdentityViewContext): TemplateResult {
  return html`<form part="form" class="import" @submit=${actions.importKey}>
    <label class="field">${strings.importLabel}<textarea name="armored" rows="3" required spellcheck="false"></textarea></label>
    <label class="field">${strings.optionalPassphrase}<input name="passphrase" type="password" autocomplete="off" /></label>
    ${button({ label: strings.importAction, type: 'submit' })}
  </form>`;
}

/** The known peers other than `self`, each with its trust, Verify and Remove; then the form that adds one. */
export function addressBook(contacts: readonly KnownPeer[], self: string | undefined, { strings, headingLevel, actions }: IdentityViewContext): TemplateResult {
  const others = contacts.filter((contact) => contact.fingerprint !== self);
  return html`<section aria-labelledby="address-book-heading">
    ${heading(headingLevel, strings.addressBook, 'address-book-heading')}
    ${others.length === 0
      ? html`<p class="empty">${strings.emptyAddressBook}</p>`
      : html`<ul part="address-book">
          ${others.map((contact) => {
            const name = contact.name || shortFingerprint(contact.fingerprint);
            return html`<li part="contact" data-fingerprint=${contact.fingerprint}>
              <span class="name">${name}</span>
              <code title=${contact.fingerprint}>${shortFingerprint(contact.fingerprint)}</code>
              <select aria-label=${strings.trustFor(isolate(name))} @change=${(event: Event) => actions.setTrust(contact.fingerprint, (event.target as HTMLSelectElement).value as TrustLevel)}>
                ${(['trusted', 'unknown', 'blocked'] as const).map((level) => html`<option value=${level} ?selected=${contact.trust === level}>${strings.trust[level]}</option>`)}
              </select>
              ${button({
                label: strings.verifyAction,
                accessibleName: strings.verifyActionFor(isolate(name)),
                size: 's',
                className: 'verify',
                onClick: (event) => actions.verify(contact.fingerprint, event.currentTarget as HTMLElement),
              })}
              ${button({ label: strings.remove, accessibleName: strings.removeFor(isolate(name)), size: 's', className: 'remove', onClick: () => actions.remove(contact.fingerprint) })}
            </li>`;
          })}
        </ul>`}
    <form part="form" class="add-contact" @submit=${actions.addContact}>
      <label class="field">${strings.addContact}<textarea name="armored" rows="3" required spellcheck="false"></textarea></label>
      ${button({ label: strings.addContactAction, type: 'submit' })}
    </form>
  </section>`;
}
