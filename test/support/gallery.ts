/**
 * Every element in the states people see, for tests that measure them and for screenshots: a room
 * with peers of several trust levels (one trusted, one blocked, one unknown), a chat with messages
 * of others and own ones delivered, failed and queued, an unread marker and the jump button, an
 * identity with its address book and one without a key. Peers live in a hidden part of the page.
 */
import { Identity } from '../../src/core/identity/identity.js';
import { chatId } from '../../src/core/chat/message.js';
import { memoryStore } from '../../src/core/platform/storage.js';
import type { PeerChatElement } from '../../src/elements/peer-chat/peer-chat.js';
import type { PeerIdentityElement } from '../../src/elements/peer-identity/peer-identity.js';
import type { PeerListElement } from '../../src/elements/peer-list/peer-list.js';
import type { PeerRoomElement } from '../../src/elements/peer-room/peer-room.js';
import '../../src/elements/peer-chat/define.js';
import '../../src/elements/peer-identity/define.js';
import '../../src/elements/peer-list/define.js';
import { connectedTo, domCondition, roomElement } from './elements.js';

export interface Gallery {
  readonly room: PeerRoomElement;
  readonly list: PeerListElement;
  readonly chat: PeerChatElement;
  /** With a key and an address book. */
  readonly identity: PeerIdentityElement;
  /** Without a key: the create and import forms. */
  readonly fresh: PeerIdentityElement;
  /** Every element shown in `stage`. */
  readonly shown: readonly HTMLElement[];
  /** Removes the gallery and its peers from the page. */
  remove(): void;
}

/** Renders the gallery into `stage` (already in the document) and resolves once every state shows. */
export async function renderGallery(stage: HTMLElement): Promise<Gallery> {
  const ns = `gallery-${Math.random()}`;
  const room = await roomElement('Ann', { ns, room: 'r' });
  const list = document.createElement('peer-list');
  const chat = document.createElement('peer-chat');
  room.append(list, chat);
  const store = memoryStore();
  await Identity.create({ name: 'Ann', store });
  const identity = document.createElement('peer-identity');
  identity.store = store;
  identity.keyring = room.keyring;
  const fresh = document.createElement('peer-identity');
  fresh.store = memoryStore();
  fresh.noAddressBook = true;
  stage.append(room, identity, fresh);

  const others = await Promise.all(['Ben', 'Cat', 'Dan'].map((name) => roomElement(name, { ns, room: 'r' })));
  const elsewhere = document.createElement('div');
  elsewhere.hidden = true;
  document.body.append(elsewhere);
  const benChat = document.createElement('peer-chat');
  others[0]!.append(benChat);
  elsewhere.append(...others);
  await Promise.all(others.map((other) => connectedTo(room, other.identity!.fingerprint)));
  await room.setTrust(others[0]!.identity!.fingerprint, 'trusted');
  await room.setTrust(others[1]!.identity!.fingerprint, 'blocked');

  // A log longer than the view, read from the top, so a new message is unread and the jump button shows:
  // yesterday's messages and today's, others' grouped by author, own ones delivered, failed and queued.
  await chat.historyLoaded;
  const now = Date.now();
  const yesterday = now - 86_400_000;
  const fromBen = others[0]!.identity!.fingerprint;
  const fromCat = others[1]!.identity!.fingerprint;
  // Ids as the core gives them (they sort by time), so a message that arrives later sorts after these.
  let counter = 0;
  const said = (_: string, from: string, author: string, text: string, time: number) => ({ id: chatId(time, from, counter++), from, author, text, time, own: false });
  const mine = (text: string, time: number, state: 'delivered' | 'failed' | 'queued') => ({ ...said('', room.selfId!, '', text, time), own: true, state });
  chat.messages = [
    said('a0', fromBen, 'Ben', 'Did anyone get the slides from this morning?', yesterday),
    said('a1', fromBen, 'Ben', 'The link in the invite does not open for me.', yesterday + 20_000),
    said('a2', fromCat, 'Cat', 'I have them, sending them over in a minute.', yesterday + 90_000),
    ...Array.from({ length: 12 }, (_, i) => said(`c${i}`, fromBen, 'Ben', `An earlier message, number ${i}`, now - 600_000 + i * 1000)),
    said('d0', fromCat, 'Cat', 'Lunch at one?', now - 120_000),
    mine('Mine, delivered', now - 3000, 'delivered'),
    mine('Mine, failed to send', now - 2000, 'failed'),
    mine('Mine, waiting for a peer', now - 1000, 'queued'),
  ];
  await chat.updateComplete;
  const log = chat.shadowRoot!.querySelector<HTMLElement>('[part="log"]')!;
  log.scrollTop = 0;
  log.dispatchEvent(new Event('scroll'));
  await benChat.historyLoaded;
  void benChat.send('Something new while you were reading');
  await domCondition(chat.shadowRoot!, () => chat.shadowRoot!.querySelector('[part="unread-marker"]') !== null && chat.shadowRoot!.querySelector('[part="jump"]') !== null);
  await identity.loaded;
  await fresh.loaded;
  await Promise.all([list, chat, identity, fresh].map((element) => element.updateComplete));
  return {
    room,
    list,
    chat,
    identity,
    fresh,
    shown: [room, list, chat, identity, fresh],
    remove: () => {
      for (const element of [room, identity, fresh, elsewhere]) element.remove();
    },
  };
}
