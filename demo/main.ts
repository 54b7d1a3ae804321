/** The demo's identity panel, on peerkit/core only (the elements arrive with their own issue). */
import { Identity, IdentityError, prewarmKeyTools } from '../src/core/index.js';

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
}

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
