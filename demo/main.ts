/** The demo: `<peer-identity>`, and once a key exists a room of `<peer-room>` with `<peer-list>` and `<peer-chat>`. */
import { prewarmKeyTools } from '../src/core/index.js';
import type { PeerIdentityElement, PeerRoomElement } from '../src/elements/index.js';
import '../src/elements/peer-identity/define.js';
import '../src/elements/peer-room/define.js';
import '../src/elements/peer-list/define.js';
import '../src/elements/peer-chat/define.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const identityPanel = document.querySelector('peer-identity') as PeerIdentityElement;
const ROOM_EVENTS = ['peer-join', 'peer-leave', 'peer-connection-change', 'peer-message', 'peer-send', 'peer-signal-rejected', 'peer-error', 'peer-status-change'] as const;
let room: PeerRoomElement | undefined;

/** Served by `peerkit serve` the signaling server is this origin; `?local` meets tabs over BroadcastChannel instead. */
function showRoom(): void {
  const identity = identityPanel.identity;
  room?.remove();
  room = undefined;
  $('room-section').hidden = !identity;
  if (!identity) return;
  room = document.createElement('peer-room');
  room.identity = identity;
  room.id = 'demo-room';
  room.setAttribute('ns', 'peerkit-demo');
  room.setAttribute('room', 'lobby');
  if (!new URLSearchParams(location.search).has('local')) room.setAttribute('server', location.origin);
  room.append(document.createElement('peer-list'), document.createElement('peer-chat'));
  for (const type of ROOM_EVENTS) room.addEventListener(type, (event) => logEvent(type, (event as CustomEvent).detail));
  $('room-host').append(room);
}

function logEvent(type: string, detail: unknown): void {
  const entry = document.createElement('li');
  // Text only: a message is shown, never interpreted as HTML.
  entry.textContent = `${new Date().toLocaleTimeString()} ${type} ${JSON.stringify(detail)}`;
  const log = $('event-log');
  log.prepend(entry);
  while (log.children.length > 50) log.lastElementChild!.remove();
}

identityPanel.addEventListener('peer-identity-change', showRoom);
// Fetch and warm kbpgp while the user reads the page, so "Create key" answers quickly.
void prewarmKeyTools();
