/**
 * `<peer-list>`'s rows: one per peer, one grid cell per fact or action. They load when the room
 * first has a peer to show (`peer-list.ts`), not with the CDN entry: before the core is there,
 * the list can only be empty.
 */
import { html, type TemplateResult } from 'lit';
import { button } from '../blocks/button.js';
import { shortFingerprint } from '../fingerprint-format.js';
import { isolate } from '../localize/isolate.js';
import type { PeerListStrings } from '../localize/strings.js';
import type { Bound } from '../localize/translations.js';
import type { PeerView, RoomState } from '../room-context.js';
import { columnsOf, type Column } from './peer-list-columns.js';

type Strings = Bound<PeerListStrings>;

/** What a row's own buttons ask of the list (trust and block go to the room). */
export interface PeerRowActions {
  verify(id: string, opener: HTMLElement): void;
}

/** One peer's row; `stop` is the index of the cell holding the tab stop, -1 for none. */
export function peerRow(peer: PeerView, stop: number, strings: Strings, room: RoomState, rowActions: PeerRowActions): TemplateResult {
  const name = peer.name || strings.unnamed;
  const inSentence = isolate(name);
  const blocked = peer.trust === 'blocked';
  const nameId = `name-${peer.id}`;
  const cells: Record<Column, (tabIndex: 0 | -1) => TemplateResult> = {
    name: (tabIndex) => html`<span role="gridcell" class="cell identity" tabindex=${tabIndex}>
      <span part="name" class="name" id=${nameId}>${name}</span>
      <span part="fingerprint" class="fingerprint" title=${peer.id}>${shortFingerprint(peer.id)}</span>
    </span>`,
    trust: (tabIndex) => html`<span role="gridcell" part="trust trust-${peer.trust}" class="cell trust ${peer.trust}" tabindex=${tabIndex}>${strings.trust[peer.trust]}</span>`,
    state: (tabIndex) =>
      html`<span role="gridcell" part="state" class="cell state ${peer.state}" tabindex=${tabIndex}>${[strings.state[peer.state], peer.path === 'relayed' ? strings.relayed : peer.path === 'server' ? strings.viaServer : '', peer.inCall ? strings.inCall : ''].filter(Boolean).join(' · ')}</span>`,
    rtt: (tabIndex) => html`<span role="gridcell" part="rtt" class="cell rtt" tabindex=${tabIndex}>${peer.rtt === undefined ? '' : strings.rtt(Math.round(peer.rtt))}</span>`,
    verify: (tabIndex) =>
      action(tabIndex, 'verify', strings.verifyAction, strings.verifyActionFor(inSentence), (event) => rowActions.verify(peer.id, event.currentTarget as HTMLElement)),
    'trust-action': (tabIndex) => action(tabIndex, 'trust-peer', strings.trustAction, strings.trustActionFor(inSentence), () => void room.actions.setTrust(peer.id, 'trusted')),
    block: (tabIndex) =>
      action(tabIndex, 'block', blocked ? strings.unblockAction : strings.blockAction, blocked ? strings.unblockActionFor(inSentence) : strings.blockActionFor(inSentence), () => void room.actions.setTrust(peer.id, blocked ? 'unknown' : 'blocked')),
  };
  const columns = columnsOf(peer, room);
  const cell = (column: Column) => cells[column](columns.indexOf(column) === stop ? 0 : -1);
  const actions = columns.filter((column) => column === 'verify' || column === 'trust-action' || column === 'block');
  return html`<div role="row" part="peer" class="row" data-peer=${peer.id} aria-labelledby=${nameId}>
    ${cell('name')}${cell('trust')}${cell('state')}${cell('rtt')}
    <div class="actions">${actions.map(cell)}</div>
  </div>`;
}

function action(tabIndex: 0 | -1, className: string, label: string, accessibleName: string, onClick: (event: MouseEvent) => void): TemplateResult {
  return html`<span role="gridcell" class="cell">${button({ label, accessibleName, size: 's', part: 'action', className, tabIndex, onClick })}</span>`;
}
