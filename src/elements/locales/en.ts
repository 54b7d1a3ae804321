/**
 * English: the kit's default words, and the fallback for any term a translation lacks. Always
 * bundled; other languages load on demand (see `../localize/translations.ts`).
 */
import type { Translation } from '../localize/strings.js';

/** What each FileError code means to the reader of a chat. */
const attachmentFailures: Readonly<Record<string, string>> = {
  'too-large': 'This file is larger than this chat accepts',
  quota: 'No room left on this device to keep this file',
  'offer-mismatch': 'The sender announced this file as something else',
  'bad-digest': 'The file arrived altered and was thrown away',
  'bad-chunk': 'The file arrived altered and was thrown away',
  expired: 'The transfer stopped too long ago',
  'unknown-digest': 'Nobody online has this file',
  unavailable: 'Nobody online has this file',
  timeout: 'Nobody online has this file',
  cancelled: 'The transfer was stopped',
};

/** What each IdentityError code means to the person at the keyboard. */
const identityFailures: Readonly<Record<string, string>> = {
  locked: 'Your key is protected: enter its passphrase.',
  'bad-passphrase': 'That passphrase does not unlock the key.',
  'unsupported-key': 'This kind of key is not supported.',
  'invalid-key': 'That is not a readable armored key.',
  exists: 'There is a key already.',
};

export const en: Translation = {
  $code: 'en',
  $name: 'English',
  room: {
    status: { idle: 'Not connected', connecting: 'Connecting…', open: 'Connected', reconnecting: 'Reconnecting…', closed: 'Disconnected', error: 'Error' },
    serverProblem: ({ code, status }) =>
      ({
        'server-rejected': `No peerkit server at this address${status === undefined ? '' : ` (HTTP ${status})`} · retrying`,
        'server-unreachable': 'Cannot reach the server · retrying',
        'server-timeout': 'The server does not answer · retrying',
        'ice-unavailable': `The server's ICE settings are unavailable${status === undefined ? '' : ` (HTTP ${status})`} · retrying`,
      })[code],
    peers: (count, format) => format.plural(count, { one: '# peer', other: '# peers' }),
    next: 'Next stranger',
    searching: 'Looking for a stranger…',
  },
  list: {
    label: 'Peers',
    empty: 'No peers yet',
    unnamed: 'Unnamed peer',
    trust: { trusted: 'Trusted', unknown: 'Unknown', 'key-changed': 'Key changed', blocked: 'Blocked' },
    state: { joining: 'Joining', connecting: 'Connecting', connected: 'Connected', reconnecting: 'Reconnecting', failed: 'Failed', closed: 'Closed', indirect: 'Via other peers' },
    relayed: 'relayed',
    rtt: (milliseconds, format) => format.milliseconds(milliseconds),
    trustAction: 'Trust',
    blockAction: 'Block',
    unblockAction: 'Unblock',
  },
  chat: {
    label: 'Messages',
    empty: 'No messages yet. Say hello.',
    placeholder: 'Write a message (Enter sends, Shift+Enter for a new line)',
    send: 'Send',
    you: 'You',
    unread: 'New messages',
    jumpToLatest: (unread, format) => (unread > 0 ? `${format.number(unread)} new ↓` : 'Latest ↓'),
    state: { queued: 'Queued', sent: 'Sent', delivered: 'Delivered', failed: 'Failed' },
    attach: 'Attach files',
    dropHere: 'Drop files to send them',
    download: (name, bytes, format) => `${name || 'file'} (${format.bytes(bytes)})`,
    transfer: (direction, percent, format) => `${direction === 'send' ? 'Sending' : 'Receiving'} ${format.percent(percent / 100)}`,
    fetching: 'Getting the file…',
    cancel: 'Cancel',
    retry: 'Try again',
    attachmentFailed: (code) => `${attachmentFailures[code] ?? 'File unavailable'} (${code})`,
  },
  identity: {
    loading: 'Loading your key…',
    none: 'No key yet: create or import one.',
    locked: 'Your key is protected: enter its passphrase.',
    badPassphrase: 'That passphrase does not unlock the key.',
    failed: (code) => `${identityFailures[code] ?? 'That did not work.'} (${code})`,
    name: 'Name',
    passphrase: 'Passphrase',
    optionalPassphrase: 'Passphrase (optional)',
    create: 'Create key',
    unlock: 'Unlock',
    importLabel: 'Import an armored private key',
    importAction: 'Import',
    fingerprint: 'Fingerprint',
    exportPublic: 'Export public key',
    exportPrivate: 'Export private key',
    delete: 'Delete key',
    confirmDelete: 'Delete this key? Peers will not recognise you again unless you exported it.',
    exported: 'Exported key',
    addressBook: 'Address book',
    emptyAddressBook: 'Nobody yet: peers you meet appear here.',
    addContact: 'Add a peer by its armored public key',
    addContactAction: 'Add',
    remove: 'Remove',
    trustFor: (name) => `Trust for ${name}`,
    trust: { trusted: 'Trusted', unknown: 'Unknown', blocked: 'Blocked' },
  },
  verify: {
    verifyAction: 'Verify',
    verifyActionFor: (name) => `Verify ${name}`,
    verifyTitle: (name) => `Verify ${name}`,
    verifyHelp: (name) =>
      `Compare these numbers with ${name}, in person or on a call you trust, or scan the code on their screen. If every group matches, nobody is between you.`,
    safetyNumber: 'Safety number',
    computing: 'Computing…',
    qrLabel: 'QR code of both keys, to scan with the other device',
    markVerified: 'Mark verified',
    verified: (name) => `${name} is verified.`,
    verifyFailed: 'The safety number could not be computed.',
    markFailed: 'The peer could not be marked verified. Try again.',
    close: 'Close',
  },
  alert: { dismiss: 'Dismiss' },
  copyButton: { copy: 'Copy', copied: 'Copied', failed: 'Could not copy' },
  dialog: { cancel: 'Cancel', confirm: 'OK', close: 'Close' },
  presence: { connected: 'Connected', connecting: 'Connecting…', relayed: 'Relayed', offline: 'Offline' },
};
