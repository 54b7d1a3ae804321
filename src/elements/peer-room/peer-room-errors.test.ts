import { expect } from 'chai';
import { domCondition, mountedPerTest, roomElement } from '../../../test/support/elements.js';
import { serverCommand } from '../../../test/support/server-commands.js';
import type { PeerAlertElement } from '../blocks/alert.js';
import type { PeerDialogElement } from '../blocks/dialog.js';
import type { PeerRelativeTimeElement } from '../blocks/relative-time.js';
import type { PeerEventMap } from '../events.js';
import type { PeerRoomElement } from './peer-room.js';
import './define.js';

const alertOf = (room: PeerRoomElement) => room.shadowRoot!.querySelector<PeerAlertElement>('[part~="alert"]');
/** Resolves once the room shows its alert, upgraded (the alert's module loads with the first problem). */
async function alertShown(room: PeerRoomElement, holds: () => boolean = () => true): Promise<PeerAlertElement> {
  await domCondition(room.shadowRoot!, () => alertOf(room) !== null && holds());
  await customElements.whenDefined('peer-alert');
  await room.updateComplete;
  const alert = alertOf(room)!;
  await alert.updateComplete;
  return alert;
}
const buttonsOf = (room: PeerRoomElement) => [...(alertOf(room)?.querySelectorAll('button') ?? [])];
const buttonNamed = (room: PeerRoomElement, name: string) => buttonsOf(room).find((button) => button.textContent!.trim() === name);
const nextAttempt = (room: PeerRoomElement) => alertOf(room)?.querySelector<PeerRelativeTimeElement>('[part="next-attempt"] peer-relative-time') ?? null;
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

function nextStatus(room: PeerRoomElement, status: string): Promise<void> {
  if (room.status === status) return Promise.resolve();
  return new Promise((resolve) => {
    const listener = (event: PeerEventMap['peer-status-change']) => {
      if (event.detail.status !== status) return;
      room.removeEventListener('peer-status-change', listener);
      resolve();
    };
    room.addEventListener('peer-status-change', listener);
  });
}

/** The next session a room starts, with the time it started. */
function nextSessionStart(room: PeerRoomElement): Promise<number> {
  return new Promise((resolve) => {
    const listener = (event: PeerEventMap['peer-session-change']) => {
      if (!event.detail.active) return;
      room.removeEventListener('peer-session-change', listener);
      resolve(Date.now());
    };
    room.addEventListener('peer-session-change', listener);
  });
}

/** The node above `node` in the flat tree (what assistive technology reads): its slot, its parent, or its shadow root's host. */
function flatParent(node: Node): Node | null {
  if (node instanceof Element && node.assignedSlot) return node.assignedSlot;
  if (node instanceof Text && node.assignedSlot) return node.assignedSlot;
  const parent = node.parentNode;
  return parent instanceof ShadowRoot ? parent.host : parent;
}

/** Whether a change to `node` is announced: the nearest live region around it (flat tree) is not `aria-live="off"`. */
function announced(node: Node): boolean {
  for (let at: Node | null = node; at; at = flatParent(at)) {
    if (!(at instanceof Element)) continue;
    const live = at.getAttribute('aria-live');
    if (live) return live !== 'off';
    if (['status', 'alert', 'log'].includes(at.getAttribute('role') ?? '')) return true;
  }
  return false;
}

