/**
 * Every element in the states people see, for tests that measure them and for screenshots: a room
 * with peers of several trust levels (one trusted, one blocked, one unknown), a chat with messages
 * of others and own ones delivered, failed and queued, an unread marker and the jump button, an
 * identity with its address book and one without a key. Peers live in a hidden part of the page.
 */
import { Identity } from '../../src/core/identity/identity.js';
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

  // A log longer than the view, read from the top, so a new message is unread and the jump button shows.
  await chat.historyLoaded;
  const now = Date.now();
  const fromBen = others[0]!.identity!.fingerprint;
  chat.messages = [
    ...Array.from({ length: 12 }, (_, i) => ({ id: `a${i}`, from: fromBen, author: 'Ben', text: `An earlier message, number ${i}`, time: now - 60_000 + i, own: false })),
    { id: 'b1', from: room.selfId!, author: '', text: 'Mine, delivered', time: now - 3000, own: true, state: 'delivered' as const },
    { id: 'b2', from: room.selfId!, author: '', text: 'Mine, failed to send', time: now - 2000, own: true, state: 'failed' as const },
    { id: 'b3', from: room.selfId!, author: '', text: 'Mine, waiting for a peer', time: now - 1000, own: true, state: 'queued' as const },
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
