import { expect } from 'chai';
import { accessibilityViolations, accessibleName } from '../../../test/support/axe.js';
import { sendKeys } from '../../../test/support/browser-input.js';
import { connectedTo, domCondition, roomElement, mountedPerTest } from '../../../test/support/elements.js';
import { identityNamed } from '../../../test/support/identities.js';
import { violationsInEveryTheme } from '../../../test/support/themed-audit.js';
import { Identity } from '../../core/identity/identity.js';
import { memoryStore } from '../../core/platform/storage.js';
import { safetyNumber, safetyNumberGroups } from '../../core/identity/safety-number.js';
import type { PeerRoomElement } from '../peer-room/peer-room.js';
import { shortFingerprint } from '../fingerprint-format.js';
import type { PeerListElement } from './peer-list.js';
import '../peer-room/define.js';
import './define.js';

describe('<peer-list>', function () {
  this.timeout(30_000);
  const mount = mountedPerTest();

  /** Ann's room with a list inside, and `others` in the same BroadcastChannel room. */
  async function roomWithList(others: string[]): Promise<{ ann: PeerRoomElement; list: PeerListElement; rooms: PeerRoomElement[] }> {
    const ns = `list-${Math.random()}`;
    const ann = await roomElement('Ann', { ns, room: 'r', id: `room-${Math.random().toString(36).slice(2)}` });
    const list = document.createElement('peer-list');
    ann.append(list);
    mount(ann);
    const rooms = await Promise.all(others.map((name) => roomElement(name, { ns, room: 'r' })));
    rooms.forEach(mount);
    await Promise.all(rooms.map((room) => connectedTo(ann, room.identity!.fingerprint)));
    await list.updateComplete;
    return { ann, list, rooms };
  }

  function rows(list: PeerListElement): HTMLElement[] {
    return [...list.shadowRoot!.querySelectorAll<HTMLElement>('[role="row"]')];
  }

  const nameOf = (row: Element) => row.querySelector('[part="name"]')!.textContent!;
  const cellsOf = (row: Element) => [...row.querySelectorAll<HTMLElement>('[role="gridcell"]')];

  /**
   * Where focus is, as "<peer name>:<cell index>" (cells: name 0, trust 1, state 2, round trip 3,
   * then the actions: verify 4, trust 5 if offered, block last), marked when the list's one tab stop
   * is elsewhere. Said as text: a failed equality of two elements makes the runner serialize them.
   */
  function focusedCell(list: PeerListElement): string {
    const active = list.shadowRoot!.activeElement as HTMLElement | null;
    if (!active) return `outside the list (on ${document.activeElement?.localName})`;
    const cell = active.closest('[role="gridcell"]');
    const row = cell?.closest('[role="row"]');
    if (!cell || !row) return `not a cell (${active.localName}.${active.className})`;
    const stop = list.shadowRoot!.querySelectorAll('[role="grid"] [tabindex="0"]');
    const onlyStop = stop.length === 1 && stop[0] === active;
    return `${nameOf(row)}:${cellsOf(row).indexOf(cell as HTMLElement)}${onlyStop ? '' : ' (not the one tab stop)'}`;
  }

  const press = (key: string) => sendKeys({ press: key });

  /** Resolves once `ann` saw the peer `id` leave. */
  function left(ann: PeerRoomElement, id: string): Promise<unknown> {
    return new Promise((resolve) => {
      const listener = (event: Event) => {
        if ((event as CustomEvent<{ id: string }>).detail.id !== id) return;
        ann.removeEventListener('peer-leave', listener);
        resolve(event);
      };
      ann.addEventListener('peer-leave', listener);
    });
  }

  it('shows an empty state until someone joins', async () => {
    const room = await roomElement('Ann', { ns: `list-${Math.random()}` });
    const list = document.createElement('peer-list');
    room.append(list);
    mount(room);
    await list.updateComplete;
    expect(list.shadowRoot!.querySelector('[part="empty"]')!.textContent).to.contain('No peers yet');
    expect(await accessibilityViolations(list)).to.deep.equal([]);
  });

  it('lists each peer with name, short fingerprint, trust and link state; trust and block act on the address book', async () => {
    const { ann, list, rooms } = await roomWithList(['Ben']);
    const ben = rooms[0]!.identity!;
    const [row] = rows(list);
    expect(row!.querySelector('[part="name"]')!.textContent).to.equal('Ben');
    expect(row!.querySelector('[part="fingerprint"]')!.textContent).to.equal(shortFingerprint(ben.fingerprint));
    expect(row!.querySelector('[part="fingerprint"]')!.getAttribute('title')).to.equal(ben.fingerprint);
    expect(row!.querySelector('[part~="trust"]')!.textContent).to.equal('Unknown');
    expect(row!.querySelector('[part="state"]')!.textContent).to.match(/^Connected/);
    expect(await accessibilityViolations(list)).to.deep.equal([]);

    const trust = [...row!.querySelectorAll('button')].find((button) => button.textContent === 'Trust')!;
    trust.click();
    await new Promise((resolve) => ann.addEventListener('peer-connection-change', resolve, { once: true }));
    await list.updateComplete;
    expect(ann.keyring!.get(ben.fingerprint)!.trust).to.equal('trusted');
    expect(rows(list)[0]!.querySelector('[part~="trust"]')!.textContent).to.equal('Trusted');
    const block = [...rows(list)[0]!.querySelectorAll('button')].find((button) => button.textContent === 'Block')!;
    block.click();
    await new Promise((resolve) => ann.addEventListener('peer-connection-change', resolve, { once: true }));
    await list.updateComplete;
    expect(rows(list)[0]!.querySelector('[part~="trust"]')!.textContent).to.equal('Blocked');
    expect(await accessibilityViolations(list)).to.deep.equal([]);
  });

  it('verifies a peer from its row: safety number in 12 groups, QR code, and "Mark verified" trusts its key', async () => {
    const { ann, list, rooms } = await roomWithList(['Ben']);
    const ben = rooms[0]!.identity!;
    const opener = rows(list)[0]!.querySelector<HTMLButtonElement>('button.verify')!;
    expect(opener.getAttribute('aria-label')).to.equal('Verify \u2068Ben\u2069');
    opener.focus();
    opener.click();
    // The dialog's code loads when it first opens.
    const opened = () => list.shadowRoot!.querySelector<HTMLDialogElement>('dialog[part="verify-dialog"]');
    await domCondition(list.shadowRoot!, () => opened()?.open === true);
    const dialog = opened()!;
    expect(list.shadowRoot!.activeElement?.matches('.verify-close'), `focus on ${list.shadowRoot!.activeElement?.className}`).to.equal(true);

    const digits = dialog.querySelector('[part="safety-number"]')!;
    await domCondition(dialog, () => digits.getAttribute('aria-busy') === 'false');
    // Ben's device computes the same number from its side.
    const fromBen = await safetyNumber(ben.fingerprint, ann.selfId!);
    expect([...digits.querySelectorAll('span')].map((span) => span.textContent)).to.deep.equal(safetyNumberGroups(fromBen));
    expect(dialog.querySelector('svg[part="safety-qr"] path')).to.not.equal(null);
    expect(await accessibilityViolations(list)).to.deep.equal([]);

    dialog.querySelector<HTMLButtonElement>('[part~="verify-mark"]')!.click();
    await new Promise((resolve) => ann.addEventListener('peer-connection-change', resolve, { once: true }));
    expect(ann.keyring!.get(ben.fingerprint)!.trust).to.equal('trusted');
    await domCondition(list.shadowRoot!, () => rows(list)[0]!.querySelector('[part~="trust"]')!.textContent === 'Trusted');
    await domCondition(dialog, () => dialog.querySelector('[part~="verify-mark"]') === null);
    expect(dialog.querySelector('[role="status"]')!.textContent).to.equal('\u2068Ben\u2069 is verified.');

    dialog.close();
    expect(list.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal('Verify \u2068Ben\u2069');
  });

  it('is a grid with one tab stop: Tab enters it once, the next Tab leaves it, Shift+Tab comes back to the same cell', async () => {
    const { ann, list } = await roomWithList(['Ben', 'Cid']);
    const before = document.createElement('button');
    before.textContent = 'before';
    const after = document.createElement('button');
    after.textContent = 'after';
    after.id = 'after-the-list';
    ann.before(before);
    ann.after(after);
    try {
      const [first] = rows(list).map(nameOf);
      expect(list.shadowRoot!.querySelector('[role="grid"]')!.getAttribute('aria-label')).to.equal('Peers');
      before.focus();
      await press('Tab');
      expect(focusedCell(list)).to.equal(`${first}:0`);
      expect(list.shadowRoot!.querySelectorAll('[tabindex="0"]')).to.have.length(1);
      await press('ArrowRight');
      await press('Tab');
      expect(document.activeElement?.id, 'the second Tab leaves the list').to.equal('after-the-list');
      await press('Shift+Tab');
      expect(focusedCell(list)).to.equal(`${first}:1`);
    } finally {
      before.remove();
      after.remove();
    }
  });

  it('moves between cells with the arrow keys, Home, End, Ctrl+Home and Ctrl+End, and mirrors Left and Right in right-to-left text', async () => {
    const { ann, list } = await roomWithList(['Ben', 'Cid']);
    const [first, second] = rows(list).map(nameOf);
    cellsOf(rows(list)[0]!)[0]!.focus();
    await press('ArrowRight');
    expect(focusedCell(list)).to.equal(`${first}:1`);
    await press('End');
    expect(focusedCell(list)).to.equal(`${first}:6`);
    expect(list.shadowRoot!.activeElement!.getAttribute('aria-label')).to.equal(`Block \u2068${first}\u2069`);
    await press('ArrowRight');
    expect(focusedCell(list), 'no wrapping at the end of a row').to.equal(`${first}:6`);
    await press('ArrowDown');
    expect(focusedCell(list)).to.equal(`${second}:6`);
    await press('Home');
    expect(focusedCell(list)).to.equal(`${second}:0`);
    await press('ArrowDown');
    expect(focusedCell(list), 'no wrapping past the last row').to.equal(`${second}:0`);
    await press('Control+Home');
    expect(focusedCell(list)).to.equal(`${first}:0`);
    await press('ArrowUp');
    await press('ArrowLeft');
    expect(focusedCell(list)).to.equal(`${first}:0`);
    await press('Control+End');
    expect(focusedCell(list)).to.equal(`${second}:6`);
    await list.updateComplete;
    const stops = [...list.shadowRoot!.querySelectorAll('[tabindex="0"]')];
    expect(stops.length === 1 && stops[0] === list.shadowRoot!.activeElement, 'the one tab stop follows the focus').to.equal(true);

    ann.setAttribute('dir', 'rtl');
    await press('Home');
    await press('ArrowLeft');
    expect(focusedCell(list), 'Left moves forward in right-to-left text').to.equal(`${second}:1`);
  });

  it('presses the focused action with Enter or Space; when the pressed button goes, focus stays in the peer\'s row', async () => {
    const { list } = await roomWithList(['Ben']);
    cellsOf(rows(list)[0]!)[0]!.focus();
    await press('End');
    await press('ArrowLeft');
    expect(list.shadowRoot!.activeElement!.getAttribute('aria-label')).to.equal('Trust \u2068Ben\u2069');
    await press('Enter');
    await domCondition(list.shadowRoot!, () => rows(list)[0]!.querySelector('[part~="trust"]')!.textContent === 'Trusted');
    await list.updateComplete;
    // "Trust" is gone from a trusted peer's row: Block took its place, and the focus.
    expect(focusedCell(list)).to.equal('Ben:5');
    expect(list.shadowRoot!.activeElement!.getAttribute('aria-label')).to.equal('Block \u2068Ben\u2069');
    await press('Space');
    await domCondition(list.shadowRoot!, () => rows(list)[0]!.querySelector('[part~="trust"]')!.textContent === 'Blocked');
    await list.updateComplete;
    expect(focusedCell(list)).to.equal('Ben:5');
    expect(list.shadowRoot!.activeElement!.getAttribute('aria-label')).to.equal('Unblock \u2068Ben\u2069');
  });

  it('keeps focus on the same peer when rows are removed before it and added after it; when that peer leaves, its neighbour takes the focus', async () => {
    const { ann, list, rooms } = await roomWithList(['Ben', 'Cid', 'Dan']);
    const names = () => rows(list).map(nameOf);
    const [first, second, third] = names();
    const roomOf = (name: string) => rooms.find((room) => room.identity!.name === name)!;
    cellsOf(rows(list)[0]!)[0]!.focus();
    await press('ArrowDown');
    await press('ArrowRight');
    expect(focusedCell(list)).to.equal(`${second}:1`);

    // The row above leaves: the rows move up, the focus stays with its peer.
    let gone = left(ann, roomOf(first!).identity!.fingerprint);
    roomOf(first!).remove();
    await gone;
    await list.updateComplete;
    expect(names()).to.deep.equal([second, third]);
    expect(focusedCell(list)).to.equal(`${second}:1`);

    // Someone joins: still the same peer.
    const eve = await roomElement('Eve', { ns: ann.getAttribute('ns')!, room: 'r' });
    mount(eve);
    await connectedTo(ann, eve.identity!.fingerprint);
    await list.updateComplete;
    expect(names()).to.have.length(3);
    expect(focusedCell(list)).to.equal(`${second}:1`);

    // The focused peer leaves: the row that takes its place gets the focus, in the same column.
    gone = left(ann, roomOf(second!).identity!.fingerprint);
    roomOf(second!).remove();
    await gone;
    await list.updateComplete;
    expect(focusedCell(list)).to.equal(`${third}:1`);
  });

  it('when the last peer leaves with the focus on its row, focus goes to the empty state, not the page', async () => {
    const { ann, list, rooms } = await roomWithList(['Ben']);
    cellsOf(rows(list)[0]!)[2]!.focus();
    const gone = left(ann, rooms[0]!.identity!.fingerprint);
    rooms[0]!.remove();
    await gone;
    await list.updateComplete;
    expect(list.shadowRoot!.activeElement?.getAttribute('part')).to.equal('empty');
  });

  it('names each action with its peer, the name isolated; the row is named by the peer alone, never the live round trip', async () => {
    const { ann, list } = await roomWithList(['Ben']);
    const row = rows(list)[0]!;
    const buttons = () => [...rows(list)[0]!.querySelectorAll('button')];
    expect(buttons().map((button) => button.textContent!.trim())).to.deep.equal(['Verify', 'Trust', 'Block']);
    expect(buttons().map((button) => button.getAttribute('aria-label'))).to.deep.equal(['Verify \u2068Ben\u2069', 'Trust \u2068Ben\u2069', 'Block \u2068Ben\u2069']);
    expect(row.getAttribute('role')).to.equal('row');
    expect(accessibleName(row)).to.equal('Ben');
    // The round trip is shown, in a cell of its own outside the row's name.
    const rtt = row.querySelector('[part="rtt"]')!;
    expect(rtt.getAttribute('role')).to.equal('gridcell');
    // Its text sets its own direction: "14 ms" stays "14 ms" in a right-to-left page (not "ms 14").
    expect(getComputedStyle(rtt).unicodeBidi).to.equal('plaintext');

    ann.setAttribute('lang', 'de');
    await domCondition(list.shadowRoot!, () => buttons()[1]!.getAttribute('aria-label') === '\u2068Ben\u2069 vertrauen');
    expect(buttons().map((button) => button.textContent!.trim())).to.deep.equal(['Überprüfen', 'Vertrauen', 'Sperren']);
  });

  it('axe finds nothing in light, dark and forced colours: empty, several peers (trusted, blocked, key changed), the verify dialog open', async function () {
    // Four rooms and nine audits.
    this.timeout(120_000);
    const lonely = await roomElement('Ann', { ns: `list-${Math.random()}` });
    const empty = document.createElement('peer-list');
    lonely.append(empty);
    mount(lonely);
    await empty.updateComplete;
    expect(await violationsInEveryTheme(empty, lonely), 'empty').to.deep.equal([]);

    const { ann, list, rooms } = await roomWithList(['Ben', 'Cid']);
    await ann.setTrust(rooms[0]!.identity!.fingerprint, 'trusted');
    await ann.setTrust(rooms[1]!.identity!.fingerprint, 'blocked');
    // Ann knew Dee's key; someone else arrives under Dee's name with another key.
    await ann.keyring!.add((await identityNamed('Dee')).exportPublicKey());
    const impostor = await roomElement('Dee', { ns: ann.getAttribute('ns')!, room: 'r' });
    impostor.identity = await Identity.create({ name: 'Dee', store: memoryStore() });
    mount(impostor);
    await domCondition(list.shadowRoot!, () => list.shadowRoot!.querySelector('[part~="trust-key-changed"]') !== null);
    expect(rows(list).map((row) => row.querySelector('[part~="trust"]')!.textContent)).to.have.members(['Trusted', 'Blocked', 'Key changed']);
    expect(await violationsInEveryTheme(list, ann), 'several peers').to.deep.equal([]);

    await list.verify(rooms[0]!.identity!.fingerprint, rows(list)[0]!.querySelector('button')!);
    expect(list.shadowRoot!.querySelector<HTMLDialogElement>('dialog[part="verify-dialog"]')!.open).to.equal(true);
    expect(await violationsInEveryTheme(list, ann), 'dialog open').to.deep.equal([]);
  });

  it('follows a room elsewhere on the page with for="<room id>"', async () => {
    const { ann } = await roomWithList(['Ben']);
    const outside = document.createElement('peer-list');
    outside.setAttribute('for', ann.id);
    mount(outside);
    await outside.updateComplete;
    expect(rows(outside).map((row) => row.querySelector('[part="name"]')!.textContent)).to.deep.equal(['Ben']);
  });

  it('localizes its strings', async () => {
    const room = await roomElement('Ann', { ns: `list-${Math.random()}` });
    const list = document.createElement('peer-list');
    list.strings = { empty: 'Niemand da' };
    room.append(list);
    mount(room);
    await list.updateComplete;
    expect(list.shadowRoot!.querySelector('[part="empty"]')!.textContent).to.contain('Niemand da');
  });
});