describe('<peer-room> errors: an alert where it happened, with a way out', function () {
  this.timeout(20_000);
  const mount = mountedPerTest();

  it('an unreachable server: a warning says so and when it tries next, and "Retry now" tries at once', async () => {
    const server = await serverCommand<string>('misconfigured-server', 'refused');
    const room = await roomElement('Ann', { server, ns: `errors-${Math.random()}` });
    const errors: unknown[] = [];
    room.addEventListener('peer-error', (event) => errors.push(event.detail));
    mount(room);
    const alert = await alertShown(room, () => nextAttempt(room) !== null);
    expect(alert.variant).to.equal('warning');
    expect(alert.querySelector('[part="alert-message"]')!.textContent).to.equal('Cannot reach the server.');
    const time = nextAttempt(room)!;
    const retryAt = Number(time.datetime);
    expect(retryAt).to.be.greaterThan(Date.now());
    expect(alert.querySelector('[part="next-attempt"]')!.textContent).to.contain('Next attempt');
    await time.updateComplete;
    expect(time.shadowRoot!.querySelector('time')!.textContent).to.match(/^(in \d+ seconds?|now)$/);
    expect(buttonsOf(room).map((button) => button.textContent!.trim())).to.deep.equal(['Retry now', 'Change server…']);
    // The status line and the content say the room is not working, not loading.
    expect(room.shadowRoot!.querySelector('[part="status"]')!.textContent).to.match(/Connection problem/);

    const retry = buttonNamed(room, 'Retry now')!;
    retry.focus();
    const started = nextSessionStart(room);
    retry.click();
    expect(await started, 'started before the scheduled attempt').to.be.lessThan(retryAt);
    await room.updateComplete;
    // The alert stays while the attempt runs (focus stays on the button, marked busy); no new countdown yet.
    const busyRetry = buttonNamed(room, 'Retry now')!;
    expect(busyRetry.getAttribute('aria-busy')).to.equal('true');
    expect(room.shadowRoot!.activeElement).to.equal(busyRetry);
    expect(nextAttempt(room)).to.equal(null);
    // Refused again: a new countdown, and the same problem is not reported twice.
    await domCondition(room.shadowRoot!, () => nextAttempt(room) !== null);
    expect(errors).to.have.length(1);
  });

  it('joined, then the server goes away: the warning counts down to the next reconnect, and "Retry now" reconnects the same session', async function () {
    this.timeout(60_000);
    const server = await serverCommand<string>('signaling-url');
    const room = await roomElement('Ann', { server, ns: `outage-${Math.random()}` });
    const joined = nextSessionStart(room);
    mount(room);
    await joined;
    await nextStatus(room, 'open');
    const session = room.group;
    try {
      await serverCommand('signaling-stop');
      const alert = await alertShown(room, () => nextAttempt(room) !== null);
      expect(alert.variant).to.equal('warning');
      expect(alert.querySelector('[part="alert-message"]')!.textContent).to.equal('Cannot reach the server.');
      const retryAt = Number(nextAttempt(room)!.datetime);
      expect(retryAt).to.be.greaterThan(Date.now());
      await serverCommand('signaling-start');
      const reopened = nextStatus(room, 'open');
      buttonNamed(room, 'Retry now')!.click();
      await reopened;
      expect(Date.now(), 'reconnected before the scheduled attempt').to.be.lessThan(retryAt);
      // The same session (its links to peers stay up), not a new start.
      expect(room.group === session).to.equal(true);
      await room.updateComplete;
      expect(alertOf(room)).to.equal(null);
    } finally {
      await serverCommand('signaling-start');
    }
  });

  it('"Change server…" asks in a dialog, refuses what is no server address, and connects to the one given', async () => {
    const [refused, working] = await Promise.all([serverCommand<string>('misconfigured-server', 'refused'), serverCommand<string>('signaling-url')]);
    const room = await roomElement('Ann', { server: refused, ns: `errors-${Math.random()}` });
    mount(room);
    await domCondition(room.shadowRoot!, () => buttonNamed(room, 'Change server…') !== undefined);
    const change = buttonNamed(room, 'Change server…')!;
    change.focus();
    change.click();
    let dialog: PeerDialogElement | null = null;
    while (!dialog?.open) {
      await nextFrame();
      dialog = room.shadowRoot!.querySelector('peer-dialog');
    }
    const field = dialog.shadowRoot!.querySelector<HTMLInputElement>('input')!;
    expect(dialog.shadowRoot!.querySelector('label')!.textContent).to.equal('Server address');
    for (const wrong of ['ftp://example.org', 'example.org', 'javascript:alert(1)', '']) {
      field.value = wrong;
      dialog.shadowRoot!.querySelector('form')!.requestSubmit();
      await dialog.updateComplete;
      expect(dialog.shadowRoot!.querySelector('[part="error"]')!.textContent, wrong).to.contain('wss://');
      expect(dialog.open, wrong).to.equal(true);
      expect(room.getAttribute('server')).to.equal(refused);
    }
    field.value = ` ${working.replace('http:', 'ws:')}/ws `;
    const open = nextStatus(room, 'open');
    dialog.shadowRoot!.querySelector('form')!.requestSubmit();
    await open;
    await room.updateComplete;
    expect(room.getAttribute('server')).to.equal(`${working.replace('http:', 'ws:')}/ws`);
    expect(alertOf(room)).to.equal(null);
    // The alert (and the button that had focus) went: focus is on the status line, not lost to the page.
    expect(room.shadowRoot!.activeElement).to.equal(room.shadowRoot!.querySelector('[part="status"]'));
    expect(room.shadowRoot!.querySelector('[part="status"]')!.textContent).to.match(/Connected/);
  });

  it('cancelling "Change server…" changes nothing', async () => {
    const refused = await serverCommand<string>('misconfigured-server', 'refused');
    const room = await roomElement('Ann', { server: refused, ns: `errors-${Math.random()}` });
    mount(room);
    await domCondition(room.shadowRoot!, () => buttonNamed(room, 'Change server…') !== undefined);
    const asked = room.changeServer();
    let dialog: PeerDialogElement | null = null;
    while (!dialog?.open) {
      await nextFrame();
      dialog = document.querySelector('peer-dialog');
    }
    dialog.close();
    expect(await asked).to.equal(false);
    expect(room.getAttribute('server')).to.equal(refused);
  });

  it('a refused join: a danger alert says why and offers "Retry now" only; refused again, it says so once', async () => {
    const server = await serverCommand<string>('signaling-url');
    // Longer than a room name may be: the server's rules refuse it (499) before anything is sent.
    const room = await roomElement('Ann', { server, ns: `errors-${Math.random()}`, room: 'r'.repeat(300) });
    const errors: PeerEventMap['peer-error']['detail'][] = [];
    room.addEventListener('peer-error', (event) => errors.push(event.detail));
    mount(room);
    const alert = await alertShown(room);
    expect(alert.variant).to.equal('danger');
    expect(alert.querySelector('[part="alert-message"]')!.textContent).to.equal('The server does not accept this room or namespace name.');
    expect(buttonsOf(room).map((button) => button.textContent!.trim())).to.deep.equal(['Retry now']);
    expect(errors.map(({ code, status }) => [code, status])).to.deep.equal([['join-refused', 499]]);
    // No automatic retry: waiting does not fix it.
    expect(nextAttempt(room)).to.equal(null);

    const retried = nextSessionStart(room);
    buttonNamed(room, 'Retry now')!.click();
    await retried;
    await domCondition(room.shadowRoot!, () => buttonNamed(room, 'Retry now')?.getAttribute('aria-busy') !== 'true');
    expect(alertOf(room)).to.not.equal(null);
    expect(errors).to.have.length(1);
    expect(room.status).to.equal('error');
  });

  it('pair mode without a server: a danger alert offers "Change server…" (retrying the same settings cannot help)', async () => {
    const room = await roomElement('Ann', { mode: 'pair', ns: `errors-${Math.random()}` });
    mount(room);
    expect((await alertShown(room)).variant).to.equal('danger');
    expect(alertOf(room)!.querySelector('[part="alert-message"]')!.textContent).to.match(/cannot start as set up/);
    expect(buttonsOf(room).map((button) => button.textContent!.trim())).to.deep.equal(['Change server…']);
    // The block button, also for "next stranger".
    const next = room.shadowRoot!.querySelector('[part~="next"]')!;
    expect(next.classList.contains('button')).to.equal(true);
    expect(next.hasAttribute('disabled')).to.equal(true);
  });

  it('the alert is localized through strings', async () => {
    const room = await roomElement('Ann', { mode: 'pair', ns: `errors-${Math.random()}` });
    room.strings = { failure: ({ code }) => `Geht nicht (${code})`, changeServer: 'Anderer Server…' };
    mount(room);
    expect((await alertShown(room)).querySelector('[part="alert-message"]')!.textContent).to.equal('Geht nicht (invalid-options)');
    expect(buttonsOf(room).map((button) => button.textContent!.trim())).to.deep.equal(['Anderer Server…']);
  });
});

