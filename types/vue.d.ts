import type { DefineComponent } from "vue";

import type { PeerAlertElement } from "peerkit/blocks";
import type { PeerCopyButtonElement } from "peerkit/blocks";
import type { PeerDialogElement } from "peerkit/blocks";
import type { PeerIconElement } from "peerkit/blocks";
import type { PeerAvatarElement } from "peerkit/blocks";
import type { PeerButtonElement } from "peerkit/blocks";
import type { PeerPresenceElement } from "peerkit/blocks";
import type { PeerRelativeTimeElement } from "peerkit/blocks";
import type { PeerTooltipElement } from "peerkit/blocks";
import type { PeerCallElement } from "peerkit/elements";
import type { PeerChatElement } from "peerkit/elements";
import type { PeerIdentityElement } from "peerkit/elements";
import type { PeerListElement } from "peerkit/elements";
import type { PeerRoomElement } from "peerkit/elements";

type PeerAlertElementProps = {
  /** `info` (default), `success`, `warning` or `danger`. */
  variant?: PeerAlertElement["variant"];
  /** Interrupts screen readers (`role="alert"`): only for what must be heard now. */
  urgent?: PeerAlertElement["urgent"];
  /** Shows a dismiss button. */
  dismissible?: PeerAlertElement["dismissible"];
  /** False once dismissed (then the alert is hidden); set it to show the alert again. */
  open?: PeerAlertElement["open"];
  /** Drawn raised, with a shadow, as the toasts of `toast()` are. */
  toast?: PeerAlertElement["toast"];
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerAlertElement["theme"];
  /** Overrides for the default strings (localization). */
  strings?: PeerAlertElement["strings"];
  /** `@peer-alert-dismiss`: The user dismissed the alert (cancelable: then it stays open). `detail: {}` */
  onPeerAlertDismiss?: (e: CustomEvent<{ [key: string]: never }>) => void;
};

type PeerCopyButtonElementProps = {
  /** The text to copy. */
  value?: PeerCopyButtonElement["value"];
  /** The button's accessible name (default "Copy"); say what is copied, e.g. "Copy fingerprint". */
  label?: PeerCopyButtonElement["label"];
  /** Default `text`. */
  variant?: PeerCopyButtonElement["variant"];
  /** Default `s`. */
  size?: PeerCopyButtonElement["size"];
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerCopyButtonElement["theme"];
  /** Overrides for the default strings (localization). */
  strings?: PeerCopyButtonElement["strings"];
  /** `@peer-copy`: After a copy was tried. `detail: {value, ok, via}`: `via` is `clipboard` or `command` when `ok`. */
  onPeerCopy?: (
    e: CustomEvent<{ readonly value: string; readonly ok: boolean; readonly via?: "clipboard" | "command" }>,
  ) => void;
};

type PeerDialogElementProps = {
  /** The heading of a dialog opened with `show()`; it names the dialog. */
  label?: PeerDialogElement["label"];
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerDialogElement["theme"];
  /** Overrides for the default button texts (localization). */
  strings?: PeerDialogElement["strings"];
  /**  */
  open?: PeerDialogElement["open"];
  /** `@peer-dialog-close`: The dialog closed. `detail: {returnValue}` (`''` when cancelled). */
  onPeerDialogClose?: (e: CustomEvent<{ readonly returnValue: string }>) => void;
};

type PeerIconElementProps = {
  /** The icon's name, one of `iconNames`; an unknown name draws nothing. */
  name?: PeerIconElement["name"];
  /** What the icon says on its own, when no text is next to it; unset, screen readers skip it. */
  label?: PeerIconElement["label"];
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerIconElement["theme"];
};

type PeerAvatarElementProps = {
  /** The display name the initials come from. */
  name?: PeerAvatarElement["name"];
  /** The peer's key fingerprint: it picks the colour. */
  fingerprint?: PeerAvatarElement["fingerprint"];
  /** `s`, `m` (default) or `l`. */
  size?: PeerAvatarElement["size"];
  /** Names the avatar for screen readers when no name is written next to it. */
  label?: PeerAvatarElement["label"];
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerAvatarElement["theme"];
};

type PeerButtonElementProps = {
  /** `primary`, `neutral`, `danger` or `text`. */
  variant?: PeerButtonElement["variant"];
  /** `s` or `m`. */
  size?: PeerButtonElement["size"];
  /** An icon name from peerkit's set, drawn before the text. */
  icon?: PeerButtonElement["icon"];
  /** Makes the button icon-only (needs `icon`): its accessible name. */
  label?: PeerButtonElement["label"];
  /**  */
  disabled?: PeerButtonElement["disabled"];
  /** Shows a spinner, sets `aria-busy`, and ignores clicks. */
  loading?: PeerButtonElement["loading"];
  /** `button` (default) or `submit` (submits the closest form). */
  type?: PeerButtonElement["type"];
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerButtonElement["theme"];
};

type PeerPresenceElementProps = {
  /** `connected`, `connecting`, `relayed` or `offline` (default; also for an unknown value). */
  status?: PeerPresenceElement["status"];
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerPresenceElement["theme"];
  /** Overrides for the words (localization). */
  strings?: PeerPresenceElement["strings"];
};

type PeerRelativeTimeElementProps = {
  /** The time: milliseconds since the epoch, or an ISO 8601 string. */
  datetime?: PeerRelativeTimeElement["datetime"];
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerRelativeTimeElement["theme"];
};

type PeerTooltipElementProps = {
  /** The hint. */
  content?: PeerTooltipElement["content"];
  /** Never shows. */
  disabled?: PeerTooltipElement["disabled"];
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerTooltipElement["theme"];
  /**  */
  open?: PeerTooltipElement["open"];
};

type PeerCallElementProps = {
  /** The id of a `<peer-room>` elsewhere on the page; without it, the nearest ancestor room. */
  for?: PeerCallElement["for"];
  /** Joins with the microphone only (the camera can be turned on later). */
  audioOnly?: PeerCallElement["audioOnly"];
  /** Most members of a call with video (default 6): each sends its video to each other one. */
  maxVideoPeers?: PeerCallElement["maxVideoPeers"];
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerCallElement["theme"];
  /** Overrides for the visible strings (localization). */
  strings?: PeerCallElement["strings"];
  /** Where tracks come from (default: the browser's microphone, camera and screen). */
  capture?: PeerCallElement["capture"];
  /** The call of the room this element shows; undefined outside a running room. */
  call?: PeerCallElement["call"];
  /** `@peer-call-change`: This page joined or left the call, its microphone, camera or screen changed, or who else is in the call changed. `detail: {inCall, audio, video, screen, members}` */
  onPeerCallChange?: (
    e: CustomEvent<{
      readonly inCall: boolean;
      readonly audio: "on" | "muted" | "none";
      readonly video: "on" | "none" | "off";
      readonly screen: boolean;
      readonly members: readonly string[];
    }>,
  ) => void;
  /** `@peer-error`: A device could not be used (`permission-denied`, `no-device`, `device-busy`, `unsupported`), or stopped during the call (`device-lost`), or the call is full (`call-full`). `detail: {code, message}` */
  onPeerError?: (
    e: CustomEvent<{ readonly code: string | number; readonly message: string; readonly status?: number }>,
  ) => void;
};

type PeerChatElementProps = {
  /** The id of a `<peer-room>` elsewhere on the page; without it, the nearest ancestor room. */
  for?: PeerChatElement["for"];
  /** Most messages the room's history keeps on this device (default 10,000); the oldest go first. */
  historyCap?: PeerChatElement["historyCap"];
  /** Largest attachment sent or fetched, in bytes (default 100 MiB). */
  maxFileBytes?: PeerChatElement["maxFileBytes"];
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerChatElement["theme"];
  /** Every message, oldest first. Set it to show a log from elsewhere. */
  messages?: PeerChatElement["messages"];
  /**  */
  strings?: PeerChatElement["strings"];
  /** Renders a message's content yourself (its text and attachments): return a lit template, a DOM
node or a string. The chat keeps the author, time, grouping, state, reactions and keyboard
navigation around it. Show the author's text as text (never as HTML): another member wrote it. */
  renderMessage?: PeerChatElement["renderMessage"];
  /** Where the history is kept; default IndexedDB (pair mode: memory). Set before the room starts. */
  store?: PeerChatElement["store"];
  /** Resolves once the room's history is loaded and shown (the room must be started). */
  historyLoaded?: PeerChatElement["historyLoaded"];
  /** Files are being dragged over the chat (read-only); styled with `:state(dragging)`. */
  dragging?: PeerChatElement["dragging"];
  /** What the chat's live region last read out (new messages from others only). */
  announcement?: PeerChatElement["announcement"];
  /** The state of the room this chat shows (the snapshot its `<peer-room>` provides). */
  roomState?: PeerChatElement["roomState"];
  /** `@peer-send`: The user is sending a message (cancelable: cancel to handle sending yourself). `detail: {text}` */
  onPeerSend?: (e: CustomEvent<{ readonly text: string }>) => void;
  /** `@peer-error`: The history could not be opened, a send failed (its text stays in the log with retry), an attachment could not be kept (too large, storage full), or the code that draws the rows could not be loaded (`load-failed`). `detail: {code, message}` */
  onPeerError?: (
    e: CustomEvent<{ readonly code: string | number; readonly message: string; readonly status?: number }>,
  ) => void;
  /** `@peer-chat-rejected`: A peer passed on a chat message that failed its checks (forged, altered, untrusted author); it was not stored. `detail: {from, code, reason}` */
  onPeerChatRejected?: (
    e: CustomEvent<{ readonly from: string; readonly code: string; readonly reason: string }>,
  ) => void;
};

type PeerIdentityElementProps = {
  /** Hides the address book. */
  noAddressBook?: PeerIdentityElement["noAddressBook"];
  /** The level of the element's headings ("Your key", "Address book"), 1–6, to fit the page's outline. */
  headingLevel?: PeerIdentityElement["headingLevel"];
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerIdentityElement["theme"];
  /** Overrides for the visible strings (localization). */
  strings?: PeerIdentityElement["strings"];
  /** Where the key is kept (default: IndexedDB); set before the element connects. */
  store?: PeerIdentityElement["store"];
  /** The address book shown (default: the IndexedDB one); set before the element connects. */
  keyring?: PeerIdentityElement["keyring"];
  /** The loaded key, if any. */
  identity?: PeerIdentityElement["identity"];
  /** Settles once the stored key (if any) has been looked up: the element then shows what it found. */
  loaded?: PeerIdentityElement["loaded"];
  /** `@peer-identity-change`: The key was created, unlocked, imported or deleted. `detail: {fingerprint}` (undefined after deleting) */
  onPeerIdentityChange?: (e: CustomEvent<{ readonly fingerprint: string | undefined }>) => void;
  /** `@peer-error`: Something failed (a wrong passphrase, an unreadable key, the verify dialog's code could not be loaded: `load-failed`). `detail: {code, message}` */
  onPeerError?: (
    e: CustomEvent<{ readonly code: string | number; readonly message: string; readonly status?: number }>,
  ) => void;
};

type PeerListElementProps = {
  /** The id of a `<peer-room>` elsewhere on the page; without it, the nearest ancestor room. */
  for?: PeerListElement["for"];
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerListElement["theme"];
  /** Overrides for the visible strings (localization). */
  strings?: PeerListElement["strings"];
  /** The state of the room this list shows (the snapshot its `<peer-room>` provides). */
  roomState?: PeerListElement["roomState"];
  /** `@peer-error`: The code of the verify dialog or of the rows could not be loaded (`load-failed`; tried again on next use). `detail: {code, message}` */
  onPeerError?: (
    e: CustomEvent<{ readonly code: string | number; readonly message: string; readonly status?: number }>,
  ) => void;
};

