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

/** Why the server refused a join, by its error code (src/server/errors.ts). */
const joinRefusals: Readonly<Record<number, string>> = {
  401: 'The server did not accept your key.',
  406: 'This connection is in as many rooms as the server allows.',
  409: 'This room is full.',
  419: 'This room holds as many people from your network as it allows.',
  429: 'Too many tries: wait a moment, then retry.',
  297: 'Too many tries: wait a moment, then retry.',
  499: 'The server does not accept this room or namespace name.',
  503: 'The server is unavailable right now.',
};

export const en: Translation = {
  $code: 'en',
  $name: 'English',
  room: {
    status: { idle: 'Not connected', connecting: 'Connecting…', open: 'Connected', reconnecting: 'Reconnecting…', closed: 'Disconnected', error: 'Connection problem' },
    serverProblem: ({ code, status }) =>
      ({
        'server-rejected': `No peerkit server at this address${status === undefined ? '' : ` (HTTP ${status})`}.`,
        'server-unreachable': 'Cannot reach the server.',
        'server-timeout': 'The server does not answer.',
        'ice-unavailable': `The server's ICE settings are unavailable${status === undefined ? '' : ` (HTTP ${status})`}.`,
      })[code],
    failure: ({ code, status }) =>
      ({
        'join-refused': (status === undefined ? undefined : joinRefusals[status]) ?? `The server refused to let you join${status === undefined ? '' : ` (code ${status})`}.`,
        'invalid-options': 'This room cannot start as set up: check its server, mode, names and ICE settings (relay-only links need a TURN server).',
        'keys-unavailable': 'Your key could not be loaded: it may be locked, or this browser keeps no storage here.',
        'start-failed': 'The room could not start.',
      })[code] ?? 'The room could not start.',
    connectionClosed: 'The connection to the room closed.',
    nextAttempt: 'Next attempt',
    attempting: 'Trying again…',
    retryNow: 'Retry now',
    changeServer: 'Change server…',
    changeServerHeading: 'Change server',
    changeServerMessage: 'The address of a peerkit server. Only people on the same server meet in a room.',
    serverAddress: 'Server address',
    changeServerConfirm: 'Connect',
    serverInvalid: 'Enter an address that starts with wss://, ws://, https:// or http://.',
    peers: (count, format) => format.plural(count, { one: '# peer', other: '# peers' }),
    next: 'Next stranger',
    searching: 'Looking for a stranger…',
    relayOnly: 'IP address hidden',
    relayOnlyDetail: 'Everything goes through the relay server, so the people you meet here do not learn your IP address.',
  },
  list: {
    label: 'Peers',
    empty: 'No peers yet',
    unnamed: 'Unnamed peer',
    trust: { trusted: 'Trusted', unknown: 'Unknown', 'key-changed': 'Key changed', blocked: 'Blocked' },
    state: { joining: 'Joining', connecting: 'Connecting', connected: 'Connected', reconnecting: 'Reconnecting', failed: 'Failed', closed: 'Closed', indirect: 'Via other peers' },
    relayed: 'relayed',
    viaServer: 'via server',
    inCall: 'in the call',
    rtt: (milliseconds, format) => format.milliseconds(milliseconds),
    trustAction: 'Trust',
    blockAction: 'Block',
    unblockAction: 'Unblock',
    trustActionFor: (name) => `Trust ${name}`,
    blockActionFor: (name) => `Block ${name}`,
    unblockActionFor: (name) => `Unblock ${name}`,
  },
  chat: {
    label: 'Messages',
    empty: 'No messages yet. Say hello.',
    placeholder: 'Write a message (Enter sends, Shift+Enter for a new line)',
    send: 'Send',
    you: 'You',
    unread: 'New messages',
    jumpToLatest: (unread, format) => (unread > 0 ? `${format.number(unread)} new` : 'Latest'),
    state: { queued: 'Queued', sent: 'Sent', delivered: 'Delivered', failed: 'Failed' },
    attach: 'Attach files',
    dropHere: 'Drop files to send them',
    download: (name, bytes, format) => `${name || 'file'} (${format.bytes(bytes)})`,
    transfer: (direction, percent, format) => `${direction === 'send' ? 'Sending' : 'Receiving'} ${format.percent(percent / 100)}`,
    fetching: 'Getting the file…',
    cancel: 'Cancel',
    retry: 'Try again',
    attachmentFailed: (code) => `${attachmentFailures[code] ?? 'File unavailable'} (${code})`,
    loading: 'Loading messages…',
    noRoom: 'Not connected to a room: messages cannot be sent.',
    noKey: 'Create or unlock your key to send messages.',
    sending: 'Sending…',
    sendFailed: (reason) => `Not sent: ${reason}`,
    edit: 'Edit',
    announce: (author, text) => `${author}: ${text}`,
    filesOnly: (count, format) => format.plural(count, { one: 'sent a file', other: 'sent # files' }),
    announceMany: (count, format) => format.plural(count, { one: '# new message', other: '# new messages' }),
    dropFiles: (count, format) => (count > 0 ? format.plural(count, { one: 'Drop to send # file', other: 'Drop to send # files' }) : 'Drop to send files'),
    addReaction: 'Add reaction',
    reaction: (emoji, names, mine, format) => `${emoji} ${format.number(names.length)}: ${format.list(names)}${mine ? ' (you reacted, press to take back)' : ''}`,
    typing: (names, format) => (names.length === 0 ? '' : names.length > 3 ? 'Several people are typing…' : `${format.list(names)} ${names.length === 1 ? 'is' : 'are'} typing…`),
    seenBy: (names, format) => `Seen by ${format.list(names)}`,
  },
  call: {
    label: 'Call',
    controls: 'Call controls',
    join: 'Join call',
    joining: 'Joining…',
    leave: 'Leave call',
    mute: 'Mute',
    unmute: 'Unmute',
    microphoneOn: 'Turn microphone on',
    cameraOn: 'Turn camera on',
    cameraOff: 'Turn camera off',
    shareScreen: 'Share screen',
    stopSharing: 'Stop sharing',
    devices: 'Devices',
    microphone: 'Microphone',
    camera: 'Camera',
    unnamedDevice: (index) => `Device ${index}`,
    you: 'You',
    unnamed: 'Unnamed peer',
    muted: 'Muted',
    relayed: 'Relayed',
    screenOf: (name) => `${name}'s screen`,
    inCall: (count, format) => (count === 0 ? 'Nobody is in the call yet.' : format.plural(count, { one: '# person is in the call.', other: '# people are in the call.' })),
    deviceError: (device, code) => {
      const what = { microphone: 'microphone', camera: 'camera', screen: 'screen' }[device];
      switch (code) {
        case 'permission-denied':
          return device === 'screen' ? 'Sharing the screen was not allowed.' : `The ${what} was not allowed. Allow it in the browser's site settings, then try again.`;
        case 'no-device':
          return `No ${what} was found. Plug one in, then try again.`;
        case 'device-busy':
          return `The ${what} is in use by another program, or failed. Close the other program, then try again.`;
        case 'device-lost':
          return `The ${what} stopped: it was unplugged or switched off. Plug it in, then try again.`;
        default:
          return `This browser cannot use a ${what} here (the page must be secure).`;
      }
    },
    retry: 'Try again',
    full: (max, video) => (video ? `This call is full: a call with video holds at most ${max} people.` : `This call is full: it holds at most ${max} people.`),
    noRoom: 'Not in a room: a call needs a <peer-room>.',
  },
  identity: {
    loading: 'Loading your key…',
    yourKey: 'Your key',
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
    deleteHeading: 'Delete this key?',
    confirmDelete: 'Peers will not recognise you again unless you exported it.',
    exportHeading: 'Export your private key',
    exportMessage: 'Whoever has the exported key and its passphrase can act as you. Leave the passphrase empty to export it unprotected.',
    exportPassphrase: 'Passphrase to protect it (optional)',
    exportConfirm: 'Export',
    exported: 'Exported key',
    addressBook: 'Address book',
    emptyAddressBook: 'Nobody yet: peers you meet appear here.',
    addContact: 'Add a peer by its armored public key',
    addContactAction: 'Add',
    remove: 'Remove',
    removeFor: (name) => `Remove ${name}`,
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
