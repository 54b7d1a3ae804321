/**
 * German (Deutsch). Loaded on demand when an element's language is German; an app that wants it
 * from the first render registers it itself:
 *
 * ```ts
 * import { registerTranslation } from 'peerkit/elements';
 * import { de } from 'peerkit/locales/de';
 * registerTranslation(de);
 * ```
 */
import type { Translation } from '../localize/strings.js';

const attachmentFailures: Readonly<Record<string, string>> = {
  'too-large': 'Diese Datei ist größer, als dieser Chat annimmt',
  quota: 'Auf diesem Gerät ist kein Platz mehr für diese Datei',
  'offer-mismatch': 'Der Absender hat diese Datei als etwas anderes angekündigt',
  'bad-digest': 'Die Datei kam verändert an und wurde verworfen',
  'bad-chunk': 'Die Datei kam verändert an und wurde verworfen',
  expired: 'Die Übertragung steht schon zu lange still',
  'unknown-digest': 'Niemand, der online ist, hat diese Datei',
  unavailable: 'Niemand, der online ist, hat diese Datei',
  timeout: 'Niemand, der online ist, hat diese Datei',
  cancelled: 'Die Übertragung wurde abgebrochen',
};

const identityFailures: Readonly<Record<string, string>> = {
  locked: 'Dein Schlüssel ist geschützt: Gib seine Passphrase ein.',
  'bad-passphrase': 'Diese Passphrase entsperrt den Schlüssel nicht.',
  'unsupported-key': 'Diese Art von Schlüssel wird nicht unterstützt.',
  'invalid-key': 'Das ist kein lesbarer ASCII-armierter Schlüssel.',
  exists: 'Es gibt schon einen Schlüssel.',
};