type PeerRoomElementProps = {
  /** The peerkit server's URL. Without it, peers meet over BroadcastChannel (same browser). */
  server?: PeerRoomElement["server"];
  /** Namespace: an app's own space on a shared server. */
  ns?: PeerRoomElement["ns"];
  /** The room within the namespace (mesh mode). */
  room?: PeerRoomElement["room"];
  /** `mesh`: everyone links with everyone. `pair`: one stranger at a time (needs `server`). */
  mode?: PeerRoomElement["mode"];
  /** Whose signals are accepted: `any`, `tofu` (trust on first use) or `known` (trusted keys only). */
  trust?: PeerRoomElement["trust"];
  /** `server` to use the server's `/ice` (STUN, TURN credentials), or a comma-separated list of ICE URLs. */
  iceServers?: PeerRoomElement["iceServers"];
  /** `relay`: links go through the TURN server only, so nobody in the room learns this device's IP
address (needs a TURN server: `ice-servers="server"` on a server with a TURN secret). `all`:
direct paths too. Default: `relay` in pair mode when the server offers TURN, else `all`. */
  iceTransportPolicy?: PeerRoomElement["iceTransportPolicy"];
  /** The name in a newly created key (default "Anonymous"); an existing key keeps its own. */
  displayName?: PeerRoomElement["displayName"];
  /** Most links this peer keeps (default 8). In a larger room each peer links to a few others and
messages are relayed, so a room of hundreds stays light for every browser. */
  maxLinks?: PeerRoomElement["maxLinks"];
  /** Milliseconds a link may take to form before chat and channels go through the server instead
(encrypted to the peer, which shows "via server" in `<peer-list>`), until a direct or TURN path
forms. Default 5000; `0` never. For networks where WebRTC is blocked. */
  serverFallback?: PeerRoomElement["serverFallback"];
  /** Sends a coarse location (about 10 km) with the latency reports, so the server can suggest
nearby peers. The browser asks the user first; set it only when your app has their consent. */
  shareLocation?: PeerRoomElement["shareLocation"];
  /** Hides the status line (connection state, peer count, "next stranger") and its alert: the page shows them itself (`peer-status-change`, `peer-error`, `retry()`). */
  noStatus?: PeerRoomElement["noStatus"];
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerRoomElement["theme"];
  /** Everyone in the room but this peer, as the elements show them. */
  peers?: PeerRoomElement["peers"];
  /** Overrides for the visible strings (localization). */
  strings?: PeerRoomElement["strings"];
  /** The key this page uses; loaded from (or created in) IndexedDB unless set before connecting. */
  identity?: PeerRoomElement["identity"];
  /** The address book trust is checked against; the default IndexedDB one unless set. */
  keyring?: PeerRoomElement["keyring"];
  /** The signaling connection's state (read-only); styled with `:state(<status>)`. */
  status?: PeerRoomElement["status"];
  /** The state the room shares with the elements that show it (a frozen object, replaced on each change). */
  snapshot?: PeerRoomElement["snapshot"];
  /** The running Room (mesh) or Pairing (pair), once joined. */
  group?: PeerRoomElement["group"];
  /** This page's peer id (its key's fingerprint), once the identity is loaded. */
  selfId?: PeerRoomElement["selfId"];
  /** `@peer-join`: A peer entered the room (pair mode: became the partner). `detail: {id}` */
  onPeerJoin?: (e: CustomEvent<{ readonly id: string }>) => void;
  /** `@peer-leave`: A peer left. `detail: {id}` */
  onPeerLeave?: (e: CustomEvent<{ readonly id: string }>) => void;
  /** `@peer-connection-change`: A link's state, RTT or path changed. `detail: {id, state, rtt, path}` */
  onPeerConnectionChange?: (
    e: CustomEvent<{
      readonly id: string;
      readonly state: "connecting" | "connected" | "reconnecting" | "failed" | "closed" | "indirect";
      readonly rtt: number | undefined;
      readonly path: "direct" | "relayed" | "server" | "unknown";
    }>,
  ) => void;
  /** `@peer-message`: A message arrived. `detail: {from, data, via}` (`via`: the peer that relayed it, in a large room) */
  onPeerMessage?: (e: CustomEvent<{ readonly from: string; readonly data: string; readonly via?: string }>) => void;
  /** `@peer-signal-rejected`: A signal failed its checks (forged, replayed, untrusted…). `detail: {from, code, message}` */
  onPeerSignalRejected?: (
    e: CustomEvent<{
      readonly from: string;
      readonly code:
        | "too-large"
        | "inflated-too-large"
        | "malformed"
        | "unknown-signer"
        | "bad-signature"
        | "signer-mismatch"
        | "wrong-namespace"
        | "wrong-room"
        | "wrong-recipient"
        | "stale"
        | "replayed"
        | "untrusted"
        | "blocked"
        | "key-changed"
        | "wrong-sender"
        | "wrong-session"
        | "flooded"
        | "binding-failed";
      readonly message: string;
    }>,
  ) => void;
  /** `@peer-error`: Signaling or a link failed, or the server is out of reach (`code`: `server-rejected`, `server-unreachable`, `server-timeout`; once per problem, retrying goes on). `detail: {code, message, status?}` */
  onPeerError?: (
    e: CustomEvent<{ readonly code: string | number; readonly message: string; readonly status?: number }>,
  ) => void;
  /** `@peer-key-changed`: A known name arrived with a different key (tofu warns; maybe an impostor). `detail: {name, previous, next}` */
  onPeerKeyChanged?: (
    e: CustomEvent<{ readonly name: string; readonly previous: string; readonly next: string }>,
  ) => void;
  /** `@peer-status-change`: The signaling connection's state changed. `detail: {status}` */
  onPeerStatusChange?: (e: CustomEvent<{ readonly status: string }>) => void;
  /** `@peer-rotate`: A large room replaced a slow link with one to a closer peer. `detail: {dropped, added, rtt, estimate}` */
  onPeerRotate?: (
    e: CustomEvent<{
      readonly dropped: string;
      readonly added: string;
      readonly rtt: number;
      readonly estimate: number;
    }>,
  ) => void;
  /** `@peer-session-change`: The room's session (`group`: its Room or Pairing) started or stopped. `detail: {active}` */
  onPeerSessionChange?: (e: CustomEvent<{ readonly active: boolean }>) => void;
};

