/**
 * The scenes the pictures show, built from the elements' public API with realistic content: fixed
 * people (test keys), a conversation at fixed times, a room whose peers hold still. `<peer-room>`
 * and `<peer-chat>` run a real session (BroadcastChannel, real keys and links) so the status line
 * and the composer are what a user sees; only `<peer-list>` follows a fixed room state, because
 * live round-trip times change every few seconds.
 */
import { Identity } from '../../src/core/identity/identity.js';
import { Keyring } from '../../src/core/identity/keyring.js';
import { chatId } from '../../src/core/chat/message.js';
import { memoryStore } from '../../src/core/platform/storage.js';
import type { ChatEntry, PeerChatElement } from '../../src/elements/peer-chat/peer-chat.js';
import type { PeerRoomElement, PeerView } from '../../src/elements/peer-room/peer-room.js';
import '../../src/elements/blocks/define.js';
import '../../src/elements/peer-chat/define.js';
import '../../src/elements/peer-identity/define.js';
import '../../src/elements/peer-list/define.js';
import '../../src/elements/peer-room/define.js';
import { sceneNow, type SceneName } from './matrix.js';
import { people, type Person } from './people.js';
import { holdStill } from './still-room.js';

const minute = 60_000;
const day = 24 * 60 * minute;

const identities = new Map<Person, Promise<Identity>>();
function identityOf(person: Person): Promise<Identity> {
  let identity = identities.get(person);
  if (!identity) identities.set(person, (identity = Identity.import(people[person].armoredPrivateKey, { store: memoryStore() })));
  return identity;
}

/**
 * Resolves once `holds()` is true, checked right after each of `events` on `target` (no timers):
 * in a microtask, because an element may fire before it updates what `holds` reads.
 */
function until(target: EventTarget, events: readonly string[], holds: () => boolean): Promise<void> {
  if (holds()) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () =>
      queueMicrotask(() => {
        if (!holds()) return;
        for (const event of events) target.removeEventListener(event, check);
        resolve();
      });
    for (const event of events) target.addEventListener(event, check);
  });
}

async function roomOf(person: Person, ns: string): Promise<PeerRoomElement> {
  const room = document.createElement('peer-room');
  room.identity = await identityOf(person);
  room.keyring = await Keyring.open({ store: memoryStore() });
  room.setAttribute('ns', ns);
  room.setAttribute('room', 'design-review');
  return room;
}

/**
 * Ann's `<peer-room>` (not yet shown) and, out of sight, Ben, Chloé and Dan in the same room;
 * `shown()` resolves once Ann's room is open with all three in it.
 */
async function liveRoom(): Promise<{ room: PeerRoomElement; shown(): Promise<void> }> {
  const ns = `pictures-${crypto.randomUUID()}`;
  const room = await roomOf('ann', ns);
  const others = await Promise.all((['ben', 'chloe', 'dan'] as const).map((person) => roomOf(person, ns)));
  const away = document.createElement('div');
  away.hidden = true;
  document.body.append(away);
  away.append(...others);
  return {
    room,
    shown: () => until(room, ['peer-status-change', 'peer-join'], () => room.status === 'open' && room.peers.length === others.length),
  };
}

/** Ben, Chloé and Dan as a list shows them: trusted and direct, unknown and relayed, a changed key still connecting. */
async function stillPeers(): Promise<PeerView[]> {
  const [ben, chloe, dan] = await Promise.all((['ben', 'chloe', 'dan'] as const).map(identityOf));
  return [
    { id: ben!.fingerprint, name: people.ben.name, trust: 'trusted', state: 'connected', rtt: 24, path: 'direct' },
    { id: chloe!.fingerprint, name: people.chloe.name, trust: 'unknown', state: 'connected', rtt: 81, path: 'relayed' },
    { id: dan!.fingerprint, name: people.dan.name, trust: 'key-changed', state: 'connecting', rtt: undefined, path: 'unknown' },
  ];
}

