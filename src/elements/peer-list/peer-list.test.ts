import { expect } from 'chai';
import { accessibilityViolations } from '../../../test/support/axe.js';
import { connectedTo, domCondition, roomElement, mountedPerTest } from '../../../test/support/elements.js';
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
    return [...list.shadowRoot!.querySelectorAll<HTMLElement>('li')];
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
    expect(opener.getAttribute('aria-label')).to.equal('Verify Ben');
    opener.focus();
    opener.click();
    await list.updateComplete;
    const dialog = list.shadowRoot!.querySelector<HTMLDialogElement>('dialog[part="verify-dialog"]')!;
    expect(dialog.open).to.equal(true);
    expect(list.shadowRoot!.activeElement?.className).to.equal('verify-close');

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
    expect(dialog.querySelector('[role="status"]')!.textContent).to.equal('Ben is verified.');

    dialog.close();
    expect(list.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal('Verify Ben');
  });

  it('moves focus between rows with the arrow keys, Home and End (one tab stop)', async () => {
    const { list } = await roomWithList(['Ben', 'Cid']);
    const [first, second] = rows(list);
    expect([first!.tabIndex, second!.tabIndex]).to.deep.equal([0, -1]);
    first!.focus();
    first!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    await list.updateComplete;
    await list.updateComplete;
    expect(list.shadowRoot!.activeElement).to.equal(rows(list)[1]);
    expect(rows(list).map((row) => row.tabIndex)).to.deep.equal([-1, 0]);
    rows(list)[1]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true, composed: true }));
    await list.updateComplete;
    await list.updateComplete;
    expect(list.shadowRoot!.activeElement).to.equal(rows(list)[0]);
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