export type CustomElements = {
  /**
   * An inline alert with an action and a dismiss button.
   * ---
   *
   *
   * ### **Events:**
   *  - **PeerAlertDismiss** - `@peer-alert-dismiss`: The user dismissed the alert (cancelable: then it stays open). `detail: {}`
   *
   * ### **Methods:**
   *  - **dismiss(): _void_** - Hides the alert as the dismiss button does (firing `peer-alert-dismiss`, which may cancel it).
   *
   *
   * ### **Slots:**
   *  - _default_ - The message.
   * - **action** - An action, e.g. a Retry `<peer-button>`.
   *
   * ### **CSS Properties:**
   *  - **--peer-space-3xs** - Spacing step, 2px. _(default: undefined)_
   * - **--peer-space-2xs** - Spacing step, 4px. _(default: undefined)_
   * - **--peer-space-xs** - Spacing step, 8px. _(default: undefined)_
   * - **--peer-space-s** - Spacing step, 12px. _(default: undefined)_
   * - **--peer-space-m** - Spacing step, 16px. _(default: undefined)_
   * - **--peer-space-l** - Spacing step, 24px. _(default: undefined)_
   * - **--peer-space-xl** - Spacing step, 32px. _(default: undefined)_
   * - **--peer-radius-s** - Corner radius of small controls, 4px. _(default: undefined)_
   * - **--peer-radius-m** - Corner radius of buttons, fields and bubbles, 8px. _(default: undefined)_
   * - **--peer-radius-l** - Corner radius of dialogs and cards, 12px. _(default: undefined)_
   * - **--peer-radius-full** - Pills and dots, 9999px. _(default: undefined)_
   * - **--peer-font** - Font family. _(default: undefined)_
   * - **--peer-font-mono** - Monospace font family (fingerprints, keys, safety numbers). _(default: undefined)_
   * - **--peer-font-size-xs** - Type scale, 0.75rem. _(default: undefined)_
   * - **--peer-font-size-s** - Type scale, 0.875rem (secondary text, small buttons). _(default: undefined)_
   * - **--peer-font-size-m** - Type scale, 1rem (body text). _(default: undefined)_
   * - **--peer-font-size-l** - Type scale, 1.25rem (headings). _(default: undefined)_
   * - **--peer-line-height** - Line height, 1.45. _(default: undefined)_
   * - **--peer-font-weight-normal** - Body text weight, 400. _(default: undefined)_
   * - **--peer-font-weight-strong** - Names, headings and buttons, 600. _(default: undefined)_
   * - **--peer-color-scheme** - `light` or `dark`: the `color-scheme` the element declares (set by the themes). _(default: undefined)_
   * - **--peer-color-surface** - The element's background. _(default: undefined)_
   * - **--peer-color-surface-raised** - Dialogs, popovers and raised controls. _(default: undefined)_
   * - **--peer-color-surface-sunken** - Wells and inset areas. _(default: undefined)_
   * - **--peer-color-text** - Text. _(default: undefined)_
   * - **--peer-color-text-muted** - Secondary text (times, hints, fingerprints). _(default: undefined)_
   * - **--peer-color-border** - Borders of controls and separators (≥ 3:1 against the surface). _(default: undefined)_
   * - **--peer-color-accent** - Primary buttons, links, unread marker. _(default: undefined)_
   * - **--peer-color-on-accent** - Text on the accent colour. _(default: undefined)_
   * - **--peer-color-success** - "Connected", "trusted", "verified". _(default: undefined)_
   * - **--peer-color-warning** - "Connecting", "key changed". _(default: undefined)_
   * - **--peer-color-danger** - Errors, failed sends, "blocked", destructive buttons. _(default: undefined)_
   * - **--peer-color-focus** - The focus ring. _(default: undefined)_
   * - **--peer-shadow-s** - Shadow of raised controls. _(default: undefined)_
   * - **--peer-shadow-m** - Shadow of dialogs and floating buttons. _(default: undefined)_
   * - **--peer-focus-ring-width** - Width of the focus ring, 2px. _(default: undefined)_
   * - **--peer-focus-ring-offset** - Gap between a control and its focus ring, 2px. _(default: undefined)_
   * - **--peer-duration-fast** - Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-duration-m** - Larger transitions, 200ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-text** - Deprecated (removed in the next release): read when `--peer-color-text` is not set. _(default: undefined)_
   * - **--peer-muted** - Deprecated: read when `--peer-color-text-muted` is not set. _(default: undefined)_
   * - **--peer-surface** - Deprecated: read when `--peer-color-surface` is not set. _(default: undefined)_
   * - **--peer-border** - Deprecated: read when `--peer-color-border` is not set. _(default: undefined)_
   * - **--peer-accent** - Deprecated: read when `--peer-color-accent` is not set. _(default: undefined)_
   * - **--peer-ok** - Deprecated: read when `--peer-color-success` is not set. _(default: undefined)_
   * - **--peer-warn** - Deprecated: read when `--peer-color-warning` is not set. _(default: undefined)_
   * - **--peer-danger** - Deprecated: read when `--peer-color-danger` is not set. _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **base** - The alert's box.
   * - **icon** - The variant's icon.
   * - **message** - The message.
   * - **dismiss** - The dismiss button.
   */
  "peer-alert": DefineComponent<PeerAlertElementProps>;

  /**
   * A button that copies a text and says so.
   * ---
   *
   *
   * ### **Events:**
   *  - **PeerCopy** - `@peer-copy`: After a copy was tried. `detail: {value, ok, via}`: `via` is `clipboard` or `command` when `ok`.
   *
   * ### **Methods:**
   *  - **copy(): _Promise<boolean>_** - Copies `value` now, as a click does.
   *
   *
   * ### **CSS Properties:**
   *  - **--peer-space-3xs** - Spacing step, 2px. _(default: undefined)_
   * - **--peer-space-2xs** - Spacing step, 4px. _(default: undefined)_
   * - **--peer-space-xs** - Spacing step, 8px. _(default: undefined)_
   * - **--peer-space-s** - Spacing step, 12px. _(default: undefined)_
   * - **--peer-space-m** - Spacing step, 16px. _(default: undefined)_
   * - **--peer-space-l** - Spacing step, 24px. _(default: undefined)_
   * - **--peer-space-xl** - Spacing step, 32px. _(default: undefined)_
   * - **--peer-radius-s** - Corner radius of small controls, 4px. _(default: undefined)_
   * - **--peer-radius-m** - Corner radius of buttons, fields and bubbles, 8px. _(default: undefined)_
   * - **--peer-radius-l** - Corner radius of dialogs and cards, 12px. _(default: undefined)_
   * - **--peer-radius-full** - Pills and dots, 9999px. _(default: undefined)_
   * - **--peer-font** - Font family. _(default: undefined)_
   * - **--peer-font-mono** - Monospace font family (fingerprints, keys, safety numbers). _(default: undefined)_
   * - **--peer-font-size-xs** - Type scale, 0.75rem. _(default: undefined)_
   * - **--peer-font-size-s** - Type scale, 0.875rem (secondary text, small buttons). _(default: undefined)_
   * - **--peer-font-size-m** - Type scale, 1rem (body text). _(default: undefined)_
   * - **--peer-font-size-l** - Type scale, 1.25rem (headings). _(default: undefined)_
   * - **--peer-line-height** - Line height, 1.45. _(default: undefined)_
   * - **--peer-font-weight-normal** - Body text weight, 400. _(default: undefined)_
   * - **--peer-font-weight-strong** - Names, headings and buttons, 600. _(default: undefined)_
   * - **--peer-color-scheme** - `light` or `dark`: the `color-scheme` the element declares (set by the themes). _(default: undefined)_
   * - **--peer-color-surface** - The element's background. _(default: undefined)_
   * - **--peer-color-surface-raised** - Dialogs, popovers and raised controls. _(default: undefined)_
   * - **--peer-color-surface-sunken** - Wells and inset areas. _(default: undefined)_
   * - **--peer-color-text** - Text. _(default: undefined)_
   * - **--peer-color-text-muted** - Secondary text (times, hints, fingerprints). _(default: undefined)_
   * - **--peer-color-border** - Borders of controls and separators (≥ 3:1 against the surface). _(default: undefined)_
   * - **--peer-color-accent** - Primary buttons, links, unread marker. _(default: undefined)_
   * - **--peer-color-on-accent** - Text on the accent colour. _(default: undefined)_
   * - **--peer-color-success** - "Connected", "trusted", "verified". _(default: undefined)_
   * - **--peer-color-warning** - "Connecting", "key changed". _(default: undefined)_
   * - **--peer-color-danger** - Errors, failed sends, "blocked", destructive buttons. _(default: undefined)_
   * - **--peer-color-focus** - The focus ring. _(default: undefined)_
   * - **--peer-shadow-s** - Shadow of raised controls. _(default: undefined)_
   * - **--peer-shadow-m** - Shadow of dialogs and floating buttons. _(default: undefined)_
   * - **--peer-focus-ring-width** - Width of the focus ring, 2px. _(default: undefined)_
   * - **--peer-focus-ring-offset** - Gap between a control and its focus ring, 2px. _(default: undefined)_
   * - **--peer-duration-fast** - Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-duration-m** - Larger transitions, 200ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-text** - Deprecated (removed in the next release): read when `--peer-color-text` is not set. _(default: undefined)_
   * - **--peer-muted** - Deprecated: read when `--peer-color-text-muted` is not set. _(default: undefined)_
   * - **--peer-surface** - Deprecated: read when `--peer-color-surface` is not set. _(default: undefined)_
   * - **--peer-border** - Deprecated: read when `--peer-color-border` is not set. _(default: undefined)_
   * - **--peer-accent** - Deprecated: read when `--peer-color-accent` is not set. _(default: undefined)_
   * - **--peer-ok** - Deprecated: read when `--peer-color-success` is not set. _(default: undefined)_
   * - **--peer-warn** - Deprecated: read when `--peer-color-warning` is not set. _(default: undefined)_
   * - **--peer-danger** - Deprecated: read when `--peer-color-danger` is not set. _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **button** - The button.
   * - **icon** - The copy (then check) icon.
   * - **status** - The live region that says "Copied" (visually hidden).
   */
  "peer-copy-button": DefineComponent<PeerCopyButtonElementProps>;

  /**
   * A modal dialog; asks for a password or confirms a dangerous action.
   * ---
   *
   *
   * ### **Events:**
   *  - **PeerDialogClose** - `@peer-dialog-close`: The dialog closed. `detail: {returnValue}` (`''` when cancelled).
   *
   * ### **Methods:**
   *  - **show(opener: _HTMLElement_): _Promise<void>_** - Opens the dialog with its slotted content; focus returns to `opener` (default: what has focus now) on close.
   * - **close(returnValue): _void_** - Closes the dialog; an open question is answered as cancelled.
   * - **requestText(request: _TextRequest_, opener: _HTMLElement_): _Promise<string | undefined>_** - Asks for text (a password unless `type: 'text'`); resolves with it, or undefined if the user cancelled.
   * - **confirmAction(request: _ConfirmRequest_, opener: _HTMLElement_): _Promise<boolean>_** - Asks to confirm an action; resolves true only when the user pressed the confirm button.
   *
   *
   * ### **Slots:**
   *  - _default_ - The body of a dialog opened with `show()`.
   * - **footer** - Actions of a dialog opened with `show()` (a wrapper element around buttons).
   *
   * ### **CSS Properties:**
   *  - **--peer-space-3xs** - Spacing step, 2px. _(default: undefined)_
   * - **--peer-space-2xs** - Spacing step, 4px. _(default: undefined)_
   * - **--peer-space-xs** - Spacing step, 8px. _(default: undefined)_
   * - **--peer-space-s** - Spacing step, 12px. _(default: undefined)_
   * - **--peer-space-m** - Spacing step, 16px. _(default: undefined)_
   * - **--peer-space-l** - Spacing step, 24px. _(default: undefined)_
   * - **--peer-space-xl** - Spacing step, 32px. _(default: undefined)_
   * - **--peer-radius-s** - Corner radius of small controls, 4px. _(default: undefined)_
   * - **--peer-radius-m** - Corner radius of buttons, fields and bubbles, 8px. _(default: undefined)_
   * - **--peer-radius-l** - Corner radius of dialogs and cards, 12px. _(default: undefined)_
   * - **--peer-radius-full** - Pills and dots, 9999px. _(default: undefined)_
   * - **--peer-font** - Font family. _(default: undefined)_
   * - **--peer-font-mono** - Monospace font family (fingerprints, keys, safety numbers). _(default: undefined)_
   * - **--peer-font-size-xs** - Type scale, 0.75rem. _(default: undefined)_
   * - **--peer-font-size-s** - Type scale, 0.875rem (secondary text, small buttons). _(default: undefined)_
   * - **--peer-font-size-m** - Type scale, 1rem (body text). _(default: undefined)_
   * - **--peer-font-size-l** - Type scale, 1.25rem (headings). _(default: undefined)_
   * - **--peer-line-height** - Line height, 1.45. _(default: undefined)_
   * - **--peer-font-weight-normal** - Body text weight, 400. _(default: undefined)_
   * - **--peer-font-weight-strong** - Names, headings and buttons, 600. _(default: undefined)_
   * - **--peer-color-scheme** - `light` or `dark`: the `color-scheme` the element declares (set by the themes). _(default: undefined)_
   * - **--peer-color-surface** - The element's background. _(default: undefined)_
   * - **--peer-color-surface-raised** - Dialogs, popovers and raised controls. _(default: undefined)_
   * - **--peer-color-surface-sunken** - Wells and inset areas. _(default: undefined)_
   * - **--peer-color-text** - Text. _(default: undefined)_
   * - **--peer-color-text-muted** - Secondary text (times, hints, fingerprints). _(default: undefined)_
   * - **--peer-color-border** - Borders of controls and separators (≥ 3:1 against the surface). _(default: undefined)_
   * - **--peer-color-accent** - Primary buttons, links, unread marker. _(default: undefined)_
   * - **--peer-color-on-accent** - Text on the accent colour. _(default: undefined)_
   * - **--peer-color-success** - "Connected", "trusted", "verified". _(default: undefined)_
   * - **--peer-color-warning** - "Connecting", "key changed". _(default: undefined)_
   * - **--peer-color-danger** - Errors, failed sends, "blocked", destructive buttons. _(default: undefined)_
   * - **--peer-color-focus** - The focus ring. _(default: undefined)_
   * - **--peer-shadow-s** - Shadow of raised controls. _(default: undefined)_
   * - **--peer-shadow-m** - Shadow of dialogs and floating buttons. _(default: undefined)_
   * - **--peer-focus-ring-width** - Width of the focus ring, 2px. _(default: undefined)_
   * - **--peer-focus-ring-offset** - Gap between a control and its focus ring, 2px. _(default: undefined)_
   * - **--peer-duration-fast** - Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-duration-m** - Larger transitions, 200ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-text** - Deprecated (removed in the next release): read when `--peer-color-text` is not set. _(default: undefined)_
   * - **--peer-muted** - Deprecated: read when `--peer-color-text-muted` is not set. _(default: undefined)_
   * - **--peer-surface** - Deprecated: read when `--peer-color-surface` is not set. _(default: undefined)_
   * - **--peer-border** - Deprecated: read when `--peer-color-border` is not set. _(default: undefined)_
   * - **--peer-accent** - Deprecated: read when `--peer-color-accent` is not set. _(default: undefined)_
   * - **--peer-ok** - Deprecated: read when `--peer-color-success` is not set. _(default: undefined)_
   * - **--peer-warn** - Deprecated: read when `--peer-color-warning` is not set. _(default: undefined)_
   * - **--peer-danger** - Deprecated: read when `--peer-color-danger` is not set. _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **dialog** - The `<dialog>`.
   * - **heading** - The heading that names the dialog.
   * - **close** - The close button (`show()` only).
   * - **message** - The explanation under the heading (`requestText()`, `confirmAction()`).
   * - **input** - The text or password field (`requestText()`).
   * - **error** - Why the text was refused (`requestText()`).
   * - **button** - Every button.
   */
  "peer-dialog": DefineComponent<PeerDialogElementProps>;

  /**
   * One icon from peerkit's icon set.
   * ---
   *
   *
   * ### **Methods:**
   *
   *
   * ### **CSS Properties:**
   *  - **--peer-icon-size** - Width and height (default `1.25em`, so it follows the font size). _(default: undefined)_
   * - **--peer-space-3xs** - Spacing step, 2px. _(default: undefined)_
   * - **--peer-space-2xs** - Spacing step, 4px. _(default: undefined)_
   * - **--peer-space-xs** - Spacing step, 8px. _(default: undefined)_
   * - **--peer-space-s** - Spacing step, 12px. _(default: undefined)_
   * - **--peer-space-m** - Spacing step, 16px. _(default: undefined)_
   * - **--peer-space-l** - Spacing step, 24px. _(default: undefined)_
   * - **--peer-space-xl** - Spacing step, 32px. _(default: undefined)_
   * - **--peer-radius-s** - Corner radius of small controls, 4px. _(default: undefined)_
   * - **--peer-radius-m** - Corner radius of buttons, fields and bubbles, 8px. _(default: undefined)_
   * - **--peer-radius-l** - Corner radius of dialogs and cards, 12px. _(default: undefined)_
   * - **--peer-radius-full** - Pills and dots, 9999px. _(default: undefined)_
   * - **--peer-font** - Font family. _(default: undefined)_
   * - **--peer-font-mono** - Monospace font family (fingerprints, keys, safety numbers). _(default: undefined)_
   * - **--peer-font-size-xs** - Type scale, 0.75rem. _(default: undefined)_
   * - **--peer-font-size-s** - Type scale, 0.875rem (secondary text, small buttons). _(default: undefined)_
   * - **--peer-font-size-m** - Type scale, 1rem (body text). _(default: undefined)_
   * - **--peer-font-size-l** - Type scale, 1.25rem (headings). _(default: undefined)_
   * - **--peer-line-height** - Line height, 1.45. _(default: undefined)_
   * - **--peer-font-weight-normal** - Body text weight, 400. _(default: undefined)_
   * - **--peer-font-weight-strong** - Names, headings and buttons, 600. _(default: undefined)_
   * - **--peer-color-scheme** - `light` or `dark`: the `color-scheme` the element declares (set by the themes). _(default: undefined)_
   * - **--peer-color-surface** - The element's background. _(default: undefined)_
   * - **--peer-color-surface-raised** - Dialogs, popovers and raised controls. _(default: undefined)_
   * - **--peer-color-surface-sunken** - Wells and inset areas. _(default: undefined)_
   * - **--peer-color-text** - Text. _(default: undefined)_
   * - **--peer-color-text-muted** - Secondary text (times, hints, fingerprints). _(default: undefined)_
   * - **--peer-color-border** - Borders of controls and separators (≥ 3:1 against the surface). _(default: undefined)_
   * - **--peer-color-accent** - Primary buttons, links, unread marker. _(default: undefined)_
   * - **--peer-color-on-accent** - Text on the accent colour. _(default: undefined)_
   * - **--peer-color-success** - "Connected", "trusted", "verified". _(default: undefined)_
   * - **--peer-color-warning** - "Connecting", "key changed". _(default: undefined)_
   * - **--peer-color-danger** - Errors, failed sends, "blocked", destructive buttons. _(default: undefined)_
   * - **--peer-color-focus** - The focus ring. _(default: undefined)_
   * - **--peer-shadow-s** - Shadow of raised controls. _(default: undefined)_
   * - **--peer-shadow-m** - Shadow of dialogs and floating buttons. _(default: undefined)_
   * - **--peer-focus-ring-width** - Width of the focus ring, 2px. _(default: undefined)_
   * - **--peer-focus-ring-offset** - Gap between a control and its focus ring, 2px. _(default: undefined)_
   * - **--peer-duration-fast** - Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-duration-m** - Larger transitions, 200ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-text** - Deprecated (removed in the next release): read when `--peer-color-text` is not set. _(default: undefined)_
   * - **--peer-muted** - Deprecated: read when `--peer-color-text-muted` is not set. _(default: undefined)_
   * - **--peer-surface** - Deprecated: read when `--peer-color-surface` is not set. _(default: undefined)_
   * - **--peer-border** - Deprecated: read when `--peer-color-border` is not set. _(default: undefined)_
   * - **--peer-accent** - Deprecated: read when `--peer-color-accent` is not set. _(default: undefined)_
   * - **--peer-ok** - Deprecated: read when `--peer-color-success` is not set. _(default: undefined)_
   * - **--peer-warn** - Deprecated: read when `--peer-color-warning` is not set. _(default: undefined)_
   * - **--peer-danger** - Deprecated: read when `--peer-color-danger` is not set. _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **icon** - The `<svg>`.
   */
  "peer-icon": DefineComponent<PeerIconElementProps>;

  /**
   * Initials on a disc coloured from the peer's fingerprint.
   * ---
   *
   *
   * ### **Methods:**
   *
   *
   * ### **CSS Properties:**
   *  - **--peer-space-3xs** - Spacing step, 2px. _(default: undefined)_
   * - **--peer-space-2xs** - Spacing step, 4px. _(default: undefined)_
   * - **--peer-space-xs** - Spacing step, 8px. _(default: undefined)_
   * - **--peer-space-s** - Spacing step, 12px. _(default: undefined)_
   * - **--peer-space-m** - Spacing step, 16px. _(default: undefined)_
   * - **--peer-space-l** - Spacing step, 24px. _(default: undefined)_
   * - **--peer-space-xl** - Spacing step, 32px. _(default: undefined)_
   * - **--peer-radius-s** - Corner radius of small controls, 4px. _(default: undefined)_
   * - **--peer-radius-m** - Corner radius of buttons, fields and bubbles, 8px. _(default: undefined)_
   * - **--peer-radius-l** - Corner radius of dialogs and cards, 12px. _(default: undefined)_
   * - **--peer-radius-full** - Pills and dots, 9999px. _(default: undefined)_
   * - **--peer-font** - Font family. _(default: undefined)_
   * - **--peer-font-mono** - Monospace font family (fingerprints, keys, safety numbers). _(default: undefined)_
   * - **--peer-font-size-xs** - Type scale, 0.75rem. _(default: undefined)_
   * - **--peer-font-size-s** - Type scale, 0.875rem (secondary text, small buttons). _(default: undefined)_
   * - **--peer-font-size-m** - Type scale, 1rem (body text). _(default: undefined)_
   * - **--peer-font-size-l** - Type scale, 1.25rem (headings). _(default: undefined)_
   * - **--peer-line-height** - Line height, 1.45. _(default: undefined)_
   * - **--peer-font-weight-normal** - Body text weight, 400. _(default: undefined)_
   * - **--peer-font-weight-strong** - Names, headings and buttons, 600. _(default: undefined)_
   * - **--peer-color-scheme** - `light` or `dark`: the `color-scheme` the element declares (set by the themes). _(default: undefined)_
   * - **--peer-color-surface** - The element's background. _(default: undefined)_
   * - **--peer-color-surface-raised** - Dialogs, popovers and raised controls. _(default: undefined)_
   * - **--peer-color-surface-sunken** - Wells and inset areas. _(default: undefined)_
   * - **--peer-color-text** - Text. _(default: undefined)_
   * - **--peer-color-text-muted** - Secondary text (times, hints, fingerprints). _(default: undefined)_
   * - **--peer-color-border** - Borders of controls and separators (≥ 3:1 against the surface). _(default: undefined)_
   * - **--peer-color-accent** - Primary buttons, links, unread marker. _(default: undefined)_
   * - **--peer-color-on-accent** - Text on the accent colour. _(default: undefined)_
   * - **--peer-color-success** - "Connected", "trusted", "verified". _(default: undefined)_
   * - **--peer-color-warning** - "Connecting", "key changed". _(default: undefined)_
   * - **--peer-color-danger** - Errors, failed sends, "blocked", destructive buttons. _(default: undefined)_
   * - **--peer-color-focus** - The focus ring. _(default: undefined)_
   * - **--peer-shadow-s** - Shadow of raised controls. _(default: undefined)_
   * - **--peer-shadow-m** - Shadow of dialogs and floating buttons. _(default: undefined)_
   * - **--peer-focus-ring-width** - Width of the focus ring, 2px. _(default: undefined)_
   * - **--peer-focus-ring-offset** - Gap between a control and its focus ring, 2px. _(default: undefined)_
   * - **--peer-duration-fast** - Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-duration-m** - Larger transitions, 200ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-text** - Deprecated (removed in the next release): read when `--peer-color-text` is not set. _(default: undefined)_
   * - **--peer-muted** - Deprecated: read when `--peer-color-text-muted` is not set. _(default: undefined)_
   * - **--peer-surface** - Deprecated: read when `--peer-color-surface` is not set. _(default: undefined)_
   * - **--peer-border** - Deprecated: read when `--peer-color-border` is not set. _(default: undefined)_
   * - **--peer-accent** - Deprecated: read when `--peer-color-accent` is not set. _(default: undefined)_
   * - **--peer-ok** - Deprecated: read when `--peer-color-success` is not set. _(default: undefined)_
   * - **--peer-warn** - Deprecated: read when `--peer-color-warning` is not set. _(default: undefined)_
   * - **--peer-danger** - Deprecated: read when `--peer-color-danger` is not set. _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **avatar** - The disc.
   */
  "peer-avatar": DefineComponent<PeerAvatarElementProps>;

  /**
   * A button: primary, neutral, danger or text; loading; icon-only with a label.
   * ---
   *
   *
   * ### **Methods:**
   *
   *
   * ### **Slots:**
   *  - _default_ - The button's text (not used when `label` makes it icon-only).
   *
   * ### **CSS Properties:**
   *  - **--peer-icon-size** - The icon's size (default `1.25em`). _(default: undefined)_
   * - **--peer-space-3xs** - Spacing step, 2px. _(default: undefined)_
   * - **--peer-space-2xs** - Spacing step, 4px. _(default: undefined)_
   * - **--peer-space-xs** - Spacing step, 8px. _(default: undefined)_
   * - **--peer-space-s** - Spacing step, 12px. _(default: undefined)_
   * - **--peer-space-m** - Spacing step, 16px. _(default: undefined)_
   * - **--peer-space-l** - Spacing step, 24px. _(default: undefined)_
   * - **--peer-space-xl** - Spacing step, 32px. _(default: undefined)_
   * - **--peer-radius-s** - Corner radius of small controls, 4px. _(default: undefined)_
   * - **--peer-radius-m** - Corner radius of buttons, fields and bubbles, 8px. _(default: undefined)_
   * - **--peer-radius-l** - Corner radius of dialogs and cards, 12px. _(default: undefined)_
   * - **--peer-radius-full** - Pills and dots, 9999px. _(default: undefined)_
   * - **--peer-font** - Font family. _(default: undefined)_
   * - **--peer-font-mono** - Monospace font family (fingerprints, keys, safety numbers). _(default: undefined)_
   * - **--peer-font-size-xs** - Type scale, 0.75rem. _(default: undefined)_
   * - **--peer-font-size-s** - Type scale, 0.875rem (secondary text, small buttons). _(default: undefined)_
   * - **--peer-font-size-m** - Type scale, 1rem (body text). _(default: undefined)_
   * - **--peer-font-size-l** - Type scale, 1.25rem (headings). _(default: undefined)_
   * - **--peer-line-height** - Line height, 1.45. _(default: undefined)_
   * - **--peer-font-weight-normal** - Body text weight, 400. _(default: undefined)_
   * - **--peer-font-weight-strong** - Names, headings and buttons, 600. _(default: undefined)_
   * - **--peer-color-scheme** - `light` or `dark`: the `color-scheme` the element declares (set by the themes). _(default: undefined)_
   * - **--peer-color-surface** - The element's background. _(default: undefined)_
   * - **--peer-color-surface-raised** - Dialogs, popovers and raised controls. _(default: undefined)_
   * - **--peer-color-surface-sunken** - Wells and inset areas. _(default: undefined)_
   * - **--peer-color-text** - Text. _(default: undefined)_
   * - **--peer-color-text-muted** - Secondary text (times, hints, fingerprints). _(default: undefined)_
   * - **--peer-color-border** - Borders of controls and separators (≥ 3:1 against the surface). _(default: undefined)_
   * - **--peer-color-accent** - Primary buttons, links, unread marker. _(default: undefined)_
   * - **--peer-color-on-accent** - Text on the accent colour. _(default: undefined)_
   * - **--peer-color-success** - "Connected", "trusted", "verified". _(default: undefined)_
   * - **--peer-color-warning** - "Connecting", "key changed". _(default: undefined)_
   * - **--peer-color-danger** - Errors, failed sends, "blocked", destructive buttons. _(default: undefined)_
   * - **--peer-color-focus** - The focus ring. _(default: undefined)_
   * - **--peer-shadow-s** - Shadow of raised controls. _(default: undefined)_
   * - **--peer-shadow-m** - Shadow of dialogs and floating buttons. _(default: undefined)_
   * - **--peer-focus-ring-width** - Width of the focus ring, 2px. _(default: undefined)_
   * - **--peer-focus-ring-offset** - Gap between a control and its focus ring, 2px. _(default: undefined)_
   * - **--peer-duration-fast** - Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-duration-m** - Larger transitions, 200ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-text** - Deprecated (removed in the next release): read when `--peer-color-text` is not set. _(default: undefined)_
   * - **--peer-muted** - Deprecated: read when `--peer-color-text-muted` is not set. _(default: undefined)_
   * - **--peer-surface** - Deprecated: read when `--peer-color-surface` is not set. _(default: undefined)_
   * - **--peer-border** - Deprecated: read when `--peer-color-border` is not set. _(default: undefined)_
   * - **--peer-accent** - Deprecated: read when `--peer-color-accent` is not set. _(default: undefined)_
   * - **--peer-ok** - Deprecated: read when `--peer-color-success` is not set. _(default: undefined)_
   * - **--peer-warn** - Deprecated: read when `--peer-color-warning` is not set. _(default: undefined)_
   * - **--peer-danger** - Deprecated: read when `--peer-color-danger` is not set. _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **button** - The inner `<button>`.
   * - **icon** - The icon, when there is one.
   * - **spinner** - The spinning icon while `loading`.
   */
  "peer-button": DefineComponent<PeerButtonElementProps>;

  /**
   * A presence dot with its word: connected, connecting, relayed, offline.
   * ---
   *
   *
   * ### **Methods:**
   *
   *
   * ### **CSS Properties:**
   *  - **--peer-space-3xs** - Spacing step, 2px. _(default: undefined)_
   * - **--peer-space-2xs** - Spacing step, 4px. _(default: undefined)_
   * - **--peer-space-xs** - Spacing step, 8px. _(default: undefined)_
   * - **--peer-space-s** - Spacing step, 12px. _(default: undefined)_
   * - **--peer-space-m** - Spacing step, 16px. _(default: undefined)_
   * - **--peer-space-l** - Spacing step, 24px. _(default: undefined)_
   * - **--peer-space-xl** - Spacing step, 32px. _(default: undefined)_
   * - **--peer-radius-s** - Corner radius of small controls, 4px. _(default: undefined)_
   * - **--peer-radius-m** - Corner radius of buttons, fields and bubbles, 8px. _(default: undefined)_
   * - **--peer-radius-l** - Corner radius of dialogs and cards, 12px. _(default: undefined)_
   * - **--peer-radius-full** - Pills and dots, 9999px. _(default: undefined)_
   * - **--peer-font** - Font family. _(default: undefined)_
   * - **--peer-font-mono** - Monospace font family (fingerprints, keys, safety numbers). _(default: undefined)_
   * - **--peer-font-size-xs** - Type scale, 0.75rem. _(default: undefined)_
   * - **--peer-font-size-s** - Type scale, 0.875rem (secondary text, small buttons). _(default: undefined)_
   * - **--peer-font-size-m** - Type scale, 1rem (body text). _(default: undefined)_
   * - **--peer-font-size-l** - Type scale, 1.25rem (headings). _(default: undefined)_
   * - **--peer-line-height** - Line height, 1.45. _(default: undefined)_
   * - **--peer-font-weight-normal** - Body text weight, 400. _(default: undefined)_
   * - **--peer-font-weight-strong** - Names, headings and buttons, 600. _(default: undefined)_
   * - **--peer-color-scheme** - `light` or `dark`: the `color-scheme` the element declares (set by the themes). _(default: undefined)_
   * - **--peer-color-surface** - The element's background. _(default: undefined)_
   * - **--peer-color-surface-raised** - Dialogs, popovers and raised controls. _(default: undefined)_
   * - **--peer-color-surface-sunken** - Wells and inset areas. _(default: undefined)_
   * - **--peer-color-text** - Text. _(default: undefined)_
   * - **--peer-color-text-muted** - Secondary text (times, hints, fingerprints). _(default: undefined)_
   * - **--peer-color-border** - Borders of controls and separators (≥ 3:1 against the surface). _(default: undefined)_
   * - **--peer-color-accent** - Primary buttons, links, unread marker. _(default: undefined)_
   * - **--peer-color-on-accent** - Text on the accent colour. _(default: undefined)_
   * - **--peer-color-success** - "Connected", "trusted", "verified". _(default: undefined)_
   * - **--peer-color-warning** - "Connecting", "key changed". _(default: undefined)_
   * - **--peer-color-danger** - Errors, failed sends, "blocked", destructive buttons. _(default: undefined)_
   * - **--peer-color-focus** - The focus ring. _(default: undefined)_
   * - **--peer-shadow-s** - Shadow of raised controls. _(default: undefined)_
   * - **--peer-shadow-m** - Shadow of dialogs and floating buttons. _(default: undefined)_
   * - **--peer-focus-ring-width** - Width of the focus ring, 2px. _(default: undefined)_
   * - **--peer-focus-ring-offset** - Gap between a control and its focus ring, 2px. _(default: undefined)_
   * - **--peer-duration-fast** - Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-duration-m** - Larger transitions, 200ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-text** - Deprecated (removed in the next release): read when `--peer-color-text` is not set. _(default: undefined)_
   * - **--peer-muted** - Deprecated: read when `--peer-color-text-muted` is not set. _(default: undefined)_
   * - **--peer-surface** - Deprecated: read when `--peer-color-surface` is not set. _(default: undefined)_
   * - **--peer-border** - Deprecated: read when `--peer-color-border` is not set. _(default: undefined)_
   * - **--peer-accent** - Deprecated: read when `--peer-color-accent` is not set. _(default: undefined)_
   * - **--peer-ok** - Deprecated: read when `--peer-color-success` is not set. _(default: undefined)_
   * - **--peer-warn** - Deprecated: read when `--peer-color-warning` is not set. _(default: undefined)_
   * - **--peer-danger** - Deprecated: read when `--peer-color-danger` is not set. _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **presence** - The badge.
   * - **presence-dot** - The dot.
   */
  "peer-presence": DefineComponent<PeerPresenceElementProps>;

  /**
   * "5 minutes ago", kept current, the full time on hover.
   * ---
   *
   *
   * ### **Methods:**
   *  - **isDue(now: _number_): _boolean_** - Whether the text may read differently at `now` than when it was last rendered.
   *
   *
   * ### **CSS Properties:**
   *  - **--peer-space-3xs** - Spacing step, 2px. _(default: undefined)_
   * - **--peer-space-2xs** - Spacing step, 4px. _(default: undefined)_
   * - **--peer-space-xs** - Spacing step, 8px. _(default: undefined)_
   * - **--peer-space-s** - Spacing step, 12px. _(default: undefined)_
   * - **--peer-space-m** - Spacing step, 16px. _(default: undefined)_
   * - **--peer-space-l** - Spacing step, 24px. _(default: undefined)_
   * - **--peer-space-xl** - Spacing step, 32px. _(default: undefined)_
   * - **--peer-radius-s** - Corner radius of small controls, 4px. _(default: undefined)_
   * - **--peer-radius-m** - Corner radius of buttons, fields and bubbles, 8px. _(default: undefined)_
   * - **--peer-radius-l** - Corner radius of dialogs and cards, 12px. _(default: undefined)_
   * - **--peer-radius-full** - Pills and dots, 9999px. _(default: undefined)_
   * - **--peer-font** - Font family. _(default: undefined)_
   * - **--peer-font-mono** - Monospace font family (fingerprints, keys, safety numbers). _(default: undefined)_
   * - **--peer-font-size-xs** - Type scale, 0.75rem. _(default: undefined)_
   * - **--peer-font-size-s** - Type scale, 0.875rem (secondary text, small buttons). _(default: undefined)_
   * - **--peer-font-size-m** - Type scale, 1rem (body text). _(default: undefined)_
   * - **--peer-font-size-l** - Type scale, 1.25rem (headings). _(default: undefined)_
   * - **--peer-line-height** - Line height, 1.45. _(default: undefined)_
   * - **--peer-font-weight-normal** - Body text weight, 400. _(default: undefined)_
   * - **--peer-font-weight-strong** - Names, headings and buttons, 600. _(default: undefined)_
   * - **--peer-color-scheme** - `light` or `dark`: the `color-scheme` the element declares (set by the themes). _(default: undefined)_
   * - **--peer-color-surface** - The element's background. _(default: undefined)_
   * - **--peer-color-surface-raised** - Dialogs, popovers and raised controls. _(default: undefined)_
   * - **--peer-color-surface-sunken** - Wells and inset areas. _(default: undefined)_
   * - **--peer-color-text** - Text. _(default: undefined)_
   * - **--peer-color-text-muted** - Secondary text (times, hints, fingerprints). _(default: undefined)_
   * - **--peer-color-border** - Borders of controls and separators (≥ 3:1 against the surface). _(default: undefined)_
   * - **--peer-color-accent** - Primary buttons, links, unread marker. _(default: undefined)_
   * - **--peer-color-on-accent** - Text on the accent colour. _(default: undefined)_
   * - **--peer-color-success** - "Connected", "trusted", "verified". _(default: undefined)_
   * - **--peer-color-warning** - "Connecting", "key changed". _(default: undefined)_
   * - **--peer-color-danger** - Errors, failed sends, "blocked", destructive buttons. _(default: undefined)_
   * - **--peer-color-focus** - The focus ring. _(default: undefined)_
   * - **--peer-shadow-s** - Shadow of raised controls. _(default: undefined)_
   * - **--peer-shadow-m** - Shadow of dialogs and floating buttons. _(default: undefined)_
   * - **--peer-focus-ring-width** - Width of the focus ring, 2px. _(default: undefined)_
   * - **--peer-focus-ring-offset** - Gap between a control and its focus ring, 2px. _(default: undefined)_
   * - **--peer-duration-fast** - Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-duration-m** - Larger transitions, 200ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-text** - Deprecated (removed in the next release): read when `--peer-color-text` is not set. _(default: undefined)_
   * - **--peer-muted** - Deprecated: read when `--peer-color-text-muted` is not set. _(default: undefined)_
   * - **--peer-surface** - Deprecated: read when `--peer-color-surface` is not set. _(default: undefined)_
   * - **--peer-border** - Deprecated: read when `--peer-color-border` is not set. _(default: undefined)_
   * - **--peer-accent** - Deprecated: read when `--peer-color-accent` is not set. _(default: undefined)_
   * - **--peer-ok** - Deprecated: read when `--peer-color-success` is not set. _(default: undefined)_
   * - **--peer-warn** - Deprecated: read when `--peer-color-warning` is not set. _(default: undefined)_
   * - **--peer-danger** - Deprecated: read when `--peer-color-danger` is not set. _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **time** - The `<time>` element.
   */
  "peer-relative-time": DefineComponent<PeerRelativeTimeElementProps>;

  /**
   * A hint on hover and focus, dismissed with Escape.
   * ---
   *
   *
   * ### **Methods:**
   *  - **show(): _Promise<void>_** - Shows the tip (as hover and focus do); settles once it is placed.
   *
   *
   * ### **Slots:**
   *  - _default_ - The trigger (a button, an icon with a label…).
   *
   * ### **CSS Properties:**
   *  - **--peer-tooltip-max-width** - Widest the bubble gets (default 20rem). _(default: undefined)_
   * - **--peer-space-3xs** - Spacing step, 2px. _(default: undefined)_
   * - **--peer-space-2xs** - Spacing step, 4px. _(default: undefined)_
   * - **--peer-space-xs** - Spacing step, 8px. _(default: undefined)_
   * - **--peer-space-s** - Spacing step, 12px. _(default: undefined)_
   * - **--peer-space-m** - Spacing step, 16px. _(default: undefined)_
   * - **--peer-space-l** - Spacing step, 24px. _(default: undefined)_
   * - **--peer-space-xl** - Spacing step, 32px. _(default: undefined)_
   * - **--peer-radius-s** - Corner radius of small controls, 4px. _(default: undefined)_
   * - **--peer-radius-m** - Corner radius of buttons, fields and bubbles, 8px. _(default: undefined)_
   * - **--peer-radius-l** - Corner radius of dialogs and cards, 12px. _(default: undefined)_
   * - **--peer-radius-full** - Pills and dots, 9999px. _(default: undefined)_
   * - **--peer-font** - Font family. _(default: undefined)_
   * - **--peer-font-mono** - Monospace font family (fingerprints, keys, safety numbers). _(default: undefined)_
   * - **--peer-font-size-xs** - Type scale, 0.75rem. _(default: undefined)_
   * - **--peer-font-size-s** - Type scale, 0.875rem (secondary text, small buttons). _(default: undefined)_
   * - **--peer-font-size-m** - Type scale, 1rem (body text). _(default: undefined)_
   * - **--peer-font-size-l** - Type scale, 1.25rem (headings). _(default: undefined)_
   * - **--peer-line-height** - Line height, 1.45. _(default: undefined)_
   * - **--peer-font-weight-normal** - Body text weight, 400. _(default: undefined)_
   * - **--peer-font-weight-strong** - Names, headings and buttons, 600. _(default: undefined)_
   * - **--peer-color-scheme** - `light` or `dark`: the `color-scheme` the element declares (set by the themes). _(default: undefined)_
   * - **--peer-color-surface** - The element's background. _(default: undefined)_
   * - **--peer-color-surface-raised** - Dialogs, popovers and raised controls. _(default: undefined)_
   * - **--peer-color-surface-sunken** - Wells and inset areas. _(default: undefined)_
   * - **--peer-color-text** - Text. _(default: undefined)_
   * - **--peer-color-text-muted** - Secondary text (times, hints, fingerprints). _(default: undefined)_
   * - **--peer-color-border** - Borders of controls and separators (≥ 3:1 against the surface). _(default: undefined)_
   * - **--peer-color-accent** - Primary buttons, links, unread marker. _(default: undefined)_
   * - **--peer-color-on-accent** - Text on the accent colour. _(default: undefined)_
   * - **--peer-color-success** - "Connected", "trusted", "verified". _(default: undefined)_
   * - **--peer-color-warning** - "Connecting", "key changed". _(default: undefined)_
   * - **--peer-color-danger** - Errors, failed sends, "blocked", destructive buttons. _(default: undefined)_
   * - **--peer-color-focus** - The focus ring. _(default: undefined)_
   * - **--peer-shadow-s** - Shadow of raised controls. _(default: undefined)_
   * - **--peer-shadow-m** - Shadow of dialogs and floating buttons. _(default: undefined)_
   * - **--peer-focus-ring-width** - Width of the focus ring, 2px. _(default: undefined)_
   * - **--peer-focus-ring-offset** - Gap between a control and its focus ring, 2px. _(default: undefined)_
   * - **--peer-duration-fast** - Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-duration-m** - Larger transitions, 200ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-text** - Deprecated (removed in the next release): read when `--peer-color-text` is not set. _(default: undefined)_
   * - **--peer-muted** - Deprecated: read when `--peer-color-text-muted` is not set. _(default: undefined)_
   * - **--peer-surface** - Deprecated: read when `--peer-color-surface` is not set. _(default: undefined)_
   * - **--peer-border** - Deprecated: read when `--peer-color-border` is not set. _(default: undefined)_
   * - **--peer-accent** - Deprecated: read when `--peer-color-accent` is not set. _(default: undefined)_
   * - **--peer-ok** - Deprecated: read when `--peer-color-success` is not set. _(default: undefined)_
   * - **--peer-warn** - Deprecated: read when `--peer-color-warning` is not set. _(default: undefined)_
   * - **--peer-danger** - Deprecated: read when `--peer-color-danger` is not set. _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **tip** - The tooltip bubble.
   */
  "peer-tooltip": DefineComponent<PeerTooltipElementProps>;

  /**
   * Voice, video and screen sharing with the members of a room.
   * ---
   *
   *
   * ### **Events:**
   *  - **PeerCallChange** - `@peer-call-change`: This page joined or left the call, its microphone, camera or screen changed, or who else is in the call changed. `detail: {inCall, audio, video, screen, members}`
   * - **PeerError** - `@peer-error`: A device could not be used (`permission-denied`, `no-device`, `device-busy`, `unsupported`), or stopped during the call (`device-lost`), or the call is full (`call-full`). `detail: {code, message}`
   *
   * ### **Methods:**
   *  - **join(): _Promise<void>_** - Joins the call: asks for the microphone (and the camera, unless `audio-only`), then joins with what it got.
   * - **leave(): _void_** - Leaves the call: every device is released.
   *
   *
   * ### **CSS Properties:**
   *  - **--peer-space-3xs** - Spacing step, 2px. _(default: undefined)_
   * - **--peer-space-2xs** - Spacing step, 4px. _(default: undefined)_
   * - **--peer-space-xs** - Spacing step, 8px. _(default: undefined)_
   * - **--peer-space-s** - Spacing step, 12px. _(default: undefined)_
   * - **--peer-space-m** - Spacing step, 16px. _(default: undefined)_
   * - **--peer-space-l** - Spacing step, 24px. _(default: undefined)_
   * - **--peer-space-xl** - Spacing step, 32px. _(default: undefined)_
   * - **--peer-radius-s** - Corner radius of small controls, 4px. _(default: undefined)_
   * - **--peer-radius-m** - Corner radius of buttons, fields and bubbles, 8px. _(default: undefined)_
   * - **--peer-radius-l** - Corner radius of dialogs and cards, 12px. _(default: undefined)_
   * - **--peer-radius-full** - Pills and dots, 9999px. _(default: undefined)_
   * - **--peer-font** - Font family. _(default: undefined)_
   * - **--peer-font-mono** - Monospace font family (fingerprints, keys, safety numbers). _(default: undefined)_
   * - **--peer-font-size-xs** - Type scale, 0.75rem. _(default: undefined)_
   * - **--peer-font-size-s** - Type scale, 0.875rem (secondary text, small buttons). _(default: undefined)_
   * - **--peer-font-size-m** - Type scale, 1rem (body text). _(default: undefined)_
   * - **--peer-font-size-l** - Type scale, 1.25rem (headings). _(default: undefined)_
   * - **--peer-line-height** - Line height, 1.45. _(default: undefined)_
   * - **--peer-font-weight-normal** - Body text weight, 400. _(default: undefined)_
   * - **--peer-font-weight-strong** - Names, headings and buttons, 600. _(default: undefined)_
   * - **--peer-color-scheme** - `light` or `dark`: the `color-scheme` the element declares (set by the themes). _(default: undefined)_
   * - **--peer-color-surface** - The element's background. _(default: undefined)_
   * - **--peer-color-surface-raised** - Dialogs, popovers and raised controls. _(default: undefined)_
   * - **--peer-color-surface-sunken** - Wells and inset areas. _(default: undefined)_
   * - **--peer-color-text** - Text. _(default: undefined)_
   * - **--peer-color-text-muted** - Secondary text (times, hints, fingerprints). _(default: undefined)_
   * - **--peer-color-border** - Borders of controls and separators (≥ 3:1 against the surface). _(default: undefined)_
   * - **--peer-color-accent** - Primary buttons, links, unread marker. _(default: undefined)_
   * - **--peer-color-on-accent** - Text on the accent colour. _(default: undefined)_
   * - **--peer-color-success** - "Connected", "trusted", "verified". _(default: undefined)_
   * - **--peer-color-warning** - "Connecting", "key changed". _(default: undefined)_
   * - **--peer-color-danger** - Errors, failed sends, "blocked", destructive buttons. _(default: undefined)_
   * - **--peer-color-focus** - The focus ring. _(default: undefined)_
   * - **--peer-shadow-s** - Shadow of raised controls. _(default: undefined)_
   * - **--peer-shadow-m** - Shadow of dialogs and floating buttons. _(default: undefined)_
   * - **--peer-focus-ring-width** - Width of the focus ring, 2px. _(default: undefined)_
   * - **--peer-focus-ring-offset** - Gap between a control and its focus ring, 2px. _(default: undefined)_
   * - **--peer-duration-fast** - Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-duration-m** - Larger transitions, 200ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-text** - Deprecated (removed in the next release): read when `--peer-color-text` is not set. _(default: undefined)_
   * - **--peer-muted** - Deprecated: read when `--peer-color-text-muted` is not set. _(default: undefined)_
   * - **--peer-surface** - Deprecated: read when `--peer-color-surface` is not set. _(default: undefined)_
   * - **--peer-border** - Deprecated: read when `--peer-color-border` is not set. _(default: undefined)_
   * - **--peer-accent** - Deprecated: read when `--peer-color-accent` is not set. _(default: undefined)_
   * - **--peer-ok** - Deprecated: read when `--peer-color-success` is not set. _(default: undefined)_
   * - **--peer-warn** - Deprecated: read when `--peer-color-warning` is not set. _(default: undefined)_
   * - **--peer-danger** - Deprecated: read when `--peer-color-danger` is not set. _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **stage** - The tiles.
   * - **tile** - One member's tile; also `tile-local`, `tile-screen`, `tile-speaking`.
   * - **video** - The video in a tile.
   * - **tile-label** - A tile's name and marks.
   * - **controls** - The row of call controls.
   * - **button** - Every button; also `join`, `microphone`, `camera`, `screen`, `devices`, `leave`.
   * - **devices** - The device choice.
   * - **alert** - A problem with a device, or a full call.
   */
  "peer-call": DefineComponent<PeerCallElementProps>;

  /**
   * A message log with delivery states, reactions and a composer.
   * ---
   *
   *
   * ### **Events:**
   *  - **PeerSend** - `@peer-send`: The user is sending a message (cancelable: cancel to handle sending yourself). `detail: {text}`
   * - **PeerError** - `@peer-error`: The history could not be opened, a send failed (its text stays in the log with retry), an attachment could not be kept (too large, storage full), or the code that draws the rows could not be loaded (`load-failed`). `detail: {code, message}`
   * - **PeerChatRejected** - `@peer-chat-rejected`: A peer passed on a chat message that failed its checks (forged, altered, untrusted author); it was not stored. `detail: {from, code, reason}`
   *
   * ### **Methods:**
   *
   * - **send(text: _string_): _Promise<string | undefined>_** - Sends `text` to everyone in the room: signed, stored in the history, then pushed to every
   * linked peer (peers that are away get it when they next link). Resolves to the message's id;
   * undefined for empty text or when a `peer-send` listener took over. Waits for the room's
   * session to start; rejects with a `PeerChatError` (`no-room`) when the chat has no room.
   * - **sendFiles(files: _readonly File[]_, text): _Promise<string | undefined>_** - Sends files (with optional text) as one message: each is hashed and kept here, the message
   * names them by digest, and peers fetch them from whoever has them (small ones are pushed).
   * Rejects with a FileError (`too-large`, `quota`…) when a file cannot be kept.
   *
   *
   * ### **Slots:**
   *  - **header** - Above the log: a title, the room's name, actions.
   * - **empty** - Shown in the log while it has no messages (default: "No messages yet. Say hello.").
   *
   * ### **CSS Properties:**
   *  - **--peer-chat-height** - Height of the message log when the chat's container sets no height (default 20rem); in a container with a height, the chat fills it. _(default: undefined)_
   * - **--peer-space-3xs** - Spacing step, 2px. _(default: undefined)_
   * - **--peer-space-2xs** - Spacing step, 4px. _(default: undefined)_
   * - **--peer-space-xs** - Spacing step, 8px. _(default: undefined)_
   * - **--peer-space-s** - Spacing step, 12px. _(default: undefined)_
   * - **--peer-space-m** - Spacing step, 16px. _(default: undefined)_
   * - **--peer-space-l** - Spacing step, 24px. _(default: undefined)_
   * - **--peer-space-xl** - Spacing step, 32px. _(default: undefined)_
   * - **--peer-radius-s** - Corner radius of small controls, 4px. _(default: undefined)_
   * - **--peer-radius-m** - Corner radius of buttons, fields and bubbles, 8px. _(default: undefined)_
   * - **--peer-radius-l** - Corner radius of dialogs and cards, 12px. _(default: undefined)_
   * - **--peer-radius-full** - Pills and dots, 9999px. _(default: undefined)_
   * - **--peer-font** - Font family. _(default: undefined)_
   * - **--peer-font-mono** - Monospace font family (fingerprints, keys, safety numbers). _(default: undefined)_
   * - **--peer-font-size-xs** - Type scale, 0.75rem. _(default: undefined)_
   * - **--peer-font-size-s** - Type scale, 0.875rem (secondary text, small buttons). _(default: undefined)_
   * - **--peer-font-size-m** - Type scale, 1rem (body text). _(default: undefined)_
   * - **--peer-font-size-l** - Type scale, 1.25rem (headings). _(default: undefined)_
   * - **--peer-line-height** - Line height, 1.45. _(default: undefined)_
   * - **--peer-font-weight-normal** - Body text weight, 400. _(default: undefined)_
   * - **--peer-font-weight-strong** - Names, headings and buttons, 600. _(default: undefined)_
   * - **--peer-color-scheme** - `light` or `dark`: the `color-scheme` the element declares (set by the themes). _(default: undefined)_
   * - **--peer-color-surface** - The element's background. _(default: undefined)_
   * - **--peer-color-surface-raised** - Dialogs, popovers and raised controls. _(default: undefined)_
   * - **--peer-color-surface-sunken** - Wells and inset areas. _(default: undefined)_
   * - **--peer-color-text** - Text. _(default: undefined)_
   * - **--peer-color-text-muted** - Secondary text (times, hints, fingerprints). _(default: undefined)_
   * - **--peer-color-border** - Borders of controls and separators (≥ 3:1 against the surface). _(default: undefined)_
   * - **--peer-color-accent** - Primary buttons, links, unread marker. _(default: undefined)_
   * - **--peer-color-on-accent** - Text on the accent colour. _(default: undefined)_
   * - **--peer-color-success** - "Connected", "trusted", "verified". _(default: undefined)_
   * - **--peer-color-warning** - "Connecting", "key changed". _(default: undefined)_
   * - **--peer-color-danger** - Errors, failed sends, "blocked", destructive buttons. _(default: undefined)_
   * - **--peer-color-focus** - The focus ring. _(default: undefined)_
   * - **--peer-shadow-s** - Shadow of raised controls. _(default: undefined)_
   * - **--peer-shadow-m** - Shadow of dialogs and floating buttons. _(default: undefined)_
   * - **--peer-focus-ring-width** - Width of the focus ring, 2px. _(default: undefined)_
   * - **--peer-focus-ring-offset** - Gap between a control and its focus ring, 2px. _(default: undefined)_
   * - **--peer-duration-fast** - Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-duration-m** - Larger transitions, 200ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-text** - Deprecated (removed in the next release): read when `--peer-color-text` is not set. _(default: undefined)_
   * - **--peer-muted** - Deprecated: read when `--peer-color-text-muted` is not set. _(default: undefined)_
   * - **--peer-surface** - Deprecated: read when `--peer-color-surface` is not set. _(default: undefined)_
   * - **--peer-border** - Deprecated: read when `--peer-color-border` is not set. _(default: undefined)_
   * - **--peer-accent** - Deprecated: read when `--peer-color-accent` is not set. _(default: undefined)_
   * - **--peer-ok** - Deprecated: read when `--peer-color-success` is not set. _(default: undefined)_
   * - **--peer-warn** - Deprecated: read when `--peer-color-warning` is not set. _(default: undefined)_
   * - **--peer-danger** - Deprecated: read when `--peer-color-danger` is not set. _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **log** - The scrolling message list (`role="log"`; arrow keys move between messages).
   * - **message** - One message; also `message-own` for this peer's, `message-pending` for one not yet sent.
   * - **avatar** - The author's avatar, on the first message of a group.
   * - **author** - A message's author.
   * - **time** - A message's time: relative on the first of a group, the time of day on the others.
   * - **text** - A message's text.
   * - **custom** - What `renderMessage` returned.
   * - **state** - Delivery state of an own message (an icon named by its state).
   * - **reaction** - A reaction chip: the emoji and how many reacted (pressed when the user did).
   * - **add-reaction** - The button that opens the reaction picker.
   * - **reaction-picker** - The reactions to choose from.
   * - **seen-by** - "Seen by …" under the newest own message others have seen.
   * - **send-error** - Why a message was not sent, with retry and edit.
   * - **day-divider** - The date between two days' messages.
   * - **unread-marker** - The divider before the first unread message.
   * - **skeleton** - Placeholder rows while the history loads.
   * - **jump** - The "new messages" button shown when scrolled up.
   * - **drop-overlay** - What shows while files are dragged over the chat.
   * - **typing** - Who is typing, above the composer.
   * - **composer** - The composer form.
   * - **composer-hint** - Why the composer is disabled, when it is.
   * - **input** - The text area.
   * - **send** - The send button.
   * - **empty** - The empty state.
   * - **announcer** - The visually hidden live region that reads new messages from others.
   * - **attach** - The "attach files" button (an icon button that opens the file picker).
   * - **attachment** - One attached file: its preview or download anchor, progress, or error.
   * - **attachment-image** - The inline preview of an attached raster image (PNG, JPEG, GIF, WebP, AVIF, BMP whose bytes decode as one; never SVG).
   * - **attachment-download** - The anchor (`<a download>`) that saves an attached file (never opened as a page).
   * - **attachment-progress** - Transfer progress of an attachment (either direction).
   * - **attachment-cancel** - Stops an attachment's transfer.
   * - **attachment-retry** - Fetches a failed attachment again (not shown when retrying cannot help).
   * - **attachment-error** - Why an attachment is not shown.
   */
  "peer-chat": DefineComponent<PeerChatElementProps>;

  /**
   * This browser's key and address book.
   * ---
   *
   *
   * ### **Events:**
   *  - **PeerIdentityChange** - `@peer-identity-change`: The key was created, unlocked, imported or deleted. `detail: {fingerprint}` (undefined after deleting)
   * - **PeerError** - `@peer-error`: Something failed (a wrong passphrase, an unreadable key, the verify dialog's code could not be loaded: `load-failed`). `detail: {code, message}`
   *
   * ### **Methods:**
   *  - **exportPublicKey(): _void_** - Shows the public key, ready to copy.
   * - **exportPrivateKey(passphrase: _string_): _Promise<void>_** - Shows the private key, protected with `passphrase` when given.
   * - **verify(fingerprint: _string_, opener: _HTMLElement_): _Promise<void>_** - Opens the dialog that verifies a known peer: the safety number between this key and theirs,
   * its QR code, and "Mark verified" (trust in the address book). Settles once the number shows.
   * - **deleteKey(confirmed, opener: _HTMLElement_): _Promise<void>_** - Deletes the key from this browser (asks first, in a dialog, unless `confirmed`).
   *
   *
   * ### **CSS Properties:**
   *  - **--peer-space-3xs** - Spacing step, 2px. _(default: undefined)_
   * - **--peer-space-2xs** - Spacing step, 4px. _(default: undefined)_
   * - **--peer-space-xs** - Spacing step, 8px. _(default: undefined)_
   * - **--peer-space-s** - Spacing step, 12px. _(default: undefined)_
   * - **--peer-space-m** - Spacing step, 16px. _(default: undefined)_
   * - **--peer-space-l** - Spacing step, 24px. _(default: undefined)_
   * - **--peer-space-xl** - Spacing step, 32px. _(default: undefined)_
   * - **--peer-radius-s** - Corner radius of small controls, 4px. _(default: undefined)_
   * - **--peer-radius-m** - Corner radius of buttons, fields and bubbles, 8px. _(default: undefined)_
   * - **--peer-radius-l** - Corner radius of dialogs and cards, 12px. _(default: undefined)_
   * - **--peer-radius-full** - Pills and dots, 9999px. _(default: undefined)_
   * - **--peer-font** - Font family. _(default: undefined)_
   * - **--peer-font-mono** - Monospace font family (fingerprints, keys, safety numbers). _(default: undefined)_
   * - **--peer-font-size-xs** - Type scale, 0.75rem. _(default: undefined)_
   * - **--peer-font-size-s** - Type scale, 0.875rem (secondary text, small buttons). _(default: undefined)_
   * - **--peer-font-size-m** - Type scale, 1rem (body text). _(default: undefined)_
   * - **--peer-font-size-l** - Type scale, 1.25rem (headings). _(default: undefined)_
   * - **--peer-line-height** - Line height, 1.45. _(default: undefined)_
   * - **--peer-font-weight-normal** - Body text weight, 400. _(default: undefined)_
   * - **--peer-font-weight-strong** - Names, headings and buttons, 600. _(default: undefined)_
   * - **--peer-color-scheme** - `light` or `dark`: the `color-scheme` the element declares (set by the themes). _(default: undefined)_
   * - **--peer-color-surface** - The element's background. _(default: undefined)_
   * - **--peer-color-surface-raised** - Dialogs, popovers and raised controls. _(default: undefined)_
   * - **--peer-color-surface-sunken** - Wells and inset areas. _(default: undefined)_
   * - **--peer-color-text** - Text. _(default: undefined)_
   * - **--peer-color-text-muted** - Secondary text (times, hints, fingerprints). _(default: undefined)_
   * - **--peer-color-border** - Borders of controls and separators (≥ 3:1 against the surface). _(default: undefined)_
   * - **--peer-color-accent** - Primary buttons, links, unread marker. _(default: undefined)_
   * - **--peer-color-on-accent** - Text on the accent colour. _(default: undefined)_
   * - **--peer-color-success** - "Connected", "trusted", "verified". _(default: undefined)_
   * - **--peer-color-warning** - "Connecting", "key changed". _(default: undefined)_
   * - **--peer-color-danger** - Errors, failed sends, "blocked", destructive buttons. _(default: undefined)_
   * - **--peer-color-focus** - The focus ring. _(default: undefined)_
   * - **--peer-shadow-s** - Shadow of raised controls. _(default: undefined)_
   * - **--peer-shadow-m** - Shadow of dialogs and floating buttons. _(default: undefined)_
   * - **--peer-focus-ring-width** - Width of the focus ring, 2px. _(default: undefined)_
   * - **--peer-focus-ring-offset** - Gap between a control and its focus ring, 2px. _(default: undefined)_
   * - **--peer-duration-fast** - Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-duration-m** - Larger transitions, 200ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-text** - Deprecated (removed in the next release): read when `--peer-color-text` is not set. _(default: undefined)_
   * - **--peer-muted** - Deprecated: read when `--peer-color-text-muted` is not set. _(default: undefined)_
   * - **--peer-surface** - Deprecated: read when `--peer-color-surface` is not set. _(default: undefined)_
   * - **--peer-border** - Deprecated: read when `--peer-color-border` is not set. _(default: undefined)_
   * - **--peer-accent** - Deprecated: read when `--peer-color-accent` is not set. _(default: undefined)_
   * - **--peer-ok** - Deprecated: read when `--peer-color-success` is not set. _(default: undefined)_
   * - **--peer-warn** - Deprecated: read when `--peer-color-warning` is not set. _(default: undefined)_
   * - **--peer-danger** - Deprecated: read when `--peer-color-danger` is not set. _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **form** - Each form (create, unlock, import, add contact).
   * - **button** - Every button.
   * - **fingerprint** - The grouped fingerprint.
   * - **verify-dialog** - The dialog that verifies a peer.
   * - **safety-number** - The safety number in the dialog: 12 groups of 5 digits.
   * - **safety-qr** - The QR code (SVG) in the dialog.
   * - **verify-mark** - The "Mark verified" button (also part `button`).
   * - **export** - The exported key's text area.
   * - **address-book** - The address book list.
   * - **contact** - One address book entry.
   * - **message** - The status line.
   * - **heading** - The headings over the key and the address book (their level: `heading-level`).
   */
  "peer-identity": DefineComponent<PeerIdentityElementProps>;

  /**
   * The peers of a room, their trust and their links.
   * ---
   *
   *
   * ### **Events:**
   *  - **PeerError** - `@peer-error`: The code of the verify dialog or of the rows could not be loaded (`load-failed`; tried again on next use). `detail: {code, message}`
   *
   * ### **Methods:**
   *
   * - **verify(id: _string_, opener: _HTMLElement_): _Promise<void>_** - Opens the dialog that verifies a peer of the room: the safety number between this page's key
   * and theirs, its QR code, and "Mark verified" (trust in the room's address book). Settles once
   * the number shows.
   *
   *
   * ### **Slots:**
   *  - **empty** - Shown when nobody else is in the room.
   *
   * ### **CSS Properties:**
   *  - **--peer-space-3xs** - Spacing step, 2px. _(default: undefined)_
   * - **--peer-space-2xs** - Spacing step, 4px. _(default: undefined)_
   * - **--peer-space-xs** - Spacing step, 8px. _(default: undefined)_
   * - **--peer-space-s** - Spacing step, 12px. _(default: undefined)_
   * - **--peer-space-m** - Spacing step, 16px. _(default: undefined)_
   * - **--peer-space-l** - Spacing step, 24px. _(default: undefined)_
   * - **--peer-space-xl** - Spacing step, 32px. _(default: undefined)_
   * - **--peer-radius-s** - Corner radius of small controls, 4px. _(default: undefined)_
   * - **--peer-radius-m** - Corner radius of buttons, fields and bubbles, 8px. _(default: undefined)_
   * - **--peer-radius-l** - Corner radius of dialogs and cards, 12px. _(default: undefined)_
   * - **--peer-radius-full** - Pills and dots, 9999px. _(default: undefined)_
   * - **--peer-font** - Font family. _(default: undefined)_
   * - **--peer-font-mono** - Monospace font family (fingerprints, keys, safety numbers). _(default: undefined)_
   * - **--peer-font-size-xs** - Type scale, 0.75rem. _(default: undefined)_
   * - **--peer-font-size-s** - Type scale, 0.875rem (secondary text, small buttons). _(default: undefined)_
   * - **--peer-font-size-m** - Type scale, 1rem (body text). _(default: undefined)_
   * - **--peer-font-size-l** - Type scale, 1.25rem (headings). _(default: undefined)_
   * - **--peer-line-height** - Line height, 1.45. _(default: undefined)_
   * - **--peer-font-weight-normal** - Body text weight, 400. _(default: undefined)_
   * - **--peer-font-weight-strong** - Names, headings and buttons, 600. _(default: undefined)_
   * - **--peer-color-scheme** - `light` or `dark`: the `color-scheme` the element declares (set by the themes). _(default: undefined)_
   * - **--peer-color-surface** - The element's background. _(default: undefined)_
   * - **--peer-color-surface-raised** - Dialogs, popovers and raised controls. _(default: undefined)_
   * - **--peer-color-surface-sunken** - Wells and inset areas. _(default: undefined)_
   * - **--peer-color-text** - Text. _(default: undefined)_
   * - **--peer-color-text-muted** - Secondary text (times, hints, fingerprints). _(default: undefined)_
   * - **--peer-color-border** - Borders of controls and separators (≥ 3:1 against the surface). _(default: undefined)_
   * - **--peer-color-accent** - Primary buttons, links, unread marker. _(default: undefined)_
   * - **--peer-color-on-accent** - Text on the accent colour. _(default: undefined)_
   * - **--peer-color-success** - "Connected", "trusted", "verified". _(default: undefined)_
   * - **--peer-color-warning** - "Connecting", "key changed". _(default: undefined)_
   * - **--peer-color-danger** - Errors, failed sends, "blocked", destructive buttons. _(default: undefined)_
   * - **--peer-color-focus** - The focus ring. _(default: undefined)_
   * - **--peer-shadow-s** - Shadow of raised controls. _(default: undefined)_
   * - **--peer-shadow-m** - Shadow of dialogs and floating buttons. _(default: undefined)_
   * - **--peer-focus-ring-width** - Width of the focus ring, 2px. _(default: undefined)_
   * - **--peer-focus-ring-offset** - Gap between a control and its focus ring, 2px. _(default: undefined)_
   * - **--peer-duration-fast** - Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-duration-m** - Larger transitions, 200ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-text** - Deprecated (removed in the next release): read when `--peer-color-text` is not set. _(default: undefined)_
   * - **--peer-muted** - Deprecated: read when `--peer-color-text-muted` is not set. _(default: undefined)_
   * - **--peer-surface** - Deprecated: read when `--peer-color-surface` is not set. _(default: undefined)_
   * - **--peer-border** - Deprecated: read when `--peer-color-border` is not set. _(default: undefined)_
   * - **--peer-accent** - Deprecated: read when `--peer-color-accent` is not set. _(default: undefined)_
   * - **--peer-ok** - Deprecated: read when `--peer-color-success` is not set. _(default: undefined)_
   * - **--peer-warn** - Deprecated: read when `--peer-color-warning` is not set. _(default: undefined)_
   * - **--peer-danger** - Deprecated: read when `--peer-color-danger` is not set. _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **list** - The grid (`role="grid"`).
   * - **peer** - One row (`role="row"`), named by the peer's name.
   * - **name** - A peer's name.
   * - **fingerprint** - A peer's short fingerprint (the full one is its title).
   * - **trust** - The trust badge; also `trust-trusted`, `trust-unknown`, `trust-key-changed`, `trust-blocked`.
   * - **state** - Connection state and path.
   * - **rtt** - The round-trip time (its own cell, so the row's name does not change with it).
   * - **action** - The verify, trust and block buttons.
   * - **verify-dialog** - The dialog that verifies a peer.
   * - **safety-number** - The safety number in the dialog: 12 groups of 5 digits.
   * - **safety-qr** - The QR code (SVG) in the dialog.
   * - **button** - The dialog's buttons.
   * - **verify-mark** - The "Mark verified" button in the dialog.
   * - **empty** - The empty state.
   */
  "peer-list": DefineComponent<PeerListElementProps>;

  /**
   * A room of peers: signaling, links, and the state the other elements show.
   * ---
   *
   *
   * ### **Events:**
   *  - **PeerJoin** - `@peer-join`: A peer entered the room (pair mode: became the partner). `detail: {id}`
   * - **PeerLeave** - `@peer-leave`: A peer left. `detail: {id}`
   * - **PeerConnectionChange** - `@peer-connection-change`: A link's state, RTT or path changed. `detail: {id, state, rtt, path}`
   * - **PeerMessage** - `@peer-message`: A message arrived. `detail: {from, data, via}` (`via`: the peer that relayed it, in a large room)
   * - **PeerSignalRejected** - `@peer-signal-rejected`: A signal failed its checks (forged, replayed, untrusted…). `detail: {from, code, message}`
   * - **PeerError** - `@peer-error`: Signaling or a link failed, or the server is out of reach (`code`: `server-rejected`, `server-unreachable`, `server-timeout`; once per problem, retrying goes on). `detail: {code, message, status?}`
   * - **PeerKeyChanged** - `@peer-key-changed`: A known name arrived with a different key (tofu warns; maybe an impostor). `detail: {name, previous, next}`
   * - **PeerStatusChange** - `@peer-status-change`: The signaling connection's state changed. `detail: {status}`
   * - **PeerRotate** - `@peer-rotate`: A large room replaced a slow link with one to a closer peer. `detail: {dropped, added, rtt, estimate}`
   * - **PeerSessionChange** - `@peer-session-change`: The room's session (`group`: its Room or Pairing) started or stopped. `detail: {active}`
   *
   * ### **Methods:**
   *  - **next(): _Promise<void>_** - Pair mode: drop the partner and look for another stranger.
   * - **setTrust(id: _string_, trust: _'trusted' | 'unknown' | 'blocked'_): _Promise<void>_** - Sets a peer's trust in the address book, and shows it.
   * - **retry(): _void_** - Tries again now instead of waiting for the next automatic attempt. Joined and then cut off from
   * the server, the room reconnects its session (links to peers stay up); otherwise (the server out
   * of reach from the start, a refused join, a closed connection) it starts over with fresh waits.
   * Does nothing while connected without a problem, while a start is under way, or before the room started.
   * - **changeServer(opener: _HTMLElement_): _Promise<boolean>_** - Asks for another server in a dialog (a `wss:`, `ws:`, `https:` or `http:` URL, checked as
   * `server` is read) and, when the user confirms one, sets the `server` attribute: the room
   * connects there. Resolves true if the server changed. `opener` gets the focus back afterwards.
   *
   *
   * ### **Slots:**
   *  - _default_ - Content that uses the room (`<peer-list>`, `<peer-chat>`…).
   *
   * ### **CSS Properties:**
   *  - **--peer-space-3xs** - Spacing step, 2px. _(default: undefined)_
   * - **--peer-space-2xs** - Spacing step, 4px. _(default: undefined)_
   * - **--peer-space-xs** - Spacing step, 8px. _(default: undefined)_
   * - **--peer-space-s** - Spacing step, 12px. _(default: undefined)_
   * - **--peer-space-m** - Spacing step, 16px. _(default: undefined)_
   * - **--peer-space-l** - Spacing step, 24px. _(default: undefined)_
   * - **--peer-space-xl** - Spacing step, 32px. _(default: undefined)_
   * - **--peer-radius-s** - Corner radius of small controls, 4px. _(default: undefined)_
   * - **--peer-radius-m** - Corner radius of buttons, fields and bubbles, 8px. _(default: undefined)_
   * - **--peer-radius-l** - Corner radius of dialogs and cards, 12px. _(default: undefined)_
   * - **--peer-radius-full** - Pills and dots, 9999px. _(default: undefined)_
   * - **--peer-font** - Font family. _(default: undefined)_
   * - **--peer-font-mono** - Monospace font family (fingerprints, keys, safety numbers). _(default: undefined)_
   * - **--peer-font-size-xs** - Type scale, 0.75rem. _(default: undefined)_
   * - **--peer-font-size-s** - Type scale, 0.875rem (secondary text, small buttons). _(default: undefined)_
   * - **--peer-font-size-m** - Type scale, 1rem (body text). _(default: undefined)_
   * - **--peer-font-size-l** - Type scale, 1.25rem (headings). _(default: undefined)_
   * - **--peer-line-height** - Line height, 1.45. _(default: undefined)_
   * - **--peer-font-weight-normal** - Body text weight, 400. _(default: undefined)_
   * - **--peer-font-weight-strong** - Names, headings and buttons, 600. _(default: undefined)_
   * - **--peer-color-scheme** - `light` or `dark`: the `color-scheme` the element declares (set by the themes). _(default: undefined)_
   * - **--peer-color-surface** - The element's background. _(default: undefined)_
   * - **--peer-color-surface-raised** - Dialogs, popovers and raised controls. _(default: undefined)_
   * - **--peer-color-surface-sunken** - Wells and inset areas. _(default: undefined)_
   * - **--peer-color-text** - Text. _(default: undefined)_
   * - **--peer-color-text-muted** - Secondary text (times, hints, fingerprints). _(default: undefined)_
   * - **--peer-color-border** - Borders of controls and separators (≥ 3:1 against the surface). _(default: undefined)_
   * - **--peer-color-accent** - Primary buttons, links, unread marker. _(default: undefined)_
   * - **--peer-color-on-accent** - Text on the accent colour. _(default: undefined)_
   * - **--peer-color-success** - "Connected", "trusted", "verified". _(default: undefined)_
   * - **--peer-color-warning** - "Connecting", "key changed". _(default: undefined)_
   * - **--peer-color-danger** - Errors, failed sends, "blocked", destructive buttons. _(default: undefined)_
   * - **--peer-color-focus** - The focus ring. _(default: undefined)_
   * - **--peer-shadow-s** - Shadow of raised controls. _(default: undefined)_
   * - **--peer-shadow-m** - Shadow of dialogs and floating buttons. _(default: undefined)_
   * - **--peer-focus-ring-width** - Width of the focus ring, 2px. _(default: undefined)_
   * - **--peer-focus-ring-offset** - Gap between a control and its focus ring, 2px. _(default: undefined)_
   * - **--peer-duration-fast** - Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-duration-m** - Larger transitions, 200ms (0ms under `prefers-reduced-motion`). _(default: undefined)_
   * - **--peer-text** - Deprecated (removed in the next release): read when `--peer-color-text` is not set. _(default: undefined)_
   * - **--peer-muted** - Deprecated: read when `--peer-color-text-muted` is not set. _(default: undefined)_
   * - **--peer-surface** - Deprecated: read when `--peer-color-surface` is not set. _(default: undefined)_
   * - **--peer-border** - Deprecated: read when `--peer-color-border` is not set. _(default: undefined)_
   * - **--peer-accent** - Deprecated: read when `--peer-color-accent` is not set. _(default: undefined)_
   * - **--peer-ok** - Deprecated: read when `--peer-color-success` is not set. _(default: undefined)_
   * - **--peer-warn** - Deprecated: read when `--peer-color-warning` is not set. _(default: undefined)_
   * - **--peer-danger** - Deprecated: read when `--peer-color-danger` is not set. _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **status** - The status line.
   * - **status-dot** - The coloured dot before it.
   * - **next** - The "next stranger" button (pair mode).
   * - **relay-only** - "IP address hidden", while links go through the TURN server only (`ice-transport-policy="relay"`, pair mode's default with TURN).
   * - **button** - Every button (`next`, `retry`, `change-server`).
   * - **alert** - The alert (`<peer-alert>`) shown while something keeps the room from working: why, when it tries again, and what the user can do.
   * - **alert-message** - What is wrong, in the alert.
   * - **next-attempt** - When the room tries again by itself ("Next attempt in 8 seconds"), in the alert.
   * - **retry** - The alert's "Retry now" button (calls `retry()`).
   * - **change-server** - The alert's "Change server…" button (calls `changeServer()`), when the server is the problem.
   * - **content** - The slotted content; `aria-busy="true"` while the room connects or joins.
   */
  "peer-room": DefineComponent<PeerRoomElementProps>;
};

declare module "vue" {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface GlobalComponents extends CustomElements {}
}

declare global {
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-interface
    interface IntrinsicElements extends CustomElements {}
  }
}
