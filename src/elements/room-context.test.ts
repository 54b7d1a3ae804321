import { expect } from 'chai';
import type { PeerChatElement } from './peer-chat/peer-chat.js';
import type { PeerListElement } from './peer-list/peer-list.js';
import type { PeerRoomElement } from './peer-room/peer-room.js';

/** Module URLs as this page's server serves them, for a frame to import. */
const moduleUrl = (path: string) => new URL(path, import.meta.url).href;

type FrameWindow = Window & typeof globalThis;

/**
 * A fresh same-origin page with `body` parsed before any script runs: its own custom element
 * registry (nothing defined) and its own module map, so each test decides what is defined first.
 */
async function freshFrame(body: string): Promise<FrameWindow> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html><body>${body}</body></html>`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  after(() => frame.remove());
  await loaded;
  return frame.contentWindow as FrameWindow;
}

/** `import(url)` run in the frame's realm, so the module and its definitions are the frame's. */
function importInto<T>(frame: FrameWindow, url: string): Promise<T> {
  const load = new frame.Function('url', 'return import(url)') as (url: string) => Promise<T>;
  return load(url);
}

/** The room's key and address book, made in the frame's realm and set on the tag before it upgrades. */
async function giveIdentity(frame: FrameWindow, room: Element, name: string): Promise<void> {
  const { identityNamed } = await importInto<typeof import('../../test/support/identities.js')>(frame, moduleUrl('../../test/support/identities.ts'));
  const { Keyring } = await importInto<typeof import('../core/identity/keyring.js')>(frame, moduleUrl('../core/identity/keyring.ts'));
  const { memoryStore } = await importInto<typeof import('../core/platform/storage.js')>(frame, moduleUrl('../core/platform/storage.ts'));
  Object.assign(room, { identity: await identityNamed(name), keyring: await Keyring.open({ store: memoryStore() }) });
}

const define = (frame: FrameWindow, tag: 'peer-room' | 'peer-list' | 'peer-chat') => importInto(frame, moduleUrl(`./${tag}/define.ts`));

describe('define order', function () {
  this.timeout(30_000);

  for (const order of [
    ['peer-room', 'peer-list', 'peer-chat'],
    ['peer-list', 'peer-chat', 'peer-room'],
  ] as const) {
    it(`a list and a chat written in HTML find their room when defined in the order ${order.join(', ')}`, async () => {
      const frame = await freshFrame(`<peer-room ns="define-order-${Math.random()}" room="r"><peer-list></peer-list><peer-chat></peer-chat></peer-room>`);
      const room = frame.document.querySelector('peer-room')! as PeerRoomElement;
      await giveIdentity(frame, room, 'Ann');
      for (const tag of order) await define(frame, tag);
      const list = frame.document.querySelector('peer-list')! as PeerListElement;
      const chat = frame.document.querySelector('peer-chat')! as PeerChatElement;
      expect(list.roomElement === room, 'the list has its room').to.equal(true);
      // The chat opens the room's history once the room's session runs: it has the room.
      await chat.historyLoaded;
    });
  }
});
