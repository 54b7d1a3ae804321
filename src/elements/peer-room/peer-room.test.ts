import { expect } from 'chai';
import { Identity } from '../../core/identity/identity.js';
import { readPublicKey } from '../../core/openpgp/key.js';
import { memoryStore } from '../../core/platform/storage.js';
import { accessibilityViolations } from '../../../test/support/axe.js';
import { connectedTo, peerStateIs, roomElement, mountedPerTest } from '../../../test/support/elements.js';
import { identityNamed } from '../../../test/support/identities.js';
import { serverCommand } from '../../../test/support/server-commands.js';
import type { PeerEventMap } from '../events.js';
import './define.js';

/** The next `peer-*` event of this type that reaches the document (so it bubbled and is composed). */
function nextOnDocument<K extends keyof PeerEventMap>(type: K, where: (event: PeerEventMap[K]) => boolean = () => true): Promise<PeerEventMap[K]> {
  return new Promise((resolve) => {
    const listener = (event: Event) => {
      if (!where(event as PeerEventMap[K])) return;
      document.removeEventListener(type, listener);
      resolve(event as PeerEventMap[K]);
    };
    document.addEventListener(type, listener);
  });
}

describe('<peer-room>', function () {
  this.timeout(30_000);
  const mount = mountedPerTest();

  it('with no server, meshes over BroadcastChannel; peer-* events bubble out of it', async () => {
    const ns = `elements-${Math.random()}`;
    const [ann, ben] = await Promise.all([roomElement('Ann', { ns, room: 'r' }), roomElement('Ben', { ns, room: 'r' })]);
    const joined = nextOnDocument('peer-join', (event) => event.target === ann);
    mount(ann);
    mount(ben);
    expect((await joined).detail.id).to.equal(ben.selfId);
    await Promise.all([connectedTo(ann, ben.selfId!), connectedTo(ben, ann.selfId!)]);
    expect(ann.status).to.equal('open');
    // A custom state, not an attribute: pages style it (`peer-room:state(open)`) but cannot set it.
    expect(ann.matches(':state(open)')).to.equal(true);
    expect(ann.matches(':state(connecting)')).to.equal(false);
    expect(ann.hasAttribute('status')).to.equal(false);

    const message = nextOnDocument('peer-message');
    ann.send(ben.selfId!, 'hello from an element');
    const event = await message;
    expect(event.target).to.equal(ben);
    expect(event.detail).to.deep.equal({ from: ann.selfId, data: 'hello from an element' });

    const left = nextOnDocument('peer-leave', (leaving) => leaving.target === ann);
    ben.remove();
    expect((await left).detail.id).to.equal(ben.selfId);
    expect(ann.peers).to.deep.equal([]);
  });

  it('with max-links below the room size, links to its ring neighbours only and reaches the rest by relay', async () => {
    const ns = `elements-large-${Math.random()}`;
    const rooms = await Promise.all(['Ann', 'Ben', 'Cat', 'Dan'].map((name) => roomElement(name, { ns, room: 'r', 'max-links': '2' })));
    for (const room of rooms) mount(room);
    // Ids sorted make a ring: each links to the one before and after it, never to the one across.
    const ring = [...rooms].sort((a, b) => (a.selfId! < b.selfId! ? -1 : 1));
    await Promise.all(ring.map((room, at) => Promise.all([connectedTo(room, ring[(at + 1) % 4]!.selfId!), connectedTo(room, ring[(at + 3) % 4]!.selfId!)])));
    const [first, , across] = ring;
    expect(first!.group && 'mesh' in first!.group ? first!.group.mesh : undefined).to.equal('partial');
    // A link made while the room was still a full mesh (three members) is dropped once the fourth
    // arrives: the ring links can be up before that happens, so this waits for it.
    await peerStateIs(first!, across!.selfId!, 'indirect');

    const relayed = nextOnDocument('peer-message', (event) => event.target === across && event.detail.data === 'around the ring');
    first!.broadcast('around the ring');
    const event = await relayed;
    expect(event.detail.from).to.equal(first!.selfId);
    expect([ring[1]!.selfId, ring[3]!.selfId]).to.include(event.detail.via);
  });

  it('meshes through the real server when given one, and shows its status', async () => {
    const server = await serverCommand<string>('signaling-url');
    const room = `elements-${Math.random()}`;
    const [ann, ben] = await Promise.all([roomElement('Ann', { server, room }), roomElement('Ben', { server, room })]);
    mount(ann);
    mount(ben);
    await Promise.all([connectedTo(ann, ben.selfId!), connectedTo(ben, ann.selfId!)]);
    await ann.updateComplete;
    const status = ann.shadowRoot!.querySelector('[part="status"]')!;
    expect(status.getAttribute('role')).to.equal('status');
    expect(status.textContent).to.match(/Connected\s*· 1 peer/);
  });

  it('restarts in the new room when the room attribute changes', async () => {
    const ns = `elements-${Math.random()}`;
    const [ann, ben] = await Promise.all([roomElement('Ann', { ns, room: 'one' }), roomElement('Ben', { ns, room: 'two' })]);
    mount(ann);
    mount(ben);
    const together = connectedTo(ann, ben.selfId!);
    ann.setAttribute('room', 'two');
    await together;
    expect(ann.peers.map((peer) => peer.id)).to.deep.equal([ben.selfId]);
  });

  it('restarts once when several attributes change together', async () => {
    const ns = `elements-${Math.random()}`;
    const [ann, ben] = await Promise.all([roomElement('Ann', { ns, room: 'one' }), roomElement('Ben', { ns: `${ns}-other`, room: 'two' })]);
    const started = new Promise((resolve) => ann.addEventListener('peer-session-change', resolve, { once: true }));
    mount(ann);
    mount(ben);
    await started;
    const changes: boolean[] = [];
    ann.addEventListener('peer-session-change', (event) => changes.push(event.detail.active));
    const together = connectedTo(ann, ben.selfId!);
    ann.setAttribute('room', 'two');
    ann.setAttribute('ns', `${ns}-other`);
    ann.setAttribute('display-name', 'Ann again');
    await together;
    expect(changes).to.deep.equal([false, true]);
  });

  it('keeps its session when moved on the page (out and back in within one task); removed, it leaves', async () => {
    const ns = `elements-${Math.random()}`;
    const [ann, ben] = await Promise.all([roomElement('Ann', { ns, room: 'r' }), roomElement('Ben', { ns, room: 'r' })]);
    mount(ann);
    mount(ben);
    await Promise.all([connectedTo(ann, ben.selfId!), connectedTo(ben, ann.selfId!)]);
    const group = ann.group;
    const changes: boolean[] = [];
    ann.addEventListener('peer-session-change', (event) => changes.push(event.detail.active));
    const left: string[] = [];
    ben.addEventListener('peer-leave', (event) => left.push(event.detail.id));

    const elsewhere = document.createElement('section');
    mount(elsewhere);
    elsewhere.append(ann);
    await ann.updateComplete;
    expect(ann.group === group, 'the same session').to.equal(true);
    expect(ann.status).to.equal('open');
    const message = nextOnDocument('peer-message', (event) => event.target === ben);
    ann.send(ben.selfId!, 'after the move');
    expect((await message).detail.data).to.equal('after the move');
    expect(changes).to.deep.equal([]);
    expect(left).to.deep.equal([]);

    const leaving = nextOnDocument('peer-leave', (event) => event.target === ben);
    ann.remove();
    expect((await leaving).detail.id).to.equal(ann.selfId);
    expect(changes).to.deep.equal([false]);
  });

  it('a status attribute set by the page does not change what the room says of itself', async () => {
    // A server that refuses every connection: the room is never open.
    const server = await serverCommand<string>('misconfigured-server', 'refused');
    const element = await roomElement('Ann', { server, ns: `elements-${Math.random()}` });
    element.setAttribute('status', 'open');
    mount(element);
    await element.updateComplete;
    element.setAttribute('status', 'open');
    await element.updateComplete;
    expect(element.status).to.not.equal('open');
    expect(element.matches(':state(open)')).to.equal(false);
    expect(element.shadowRoot!.querySelector('[part="status"]')!.textContent).to.not.match(/Connected/);
  });

  it('hides its status with no-status, and localizes it with strings', async () => {
    const element = await roomElement('Ann', { ns: `elements-${Math.random()}` });
    element.strings = { status: { idle: 'Aus', connecting: 'Verbinde…', open: 'Verbunden', reconnecting: 'Neu…', closed: 'Zu', error: 'Fehler' }, peers: (count: number) => `${count} Peers` };
    mount(element);
    await new Promise((resolve) => element.addEventListener('peer-status-change', resolve, { once: true }));
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[part="status"]')!.textContent).to.match(/(Verbinde…|Verbunden)\s*· 0 Peers/);
    element.noStatus = true;
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[part="status"]')).to.equal(null);
  });

  it('takes its colours from --peer-* custom properties, and a pinned dark theme', async () => {
    const element = await roomElement('Ann', { ns: `elements-${Math.random()}` });
    element.style.setProperty('--peer-ok', 'rgb(1, 2, 3)');
    element.style.setProperty('--peer-font', 'monospace');
    mount(element);
    await new Promise((resolve) => element.addEventListener('peer-status-change', resolve, { once: true }));
    while (element.status !== 'open') await new Promise((resolve) => element.addEventListener('peer-status-change', resolve, { once: true }));
    await element.updateComplete;
    const dot = element.shadowRoot!.querySelector('[part="status-dot"]')!;
    expect(getComputedStyle(dot).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(element).fontFamily).to.equal('monospace');
    const status = element.shadowRoot!.querySelector('[part="status"]')!;
    const light = getComputedStyle(status).color;
    element.setAttribute('theme', 'dark');
    expect(getComputedStyle(status).color).to.not.equal(light);
  });

  it('warns with peer-key-changed when a known name arrives with another key', async () => {
    const element = await roomElement('Ann', { ns: `elements-${Math.random()}` });
    mount(element);
    while (element.status !== 'open') await new Promise((resolve) => element.addEventListener('peer-status-change', resolve, { once: true }));
    const original = await identityNamed('Dee');
    const impostor = await Identity.create({ name: 'Dee', store: memoryStore() });
    await element.keyring!.add(original.exportPublicKey());
    const warned = nextOnDocument('peer-key-changed', (event) => event.target === element);
    // As when a signal from the new key is opened under the tofu policy.
    await element.keyring!.admit(await readPublicKey(impostor.exportPublicKey()), 'tofu', Date.now());
    expect((await warned).detail).to.deep.equal({ name: 'Dee', previous: original.fingerprint, next: impostor.fingerprint });
  });

  it('says "IP address hidden" while its links may use the TURN relay only, and not otherwise', async () => {
    const ns = `elements-${Math.random()}`;
    const relayed = await roomElement('Ann', { ns, room: 'relay', 'ice-servers': 'turn:127.0.0.1:3478', 'ice-transport-policy': 'relay' });
    const direct = await roomElement('Ben', { ns, room: 'direct', 'ice-servers': 'turn:127.0.0.1:3478' });
    mount(relayed);
    mount(direct);
    for (const element of [relayed, direct]) while (element.status !== 'open') await new Promise((resolve) => element.addEventListener('peer-status-change', resolve, { once: true }));
    await Promise.all([relayed.updateComplete, direct.updateComplete]);
    const chip = relayed.shadowRoot!.querySelector('[part="relay-only"]')!;
    expect(chip.textContent!.trim()).to.equal('IP address hidden');
    expect(chip.getAttribute('title')).to.match(/do not learn your IP address/);
    expect(direct.shadowRoot!.querySelector('[part="relay-only"]')).to.equal(null);
    expect(await accessibilityViolations(relayed)).to.deep.equal([]);
  });

  it('passes an accessibility audit with its status shown', async () => {
    const element = await roomElement('Ann', { ns: `elements-${Math.random()}` });
    mount(element);
    await new Promise((resolve) => element.addEventListener('peer-status-change', resolve, { once: true }));
    await element.updateComplete;
    expect(await accessibilityViolations(element)).to.deep.equal([]);
  });

  describe('a server URL that is not a peerkit server: peer-error with the cause, and the alert says so', () => {
    const statusText = async (element: HTMLElement & { updateComplete: Promise<unknown> }) => {
      await element.updateComplete;
      return element.shadowRoot!.querySelector('[part="status"]')!.textContent!.replace(/\s+/g, ' ');
    };
    const alertText = async (element: HTMLElement & { updateComplete: Promise<unknown> }) => {
      await element.updateComplete;
      return element.shadowRoot!.querySelector('[part~="alert"] [part="alert-message"]')!.textContent!.replace(/\s+/g, ' ');
    };

    // (Until issue 14 the status line said these, with "· retrying"; the alert says them now, and when it retries.)
    for (const [kind, code, status, text] of [
      ['404', 'server-rejected', 404, /No peerkit server at this address \(HTTP 404\)/],
      ['404-no-cors', 'server-rejected', undefined, /No peerkit server at this address\./],
      ['refused', 'server-unreachable', undefined, /Cannot reach the server/],
      ['silent', 'server-timeout', undefined, /The server does not answer/],
    ] as const) {
      it(`${kind}: ${code}`, async function () {
        // The silent server is told by the connect timeout (10 s).
        if (kind === 'silent') this.timeout(45_000);
        const server = await serverCommand<string>('misconfigured-server', kind);
        const element = await roomElement('Ann', { server, ns: `elements-${Math.random()}` });
        const errors: PeerEventMap['peer-error']['detail'][] = [];
        element.addEventListener('peer-error', (event) => errors.push(event.detail));
        const error = nextOnDocument('peer-error', (event) => event.target === element);
        mount(element);
        const { detail } = await error;
        expect(detail.code).to.equal(code);
        expect(detail.status).to.equal(status);
        expect(detail.message).to.include(server.replace('http', 'ws'));
        expect(element.status).to.equal('error');
        expect(await alertText(element)).to.match(text);
        expect(await statusText(element)).to.match(/Connection problem/);

        // It keeps trying (each try a new session) and says it once.
        for (let tries = 0; tries < 2; ) {
          const ended = await new Promise<PeerEventMap['peer-session-change']>((resolve) => element.addEventListener('peer-session-change', resolve, { once: true }));
          if (!ended.detail.active) tries++;
        }
        expect(errors.map(({ code }) => code)).to.deep.equal([code]);
        expect(element.status).to.equal('error');
        expect(await alertText(element)).to.match(text);
      });
    }

    it('localizes the alert with strings.serverProblem', async () => {
      const server = await serverCommand<string>('misconfigured-server', '404');
      const element = await roomElement('Ann', { server, ns: `elements-${Math.random()}` });
      element.strings = { serverProblem: ({ code, status }) => `Kein Server (${code}, ${status})` };
      const error = nextOnDocument('peer-error', (event) => event.target === element);
      mount(element);
      await error;
      expect(await alertText(element)).to.match(/Kein Server \(server-rejected, 404\)/);
    });
  });

  it('refuses pair mode without a server with a peer-error', async () => {
    const element = await roomElement('Ann', { mode: 'pair' });
    const error = nextOnDocument('peer-error', (event) => event.target === element);
    mount(element);
    expect((await error).detail.message).to.match(/pair mode needs a server/);
    expect(element.status).to.equal('error');
  });
});
