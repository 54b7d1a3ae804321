/**
 * axe over every element in the states a test reaches without a network — idle and empty, in
 * error, and with content set through properties — in the light theme, the dark theme (from an
 * ancestor) and forced colours. (styles/themes.test.ts audits the connected gallery, with peers.)
 */
import type { RuleObject } from 'axe-core';
import { expect } from 'chai';
import { Identity } from '../core/identity/identity.js';
import { memoryStore } from '../core/platform/storage.js';
import { accessibilityViolations } from '../../test/support/axe.js';
import { emulateMedia } from '../../test/support/browser-input.js';
import { domCondition, roomElement } from '../../test/support/elements.js';
import { identityNamed } from '../../test/support/identities.js';
import { serverCommand } from '../../test/support/server-commands.js';
import type { ChatEntry } from './peer-chat/chat-entry.js';
import type { PeerRoomElement, PeerView } from './peer-room/peer-room.js';
import './peer-room/define.js';
import './peer-list/define.js';
import './peer-chat/define.js';
import './peer-identity/define.js';

type Rendered = HTMLElement & { updateComplete: Promise<unknown> };

/** Resolves once the room's alert shows (the room gave up on its first start), upgraded: its module loads with the first problem. */
async function alertShown(room: PeerRoomElement): Promise<void> {
  await domCondition(room.shadowRoot!, () => room.shadowRoot!.querySelector('[part~="alert"]') !== null);
  await customElements.whenDefined('peer-alert');
}

/** Peers as a room shows them, of every trust and link state, set as the room's `peers` property. */
async function somePeers(): Promise<PeerView[]> {
  const [ben, cat, dan, eve] = await Promise.all(['Ben', 'Cat', 'Dan', 'Eve'].map(identityNamed));
  return [
    { id: ben!.fingerprint, name: 'Ben', trust: 'trusted', state: 'connected', rtt: 12, path: 'direct' },
    { id: cat!.fingerprint, name: 'Cat', trust: 'blocked', state: 'closed', rtt: undefined, path: 'unknown' },
    { id: dan!.fingerprint, name: 'Dan', trust: 'key-changed', state: 'connecting', rtt: undefined, path: 'unknown' },
    { id: eve!.fingerprint, name: '', trust: 'unknown', state: 'indirect', rtt: undefined, path: 'relayed' },
  ];
}

function messages(self: string, other: string): ChatEntry[] {
  const now = Date.now();
  return [
    { id: 'm1', from: other, author: 'Ben', text: 'Hello there', time: now - 90_000, own: false },
    { id: 'm2', from: other, author: 'Ben', text: 'Are you around?', time: now - 80_000, own: false },
    { id: 'm3', from: self, author: '', text: 'Delivered', time: now - 3000, own: true, state: 'delivered' },
    { id: 'm4', from: self, author: '', text: 'Failed to send', time: now - 2000, own: true, state: 'failed' },
    { id: 'm5', from: self, author: '', text: 'Waiting for a peer', time: now - 1000, own: true, state: 'queued' },
  ];
}

/** A chat in an open room: a message with a reaction, a send that failed (kept, with retry), the reaction picker open. */
async function liveChatStates(chat: HTMLElementTagNameMap['peer-chat']): Promise<void> {
  await chat.historyLoaded;
  await chat.send('Lunch at one?');
  const root = chat.shadowRoot!;
  await domCondition(root, () => root.querySelector('[part~="add-reaction"]') !== null);
  root.querySelector<HTMLButtonElement>('[part~="add-reaction"]')!.click();
  await chat.updateComplete;
  root.querySelector<HTMLButtonElement>('[part="reaction-picker"] button')!.click();
  await domCondition(root, () => root.querySelector('[part="reaction"]') !== null);
  const input = root.querySelector('textarea')!;
  input.value = 'x'.repeat(16_400);
  input.form!.requestSubmit();
  await domCondition(root, () => root.querySelector('[part="send-error"]') !== null);
  root.querySelector<HTMLButtonElement>('[part~="add-reaction"]')!.click();
  await domCondition(root, () => root.querySelector('[part="reaction-picker"]') !== null);
}

