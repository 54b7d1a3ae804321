import { expect } from 'chai';
import { connectedTo, mountedPerTest, roomElement } from '../../test/support/elements.js';
import './peer-list/define.js';
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
      expect(list.roomState !== undefined && list.roomState === room.snapshot, 'the list has its room').to.equal(true);
      expect(chat.roomState !== undefined && chat.roomState === room.snapshot, 'the chat has its room').to.equal(true);
      // The chat opens the room's history once the room's session runs: it has the room.
      await chat.historyLoaded;
    });
  }
});

describe('room context', function () {
  this.timeout(30_000);
  const mount = mountedPerTest();

  it('gives followers a frozen snapshot of the room, replaced on each change, never the element', async () => {
    const ns = `room-context-${Math.random()}`;
    const [ann, ben] = await Promise.all([roomElement('Ann', { ns, room: 'r', id: `ann-${Math.random().toString(36).slice(2)}` }), roomElement('Ben', { ns, room: 'r' })]);
    const inside = document.createElement('peer-list');
    ann.append(inside);
    // Elsewhere on the page, by id: the same snapshot.
    const outside = document.createElement('peer-list');
    outside.setAttribute('for', ann.id);
    mount(ann);
    mount(outside);
    await inside.updateComplete;
    const before = inside.roomState!;
    expect(before).to.not.be.instanceOf(HTMLElement);
    expect(before === ann.snapshot && outside.roomState === before, 'both lists follow the room').to.equal(true);
    expect(Object.isFrozen(before)).to.equal(true);
    expect(before.peers).to.deep.equal([]);

    mount(ben);
    await connectedTo(ann, ben.selfId!);
    await inside.updateComplete;
    const after = inside.roomState!;
    expect(after === before, 'a new snapshot').to.equal(false);
    expect(after === outside.roomState, 'the same one for both').to.equal(true);
    expect(after.peers.map((peer) => [peer.id, peer.state])).to.deep.equal([[ben.selfId, 'connected']]);
    expect(after.selfId).to.equal(ann.selfId);
    expect(after.group === ann.group, 'the session handle').to.equal(true);
    expect(before.peers).to.deep.equal([]);

    // A follower cannot change the room through what it was given.
    expect(Object.isFrozen(after.peers) && Object.isFrozen(after.peers[0]) && Object.isFrozen(after.actions)).to.equal(true);
    expect(() => ((after as { status: string }).status = 'error')).to.throw(TypeError);
    expect(() => (after.peers as unknown as unknown[]).push({ id: 'ghost' })).to.throw(TypeError);
    expect(ann.peers.map((peer) => peer.id)).to.deep.equal([ben.selfId]);

    // It acts through the actions the room exposes, and sees the result in the next snapshot.
    await after.actions.setTrust(ben.selfId!, 'blocked');
    await inside.updateComplete;
    expect(inside.roomState!.peers[0]!.trust).to.equal('blocked');
    expect(after.peers[0]!.trust).to.equal('unknown');
  });

  it('a list with for= stays with the named room when a room nested in it asks its followers again', async () => {
    const ns = `room-context-${Math.random()}`;
    const [named, around, nested] = await Promise.all([
      roomElement('Ann', { ns, room: 'a', id: `named-${Math.random().toString(36).slice(2)}` }),
      roomElement('Ben', { ns, room: 'b' }),
      roomElement('Cat', { ns, room: 'c' }),
    ]);
    const list = document.createElement('peer-list');
    list.for = named.id;
    around.append(list);
    mount(named);
    mount(around);
    await list.updateComplete;
    expect(list.roomState === named.snapshot, 'the named room').to.equal(true);
    // The named room's provider hands its subscribers to the nested one by asking again from each
    // subscriber's own place: here, inside another room.
    named.append(nested);
    await list.updateComplete;
    expect(list.roomState === around.snapshot, 'not the room around the list').to.equal(false);
    expect(list.roomState === named.snapshot, 'still the named room').to.equal(true);
  });

  it('a list moved away from its room loses it; one with for= follows the named room', async () => {
    const ann = await roomElement('Ann', { ns: `room-context-${Math.random()}`, room: 'r', id: `ann-${Math.random().toString(36).slice(2)}` });
    const list = document.createElement('peer-list');
    ann.append(list);
    mount(ann);
    await list.updateComplete;
    expect(list.roomState === ann.snapshot, 'inside: the room').to.equal(true);
    const elsewhere = document.createElement('div');
    mount(elsewhere);
    elsewhere.append(list);
    await list.updateComplete;
    expect(list.roomState).to.equal(undefined);
    list.for = ann.id;
    await list.updateComplete;
    expect(list.roomState === ann.snapshot, 'by id: the room').to.equal(true);
  });
});