describe('<peer-room> busy and live announcements', function () {
  this.timeout(20_000);
  const mount = mountedPerTest();

  it('marks its content aria-busy while it connects and joins, and not once joined', async () => {
    const room = await roomElement('Ann', { ns: `busy-${Math.random()}`, room: 'r' });
    const seen: string[] = [];
    mount(room);
    // The shadow root exists from connectedCallback on; the first render comes later, so nothing is missed.
    new MutationObserver(() => {
      const busy = room.shadowRoot!.querySelector('[part="content"]')?.getAttribute('aria-busy');
      if (busy && seen.at(-1) !== busy) seen.push(busy);
    }).observe(room.shadowRoot!, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] });
    const joined = new Promise((resolve) => room.addEventListener('peer-session-change', resolve, { once: true }));
    await nextStatus(room, 'open');
    await joined;
    await domCondition(room.shadowRoot!, () => room.shadowRoot!.querySelector('[part="content"]')!.getAttribute('aria-busy') === 'false');
    expect(seen).to.include('true');
    expect(seen.at(-1)).to.equal('false');
    // The slotted content is what is busy: the list and chat inside the room.
    expect(room.shadowRoot!.querySelector('[part="content"] slot')).to.not.equal(null);
  });

  it('says a problem once: the countdown and the automatic attempts change nothing a screen reader announces', async () => {
    const server = await serverCommand<string>('misconfigured-server', 'refused');
    const room = await roomElement('Ann', { server, ns: `live-${Math.random()}` });
    mount(room);
    await alertShown(room, () => nextAttempt(room) !== null);
    const heard: string[] = [];
    let ticks = 0;
    let attempts = 0;
    room.addEventListener('peer-session-change', (event) => attempts += event.detail.active ? 1 : 0);
    let done!: () => void;
    const enough = new Promise<void>((resolve) => (done = resolve));
    const observed = new WeakSet<Node>();
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        if (announced(record.target)) heard.push(`${record.type} in ${record.target.parentNode?.nodeName ?? record.target.nodeName}`);
        const root = record.target.getRootNode();
        if (record.type === 'characterData' && root instanceof ShadowRoot && root.host.localName === 'peer-relative-time') ticks++;
      }
      watchShadowRoots();
      if (ticks >= 2 && attempts >= 1) done();
    });
    const watchShadowRoots = () => {
      for (const root of [room.shadowRoot!, alertOf(room)?.shadowRoot, nextAttempt(room)?.shadowRoot]) {
        if (!root || observed.has(root)) continue;
        observed.add(root);
        observer.observe(root, { subtree: true, childList: true, characterData: true });
      }
    };
    watchShadowRoots();
    // The countdown ticks, an automatic attempt runs ("Trying again…"), and a new countdown ticks.
    await enough;
    observer.disconnect();
    expect(heard).to.deep.equal([]);
  });
});