/** Every element in its network-free states, inside `stage`; resolves once each shows. */
async function renderStates(stage: HTMLElement): Promise<Rendered[]> {
  const ns = `a11y-${Math.random()}`;
  const [refused, ann, ben] = await Promise.all([serverCommand<string>('misconfigured-server', 'refused'), identityNamed('Ann'), identityNamed('Ben')]);

  // A room that cannot reach its server (a warning, retrying), with an empty list and chat inside.
  const unreachable = await roomElement('Ann', { server: refused, ns });
  unreachable.append(document.createElement('peer-list'), document.createElement('peer-chat'));
  // A room that cannot start (pair mode without a server: danger), showing peers set as a property.
  const failed = await roomElement('Ann', { mode: 'pair', ns });
  const list = document.createElement('peer-list');
  failed.append(list);
  // A room open over BroadcastChannel with nobody else in it, its chat with a reaction, a failed send and the picker open.
  const alone = await roomElement('Ann', { ns, room: 'alone' });
  const liveChat = document.createElement('peer-chat');
  alone.append(liveChat);
  // A chat whose history never loads: its skeleton.
  const loading = await roomElement('Ann', { ns, room: 'loading' });
  const loadingChat = document.createElement('peer-chat');
  const never = () => new Promise<never>(() => undefined);
  loadingChat.store = { getItem: never, setItem: never, removeItem: never, keys: never };
  loading.append(loadingChat);

  // Elements without a room: an empty list, an empty chat, a chat with messages set as a property.
  const lonelyList = document.createElement('peer-list');
  const emptyChat = document.createElement('peer-chat');
  const chat = document.createElement('peer-chat');
  chat.messages = messages(ann.fingerprint, ben.fingerprint);

  // Identities: none yet, one with an address book, one locked by a passphrase.
  const fresh = document.createElement('peer-identity');
  fresh.store = memoryStore();
  fresh.noAddressBook = true;
  const withKey = document.createElement('peer-identity');
  withKey.store = memoryStore();
  await Identity.create({ name: 'Ann', store: withKey.store });
  const locked = document.createElement('peer-identity');
  locked.store = memoryStore();
  locked.noAddressBook = true;
  await Identity.create({ name: 'Ann', store: locked.store, passphrase: 'correct horse battery staple' });

  const shown: Rendered[] = [unreachable, failed, alone, loading, lonelyList, emptyChat, chat, fresh, withKey, locked];
  stage.append(...shown);
  await Promise.all([alertShown(unreachable), alertShown(failed)]);
  failed.peers = await somePeers();
  while (alone.status !== 'open') await new Promise((resolve) => alone.addEventListener('peer-status-change', resolve, { once: true }));
  await Promise.all([fresh.loaded, withKey.loaded, locked.loaded]);
  await Promise.all([...shown, list, ...stage.querySelectorAll<Rendered>('peer-list, peer-chat')].map((element) => element.updateComplete));
  await Promise.all(shown.flatMap((element) => [...(element.shadowRoot?.querySelectorAll<Rendered>('peer-alert') ?? [])]).map((alert) => alert.updateComplete));
  await domCondition(list.shadowRoot!, () => list.shadowRoot!.textContent!.includes('Dan'));
  await liveChatStates(liveChat);
  await domCondition(loadingChat.shadowRoot!, () => loadingChat.shadowRoot!.querySelector('[part="skeleton"]') !== null);
  return shown;
}

describe('axe: every element in its network-free states, in light, dark and forced colours', function () {
  this.timeout(60_000);
  let stage: HTMLDivElement;
  let shown: Rendered[];

  before(async () => {
    // No colour transitions: a theme switched just before axe runs is measured as it ends, not mid-way.
    await emulateMedia({ reducedMotion: 'reduce' });
    stage = document.createElement('div');
    document.body.append(stage);
    shown = await renderStates(stage);
  });

  after(async () => {
    stage.remove();
    await emulateMedia({ forcedColors: 'none', reducedMotion: 'no-preference' });
  });

  async function audit(rules?: RuleObject): Promise<string[]> {
    const violations: string[] = [];
    // One axe run at a time: axe refuses to start while another runs.
    for (const element of shown) violations.push(...(await accessibilityViolations(element, rules)).map((violation) => `${element.localName}: ${violation}`));
    return violations;
  }

  it('renders the states it audits', () => {
    const [unreachable, failed] = shown as [PeerRoomElement, PeerRoomElement];
    expect(unreachable.shadowRoot!.querySelector('[part~="alert"]')!.getAttribute('variant')).to.equal('warning');
    expect(failed.shadowRoot!.querySelector('[part~="alert"]')!.getAttribute('variant')).to.equal('danger');
    const forms = shown.filter((element) => element.localName === 'peer-identity').map((element) => [...element.shadowRoot!.querySelectorAll('form')].map((form) => form.className).join(' '));
    // No key (create, import); a key with its address book (import a contact, add one); locked (unlock).
    expect(forms).to.deep.equal(['create import', 'import add-contact', 'unlock']);
    const chats = shown.flatMap((element) => [...(element.localName === 'peer-chat' ? [element] : element.querySelectorAll('peer-chat'))]);
    for (const part of ['skeleton', 'reaction', 'reaction-picker', 'send-error', 'empty']) {
      expect(
        chats.some((chat) => chat.shadowRoot!.querySelector(`[part~="${part}"]`)),
        part,
      ).to.equal(true);
    }
  });

  it('light: no violations', async () => {
    stage.removeAttribute('theme');
    expect(await audit()).to.deep.equal([]);
  });

  it('dark (theme="dark" on an ancestor): no violations', async () => {
    stage.setAttribute('theme', 'dark');
    try {
      expect(await audit()).to.deep.equal([]);
    } finally {
      stage.removeAttribute('theme');
    }
  });

  it('forced colours: no violations', async () => {
    await emulateMedia({ forcedColors: 'active' });
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    // Without axe's colour-contrast rule here, as in styles/themes.test.ts: axe reads
    // -webkit-text-fill-color, which Chromium leaves at the theme's colour while it paints the
    // forced one; the forced palette is the system's, not ours.
    expect(await audit({ 'color-contrast': { enabled: false } })).to.deep.equal([]);
  });
});