/** A `<peer-list>` inside a holder that provides a still room. */
async function stillList(): Promise<HTMLElement> {
  const holder = document.createElement('div');
  const [ann, peers] = await Promise.all([identityOf('ann'), stillPeers()]);
  holdStill(holder, ann.fingerprint, peers);
  holder.append(document.createElement('peer-list'));
  return holder;
}

/** Yesterday's end and this morning's talk in the design-review room; the last two are Ann's own. */
async function conversation(): Promise<ChatEntry[]> {
  const said = async (person: Person, offset: number, text: string, state?: ChatEntry['state']) => {
    const own = person === 'ann';
    return { from: (await identityOf(person)).fingerprint, author: own ? '' : people[person].name, own, text, time: sceneNow + offset, ...(state ? { state } : {}) };
  };
  const lines = await Promise.all([
    said('ben', -day + 7 * 60 * minute, 'Pushed the new onboarding flow to staging.'),
    said('chloe', -day + 7 * 60 * minute + 3 * minute, 'The key backup step reads much better now.'),
    said('dan', -32 * minute, 'Morning 👋 could someone check the export dialog in dark mode?'),
    said('ben', -28 * minute, 'On it. The muted text is 7.1:1 on the raised surface.'),
    said('ben', -27 * minute, 'Looks good to me.'),
    said('ann', -12 * minute, 'Thanks both, merging after lunch.', 'delivered'),
    said('ann', -2 * minute, 'Notes from the retro are in the shared folder.', 'failed'),
  ]);
  // Ids as the core makes them, so a reaction can name one.
  return lines.map((line, index) => ({ id: chatId(line.time, line.from, index), ...line }));
}

/** A chat in `room`; `filled()` shows the conversation, scrolled to its end, once the history is open. */
function chatIn(room: PeerRoomElement): { chat: PeerChatElement; filled(): Promise<void> } {
  const chat = document.createElement('peer-chat');
  chat.store = memoryStore();
  room.append(chat);
  return {
    chat,
    filled: async () => {
      await chat.historyLoaded;
      chat.messages = await conversation();
      chat.scrollToBottom();
      await chat.updateComplete;
      await reactTo(chat, 'Morning', '👍');
    },
  };
}

/** Ann reacts to the message starting with `text` through the chat's own picker; resolves once the chip shows. */
async function reactTo(chat: PeerChatElement, text: string, emoji: string): Promise<void> {
  const root = chat.shadowRoot!;
  const row = [...root.querySelectorAll<HTMLElement>('article[data-id]')].find((article) => article.querySelector('[part="text"]')?.textContent?.startsWith(text))!;
  row.querySelector<HTMLButtonElement>('[part~="add-reaction"]')!.click();
  await chat.updateComplete;
  [...row.querySelectorAll<HTMLButtonElement>('[part="reaction-picker"] button')].find((pick) => pick.textContent === emoji)!.click();
  while (!row.querySelector('[part="reaction"]')) await new Promise((resolve) => requestAnimationFrame(resolve));
  (root.activeElement as HTMLElement | null)?.blur();
  await chat.updateComplete;
}

/** The whole room: status line, the list beside the chat. */
async function roomScene(stage: HTMLElement): Promise<void> {
  const { room, shown } = await liveRoom();
  const layout = document.createElement('div');
  layout.className = 'room-layout';
  room.append(layout);
  layout.append(await stillList());
  const { chat, filled } = chatIn(room);
  layout.append(chat);
  stage.append(room);
  await shown();
  await filled();
}

/** The chat alone (its room's status line hidden). */
async function chatScene(stage: HTMLElement): Promise<void> {
  const { room, shown } = await liveRoom();
  room.noStatus = true;
  const { filled } = chatIn(room);
  stage.append(room);
  await shown();
  await filled();
}