export const de: Translation = {
  $code: 'de',
  $name: 'Deutsch',
  room: {
    status: { idle: 'Nicht verbunden', connecting: 'Verbindung wird aufgebaut…', open: 'Verbunden', reconnecting: 'Verbindung wird wiederhergestellt…', closed: 'Getrennt', error: 'Fehler' },
    serverProblem: ({ code, status }) =>
      ({
        'server-rejected': `Kein peerkit-Server unter dieser Adresse${status === undefined ? '' : ` (HTTP ${status})`} · neuer Versuch folgt`,
        'server-unreachable': 'Server nicht erreichbar · neuer Versuch folgt',
        'server-timeout': 'Der Server antwortet nicht · neuer Versuch folgt',
        'ice-unavailable': `Die ICE-Einstellungen des Servers sind nicht abrufbar${status === undefined ? '' : ` (HTTP ${status})`} · neuer Versuch folgt`,
      })[code],
    peers: (count, format) => format.plural(count, { one: '# Peer', other: '# Peers' }),
    next: 'Nächste Person',
    searching: 'Suche nach einer fremden Person…',
  },
  list: {
    label: 'Teilnehmende',
    empty: 'Noch niemand da',
    unnamed: 'Namenlos',
    trust: { trusted: 'Vertraut', unknown: 'Unbekannt', 'key-changed': 'Schlüssel geändert', blocked: 'Gesperrt' },
    state: {
      joining: 'Tritt bei',
      connecting: 'Verbindet',
      connected: 'Verbunden',
      reconnecting: 'Verbindet erneut',
      failed: 'Fehlgeschlagen',
      closed: 'Geschlossen',
      indirect: 'Über andere Peers',
    },
    relayed: 'weitergeleitet',
    rtt: (milliseconds, format) => format.milliseconds(milliseconds),
    trustAction: 'Vertrauen',
    blockAction: 'Sperren',
    unblockAction: 'Entsperren',
  },
  chat: {
    label: 'Nachrichten',
    empty: 'Noch keine Nachrichten. Sag Hallo!',
    placeholder: 'Nachricht schreiben (Eingabe sendet, Umschalt+Eingabe für eine neue Zeile)',
    send: 'Senden',
    you: 'Du',
    unread: 'Neue Nachrichten',
    jumpToLatest: (unread, format) => (unread > 0 ? format.plural(unread, { one: '# neue Nachricht', other: '# neue Nachrichten' }) : 'Zur neuesten'),
    state: { queued: 'Wartet', sent: 'Gesendet', delivered: 'Zugestellt', failed: 'Fehlgeschlagen' },
    attach: 'Dateien anhängen',
    dropHere: 'Dateien hier ablegen, um sie zu senden',
    download: (name, bytes, format) => `${name || 'Datei'} (${format.bytes(bytes)})`,
    transfer: (direction, percent, format) => `${direction === 'send' ? 'Wird gesendet' : 'Wird empfangen'}: ${format.percent(percent / 100)}`,
    fetching: 'Datei wird geholt…',
    cancel: 'Abbrechen',
    retry: 'Erneut versuchen',
    attachmentFailed: (code) => `${attachmentFailures[code] ?? 'Datei nicht verfügbar'} (${code})`,
  },
  identity: {
    loading: 'Dein Schlüssel wird geladen…',
    none: 'Noch kein Schlüssel: Erstelle oder importiere einen.',
    locked: 'Dein Schlüssel ist geschützt: Gib seine Passphrase ein.',
    badPassphrase: 'Diese Passphrase entsperrt den Schlüssel nicht.',
    failed: (code) => `${identityFailures[code] ?? 'Das hat nicht geklappt.'} (${code})`,
    name: 'Anzeigename',
    passphrase: 'Passphrase',
    optionalPassphrase: 'Passphrase (freiwillig)',
    create: 'Schlüssel erstellen',
    unlock: 'Entsperren',
    importLabel: 'Privaten Schlüssel importieren (ASCII-armiert)',
    importAction: 'Importieren',
    fingerprint: 'Fingerabdruck',
    exportPublic: 'Öffentlichen Schlüssel exportieren',
    exportPrivate: 'Privaten Schlüssel exportieren',
    delete: 'Schlüssel löschen',
    deleteHeading: 'Diesen Schlüssel löschen?',
    confirmDelete: 'Andere erkennen dich danach nicht wieder, außer du hast ihn exportiert.',
    exportHeading: 'Privaten Schlüssel exportieren',
    exportMessage: 'Wer den exportierten Schlüssel und seine Passphrase hat, kann als du auftreten. Ohne Passphrase wird er ungeschützt exportiert.',
    exportPassphrase: 'Passphrase zum Schutz (optional)',
    exportConfirm: 'Exportieren',
    exported: 'Exportierter Schlüssel',
    addressBook: 'Adressbuch',
    emptyAddressBook: 'Noch niemand: Peers, denen du begegnest, erscheinen hier.',
    addContact: 'Peer über seinen öffentlichen Schlüssel (ASCII-armiert) hinzufügen',
    addContactAction: 'Hinzufügen',
    remove: 'Entfernen',
    trustFor: (name) => `Vertrauensstufe für ${name}`,
    trust: { trusted: 'Vertraut', unknown: 'Unbekannt', blocked: 'Gesperrt' },
  },
  verify: {
    verifyAction: 'Überprüfen',
    verifyActionFor: (name) => `${name} überprüfen`,
    verifyTitle: (name) => `${name} überprüfen`,
    verifyHelp: (name) =>
      `Vergleiche diese Zahlen mit ${name}, persönlich oder in einem Anruf, dem du vertraust, oder scanne den Code auf dem anderen Bildschirm. Stimmen alle Gruppen überein, sitzt niemand zwischen euch.`,
    safetyNumber: 'Sicherheitsnummer',
    computing: 'Wird berechnet…',
    qrLabel: 'QR-Code beider Schlüssel, zum Scannen mit dem anderen Gerät',
    markVerified: 'Als überprüft markieren',
    verified: (name) => `${name} ist überprüft.`,
    verifyFailed: 'Die Sicherheitsnummer konnte nicht berechnet werden.',
    markFailed: 'Konnte nicht als überprüft markiert werden. Versuch es noch einmal.',
    close: 'Schließen',
  },
  alert: { dismiss: 'Ausblenden' },
  copyButton: { copy: 'Kopieren', copied: 'Kopiert', failed: 'Kopieren fehlgeschlagen' },
  dialog: { cancel: 'Abbrechen', confirm: 'OK', close: 'Schließen' },
  presence: { connected: 'Verbunden', connecting: 'Verbindet…', relayed: 'Weitergeleitet', offline: 'Offline' },
};
