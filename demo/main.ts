/** The demo: the identity panel (peerkit/core), and a room of `<peer-room>` + `<peer-list>` once a key exists. */
import { Identity, IdentityError, prewarmKeyTools } from '../src/core/index.js';
import type { PeerRoomElement } from '../src/elements/index.js';
import '../src/elements/peer-room/define.js';
import '../src/elements/peer-list/define.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $('identity-status');
const details = $('identity-details');
const createForm = $<HTMLFormElement>('identity-create');
const unlockForm = $<HTMLFormElement>('identity-unlock');
const importForm = $<HTMLFormElement>('identity-import');
const actions = $('identity-actions');
const output = $<HTMLTextAreaElement>('export-output');

let current: Identity | undefined;

/** Groups of four, the way GnuPG prints fingerprints, so people can compare them aloud. */
function grouped(fingerprint: string): string {
  return fingerprint.toUpperCase().replace(/(.{4})(?!$)/g, '$1 ');
}

function show(identity: Identity | undefined, message?: string): void {
  current = identity;
  details.hidden = !identity;
  actions.hidden = !identity;
  createForm.hidden = Boolean(identity);
  unlockForm.hidden = true;
  if (identity) {
    $('identity-name').textContent = identity.name || '(no name)';
    $('identity-fingerprint').textContent = grouped(identity.fingerprint);
  }
  status.textContent = message ?? (identity ? 'Key loaded from this browser.' : 'No key yet: create or import one.');
  if (identity?.fingerprint !== room?.identity?.fingerprint || !identity) showRoom(identity);
}

const ROOM_EVENTS = ['peer-join', 'peer-leave', 'peer-connection-change', 'peer-message', 'peer-signal-rejected', 'peer-error', 'peer-status-change'] as const;
let room: PeerRoomElement | undefined;

/** Served by `peerkit serve` the signaling server is this origin; `?local` meets tabs over BroadcastChannel instead. */
function showRoom(identity: Identity | undefined): void {
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
  room.append(document.createElement('peer-list'));
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

$<HTMLFormElement>('say').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const text = String(new FormData(form).get('text'));
  room?.broadcast(text);
  logEvent('sent', { data: text });
  form.reset();
});

function fail(error: unknown): void {
  status.textContent = error instanceof Error ? error.message : String(error);
}

async function start(passphrase?: string): Promise<void> {
  try {
    show(await Identity.load({ passphrase }));
  } catch (error) {
    if (error instanceof IdentityError && (error.code === 'locked' || error.code === 'bad-passphrase')) {
      createForm.hidden = true;
      unlockForm.hidden = false;
      status.textContent = error.code === 'locked' ? 'Your key is protected: enter its passphrase.' : 'That passphrase does not unlock the key.';
      return;
    }
    fail(error);
  }
}

createForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(createForm);
  status.textContent = 'Creating your key…';
  try {
    show(await Identity.create({ name: String(data.get('name')), passphrase: String(data.get('passphrase')) || undefined }), 'Key created and stored in this browser.');
  } catch (error) {
    fail(error);
  }
});

unlockForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void start(String(new FormData(unlockForm).get('passphrase')));
});

importForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(importForm);
  try {
    const passphrase = String(data.get('passphrase')) || undefined;
    show(await Identity.import(String(data.get('armored')), { passphrase, replace: true }), 'Key imported.');
    importForm.reset();
  } catch (error) {
    fail(error);
  }
});

$('export-public').addEventListener('click', () => {
  if (current) output.value = current.exportPublicKey();
});
$('export-private').addEventListener('click', async () => {
  if (!current) return;
  const passphrase = prompt('Protect the exported key with a passphrase (leave empty for none):') ?? undefined;
  try {
    output.value = await current.exportPrivateKey({ passphrase: passphrase || undefined });
  } catch (error) {
    fail(error);
  }
});
$('delete').addEventListener('click', async () => {
  if (!current || !confirm('Delete this key? Peers will not recognise you again unless you exported it.')) return;
  await current.delete();
  output.value = '';
  show(undefined, 'Key deleted.');
});

// Fetch and warm kbpgp while the user reads the page, so "Create key" answers quickly.
void prewarmKeyTools();
void start();
