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

const joinRefusals: Readonly<Record<number, string>> = {
  401: 'Der Server hat deinen Schlüssel nicht angenommen.',
  406: 'Diese Verbindung ist schon in so vielen Räumen, wie der Server erlaubt.',
  409: 'Dieser Raum ist voll.',
  419: 'In diesem Raum sind schon so viele Personen aus deinem Netz, wie er erlaubt.',
  429: 'Zu viele Versuche: Warte einen Moment und versuche es dann erneut.',
  297: 'Zu viele Versuche: Warte einen Moment und versuche es dann erneut.',
  499: 'Der Server nimmt diesen Raum- oder Namensraum-Namen nicht an.',
  503: 'Der Server ist gerade nicht verfügbar.',
};

export const de: Translation = {
  $code: 'de',
  $name: 'Deutsch',
  room: {
    status: { idle: 'Nicht verbunden', connecting: 'Verbindung wird aufgebaut…', open: 'Verbunden', reconnecting: 'Verbindung wird wiederhergestellt…', closed: 'Getrennt', error: 'Verbindungsproblem' },
    serverProblem: ({ code, status }) =>
      ({
        'server-rejected': `Kein peerkit-Server unter dieser Adresse${status === undefined ? '' : ` (HTTP ${status})`}.`,
        'server-unreachable': 'Server nicht erreichbar.',
        'server-timeout': 'Der Server antwortet nicht.',
        'ice-unavailable': `Die ICE-Einstellungen des Servers sind nicht abrufbar${status === undefined ? '' : ` (HTTP ${status})`}.`,
      })[code],
    failure: ({ code, status }) =>
      ({
        'join-refused': (status === undefined ? undefined : joinRefusals[status]) ?? `Der Server hat den Beitritt abgelehnt${status === undefined ? '' : ` (Code ${status})`}.`,
        'invalid-options': 'Dieser Raum kann so nicht starten: Prüfe Server, Modus, Namen und ICE-Einstellungen (nur über Relay braucht einen TURN-Server).',
        'keys-unavailable': 'Dein Schlüssel konnte nicht geladen werden: Er ist vielleicht gesperrt, oder dieser Browser speichert hier nichts.',
        'start-failed': 'Der Raum konnte nicht starten.',
      })[code] ?? 'Der Raum konnte nicht starten.',
    connectionClosed: 'Die Verbindung zum Raum wurde getrennt.',
    nextAttempt: 'Nächster Versuch',
    attempting: 'Neuer Versuch läuft…',
    retryNow: 'Jetzt erneut versuchen',
    changeServer: 'Server ändern…',
    changeServerHeading: 'Server ändern',
    changeServerMessage: 'Die Adresse eines peerkit-Servers. Nur wer denselben Server nutzt, trifft sich in einem Raum.',
    serverAddress: 'Serveradresse',
    changeServerConfirm: 'Verbinden',
    serverInvalid: 'Gib eine Adresse ein, die mit wss://, ws://, https:// oder http:// beginnt.',
    peers: (count, format) => format.plural(count, { one: '# Peer', other: '# Peers' }),
    next: 'Nächste Person',
    searching: 'Suche nach einer fremden Person…',
    relayOnly: 'IP-Adresse verborgen',
    relayOnlyDetail: 'Alles läuft über den Relay-Server, daher erfahren die Menschen, die du hier triffst, deine IP-Adresse nicht.',
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
    viaServer: 'über den Server',
    inCall: 'im Anruf',
    rtt: (milliseconds, format) => format.milliseconds(milliseconds),
    trustAction: 'Vertrauen',
    blockAction: 'Sperren',
    unblockAction: 'Entsperren',
    trustActionFor: (name) => `${name} vertrauen`,
    blockActionFor: (name) => `${name} sperren`,
    unblockActionFor: (name) => `${name} entsperren`,
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
    loading: 'Nachrichten werden geladen…',
    noRoom: 'Mit keinem Raum verbunden: Nachrichten können nicht gesendet werden.',
    noKey: 'Erstelle oder entsperre deinen Schlüssel, um Nachrichten zu senden.',
    sending: 'Wird gesendet…',
    sendFailed: (reason) => `Nicht gesendet: ${reason}`,
    edit: 'Bearbeiten',
    announce: (author, text) => `${author}: ${text}`,
    filesOnly: (count, format) => format.plural(count, { one: 'hat eine Datei gesendet', other: 'hat # Dateien gesendet' }),
    announceMany: (count, format) => format.plural(count, { one: '# neue Nachricht', other: '# neue Nachrichten' }),
    dropFiles: (count, format) => (count > 0 ? format.plural(count, { one: 'Ablegen, um # Datei zu senden', other: 'Ablegen, um # Dateien zu senden' }) : 'Ablegen, um Dateien zu senden'),
    addReaction: 'Reaktion hinzufügen',
    reaction: (emoji, names, mine, format) => `${emoji} ${format.number(names.length)}: ${format.list(names)}${mine ? ' (deine Reaktion, drücken zum Zurücknehmen)' : ''}`,
    typing: (names, format) => (names.length === 0 ? '' : names.length > 3 ? 'Mehrere Personen schreiben…' : `${format.list(names)} ${names.length === 1 ? 'schreibt' : 'schreiben'}…`),
    seenBy: (names, format) => `Gesehen von ${format.list(names)}`,
  },
  call: {
    label: 'Anruf',
    controls: 'Anrufsteuerung',
    join: 'Anruf beitreten',
    joining: 'Tritt bei…',
    leave: 'Anruf verlassen',
    mute: 'Stummschalten',
    unmute: 'Stummschaltung aufheben',
    microphoneOn: 'Mikrofon einschalten',
    cameraOn: 'Kamera einschalten',
    cameraOff: 'Kamera ausschalten',
    shareScreen: 'Bildschirm teilen',
    stopSharing: 'Teilen beenden',
    devices: 'Geräte',
    microphone: 'Mikrofon',
    camera: 'Kamera',
    unnamedDevice: (index) => `Gerät ${index}`,
    you: 'Du',
    unnamed: 'Unbenannt',
    muted: 'Stumm',
    relayed: 'Weitergeleitet',
    screenOf: (name) => `Bildschirm von ${name}`,
    inCall: (count, format) => (count === 0 ? 'Noch niemand ist im Anruf.' : format.plural(count, { one: '# Person ist im Anruf.', other: '# Personen sind im Anruf.' })),
    deviceError: (device, code) => {
      const what = { microphone: 'Das Mikrofon', camera: 'Die Kamera', screen: 'Der Bildschirm' }[device];
      switch (code) {
        case 'permission-denied':
          return device === 'screen' ? 'Das Teilen des Bildschirms wurde nicht erlaubt.' : `${what} wurde nicht erlaubt. Erlaube es in den Website-Einstellungen des Browsers und versuche es erneut.`;
        case 'no-device':
          return `${what} wurde nicht gefunden. Schließe ein Gerät an und versuche es erneut.`;
        case 'device-busy':
          return `${what} wird von einem anderen Programm benutzt oder ist ausgefallen. Schließe das andere Programm und versuche es erneut.`;
        case 'device-lost':
          return `${what} hat aufgehört: Das Gerät wurde getrennt oder ausgeschaltet. Schließe es wieder an und versuche es erneut.`;
        default:
          return `${what} kann in diesem Browser hier nicht benutzt werden (die Seite muss sicher sein).`;
      }
    },
    retry: 'Erneut versuchen',
    full: (max, video) => (video ? `Dieser Anruf ist voll: Mit Video passen höchstens ${max} Personen hinein.` : `Dieser Anruf ist voll: Es passen höchstens ${max} Personen hinein.`),
    noRoom: 'Nicht in einem Raum: Ein Anruf braucht ein <peer-room>.',
  },
  identity: {
    loading: 'Dein Schlüssel wird geladen…',
    yourKey: 'Dein Schlüssel',
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
    removeFor: (name) => `${name} entfernen`,
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
