/** Element test helpers: a `<peer-room>` with a test identity and its own address book. */
import { Keyring } from '../../src/core/identity/keyring.js';
import { memoryStore } from '../../src/core/platform/storage.js';
import type { PeerEventMap } from '../../src/elements/events.js';
import type { PeerRoomElement } from '../../src/elements/peer-room/peer-room.js';
import '../../src/elements/peer-room/define.js';
import { identityNamed } from './identities.js';

/** A `<peer-room>` (not yet in the document) for the named test identity, with these attributes. */
export async function roomElement(name: string, attributes: Record<string, string>): Promise<PeerRoomElement> {
  const element = document.createElement('peer-room');
  element.identity = await identityNamed(name);
  element.keyring = await Keyring.open({ store: memoryStore() });
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
}

/** Resolves once the room's link to `id` is connected. */
export function connectedTo(element: PeerRoomElement, id: string): Promise<unknown> {
  if (element.peers.some((peer) => peer.id === id && peer.state === 'connected')) return Promise.resolve();
  return new Promise((resolve) => {
    const listener = (event: PeerEventMap['peer-connection-change']) => {
      if (event.detail.id !== id || event.detail.state !== 'connected') return;
      element.removeEventListener('peer-connection-change', listener);
      resolve(event);
    };
    element.addEventListener('peer-connection-change', listener);
  });
}

/** Resolves once `element` shows the peer `id` in `state` (checked on each link change). */
export function peerStateIs(element: PeerRoomElement, id: string, state: string): Promise<void> {
  const holds = () => element.peers.some((peer) => peer.id === id && peer.state === state);
  if (holds()) return Promise.resolve();
  return new Promise((resolve) => {
    const listener = () => {
      if (!holds()) return;
      element.removeEventListener('peer-connection-change', listener);
      resolve();
    };
    element.addEventListener('peer-connection-change', listener);
  });
}

/** Resolves once `holds()` is true, checking after each DOM change under `root` (no timers). */
export function domCondition(root: Node, holds: () => boolean): Promise<void> {
  if (holds()) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!holds()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

/** Call inside a `describe`: appends elements to the page for one test and removes them after it. */
export function mountedPerTest(): (element: HTMLElement) => void {
  const made: HTMLElement[] = [];
  afterEach(() => made.splice(0).forEach((element) => element.remove()));
  return (element) => {
    made.push(element);
    document.body.append(element);
  };
}