async function listScene(stage: HTMLElement): Promise<void> {
  const list = await stillList();
  stage.append(list);
  await (list.firstElementChild as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
}

/** Ann's key and her address book: Ben trusted, Chloé unknown, Dan blocked, first seen over the last weeks. */
async function identityScene(stage: HTMLElement): Promise<void> {
  const store = memoryStore();
  await Identity.import(people.ann.armoredPrivateKey, { store });
  const keyring = await Keyring.open({ store: memoryStore() });
  const contacts: [Person, 'trusted' | 'unknown' | 'blocked', number][] = [
    ['ben', 'trusted', 21 * day],
    ['chloe', 'unknown', 3 * day],
    ['dan', 'blocked', 9 * day],
  ];
  for (const [person, trust, ago] of contacts) {
    await keyring.add((await identityOf(person)).exportPublicKey(), { name: people[person].name, trust, now: sceneNow - ago });
  }
  const element = document.createElement('peer-identity');
  element.store = store;
  element.keyring = keyring;
  stage.append(element);
  await element.loaded;
  await element.updateComplete;
}

/** The building blocks every element is made of. */
async function blocksScene(stage: HTMLElement): Promise<void> {
  const [ann, ben, chloe, dan] = await Promise.all((['ann', 'ben', 'chloe', 'dan'] as const).map(identityOf));
  const sheet = document.createElement('div');
  sheet.className = 'blocks';
  // Test content of our own making, no user input: markup is the shortest way to write it.
  sheet.innerHTML = `
    <div class="row">
      <peer-button variant="primary" icon="send">Send</peer-button>
      <peer-button>Neutral</peer-button>
      <peer-button variant="danger" icon="trash">Delete key</peer-button>
      <peer-button variant="text">Text</peer-button>
      <peer-button variant="primary" loading>Saving</peer-button>
      <peer-button disabled>Disabled</peer-button>
      <peer-button icon="paperclip" label="Attach files"></peer-button>
      <peer-button size="s" icon="reply">Reply</peer-button>
    </div>
    <div class="row icons"></div>
    <div class="row">
      <peer-avatar name="${people.ann.name}" fingerprint="${ann!.fingerprint}"></peer-avatar>
      <peer-avatar name="${people.ben.name}" fingerprint="${ben!.fingerprint}"></peer-avatar>
      <peer-avatar name="${people.chloe.name}" fingerprint="${chloe!.fingerprint}" size="l"></peer-avatar>
      <peer-avatar name="${people.dan.name}" fingerprint="${dan!.fingerprint}" size="s"></peer-avatar>
      <peer-presence status="connected"></peer-presence>
      <peer-presence status="connecting"></peer-presence>
      <peer-presence status="relayed"></peer-presence>
      <peer-presence status="offline"></peer-presence>
    </div>
    <peer-alert variant="info">Chloé joined the room.</peer-alert>
    <peer-alert variant="success" dismissible>Key created. Back it up with “Export”.</peer-alert>
    <peer-alert variant="warning" dismissible>Dan’s key changed. Verify before you trust it.</peer-alert>
    <peer-alert variant="danger" dismissible>Could not send “Notes from the retro…”.<peer-button slot="action" size="s">Retry</peer-button></peer-alert>
    <div class="row">
      <peer-copy-button value="${ann!.fingerprint}" label="Copy fingerprint"></peer-copy-button>
      <span>sent <peer-relative-time datetime="${sceneNow - 5 * minute}"></peer-relative-time></span>
    </div>`;
  const icons = sheet.querySelector('.icons')!;
  for (const name of ['send', 'paperclip', 'check', 'check-check', 'copy', 'shield-check', 'shield-off', 'ban', 'key', 'users', 'wifi', 'wifi-off', 'info', 'alert-triangle', 'alert-circle', 'trash']) {
    const icon = document.createElement('peer-icon');
    icon.setAttribute('name', name);
    icons.append(icon);
  }
  stage.append(sheet);
  await Promise.all([...sheet.querySelectorAll<HTMLElement & { updateComplete?: Promise<unknown> }>('*')].map((element) => element.updateComplete));
}

const builders: Record<SceneName, (stage: HTMLElement) => Promise<void>> = {
  room: roomScene,
  chat: chatScene,
  list: listScene,
  identity: identityScene,
  blocks: blocksScene,
};

/** Renders `scene` into `stage` (already in the document); resolves once everything in it shows. */
export function renderScene(scene: SceneName, stage: HTMLElement): Promise<void> {
  return builders[scene](stage);
}
