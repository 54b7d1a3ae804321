import type {
  PeerAlertElement,
  PeerCopyButtonElement,
  PeerDialogElement,
  PeerIconElement,
  PeerAvatarElement,
  PeerButtonElement,
  PeerPresenceElement,
  PeerRelativeTimeElement,
  PeerTooltipElement,
} from "peerkit/blocks";
import type {
  PeerCallElement,
  PeerChatElement,
  PeerIdentityElement,
  PeerListElement,
  PeerRoomElement,
} from "peerkit/elements";

/**
 * This type can be used to create scoped tags for your components.
 *
 * Usage:
 *
 * ```ts
 * import type { ScopedElements } from "path/to/library/jsx-integration";
 *
 * declare module "my-library" {
 *   namespace JSX {
 *     interface IntrinsicElements
 *       extends ScopedElements<'test-', ''> {}
 *   }
 * }
 * ```
 *
 * @deprecated Runtime scoped elements result in duplicate types and can confusing for developers. It is recommended to use the `prefix` and `suffix` options to generate new types instead.
 */
export type ScopedElements<
  Prefix extends string = "",
  Suffix extends string = "",
> = {
  [
    Key in keyof CustomElements as `${Prefix}${Key}${Suffix}`
  ]: CustomElements[Key];
};

/**
 * A generic type for strongly typing custom events with their targets
 * @template T - The type of the event target (extends EventTarget)
 * @template D - The type of the detail payload for the custom event
 */
type TypedEvent<T extends EventTarget, E = Event> = E & {
  target: T;
};

type BaseProps<T extends HTMLElement> = {
  /** Content added between the opening and closing tags of the element */
  children?: any | undefined;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  class?: string | undefined;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  className?: string | undefined;
  /** Takes an object where the key is the class name(s) and the value is a boolean expression. When true, the class is applied, and when false, it is removed. */
  classList?: Record<string, boolean | undefined> | undefined;
  /** Specifies the text direction of the element. */
  dir?: "ltr" | "rtl" | undefined;
  /** Contains a space-separated list of the part names of the element that should be exposed on the host element. */
  exportparts?: string | undefined;
  /** For <label> and <output>, lets you associate the label with some control. */
  htmlFor?: string | undefined;
  /** Specifies whether the element should be hidden. */
  hidden?: boolean | string | undefined;
  /** A unique identifier for the element. */
  id?: string | undefined;
  /** Keys tell React which array item each component corresponds to */
  key?: string | number | undefined;
  /** Specifies the language of the element. */
  lang?: string | undefined;
  /** Defines the element's semantic role for accessibility APIs. */
  role?: string | undefined;
  /** Contains a space-separated list of the part names of the element. Part names allows CSS to select and style specific elements in a shadow tree via the ::part pseudo-element. */
  part?: string | undefined;
  /** Use the ref attribute with a variable to assign a DOM element to the variable once the element is rendered. */
  ref?: (T | ((e: T) => void)) | undefined;
  /** Adds a reference for a custom element slot */
  slot?: string | undefined;
  /** Prop for setting inline styles */
  style?: Record<string, string | number> | undefined;
  /** Overrides the default Tab button behavior. Avoid using values other than -1 and 0. */
  tabIndex?: number | undefined;
  /** Specifies the tooltip text for the element. */
  title?: string | undefined;
  /** Passing 'no' excludes the element content from being translated. */
  translate?: "yes" | "no" | undefined;
  /** The popover global attribute is used to designate an element as a popover element. */
  popover?: "auto" | "hint" | "manual" | undefined;
  /** Turns an element element into a popover control button; takes the ID of the popover element to control as its value. */
  popovertarget?: "top" | "bottom" | "left" | "right" | "auto" | undefined;
  /** Specifies the action to be performed on a popover element being controlled by a control element. */
  popovertargetaction?: "show" | "hide" | "toggle" | undefined;
};

type BaseEvents = {
  onCopy?: import("react").DOMAttributes<HTMLElement>["onCopy"] | undefined;
  onCopyCapture?:
    import("react").DOMAttributes<HTMLElement>["onCopyCapture"] | undefined;
  onCut?: import("react").DOMAttributes<HTMLElement>["onCut"] | undefined;
  onCutCapture?:
    import("react").DOMAttributes<HTMLElement>["onCutCapture"] | undefined;
  onPaste?: import("react").DOMAttributes<HTMLElement>["onPaste"] | undefined;
  onPasteCapture?:
    import("react").DOMAttributes<HTMLElement>["onPasteCapture"] | undefined;
  onCompositionEnd?:
    import("react").DOMAttributes<HTMLElement>["onCompositionEnd"] | undefined;
  onCompositionEndCapture?:
    | import("react").DOMAttributes<HTMLElement>["onCompositionEndCapture"]
    | undefined;
  onCompositionStart?:
    | import("react").DOMAttributes<HTMLElement>["onCompositionStart"]
    | undefined;
  onCompositionStartCapture?:
    | import("react").DOMAttributes<HTMLElement>["onCompositionStartCapture"]
    | undefined;
  onCompositionUpdate?:
    | import("react").DOMAttributes<HTMLElement>["onCompositionUpdate"]
    | undefined;
  onCompositionUpdateCapture?:
    | import("react").DOMAttributes<HTMLElement>["onCompositionUpdateCapture"]
    | undefined;
  onFocus?: import("react").DOMAttributes<HTMLElement>["onFocus"] | undefined;
  onFocusCapture?:
    import("react").DOMAttributes<HTMLElement>["onFocusCapture"] | undefined;
  onBlur?: import("react").DOMAttributes<HTMLElement>["onBlur"] | undefined;
  onBlurCapture?:
    import("react").DOMAttributes<HTMLElement>["onBlurCapture"] | undefined;
  onChange?: import("react").DOMAttributes<HTMLElement>["onChange"] | undefined;
  onChangeCapture?:
    import("react").DOMAttributes<HTMLElement>["onChangeCapture"] | undefined;
  onBeforeInput?:
    import("react").DOMAttributes<HTMLElement>["onBeforeInput"] | undefined;
  onBeforeInputCapture?:
    | import("react").DOMAttributes<HTMLElement>["onBeforeInputCapture"]
    | undefined;
  onInput?: import("react").DOMAttributes<HTMLElement>["onInput"] | undefined;
  onInputCapture?:
    import("react").DOMAttributes<HTMLElement>["onInputCapture"] | undefined;
  onReset?: import("react").DOMAttributes<HTMLElement>["onReset"] | undefined;
  onResetCapture?:
    import("react").DOMAttributes<HTMLElement>["onResetCapture"] | undefined;
  onSubmit?: import("react").DOMAttributes<HTMLElement>["onSubmit"] | undefined;
  onSubmitCapture?:
    import("react").DOMAttributes<HTMLElement>["onSubmitCapture"] | undefined;
  onInvalid?:
    import("react").DOMAttributes<HTMLElement>["onInvalid"] | undefined;
  onInvalidCapture?:
    import("react").DOMAttributes<HTMLElement>["onInvalidCapture"] | undefined;
  onLoad?: import("react").DOMAttributes<HTMLElement>["onLoad"] | undefined;
  onLoadCapture?:
    import("react").DOMAttributes<HTMLElement>["onLoadCapture"] | undefined;
  onError?: import("react").DOMAttributes<HTMLElement>["onError"] | undefined;
  onErrorCapture?:
    import("react").DOMAttributes<HTMLElement>["onErrorCapture"] | undefined;
  onKeyDown?:
    import("react").DOMAttributes<HTMLElement>["onKeyDown"] | undefined;
  onKeyDownCapture?:
    import("react").DOMAttributes<HTMLElement>["onKeyDownCapture"] | undefined;
  onKeyPress?:
    import("react").DOMAttributes<HTMLElement>["onKeyPress"] | undefined;
  onKeyPressCapture?:
    import("react").DOMAttributes<HTMLElement>["onKeyPressCapture"] | undefined;
  onKeyUp?: import("react").DOMAttributes<HTMLElement>["onKeyUp"] | undefined;
  onKeyUpCapture?:
    import("react").DOMAttributes<HTMLElement>["onKeyUpCapture"] | undefined;
  onAbort?: import("react").DOMAttributes<HTMLElement>["onAbort"] | undefined;
  onAbortCapture?:
    import("react").DOMAttributes<HTMLElement>["onAbortCapture"] | undefined;
  onCanPlay?:
    import("react").DOMAttributes<HTMLElement>["onCanPlay"] | undefined;
  onCanPlayCapture?:
    import("react").DOMAttributes<HTMLElement>["onCanPlayCapture"] | undefined;
  onCanPlayThrough?:
    import("react").DOMAttributes<HTMLElement>["onCanPlayThrough"] | undefined;
  onCanPlayThroughCapture?:
    | import("react").DOMAttributes<HTMLElement>["onCanPlayThroughCapture"]
    | undefined;
  onDurationChange?:
    import("react").DOMAttributes<HTMLElement>["onDurationChange"] | undefined;
  onDurationChangeCapture?:
    | import("react").DOMAttributes<HTMLElement>["onDurationChangeCapture"]
    | undefined;
  onEmptied?:
    import("react").DOMAttributes<HTMLElement>["onEmptied"] | undefined;
  onEmptiedCapture?:
    import("react").DOMAttributes<HTMLElement>["onEmptiedCapture"] | undefined;
  onEncrypted?:
    import("react").DOMAttributes<HTMLElement>["onEncrypted"] | undefined;
  onEncryptedCapture?:
    | import("react").DOMAttributes<HTMLElement>["onEncryptedCapture"]
    | undefined;
  onEnded?: import("react").DOMAttributes<HTMLElement>["onEnded"] | undefined;
  onEndedCapture?:
    import("react").DOMAttributes<HTMLElement>["onEndedCapture"] | undefined;
  onLoadedData?:
    import("react").DOMAttributes<HTMLElement>["onLoadedData"] | undefined;
  onLoadedDataCapture?:
    | import("react").DOMAttributes<HTMLElement>["onLoadedDataCapture"]
    | undefined;
  onLoadedMetadata?:
    import("react").DOMAttributes<HTMLElement>["onLoadedMetadata"] | undefined;
  onLoadedMetadataCapture?:
    | import("react").DOMAttributes<HTMLElement>["onLoadedMetadataCapture"]
    | undefined;
  onLoadStart?:
    import("react").DOMAttributes<HTMLElement>["onLoadStart"] | undefined;
  onLoadStartCapture?:
    | import("react").DOMAttributes<HTMLElement>["onLoadStartCapture"]
    | undefined;
  onPause?: import("react").DOMAttributes<HTMLElement>["onPause"] | undefined;
  onPauseCapture?:
    import("react").DOMAttributes<HTMLElement>["onPauseCapture"] | undefined;
  onPlay?: import("react").DOMAttributes<HTMLElement>["onPlay"] | undefined;
  onPlayCapture?:
    import("react").DOMAttributes<HTMLElement>["onPlayCapture"] | undefined;
  onPlaying?:
    import("react").DOMAttributes<HTMLElement>["onPlaying"] | undefined;
  onPlayingCapture?:
    import("react").DOMAttributes<HTMLElement>["onPlayingCapture"] | undefined;
  onProgress?:
    import("react").DOMAttributes<HTMLElement>["onProgress"] | undefined;
  onProgressCapture?:
    import("react").DOMAttributes<HTMLElement>["onProgressCapture"] | undefined;
  onRateChange?:
    import("react").DOMAttributes<HTMLElement>["onRateChange"] | undefined;
  onRateChangeCapture?:
    | import("react").DOMAttributes<HTMLElement>["onRateChangeCapture"]
    | undefined;
  onSeeked?: import("react").DOMAttributes<HTMLElement>["onSeeked"] | undefined;
  onSeekedCapture?:
    import("react").DOMAttributes<HTMLElement>["onSeekedCapture"] | undefined;
  onSeeking?:
    import("react").DOMAttributes<HTMLElement>["onSeeking"] | undefined;
  onSeekingCapture?:
    import("react").DOMAttributes<HTMLElement>["onSeekingCapture"] | undefined;
  onStalled?:
    import("react").DOMAttributes<HTMLElement>["onStalled"] | undefined;
  onStalledCapture?:
    import("react").DOMAttributes<HTMLElement>["onStalledCapture"] | undefined;
  onSuspend?:
    import("react").DOMAttributes<HTMLElement>["onSuspend"] | undefined;
  onSuspendCapture?:
    import("react").DOMAttributes<HTMLElement>["onSuspendCapture"] | undefined;
  onTimeUpdate?:
    import("react").DOMAttributes<HTMLElement>["onTimeUpdate"] | undefined;
  onTimeUpdateCapture?:
    | import("react").DOMAttributes<HTMLElement>["onTimeUpdateCapture"]
    | undefined;
  onVolumeChange?:
    import("react").DOMAttributes<HTMLElement>["onVolumeChange"] | undefined;
  onVolumeChangeCapture?:
    | import("react").DOMAttributes<HTMLElement>["onVolumeChangeCapture"]
    | undefined;
  onWaiting?:
    import("react").DOMAttributes<HTMLElement>["onWaiting"] | undefined;
  onWaitingCapture?:
    import("react").DOMAttributes<HTMLElement>["onWaitingCapture"] | undefined;
  onAuxClick?:
    import("react").DOMAttributes<HTMLElement>["onAuxClick"] | undefined;
  onAuxClickCapture?:
    import("react").DOMAttributes<HTMLElement>["onAuxClickCapture"] | undefined;
  onClick?: import("react").DOMAttributes<HTMLElement>["onClick"] | undefined;
  onClickCapture?:
    import("react").DOMAttributes<HTMLElement>["onClickCapture"] | undefined;
  onContextMenu?:
    import("react").DOMAttributes<HTMLElement>["onContextMenu"] | undefined;
  onContextMenuCapture?:
    | import("react").DOMAttributes<HTMLElement>["onContextMenuCapture"]
    | undefined;
  onDoubleClick?:
    import("react").DOMAttributes<HTMLElement>["onDoubleClick"] | undefined;
  onDoubleClickCapture?:
    | import("react").DOMAttributes<HTMLElement>["onDoubleClickCapture"]
    | undefined;
  onDrag?: import("react").DOMAttributes<HTMLElement>["onDrag"] | undefined;
  onDragCapture?:
    import("react").DOMAttributes<HTMLElement>["onDragCapture"] | undefined;
  onDragEnd?:
    import("react").DOMAttributes<HTMLElement>["onDragEnd"] | undefined;
  onDragEndCapture?:
    import("react").DOMAttributes<HTMLElement>["onDragEndCapture"] | undefined;
  onDragEnter?:
    import("react").DOMAttributes<HTMLElement>["onDragEnter"] | undefined;
  onDragEnterCapture?:
    | import("react").DOMAttributes<HTMLElement>["onDragEnterCapture"]
    | undefined;
  onDragExit?:
    import("react").DOMAttributes<HTMLElement>["onDragExit"] | undefined;
  onDragExitCapture?:
    import("react").DOMAttributes<HTMLElement>["onDragExitCapture"] | undefined;
  onDragLeave?:
    import("react").DOMAttributes<HTMLElement>["onDragLeave"] | undefined;
  onDragLeaveCapture?:
    | import("react").DOMAttributes<HTMLElement>["onDragLeaveCapture"]
    | undefined;
  onDragOver?:
    import("react").DOMAttributes<HTMLElement>["onDragOver"] | undefined;
  onDragOverCapture?:
    import("react").DOMAttributes<HTMLElement>["onDragOverCapture"] | undefined;
  onDragStart?:
    import("react").DOMAttributes<HTMLElement>["onDragStart"] | undefined;
  onDragStartCapture?:
    | import("react").DOMAttributes<HTMLElement>["onDragStartCapture"]
    | undefined;
  onDrop?: import("react").DOMAttributes<HTMLElement>["onDrop"] | undefined;
  onDropCapture?:
    import("react").DOMAttributes<HTMLElement>["onDropCapture"] | undefined;
  onMouseDown?:
    import("react").DOMAttributes<HTMLElement>["onMouseDown"] | undefined;
  onMouseDownCapture?:
    | import("react").DOMAttributes<HTMLElement>["onMouseDownCapture"]
    | undefined;
  onMouseEnter?:
    import("react").DOMAttributes<HTMLElement>["onMouseEnter"] | undefined;
  onMouseLeave?:
    import("react").DOMAttributes<HTMLElement>["onMouseLeave"] | undefined;
  onMouseMove?:
    import("react").DOMAttributes<HTMLElement>["onMouseMove"] | undefined;
  onMouseMoveCapture?:
    | import("react").DOMAttributes<HTMLElement>["onMouseMoveCapture"]
    | undefined;
  onMouseOut?:
    import("react").DOMAttributes<HTMLElement>["onMouseOut"] | undefined;
  onMouseOutCapture?:
    import("react").DOMAttributes<HTMLElement>["onMouseOutCapture"] | undefined;
  onMouseOver?:
    import("react").DOMAttributes<HTMLElement>["onMouseOver"] | undefined;
  onMouseOverCapture?:
    | import("react").DOMAttributes<HTMLElement>["onMouseOverCapture"]
    | undefined;
  onMouseUp?:
    import("react").DOMAttributes<HTMLElement>["onMouseUp"] | undefined;
  onMouseUpCapture?:
    import("react").DOMAttributes<HTMLElement>["onMouseUpCapture"] | undefined;
  onSelect?: import("react").DOMAttributes<HTMLElement>["onSelect"] | undefined;
  onSelectCapture?:
    import("react").DOMAttributes<HTMLElement>["onSelectCapture"] | undefined;
  onTouchCancel?:
    import("react").DOMAttributes<HTMLElement>["onTouchCancel"] | undefined;
  onTouchCancelCapture?:
    | import("react").DOMAttributes<HTMLElement>["onTouchCancelCapture"]
    | undefined;
  onTouchEnd?:
    import("react").DOMAttributes<HTMLElement>["onTouchEnd"] | undefined;
  onTouchEndCapture?:
    import("react").DOMAttributes<HTMLElement>["onTouchEndCapture"] | undefined;
  onTouchMove?:
    import("react").DOMAttributes<HTMLElement>["onTouchMove"] | undefined;
  onTouchMoveCapture?:
    | import("react").DOMAttributes<HTMLElement>["onTouchMoveCapture"]
    | undefined;
  onTouchStart?:
    import("react").DOMAttributes<HTMLElement>["onTouchStart"] | undefined;
  onTouchStartCapture?:
    | import("react").DOMAttributes<HTMLElement>["onTouchStartCapture"]
    | undefined;
  onPointerDown?:
    import("react").DOMAttributes<HTMLElement>["onPointerDown"] | undefined;
  onPointerDownCapture?:
    | import("react").DOMAttributes<HTMLElement>["onPointerDownCapture"]
    | undefined;
  onPointerMove?:
    import("react").DOMAttributes<HTMLElement>["onPointerMove"] | undefined;
  onPointerMoveCapture?:
    | import("react").DOMAttributes<HTMLElement>["onPointerMoveCapture"]
    | undefined;
  onPointerUp?:
    import("react").DOMAttributes<HTMLElement>["onPointerUp"] | undefined;
  onPointerUpCapture?:
    | import("react").DOMAttributes<HTMLElement>["onPointerUpCapture"]
    | undefined;
  onPointerCancel?:
    import("react").DOMAttributes<HTMLElement>["onPointerCancel"] | undefined;
  onPointerCancelCapture?:
    | import("react").DOMAttributes<HTMLElement>["onPointerCancelCapture"]
    | undefined;
  onPointerEnter?:
    import("react").DOMAttributes<HTMLElement>["onPointerEnter"] | undefined;
  onPointerLeave?:
    import("react").DOMAttributes<HTMLElement>["onPointerLeave"] | undefined;
  onPointerOver?:
    import("react").DOMAttributes<HTMLElement>["onPointerOver"] | undefined;
  onPointerOverCapture?:
    | import("react").DOMAttributes<HTMLElement>["onPointerOverCapture"]
    | undefined;
  onPointerOut?:
    import("react").DOMAttributes<HTMLElement>["onPointerOut"] | undefined;
  onPointerOutCapture?:
    | import("react").DOMAttributes<HTMLElement>["onPointerOutCapture"]
    | undefined;
  onGotPointerCapture?:
    | import("react").DOMAttributes<HTMLElement>["onGotPointerCapture"]
    | undefined;
  onGotPointerCaptureCapture?:
    | import("react").DOMAttributes<HTMLElement>["onGotPointerCaptureCapture"]
    | undefined;
  onLostPointerCapture?:
    | import("react").DOMAttributes<HTMLElement>["onLostPointerCapture"]
    | undefined;
  onLostPointerCaptureCapture?:
    | import("react").DOMAttributes<HTMLElement>["onLostPointerCaptureCapture"]
    | undefined;
  onScroll?: import("react").DOMAttributes<HTMLElement>["onScroll"] | undefined;
  onScrollCapture?:
    import("react").DOMAttributes<HTMLElement>["onScrollCapture"] | undefined;
  onScrollEnd?:
    import("react").DOMAttributes<HTMLElement>["onScrollEnd"] | undefined;
  onScrollEndCapture?:
    | import("react").DOMAttributes<HTMLElement>["onScrollEndCapture"]
    | undefined;
  onWheel?: import("react").DOMAttributes<HTMLElement>["onWheel"] | undefined;
  onWheelCapture?:
    import("react").DOMAttributes<HTMLElement>["onWheelCapture"] | undefined;
  onAnimationStart?:
    import("react").DOMAttributes<HTMLElement>["onAnimationStart"] | undefined;
  onAnimationStartCapture?:
    | import("react").DOMAttributes<HTMLElement>["onAnimationStartCapture"]
    | undefined;
  onAnimationEnd?:
    import("react").DOMAttributes<HTMLElement>["onAnimationEnd"] | undefined;
  onAnimationEndCapture?:
    | import("react").DOMAttributes<HTMLElement>["onAnimationEndCapture"]
    | undefined;
  onAnimationIteration?:
    | import("react").DOMAttributes<HTMLElement>["onAnimationIteration"]
    | undefined;
  onAnimationIterationCapture?:
    | import("react").DOMAttributes<HTMLElement>["onAnimationIterationCapture"]
    | undefined;
  onToggle?: import("react").DOMAttributes<HTMLElement>["onToggle"] | undefined;
  onBeforeToggle?:
    import("react").DOMAttributes<HTMLElement>["onBeforeToggle"] | undefined;
  onTransitionCancel?:
    | import("react").DOMAttributes<HTMLElement>["onTransitionCancel"]
    | undefined;
  onTransitionCancelCapture?:
    | import("react").DOMAttributes<HTMLElement>["onTransitionCancelCapture"]
    | undefined;
  onTransitionEnd?:
    import("react").DOMAttributes<HTMLElement>["onTransitionEnd"] | undefined;
  onTransitionEndCapture?:
    | import("react").DOMAttributes<HTMLElement>["onTransitionEndCapture"]
    | undefined;
  onTransitionRun?:
    import("react").DOMAttributes<HTMLElement>["onTransitionRun"] | undefined;
  onTransitionRunCapture?:
    | import("react").DOMAttributes<HTMLElement>["onTransitionRunCapture"]
    | undefined;
  onTransitionStart?:
    import("react").DOMAttributes<HTMLElement>["onTransitionStart"] | undefined;
  onTransitionStartCapture?:
    | import("react").DOMAttributes<HTMLElement>["onTransitionStartCapture"]
    | undefined;
};

/** `PeerAlertElement` component event */
export type PeerAlertElementElementEvent<E = Event> = TypedEvent<
  PeerAlertElement,
  E
>;
/** `peer-alert-dismiss` event type */
export type PeerAlertElementPeerAlertDismissElementEvent =
  PeerAlertElementElementEvent<CustomEvent<{ [key: string]: never }>>;

export type PeerAlertElementProps = {
  /** `info` (default), `success`, `warning` or `danger`. */
  variant?: PeerAlertElement["variant"] | undefined;
  /** Interrupts screen readers (`role="alert"`): only for what must be heard now. */
  urgent?: PeerAlertElement["urgent"] | undefined;
  /** Shows a dismiss button. */
  dismissible?: PeerAlertElement["dismissible"] | undefined;
  /** False once dismissed (then the alert is hidden); set it to show the alert again. */
  open?: PeerAlertElement["open"] | undefined;
  /** Drawn raised, with a shadow, as the toasts of `toast()` are. */
  toast?: PeerAlertElement["toast"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerAlertElement["theme"] | undefined;
  /** Overrides for the default strings (localization). */
  strings?: PeerAlertElement["strings"] | undefined;

  /** The user dismissed the alert (cancelable: then it stays open). `detail: {}` */
  "onpeer-alert-dismiss"?:
    ((e: PeerAlertElementPeerAlertDismissElementEvent) => void) | undefined;
};

export type PeerAlertElementSolidJsProps = {
  /** `info` (default), `success`, `warning` or `danger`. */
  "prop:variant"?: PeerAlertElement["variant"] | undefined;
  /** Interrupts screen readers (`role="alert"`): only for what must be heard now. */
  "prop:urgent"?: PeerAlertElement["urgent"] | undefined;
  /** Shows a dismiss button. */
  "prop:dismissible"?: PeerAlertElement["dismissible"] | undefined;
  /** False once dismissed (then the alert is hidden); set it to show the alert again. */
  "prop:open"?: PeerAlertElement["open"] | undefined;
  /** Drawn raised, with a shadow, as the toasts of `toast()` are. */
  "prop:toast"?: PeerAlertElement["toast"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  "prop:theme"?: PeerAlertElement["theme"] | undefined;
  /** Overrides for the default strings (localization). */
  "prop:strings"?: PeerAlertElement["strings"] | undefined;
  /** The user dismissed the alert (cancelable: then it stays open). `detail: {}` */
  "on:peer-alert-dismiss"?:
    ((e: PeerAlertElementPeerAlertDismissElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

/** `PeerCopyButtonElement` component event */
export type PeerCopyButtonElementElementEvent<E = Event> = TypedEvent<
  PeerCopyButtonElement,
  E
>;
/** `peer-copy` event type */
export type PeerCopyButtonElementPeerCopyElementEvent =
  PeerCopyButtonElementElementEvent<
    CustomEvent<{
      readonly value: string;
      readonly ok: boolean;
      readonly via?: "clipboard" | "command";
    }>
  >;

export type PeerCopyButtonElementProps = {
  /** The text to copy. */
  value?: PeerCopyButtonElement["value"] | undefined;
  /** The button's accessible name (default "Copy"); say what is copied, e.g. "Copy fingerprint". */
  label?: PeerCopyButtonElement["label"] | undefined;
  /** Default `text`. */
  variant?: PeerCopyButtonElement["variant"] | undefined;
  /** Default `s`. */
  size?: PeerCopyButtonElement["size"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerCopyButtonElement["theme"] | undefined;
  /** Overrides for the default strings (localization). */
  strings?: PeerCopyButtonElement["strings"] | undefined;

  /** After a copy was tried. `detail: {value, ok, via}`: `via` is `clipboard` or `command` when `ok`. */
  "onpeer-copy"?:
    ((e: PeerCopyButtonElementPeerCopyElementEvent) => void) | undefined;
};

export type PeerCopyButtonElementSolidJsProps = {
  /** The text to copy. */
  "prop:value"?: PeerCopyButtonElement["value"] | undefined;
  /** The button's accessible name (default "Copy"); say what is copied, e.g. "Copy fingerprint". */
  "prop:label"?: PeerCopyButtonElement["label"] | undefined;
  /** Default `text`. */
  "prop:variant"?: PeerCopyButtonElement["variant"] | undefined;
  /** Default `s`. */
  "prop:size"?: PeerCopyButtonElement["size"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  "prop:theme"?: PeerCopyButtonElement["theme"] | undefined;
  /** Overrides for the default strings (localization). */
  "prop:strings"?: PeerCopyButtonElement["strings"] | undefined;
  /** After a copy was tried. `detail: {value, ok, via}`: `via` is `clipboard` or `command` when `ok`. */
  "on:peer-copy"?:
    ((e: PeerCopyButtonElementPeerCopyElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

/** `PeerDialogElement` component event */
export type PeerDialogElementElementEvent<E = Event> = TypedEvent<
  PeerDialogElement,
  E
>;
/** `peer-dialog-close` event type */
export type PeerDialogElementPeerDialogCloseElementEvent =
  PeerDialogElementElementEvent<CustomEvent<{ readonly returnValue: string }>>;

export type PeerDialogElementProps = {
  /** The heading of a dialog opened with `show()`; it names the dialog. */
  label?: PeerDialogElement["label"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerDialogElement["theme"] | undefined;
  /** Overrides for the default button texts (localization). */
  strings?: PeerDialogElement["strings"] | undefined;

  /** The dialog closed. `detail: {returnValue}` (`''` when cancelled). */
  "onpeer-dialog-close"?:
    ((e: PeerDialogElementPeerDialogCloseElementEvent) => void) | undefined;
};

export type PeerDialogElementSolidJsProps = {
  /** The heading of a dialog opened with `show()`; it names the dialog. */
  "prop:label"?: PeerDialogElement["label"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  "prop:theme"?: PeerDialogElement["theme"] | undefined;
  /** Overrides for the default button texts (localization). */
  "prop:strings"?: PeerDialogElement["strings"] | undefined;
  /** The dialog closed. `detail: {returnValue}` (`''` when cancelled). */
  "on:peer-dialog-close"?:
    ((e: PeerDialogElementPeerDialogCloseElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

export type PeerIconElementProps = {
  /** The icon's name, one of `iconNames`; an unknown name draws nothing. */
  name?: PeerIconElement["name"] | undefined;
  /** What the icon says on its own, when no text is next to it; unset, screen readers skip it. */
  label?: PeerIconElement["label"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerIconElement["theme"] | undefined;
};

export type PeerIconElementSolidJsProps = {
  /** The icon's name, one of `iconNames`; an unknown name draws nothing. */
  "prop:name"?: PeerIconElement["name"] | undefined;
  /** What the icon says on its own, when no text is next to it; unset, screen readers skip it. */
  "prop:label"?: PeerIconElement["label"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  "prop:theme"?: PeerIconElement["theme"] | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

export type PeerAvatarElementProps = {
  /** The display name the initials come from. */
  name?: PeerAvatarElement["name"] | undefined;
  /** The peer's key fingerprint: it picks the colour. */
  fingerprint?: PeerAvatarElement["fingerprint"] | undefined;
  /** `s`, `m` (default) or `l`. */
  size?: PeerAvatarElement["size"] | undefined;
  /** Names the avatar for screen readers when no name is written next to it. */
  label?: PeerAvatarElement["label"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerAvatarElement["theme"] | undefined;
};

export type PeerAvatarElementSolidJsProps = {
  /** The display name the initials come from. */
  "prop:name"?: PeerAvatarElement["name"] | undefined;
  /** The peer's key fingerprint: it picks the colour. */
  "prop:fingerprint"?: PeerAvatarElement["fingerprint"] | undefined;
  /** `s`, `m` (default) or `l`. */
  "prop:size"?: PeerAvatarElement["size"] | undefined;
  /** Names the avatar for screen readers when no name is written next to it. */
  "prop:label"?: PeerAvatarElement["label"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  "prop:theme"?: PeerAvatarElement["theme"] | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

export type PeerButtonElementProps = {
  /** `primary`, `neutral`, `danger` or `text`. */
  variant?: PeerButtonElement["variant"] | undefined;
  /** `s` or `m`. */
  size?: PeerButtonElement["size"] | undefined;
  /** An icon name from peerkit's set, drawn before the text. */
  icon?: PeerButtonElement["icon"] | undefined;
  /** Makes the button icon-only (needs `icon`): its accessible name. */
  label?: PeerButtonElement["label"] | undefined;
  /**  */
  disabled?: PeerButtonElement["disabled"] | undefined;
  /** Shows a spinner, sets `aria-busy`, and ignores clicks. */
  loading?: PeerButtonElement["loading"] | undefined;
  /** `button` (default) or `submit` (submits the closest form). */
  type?: PeerButtonElement["type"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerButtonElement["theme"] | undefined;
};

export type PeerButtonElementSolidJsProps = {
  /** `primary`, `neutral`, `danger` or `text`. */
  "prop:variant"?: PeerButtonElement["variant"] | undefined;
  /** `s` or `m`. */
  "prop:size"?: PeerButtonElement["size"] | undefined;
  /** An icon name from peerkit's set, drawn before the text. */
  "prop:icon"?: PeerButtonElement["icon"] | undefined;
  /** Makes the button icon-only (needs `icon`): its accessible name. */
  "prop:label"?: PeerButtonElement["label"] | undefined;
  /**  */
  "prop:disabled"?: PeerButtonElement["disabled"] | undefined;
  /** Shows a spinner, sets `aria-busy`, and ignores clicks. */
  "prop:loading"?: PeerButtonElement["loading"] | undefined;
  /** `button` (default) or `submit` (submits the closest form). */
  "prop:type"?: PeerButtonElement["type"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  "prop:theme"?: PeerButtonElement["theme"] | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

export type PeerPresenceElementProps = {
  /** `connected`, `connecting`, `relayed` or `offline` (default; also for an unknown value). */
  status?: PeerPresenceElement["status"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerPresenceElement["theme"] | undefined;
  /** Overrides for the words (localization). */
  strings?: PeerPresenceElement["strings"] | undefined;
};

export type PeerPresenceElementSolidJsProps = {
  /** `connected`, `connecting`, `relayed` or `offline` (default; also for an unknown value). */
  "prop:status"?: PeerPresenceElement["status"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  "prop:theme"?: PeerPresenceElement["theme"] | undefined;
  /** Overrides for the words (localization). */
  "prop:strings"?: PeerPresenceElement["strings"] | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

export type PeerRelativeTimeElementProps = {
  /** The time: milliseconds since the epoch, or an ISO 8601 string. */
  datetime?: PeerRelativeTimeElement["datetime"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerRelativeTimeElement["theme"] | undefined;
};

export type PeerRelativeTimeElementSolidJsProps = {
  /** The time: milliseconds since the epoch, or an ISO 8601 string. */
  "prop:datetime"?: PeerRelativeTimeElement["datetime"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  "prop:theme"?: PeerRelativeTimeElement["theme"] | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

export type PeerTooltipElementProps = {
  /** The hint. */
  content?: PeerTooltipElement["content"] | undefined;
  /** Never shows. */
  disabled?: PeerTooltipElement["disabled"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerTooltipElement["theme"] | undefined;
};

export type PeerTooltipElementSolidJsProps = {
  /** The hint. */
  "prop:content"?: PeerTooltipElement["content"] | undefined;
  /** Never shows. */
  "prop:disabled"?: PeerTooltipElement["disabled"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  "prop:theme"?: PeerTooltipElement["theme"] | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

/** `PeerCallElement` component event */
export type PeerCallElementElementEvent<E = Event> = TypedEvent<
  PeerCallElement,
  E
>;
/** `peer-call-change` event type */
export type PeerCallElementPeerCallChangeElementEvent =
  PeerCallElementElementEvent<
    CustomEvent<{
      readonly inCall: boolean;
      readonly audio: "on" | "muted" | "none";
      readonly video: "on" | "none" | "off";
      readonly screen: boolean;
      readonly members: readonly string[];
    }>
  >;
/** `peer-error` event type */
export type PeerCallElementPeerErrorElementEvent = PeerCallElementElementEvent<
  CustomEvent<{
    readonly code: string | number;
    readonly message: string;
    readonly status?: number;
  }>
>;

export type PeerCallElementProps = {
  /** The id of a `<peer-room>` elsewhere on the page; without it, the nearest ancestor room. */
  for?: PeerCallElement["for"] | undefined;
  /** Joins with the microphone only (the camera can be turned on later). */
  "audio-only"?: PeerCallElement["audioOnly"] | undefined;
  /** Joins with the microphone only (the camera can be turned on later). */
  audioOnly?: PeerCallElement["audioOnly"] | undefined;
  /** Most members of a call with video (default 6): each sends its video to each other one. */
  "max-video-peers"?: PeerCallElement["maxVideoPeers"] | undefined;
  /** Most members of a call with video (default 6): each sends its video to each other one. */
  maxVideoPeers?: PeerCallElement["maxVideoPeers"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerCallElement["theme"] | undefined;
  /** Overrides for the visible strings (localization). */
  strings?: PeerCallElement["strings"] | undefined;
  /** Where tracks come from (default: the browser's microphone, camera and screen). */
  capture?: PeerCallElement["capture"] | undefined;

  /** This page joined or left the call, its microphone, camera or screen changed, or who else is in the call changed. `detail: {inCall, audio, video, screen, members}` */
  "onpeer-call-change"?:
    ((e: PeerCallElementPeerCallChangeElementEvent) => void) | undefined;
  /** A device could not be used (`permission-denied`, `no-device`, `device-busy`, `unsupported`), or stopped during the call (`device-lost`), or the call is full (`call-full`). `detail: {code, message}` */
  "onpeer-error"?:
    ((e: PeerCallElementPeerErrorElementEvent) => void) | undefined;
};

export type PeerCallElementSolidJsProps = {
  /** The id of a `<peer-room>` elsewhere on the page; without it, the nearest ancestor room. */
  "prop:for"?: PeerCallElement["for"] | undefined;
  /** Joins with the microphone only (the camera can be turned on later). */
  "bool:audio-only"?: PeerCallElement["audioOnly"] | undefined;
  /** Joins with the microphone only (the camera can be turned on later). */
  "prop:audioOnly"?: PeerCallElement["audioOnly"] | undefined;
  /** Most members of a call with video (default 6): each sends its video to each other one. */
  "attr:max-video-peers"?: PeerCallElement["maxVideoPeers"] | undefined;
  /** Most members of a call with video (default 6): each sends its video to each other one. */
  "prop:maxVideoPeers"?: PeerCallElement["maxVideoPeers"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  "prop:theme"?: PeerCallElement["theme"] | undefined;
  /** Overrides for the visible strings (localization). */
  "prop:strings"?: PeerCallElement["strings"] | undefined;
  /** Where tracks come from (default: the browser's microphone, camera and screen). */
  "prop:capture"?: PeerCallElement["capture"] | undefined;
  /** This page joined or left the call, its microphone, camera or screen changed, or who else is in the call changed. `detail: {inCall, audio, video, screen, members}` */
  "on:peer-call-change"?:
    ((e: PeerCallElementPeerCallChangeElementEvent) => void) | undefined;
  /** A device could not be used (`permission-denied`, `no-device`, `device-busy`, `unsupported`), or stopped during the call (`device-lost`), or the call is full (`call-full`). `detail: {code, message}` */
  "on:peer-error"?:
    ((e: PeerCallElementPeerErrorElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

/** `PeerChatElement` component event */
export type PeerChatElementElementEvent<E = Event> = TypedEvent<
  PeerChatElement,
  E
>;
/** `peer-send` event type */
export type PeerChatElementPeerSendElementEvent = PeerChatElementElementEvent<
  CustomEvent<{ readonly text: string }>
>;
/** `peer-error` event type */
export type PeerChatElementPeerErrorElementEvent = PeerChatElementElementEvent<
  CustomEvent<{
    readonly code: string | number;
    readonly message: string;
    readonly status?: number;
  }>
>;
/** `peer-chat-rejected` event type */
export type PeerChatElementPeerChatRejectedElementEvent =
  PeerChatElementElementEvent<
    CustomEvent<{
      readonly from: string;
      readonly code: string;
      readonly reason: string;
    }>
  >;

export type PeerChatElementProps = {
  /** The id of a `<peer-room>` elsewhere on the page; without it, the nearest ancestor room. */
  for?: PeerChatElement["for"] | undefined;
  /** Most messages the room's history keeps on this device (default 10,000); the oldest go first. */
  "history-cap"?: PeerChatElement["historyCap"] | undefined;
  /** Most messages the room's history keeps on this device (default 10,000); the oldest go first. */
  historyCap?: PeerChatElement["historyCap"] | undefined;
  /** Largest attachment sent or fetched, in bytes (default 100 MiB). */
  "max-file-bytes"?: PeerChatElement["maxFileBytes"] | undefined;
  /** Largest attachment sent or fetched, in bytes (default 100 MiB). */
  maxFileBytes?: PeerChatElement["maxFileBytes"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerChatElement["theme"] | undefined;
  /** Every message, oldest first. Set it to show a log from elsewhere. */
  messages?: PeerChatElement["messages"] | undefined;
  /**  */
  strings?: PeerChatElement["strings"] | undefined;
  /** Renders a message's content yourself (its text and attachments): return a lit template, a DOM
node or a string. The chat keeps the author, time, grouping, state, reactions and keyboard
navigation around it. Show the author's text as text (never as HTML): another member wrote it. */
  renderMessage?: PeerChatElement["renderMessage"] | undefined;
  /** Where the history is kept; default IndexedDB (pair mode: memory). Set before the room starts. */
  store?: PeerChatElement["store"] | undefined;

  /** The user is sending a message (cancelable: cancel to handle sending yourself). `detail: {text}` */
  "onpeer-send"?:
    ((e: PeerChatElementPeerSendElementEvent) => void) | undefined;
  /** The history could not be opened, a send failed (its text stays in the log with retry), an attachment could not be kept (too large, storage full), or the code that draws the rows could not be loaded (`load-failed`). `detail: {code, message}` */
  "onpeer-error"?:
    ((e: PeerChatElementPeerErrorElementEvent) => void) | undefined;
  /** A peer passed on a chat message that failed its checks (forged, altered, untrusted author); it was not stored. `detail: {from, code, reason}` */
  "onpeer-chat-rejected"?:
    ((e: PeerChatElementPeerChatRejectedElementEvent) => void) | undefined;
};

export type PeerChatElementSolidJsProps = {
  /** The id of a `<peer-room>` elsewhere on the page; without it, the nearest ancestor room. */
  "prop:for"?: PeerChatElement["for"] | undefined;
  /** Most messages the room's history keeps on this device (default 10,000); the oldest go first. */
  "attr:history-cap"?: PeerChatElement["historyCap"] | undefined;
  /** Most messages the room's history keeps on this device (default 10,000); the oldest go first. */
  "prop:historyCap"?: PeerChatElement["historyCap"] | undefined;
  /** Largest attachment sent or fetched, in bytes (default 100 MiB). */
  "attr:max-file-bytes"?: PeerChatElement["maxFileBytes"] | undefined;
  /** Largest attachment sent or fetched, in bytes (default 100 MiB). */
  "prop:maxFileBytes"?: PeerChatElement["maxFileBytes"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  "prop:theme"?: PeerChatElement["theme"] | undefined;
  /** Every message, oldest first. Set it to show a log from elsewhere. */
  "prop:messages"?: PeerChatElement["messages"] | undefined;
  /**  */
  "prop:strings"?: PeerChatElement["strings"] | undefined;
  /** Renders a message's content yourself (its text and attachments): return a lit template, a DOM
node or a string. The chat keeps the author, time, grouping, state, reactions and keyboard
navigation around it. Show the author's text as text (never as HTML): another member wrote it. */
  "prop:renderMessage"?: PeerChatElement["renderMessage"] | undefined;
  /** Where the history is kept; default IndexedDB (pair mode: memory). Set before the room starts. */
  "prop:store"?: PeerChatElement["store"] | undefined;
  /** The user is sending a message (cancelable: cancel to handle sending yourself). `detail: {text}` */
  "on:peer-send"?:
    ((e: PeerChatElementPeerSendElementEvent) => void) | undefined;
  /** The history could not be opened, a send failed (its text stays in the log with retry), an attachment could not be kept (too large, storage full), or the code that draws the rows could not be loaded (`load-failed`). `detail: {code, message}` */
  "on:peer-error"?:
    ((e: PeerChatElementPeerErrorElementEvent) => void) | undefined;
  /** A peer passed on a chat message that failed its checks (forged, altered, untrusted author); it was not stored. `detail: {from, code, reason}` */
  "on:peer-chat-rejected"?:
    ((e: PeerChatElementPeerChatRejectedElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

/** `PeerIdentityElement` component event */
export type PeerIdentityElementElementEvent<E = Event> = TypedEvent<
  PeerIdentityElement,
  E
>;
/** `peer-identity-change` event type */
export type PeerIdentityElementPeerIdentityChangeElementEvent =
  PeerIdentityElementElementEvent<
    CustomEvent<{ readonly fingerprint: string | undefined }>
  >;
/** `peer-error` event type */
export type PeerIdentityElementPeerErrorElementEvent =
  PeerIdentityElementElementEvent<
    CustomEvent<{
      readonly code: string | number;
      readonly message: string;
      readonly status?: number;
    }>
  >;

export type PeerIdentityElementProps = {
  /** Hides the address book. */
  "no-address-book"?: PeerIdentityElement["noAddressBook"] | undefined;
  /** Hides the address book. */
  noAddressBook?: PeerIdentityElement["noAddressBook"] | undefined;
  /** The level of the element's headings ("Your key", "Address book"), 1–6, to fit the page's outline. */
  "heading-level"?: PeerIdentityElement["headingLevel"] | undefined;
  /** The level of the element's headings ("Your key", "Address book"), 1–6, to fit the page's outline. */
  headingLevel?: PeerIdentityElement["headingLevel"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerIdentityElement["theme"] | undefined;
  /** Overrides for the visible strings (localization). */
  strings?: PeerIdentityElement["strings"] | undefined;
  /** Where the key is kept (default: IndexedDB); set before the element connects. */
  store?: PeerIdentityElement["store"] | undefined;
  /** The address book shown (default: the IndexedDB one); set before the element connects. */
  keyring?: PeerIdentityElement["keyring"] | undefined;

  /** The key was created, unlocked, imported or deleted. `detail: {fingerprint}` (undefined after deleting) */
  "onpeer-identity-change"?:
    | ((e: PeerIdentityElementPeerIdentityChangeElementEvent) => void)
    | undefined;
  /** Something failed (a wrong passphrase, an unreadable key, the verify dialog's code could not be loaded: `load-failed`). `detail: {code, message}` */
  "onpeer-error"?:
    ((e: PeerIdentityElementPeerErrorElementEvent) => void) | undefined;
};

export type PeerIdentityElementSolidJsProps = {
  /** Hides the address book. */
  "bool:no-address-book"?: PeerIdentityElement["noAddressBook"] | undefined;
  /** Hides the address book. */
  "prop:noAddressBook"?: PeerIdentityElement["noAddressBook"] | undefined;
  /** The level of the element's headings ("Your key", "Address book"), 1–6, to fit the page's outline. */
  "attr:heading-level"?: PeerIdentityElement["headingLevel"] | undefined;
  /** The level of the element's headings ("Your key", "Address book"), 1–6, to fit the page's outline. */
  "prop:headingLevel"?: PeerIdentityElement["headingLevel"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  "prop:theme"?: PeerIdentityElement["theme"] | undefined;
  /** Overrides for the visible strings (localization). */
  "prop:strings"?: PeerIdentityElement["strings"] | undefined;
  /** Where the key is kept (default: IndexedDB); set before the element connects. */
  "prop:store"?: PeerIdentityElement["store"] | undefined;
  /** The address book shown (default: the IndexedDB one); set before the element connects. */
  "prop:keyring"?: PeerIdentityElement["keyring"] | undefined;
  /** The key was created, unlocked, imported or deleted. `detail: {fingerprint}` (undefined after deleting) */
  "on:peer-identity-change"?:
    | ((e: PeerIdentityElementPeerIdentityChangeElementEvent) => void)
    | undefined;
  /** Something failed (a wrong passphrase, an unreadable key, the verify dialog's code could not be loaded: `load-failed`). `detail: {code, message}` */
  "on:peer-error"?:
    ((e: PeerIdentityElementPeerErrorElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

/** `PeerListElement` component event */
export type PeerListElementElementEvent<E = Event> = TypedEvent<
  PeerListElement,
  E
>;
/** `peer-error` event type */
export type PeerListElementPeerErrorElementEvent = PeerListElementElementEvent<
  CustomEvent<{
    readonly code: string | number;
    readonly message: string;
    readonly status?: number;
  }>
>;

export type PeerListElementProps = {
  /** The id of a `<peer-room>` elsewhere on the page; without it, the nearest ancestor room. */
  for?: PeerListElement["for"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerListElement["theme"] | undefined;
  /** Overrides for the visible strings (localization). */
  strings?: PeerListElement["strings"] | undefined;

  /** The code of the verify dialog or of the rows could not be loaded (`load-failed`; tried again on next use). `detail: {code, message}` */
  "onpeer-error"?:
    ((e: PeerListElementPeerErrorElementEvent) => void) | undefined;
};

export type PeerListElementSolidJsProps = {
  /** The id of a `<peer-room>` elsewhere on the page; without it, the nearest ancestor room. */
  "prop:for"?: PeerListElement["for"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  "prop:theme"?: PeerListElement["theme"] | undefined;
  /** Overrides for the visible strings (localization). */
  "prop:strings"?: PeerListElement["strings"] | undefined;
  /** The code of the verify dialog or of the rows could not be loaded (`load-failed`; tried again on next use). `detail: {code, message}` */
  "on:peer-error"?:
    ((e: PeerListElementPeerErrorElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

/** `PeerRoomElement` component event */
export type PeerRoomElementElementEvent<E = Event> = TypedEvent<
  PeerRoomElement,
  E
>;
/** `peer-join` event type */
export type PeerRoomElementPeerJoinElementEvent = PeerRoomElementElementEvent<
  CustomEvent<{ readonly id: string }>
>;
/** `peer-leave` event type */
export type PeerRoomElementPeerLeaveElementEvent = PeerRoomElementElementEvent<
  CustomEvent<{ readonly id: string }>
>;
/** `peer-connection-change` event type */
export type PeerRoomElementPeerConnectionChangeElementEvent =
  PeerRoomElementElementEvent<
    CustomEvent<{
      readonly id: string;
      readonly state:
        | "connecting"
        | "connected"
        | "reconnecting"
        | "failed"
        | "closed"
        | "indirect";
      readonly rtt: number | undefined;
      readonly path: "direct" | "relayed" | "server" | "unknown";
    }>
  >;
/** `peer-message` event type */
export type PeerRoomElementPeerMessageElementEvent =
  PeerRoomElementElementEvent<
    CustomEvent<{
      readonly from: string;
      readonly data: string;
      readonly via?: string;
    }>
  >;
/** `peer-signal-rejected` event type */
export type PeerRoomElementPeerSignalRejectedElementEvent =
  PeerRoomElementElementEvent<
    CustomEvent<{
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
    }>
  >;
/** `peer-error` event type */
export type PeerRoomElementPeerErrorElementEvent = PeerRoomElementElementEvent<
  CustomEvent<{
    readonly code: string | number;
    readonly message: string;
    readonly status?: number;
  }>
>;
/** `peer-key-changed` event type */
export type PeerRoomElementPeerKeyChangedElementEvent =
  PeerRoomElementElementEvent<
    CustomEvent<{
      readonly name: string;
      readonly previous: string;
      readonly next: string;
    }>
  >;
/** `peer-status-change` event type */
export type PeerRoomElementPeerStatusChangeElementEvent =
  PeerRoomElementElementEvent<CustomEvent<{ readonly status: string }>>;
/** `peer-rotate` event type */
export type PeerRoomElementPeerRotateElementEvent = PeerRoomElementElementEvent<
  CustomEvent<{
    readonly dropped: string;
    readonly added: string;
    readonly rtt: number;
    readonly estimate: number;
  }>
>;
/** `peer-session-change` event type */
export type PeerRoomElementPeerSessionChangeElementEvent =
  PeerRoomElementElementEvent<CustomEvent<{ readonly active: boolean }>>;

export type PeerRoomElementProps = {
  /** The peerkit server's URL. Without it, peers meet over BroadcastChannel (same browser). */
  server?: PeerRoomElement["server"] | undefined;
  /** Namespace: an app's own space on a shared server. */
  ns?: PeerRoomElement["ns"] | undefined;
  /** The room within the namespace (mesh mode). */
  room?: PeerRoomElement["room"] | undefined;
  /** `mesh`: everyone links with everyone. `pair`: one stranger at a time (needs `server`). */
  mode?: PeerRoomElement["mode"] | undefined;
  /** Whose signals are accepted: `any`, `tofu` (trust on first use) or `known` (trusted keys only). */
  trust?: PeerRoomElement["trust"] | undefined;
  /** `server` to use the server's `/ice` (STUN, TURN credentials), or a comma-separated list of ICE URLs. */
  "ice-servers"?: PeerRoomElement["iceServers"] | undefined;
  /** `server` to use the server's `/ice` (STUN, TURN credentials), or a comma-separated list of ICE URLs. */
  iceServers?: PeerRoomElement["iceServers"] | undefined;
  /** `relay`: links go through the TURN server only, so nobody in the room learns this device's IP
address (needs a TURN server: `ice-servers="server"` on a server with a TURN secret). `all`:
direct paths too. Default: `relay` in pair mode when the server offers TURN, else `all`. */
  "ice-transport-policy"?: PeerRoomElement["iceTransportPolicy"] | undefined;
  /** `relay`: links go through the TURN server only, so nobody in the room learns this device's IP
address (needs a TURN server: `ice-servers="server"` on a server with a TURN secret). `all`:
direct paths too. Default: `relay` in pair mode when the server offers TURN, else `all`. */
  iceTransportPolicy?: PeerRoomElement["iceTransportPolicy"] | undefined;
  /** The name in a newly created key (default "Anonymous"); an existing key keeps its own. */
  "display-name"?: PeerRoomElement["displayName"] | undefined;
  /** The name in a newly created key (default "Anonymous"); an existing key keeps its own. */
  displayName?: PeerRoomElement["displayName"] | undefined;
  /** Most links this peer keeps (default 8). In a larger room each peer links to a few others and
messages are relayed, so a room of hundreds stays light for every browser. */
  "max-links"?: PeerRoomElement["maxLinks"] | undefined;
  /** Most links this peer keeps (default 8). In a larger room each peer links to a few others and
messages are relayed, so a room of hundreds stays light for every browser. */
  maxLinks?: PeerRoomElement["maxLinks"] | undefined;
  /** Milliseconds a link may take to form before chat and channels go through the server instead
(encrypted to the peer, which shows "via server" in `<peer-list>`), until a direct or TURN path
forms. Default 5000; `0` never. For networks where WebRTC is blocked. */
  "server-fallback"?: PeerRoomElement["serverFallback"] | undefined;
  /** Milliseconds a link may take to form before chat and channels go through the server instead
(encrypted to the peer, which shows "via server" in `<peer-list>`), until a direct or TURN path
forms. Default 5000; `0` never. For networks where WebRTC is blocked. */
  serverFallback?: PeerRoomElement["serverFallback"] | undefined;
  /** Sends a coarse location (about 10 km) with the latency reports, so the server can suggest
nearby peers. The browser asks the user first; set it only when your app has their consent. */
  "share-location"?: PeerRoomElement["shareLocation"] | undefined;
  /** Sends a coarse location (about 10 km) with the latency reports, so the server can suggest
nearby peers. The browser asks the user first; set it only when your app has their consent. */
  shareLocation?: PeerRoomElement["shareLocation"] | undefined;
  /** Hides the status line (connection state, peer count, "next stranger") and its alert: the page shows them itself (`peer-status-change`, `peer-error`, `retry()`). */
  "no-status"?: PeerRoomElement["noStatus"] | undefined;
  /** Hides the status line (connection state, peer count, "next stranger") and its alert: the page shows them itself (`peer-status-change`, `peer-error`, `retry()`). */
  noStatus?: PeerRoomElement["noStatus"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  theme?: PeerRoomElement["theme"] | undefined;
  /** Everyone in the room but this peer, as the elements show them. */
  peers?: PeerRoomElement["peers"] | undefined;
  /** Overrides for the visible strings (localization). */
  strings?: PeerRoomElement["strings"] | undefined;
  /** The key this page uses; loaded from (or created in) IndexedDB unless set before connecting. */
  identity?: PeerRoomElement["identity"] | undefined;
  /** The address book trust is checked against; the default IndexedDB one unless set. */
  keyring?: PeerRoomElement["keyring"] | undefined;

  /** A peer entered the room (pair mode: became the partner). `detail: {id}` */
  "onpeer-join"?:
    ((e: PeerRoomElementPeerJoinElementEvent) => void) | undefined;
  /** A peer left. `detail: {id}` */
  "onpeer-leave"?:
    ((e: PeerRoomElementPeerLeaveElementEvent) => void) | undefined;
  /** A link's state, RTT or path changed. `detail: {id, state, rtt, path}` */
  "onpeer-connection-change"?:
    ((e: PeerRoomElementPeerConnectionChangeElementEvent) => void) | undefined;
  /** A message arrived. `detail: {from, data, via}` (`via`: the peer that relayed it, in a large room) */
  "onpeer-message"?:
    ((e: PeerRoomElementPeerMessageElementEvent) => void) | undefined;
  /** A signal failed its checks (forged, replayed, untrusted…). `detail: {from, code, message}` */
  "onpeer-signal-rejected"?:
    ((e: PeerRoomElementPeerSignalRejectedElementEvent) => void) | undefined;
  /** Signaling or a link failed, or the server is out of reach (`code`: `server-rejected`, `server-unreachable`, `server-timeout`; once per problem, retrying goes on). `detail: {code, message, status?}` */
  "onpeer-error"?:
    ((e: PeerRoomElementPeerErrorElementEvent) => void) | undefined;
  /** A known name arrived with a different key (tofu warns; maybe an impostor). `detail: {name, previous, next}` */
  "onpeer-key-changed"?:
    ((e: PeerRoomElementPeerKeyChangedElementEvent) => void) | undefined;
  /** The signaling connection's state changed. `detail: {status}` */
  "onpeer-status-change"?:
    ((e: PeerRoomElementPeerStatusChangeElementEvent) => void) | undefined;
  /** A large room replaced a slow link with one to a closer peer. `detail: {dropped, added, rtt, estimate}` */
  "onpeer-rotate"?:
    ((e: PeerRoomElementPeerRotateElementEvent) => void) | undefined;
  /** The room's session (`group`: its Room or Pairing) started or stopped. `detail: {active}` */
  "onpeer-session-change"?:
    ((e: PeerRoomElementPeerSessionChangeElementEvent) => void) | undefined;
};

export type PeerRoomElementSolidJsProps = {
  /** The peerkit server's URL. Without it, peers meet over BroadcastChannel (same browser). */
  "prop:server"?: PeerRoomElement["server"] | undefined;
  /** Namespace: an app's own space on a shared server. */
  "prop:ns"?: PeerRoomElement["ns"] | undefined;
  /** The room within the namespace (mesh mode). */
  "prop:room"?: PeerRoomElement["room"] | undefined;
  /** `mesh`: everyone links with everyone. `pair`: one stranger at a time (needs `server`). */
  "prop:mode"?: PeerRoomElement["mode"] | undefined;
  /** Whose signals are accepted: `any`, `tofu` (trust on first use) or `known` (trusted keys only). */
  "prop:trust"?: PeerRoomElement["trust"] | undefined;
  /** `server` to use the server's `/ice` (STUN, TURN credentials), or a comma-separated list of ICE URLs. */
  "attr:ice-servers"?: PeerRoomElement["iceServers"] | undefined;
  /** `server` to use the server's `/ice` (STUN, TURN credentials), or a comma-separated list of ICE URLs. */
  "prop:iceServers"?: PeerRoomElement["iceServers"] | undefined;
  /** `relay`: links go through the TURN server only, so nobody in the room learns this device's IP
address (needs a TURN server: `ice-servers="server"` on a server with a TURN secret). `all`:
direct paths too. Default: `relay` in pair mode when the server offers TURN, else `all`. */
  "attr:ice-transport-policy"?:
    PeerRoomElement["iceTransportPolicy"] | undefined;
  /** `relay`: links go through the TURN server only, so nobody in the room learns this device's IP
address (needs a TURN server: `ice-servers="server"` on a server with a TURN secret). `all`:
direct paths too. Default: `relay` in pair mode when the server offers TURN, else `all`. */
  "prop:iceTransportPolicy"?: PeerRoomElement["iceTransportPolicy"] | undefined;
  /** The name in a newly created key (default "Anonymous"); an existing key keeps its own. */
  "attr:display-name"?: PeerRoomElement["displayName"] | undefined;
  /** The name in a newly created key (default "Anonymous"); an existing key keeps its own. */
  "prop:displayName"?: PeerRoomElement["displayName"] | undefined;
  /** Most links this peer keeps (default 8). In a larger room each peer links to a few others and
messages are relayed, so a room of hundreds stays light for every browser. */
  "attr:max-links"?: PeerRoomElement["maxLinks"] | undefined;
  /** Most links this peer keeps (default 8). In a larger room each peer links to a few others and
messages are relayed, so a room of hundreds stays light for every browser. */
  "prop:maxLinks"?: PeerRoomElement["maxLinks"] | undefined;
  /** Milliseconds a link may take to form before chat and channels go through the server instead
(encrypted to the peer, which shows "via server" in `<peer-list>`), until a direct or TURN path
forms. Default 5000; `0` never. For networks where WebRTC is blocked. */
  "attr:server-fallback"?: PeerRoomElement["serverFallback"] | undefined;
  /** Milliseconds a link may take to form before chat and channels go through the server instead
(encrypted to the peer, which shows "via server" in `<peer-list>`), until a direct or TURN path
forms. Default 5000; `0` never. For networks where WebRTC is blocked. */
  "prop:serverFallback"?: PeerRoomElement["serverFallback"] | undefined;
  /** Sends a coarse location (about 10 km) with the latency reports, so the server can suggest
nearby peers. The browser asks the user first; set it only when your app has their consent. */
  "bool:share-location"?: PeerRoomElement["shareLocation"] | undefined;
  /** Sends a coarse location (about 10 km) with the latency reports, so the server can suggest
nearby peers. The browser asks the user first; set it only when your app has their consent. */
  "prop:shareLocation"?: PeerRoomElement["shareLocation"] | undefined;
  /** Hides the status line (connection state, peer count, "next stranger") and its alert: the page shows them itself (`peer-status-change`, `peer-error`, `retry()`). */
  "bool:no-status"?: PeerRoomElement["noStatus"] | undefined;
  /** Hides the status line (connection state, peer count, "next stranger") and its alert: the page shows them itself (`peer-status-change`, `peer-error`, `retry()`). */
  "prop:noStatus"?: PeerRoomElement["noStatus"] | undefined;
  /** `dark` or `light` themes this element and everything inside it; `auto` follows
`prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
`theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light. */
  "prop:theme"?: PeerRoomElement["theme"] | undefined;
  /** Everyone in the room but this peer, as the elements show them. */
  "prop:peers"?: PeerRoomElement["peers"] | undefined;
  /** Overrides for the visible strings (localization). */
  "prop:strings"?: PeerRoomElement["strings"] | undefined;
  /** The key this page uses; loaded from (or created in) IndexedDB unless set before connecting. */
  "prop:identity"?: PeerRoomElement["identity"] | undefined;
  /** The address book trust is checked against; the default IndexedDB one unless set. */
  "prop:keyring"?: PeerRoomElement["keyring"] | undefined;
  /** A peer entered the room (pair mode: became the partner). `detail: {id}` */
  "on:peer-join"?:
    ((e: PeerRoomElementPeerJoinElementEvent) => void) | undefined;
  /** A peer left. `detail: {id}` */
  "on:peer-leave"?:
    ((e: PeerRoomElementPeerLeaveElementEvent) => void) | undefined;
  /** A link's state, RTT or path changed. `detail: {id, state, rtt, path}` */
  "on:peer-connection-change"?:
    ((e: PeerRoomElementPeerConnectionChangeElementEvent) => void) | undefined;
  /** A message arrived. `detail: {from, data, via}` (`via`: the peer that relayed it, in a large room) */
  "on:peer-message"?:
    ((e: PeerRoomElementPeerMessageElementEvent) => void) | undefined;
  /** A signal failed its checks (forged, replayed, untrusted…). `detail: {from, code, message}` */
  "on:peer-signal-rejected"?:
    ((e: PeerRoomElementPeerSignalRejectedElementEvent) => void) | undefined;
  /** Signaling or a link failed, or the server is out of reach (`code`: `server-rejected`, `server-unreachable`, `server-timeout`; once per problem, retrying goes on). `detail: {code, message, status?}` */
  "on:peer-error"?:
    ((e: PeerRoomElementPeerErrorElementEvent) => void) | undefined;
  /** A known name arrived with a different key (tofu warns; maybe an impostor). `detail: {name, previous, next}` */
  "on:peer-key-changed"?:
    ((e: PeerRoomElementPeerKeyChangedElementEvent) => void) | undefined;
  /** The signaling connection's state changed. `detail: {status}` */
  "on:peer-status-change"?:
    ((e: PeerRoomElementPeerStatusChangeElementEvent) => void) | undefined;
  /** A large room replaced a slow link with one to a closer peer. `detail: {dropped, added, rtt, estimate}` */
  "on:peer-rotate"?:
    ((e: PeerRoomElementPeerRotateElementEvent) => void) | undefined;
  /** The room's session (`group`: its Room or Pairing) started or stopped. `detail: {active}` */
  "on:peer-session-change"?:
    ((e: PeerRoomElementPeerSessionChangeElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

export type CustomElements = {
  /**
   * An inline alert: info, success, warning or danger, with an icon, an optional action and an
   * optional dismiss button. `urgent` makes it interrupt screen readers (`role="alert"`); otherwise it
   * is a polite `role="status"`.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `variant`: `info` (default), `success`, `warning` or `danger`.
   * - `urgent`: Interrupts screen readers (`role="alert"`): only for what must be heard now.
   * - `dismissible`: Shows a dismiss button.
   * - `open`: False once dismissed (then the alert is hidden); set it to show the alert again.
   * - `toast`: Drawn raised, with a shadow, as the toasts of `toast()` are.
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   * - `strings`: Overrides for the default strings (localization). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `peer-alert-dismiss`: The user dismissed the alert (cancelable: then it stays open). `detail: {}`
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The message.
   * - `action`: An action, e.g. a Retry `<peer-button>`.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `dismiss() => void`: Hides the alert as the dismiss button does (firing `peer-alert-dismiss`, which may cancel it).
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The alert's box.
   * - `icon`: The variant's icon.
   * - `message`: The message.
   * - `dismiss`: The dismiss button.
   */
  "peer-alert": Partial<
    PeerAlertElementProps & BaseProps<PeerAlertElement> & BaseEvents
  >;

  /**
   * Copies `value` to the clipboard and announces "Copied" politely; falls back to the copy command
   * when the Clipboard API is denied.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `value`: The text to copy.
   * - `label`: The button's accessible name (default "Copy"); say what is copied, e.g. "Copy fingerprint".
   * - `variant`: Default `text`.
   * - `size`: Default `s`.
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   * - `strings`: Overrides for the default strings (localization). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `peer-copy`: After a copy was tried. `detail: {value, ok, via}`: `via` is `clipboard` or `command` when `ok`.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `copy() => Promise<boolean>`: Copies `value` now, as a click does.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `button`: The button.
   * - `icon`: The copy (then check) icon.
   * - `status`: The live region that says "Copied" (visually hidden).
   */
  "peer-copy-button": Partial<
    PeerCopyButtonElementProps & BaseProps<PeerCopyButtonElement> & BaseEvents
  >;

  /**
   * A modal dialog on the native `<dialog>`, labelled by its heading. Shows its content with
   * `show()`, or asks for text (`requestText()`) or a confirmation (`confirmAction()`). Escape, the
   * close button or Cancel close it; focus then returns to the element that opened it.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `label`: The heading of a dialog opened with `show()`; it names the dialog.
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   * - `strings`: Overrides for the default button texts (localization). (property only)
   * - `open`: undefined (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `peer-dialog-close`: The dialog closed. `detail: {returnValue}` (`''` when cancelled).
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The body of a dialog opened with `show()`.
   * - `footer`: Actions of a dialog opened with `show()` (a wrapper element around buttons).
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `show(opener?: HTMLElement) => Promise<void>`: Opens the dialog with its slotted content; focus returns to `opener` (default: what has focus now) on close.
   * - `close(returnValue = '') => void`: Closes the dialog; an open question is answered as cancelled.
   * - `requestText(request: TextRequest, opener?: HTMLElement) => Promise<string | undefined>`: Asks for text (a password unless `type: 'text'`); resolves with it, or undefined if the user cancelled.
   * - `confirmAction(request: ConfirmRequest, opener?: HTMLElement) => Promise<boolean>`: Asks to confirm an action; resolves true only when the user pressed the confirm button.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `dialog`: The `<dialog>`.
   * - `heading`: The heading that names the dialog.
   * - `close`: The close button (`show()` only).
   * - `message`: The explanation under the heading (`requestText()`, `confirmAction()`).
   * - `input`: The text or password field (`requestText()`).
   * - `error`: Why the text was refused (`requestText()`).
   * - `button`: Every button.
   */
  "peer-dialog": Partial<
    PeerDialogElementProps & BaseProps<PeerDialogElement> & BaseEvents
  >;

  /**
   * An icon from peerkit's set (Lucide), inline SVG in the colour of the surrounding text.
   * Decorative unless `label` is set.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `name`: The icon's name, one of `iconNames`; an unknown name draws nothing.
   * - `label`: What the icon says on its own, when no text is next to it; unset, screen readers skip it.
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-icon-size`: Width and height (default `1.25em`, so it follows the font size). (default: `undefined`)
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `icon`: The `<svg>`.
   */
  "peer-icon": Partial<
    PeerIconElementProps & BaseProps<PeerIconElement> & BaseEvents
  >;

  /**
   * An avatar: the display name's initials on a disc coloured from the fingerprint. Hidden from
   * screen readers unless `label` is set (the name is usually written next to it).
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `name`: The display name the initials come from.
   * - `fingerprint`: The peer's key fingerprint: it picks the colour.
   * - `size`: `s`, `m` (default) or `l`.
   * - `label`: Names the avatar for screen readers when no name is written next to it.
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `avatar`: The disc.
   */
  "peer-avatar": Partial<
    PeerAvatarElementProps & BaseProps<PeerAvatarElement> & BaseEvents
  >;

  /**
   * A button in peerkit's style: four variants, two sizes, an optional icon, and a loading state.
   * With `label` and `icon` it is an icon-only button named by `label`; otherwise its text is its
   * content. Clicks while `loading` or `disabled` reach no listener. `type="submit"` submits the
   * form it is in.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `variant`: `primary`, `neutral`, `danger` or `text`.
   * - `size`: `s` or `m`.
   * - `icon`: An icon name from peerkit's set, drawn before the text.
   * - `label`: Makes the button icon-only (needs `icon`): its accessible name.
   * - `disabled`: undefined
   * - `loading`: Shows a spinner, sets `aria-busy`, and ignores clicks.
   * - `type`: `button` (default) or `submit` (submits the closest form).
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The button's text (not used when `label` makes it icon-only).
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-icon-size`: The icon's size (default `1.25em`). (default: `undefined`)
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `button`: The inner `<button>`.
   * - `icon`: The icon, when there is one.
   * - `spinner`: The spinning icon while `loading`.
   */
  "peer-button": Partial<
    PeerButtonElementProps & BaseProps<PeerButtonElement> & BaseEvents
  >;

  /**
   * A peer's presence: a dot and a word (connected, connecting, relayed, offline).
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `status`: `connected`, `connecting`, `relayed` or `offline` (default; also for an unknown value).
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   * - `strings`: Overrides for the words (localization). (property only)
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `presence`: The badge.
   * - `presence-dot`: The dot.
   */
  "peer-presence": Partial<
    PeerPresenceElementProps & BaseProps<PeerPresenceElement> & BaseEvents
  >;

  /**
   * A point in time told relative to now ("5 minutes ago"), kept current, with the full date and
   * time as its `title`, in the language of its own or its closest ancestor's `lang` (else the document's).
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `datetime`: The time: milliseconds since the epoch, or an ISO 8601 string.
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `isDue(now: number) => boolean`: Whether the text may read differently at `now` than when it was last rendered.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `time`: The `<time>` element.
   */
  "peer-relative-time": Partial<
    PeerRelativeTimeElementProps &
      BaseProps<PeerRelativeTimeElement> &
      BaseEvents
  >;

  /**
   * A hint shown above its content on hover and keyboard focus; Escape hides it.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `content`: The hint.
   * - `disabled`: Never shows.
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   * - `open`: undefined (property only) (readonly)
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The trigger (a button, an icon with a label…).
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `show() => Promise<void>`: Shows the tip (as hover and focus do); settles once it is placed.
   * - `hide() => void`: undefined
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-tooltip-max-width`: Widest the bubble gets (default 20rem). (default: `undefined`)
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `tip`: The tooltip bubble.
   */
  "peer-tooltip": Partial<
    PeerTooltipElementProps & BaseProps<PeerTooltipElement> & BaseEvents
  >;

  /**
   * A call in the room it sits in: voice, video and screen sharing with every member who joins it,
   * in mesh mode or with the stranger of pair mode. Before joining it says who is in the call; in
   * the call it shows a tile per member (their video, or their avatar while their camera is off; a
   * ring while they speak; muted and relayed marks) and one's own preview, with controls for the
   * microphone, the camera, sharing the screen, the devices, and leaving. A device that is refused,
   * missing or lost is said in place, with a way to try again; a full call says so.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `for`: The id of a `<peer-room>` elsewhere on the page; without it, the nearest ancestor room.
   * - `audio-only`/`audioOnly`: Joins with the microphone only (the camera can be turned on later).
   * - `max-video-peers`/`maxVideoPeers`: Most members of a call with video (default 6): each sends its video to each other one.
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   * - `strings`: Overrides for the visible strings (localization). (property only)
   * - `capture`: Where tracks come from (default: the browser's microphone, camera and screen). (property only)
   * - `call`: The call of the room this element shows; undefined outside a running room. (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `peer-call-change`: This page joined or left the call, its microphone, camera or screen changed, or who else is in the call changed. `detail: {inCall, audio, video, screen, members}`
   * - `peer-error`: A device could not be used (`permission-denied`, `no-device`, `device-busy`, `unsupported`), or stopped during the call (`device-lost`), or the call is full (`call-full`). `detail: {code, message}`
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `join() => Promise<void>`: Joins the call: asks for the microphone (and the camera, unless `audio-only`), then joins with what it got.
   * - `leave() => void`: Leaves the call: every device is released.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `stage`: The tiles.
   * - `tile`: One member's tile; also `tile-local`, `tile-screen`, `tile-speaking`.
   * - `video`: The video in a tile.
   * - `tile-label`: A tile's name and marks.
   * - `controls`: The row of call controls.
   * - `button`: Every button; also `join`, `microphone`, `camera`, `screen`, `devices`, `leave`.
   * - `devices`: The device choice.
   * - `alert`: A problem with a device, or a full call.
   */
  "peer-call": Partial<
    PeerCallElementProps & BaseProps<PeerCallElement> & BaseEvents
  >;

  /**
   * A message log and a composer. Inside a `<peer-room>` it keeps the room's history
   * (signed messages in IndexedDB, loaded on start, written before anything is sent) and keeps it in
   * sync with every peer it links with, so a page that was away sees what it missed. It renders a
   * window of the newest messages (older ones page in when the reader scrolls to the top), so a log
   * of 10,000 costs what 100 do. Text is always rendered as text. The `messages` property can also
   * be set by hand, to show a log from elsewhere.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `for`: The id of a `<peer-room>` elsewhere on the page; without it, the nearest ancestor room.
   * - `history-cap`/`historyCap`: Most messages the room's history keeps on this device (default 10,000); the oldest go first.
   * - `max-file-bytes`/`maxFileBytes`: Largest attachment sent or fetched, in bytes (default 100 MiB).
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   * - `messages`: Every message, oldest first. Set it to show a log from elsewhere. (property only)
   * - `strings`: undefined (property only)
   * - `renderMessage`: Renders a message's content yourself (its text and attachments): return a lit template, a DOM
   * node or a string. The chat keeps the author, time, grouping, state, reactions and keyboard
   * navigation around it. Show the author's text as text (never as HTML): another member wrote it. (property only)
   * - `store`: Where the history is kept; default IndexedDB (pair mode: memory). Set before the room starts. (property only)
   * - `historyLoaded`: Resolves once the room's history is loaded and shown (the room must be started). (property only) (readonly)
   * - `dragging`: Files are being dragged over the chat (read-only); styled with `:state(dragging)`. (property only) (readonly)
   * - `announcement`: What the chat's live region last read out (new messages from others only). (property only) (readonly)
   * - `roomState`: The state of the room this chat shows (the snapshot its `<peer-room>` provides). (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `peer-send`: The user is sending a message (cancelable: cancel to handle sending yourself). `detail: {text}`
   * - `peer-error`: The history could not be opened, a send failed (its text stays in the log with retry), an attachment could not be kept (too large, storage full), or the code that draws the rows could not be loaded (`load-failed`). `detail: {code, message}`
   * - `peer-chat-rejected`: A peer passed on a chat message that failed its checks (forged, altered, untrusted author); it was not stored. `detail: {from, code, reason}`
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `header`: Above the log: a title, the room's name, actions.
   * - `empty`: Shown in the log while it has no messages (default: "No messages yet. Say hello.").
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `send(text: string) => Promise<string | undefined>`: Sends `text` to everyone in the room: signed, stored in the history, then pushed to every
   * linked peer (peers that are away get it when they next link). Resolves to the message's id;
   * undefined for empty text or when a `peer-send` listener took over. Waits for the room's
   * session to start; rejects with a `PeerChatError` (`no-room`) when the chat has no room.
   * - `sendFiles(files: readonly File[], text = '') => Promise<string | undefined>`: Sends files (with optional text) as one message: each is hashed and kept here, the message
   * names them by digest, and peers fetch them from whoever has them (small ones are pushed).
   * Rejects with a FileError (`too-large`, `quota`…) when a file cannot be kept.
   * - `focusInput() => void`: undefined
   * - `scrollToBottom() => void`: undefined
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-chat-height`: Height of the message log when the chat's container sets no height (default 20rem); in a container with a height, the chat fills it. (default: `undefined`)
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `log`: The scrolling message list (`role="log"`; arrow keys move between messages).
   * - `message`: One message; also `message-own` for this peer's, `message-pending` for one not yet sent.
   * - `avatar`: The author's avatar, on the first message of a group.
   * - `author`: A message's author.
   * - `time`: A message's time: relative on the first of a group, the time of day on the others.
   * - `text`: A message's text.
   * - `custom`: What `renderMessage` returned.
   * - `state`: Delivery state of an own message (an icon named by its state).
   * - `reaction`: A reaction chip: the emoji and how many reacted (pressed when the user did).
   * - `add-reaction`: The button that opens the reaction picker.
   * - `reaction-picker`: The reactions to choose from.
   * - `seen-by`: "Seen by …" under the newest own message others have seen.
   * - `send-error`: Why a message was not sent, with retry and edit.
   * - `day-divider`: The date between two days' messages.
   * - `unread-marker`: The divider before the first unread message.
   * - `skeleton`: Placeholder rows while the history loads.
   * - `jump`: The "new messages" button shown when scrolled up.
   * - `drop-overlay`: What shows while files are dragged over the chat.
   * - `typing`: Who is typing, above the composer.
   * - `composer`: The composer form.
   * - `composer-hint`: Why the composer is disabled, when it is.
   * - `input`: The text area.
   * - `send`: The send button.
   * - `empty`: The empty state.
   * - `announcer`: The visually hidden live region that reads new messages from others.
   * - `attach`: The "attach files" button (an icon button that opens the file picker).
   * - `attachment`: One attached file: its preview or download anchor, progress, or error.
   * - `attachment-image`: The inline preview of an attached raster image (PNG, JPEG, GIF, WebP, AVIF, BMP whose bytes decode as one; never SVG).
   * - `attachment-download`: The anchor (`<a download>`) that saves an attached file (never opened as a page).
   * - `attachment-progress`: Transfer progress of an attachment (either direction).
   * - `attachment-cancel`: Stops an attachment's transfer.
   * - `attachment-retry`: Fetches a failed attachment again (not shown when retrying cannot help).
   * - `attachment-error`: Why an attachment is not shown.
   *
   * ## CSS States
   *
   * These can be used to apply styling when a component is in a given state.
   *
   * - `dragging`: Files are being dragged over the chat (`peer-chat:state(dragging)`).
   * - `loading`: The history is loading (`peer-chat:state(loading)`).
   */
  "peer-chat": Partial<
    PeerChatElementProps & BaseProps<PeerChatElement> & BaseEvents
  >;

  /**
   * This browser's key — create (with an optional passphrase), unlock, import,
   * export (armored), delete — its fingerprint in readable groups, and the address book of known
   * peers with their trust, where each peer can be verified by its safety number (digits and QR).
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `no-address-book`/`noAddressBook`: Hides the address book.
   * - `heading-level`/`headingLevel`: The level of the element's headings ("Your key", "Address book"), 1–6, to fit the page's outline.
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   * - `strings`: Overrides for the visible strings (localization). (property only)
   * - `store`: Where the key is kept (default: IndexedDB); set before the element connects. (property only)
   * - `keyring`: The address book shown (default: the IndexedDB one); set before the element connects. (property only)
   * - `identity`: The loaded key, if any. (property only) (readonly)
   * - `loaded`: Settles once the stored key (if any) has been looked up: the element then shows what it found. (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `peer-identity-change`: The key was created, unlocked, imported or deleted. `detail: {fingerprint}` (undefined after deleting)
   * - `peer-error`: Something failed (a wrong passphrase, an unreadable key, the verify dialog's code could not be loaded: `load-failed`). `detail: {code, message}`
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `exportPublicKey() => void`: Shows the public key, ready to copy.
   * - `exportPrivateKey(passphrase?: string) => Promise<void>`: Shows the private key, protected with `passphrase` when given.
   * - `verify(fingerprint: string, opener?: HTMLElement) => Promise<void>`: Opens the dialog that verifies a known peer: the safety number between this key and theirs,
   * its QR code, and "Mark verified" (trust in the address book). Settles once the number shows.
   * - `deleteKey(confirmed = false, opener?: HTMLElement) => Promise<void>`: Deletes the key from this browser (asks first, in a dialog, unless `confirmed`).
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `form`: Each form (create, unlock, import, add contact).
   * - `button`: Every button.
   * - `fingerprint`: The grouped fingerprint.
   * - `verify-dialog`: The dialog that verifies a peer.
   * - `safety-number`: The safety number in the dialog: 12 groups of 5 digits.
   * - `safety-qr`: The QR code (SVG) in the dialog.
   * - `verify-mark`: The "Mark verified" button (also part `button`).
   * - `export`: The exported key's text area.
   * - `address-book`: The address book list.
   * - `contact`: One address book entry.
   * - `message`: The status line.
   * - `heading`: The headings over the key and the address book (their level: `heading-level`).
   */
  "peer-identity": Partial<
    PeerIdentityElementProps & BaseProps<PeerIdentityElement> & BaseEvents
  >;

  /**
   * Everyone in a `<peer-room>` with name, short fingerprint, trust badge (and
   * actions to verify by safety number, trust or block), connection state, path and round-trip time. It takes the room from
   * the nearest `<peer-room>` ancestor, or from `for="<room id>"` anywhere on the page.
   *
   * It is an ARIA grid (the APG "Layout Grid"): one row per peer, one cell per fact or action, one
   * tab stop for the whole list, arrow keys between cells (see peer-list-grid.ts).
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `for`: The id of a `<peer-room>` elsewhere on the page; without it, the nearest ancestor room.
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   * - `strings`: Overrides for the visible strings (localization). (property only)
   * - `roomState`: The state of the room this list shows (the snapshot its `<peer-room>` provides). (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `peer-error`: The code of the verify dialog or of the rows could not be loaded (`load-failed`; tried again on next use). `detail: {code, message}`
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `empty`: Shown when nobody else is in the room.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `verify(id: string, opener?: HTMLElement) => Promise<void>`: Opens the dialog that verifies a peer of the room: the safety number between this page's key
   * and theirs, its QR code, and "Mark verified" (trust in the room's address book). Settles once
   * the number shows.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `list`: The grid (`role="grid"`).
   * - `peer`: One row (`role="row"`), named by the peer's name.
   * - `name`: A peer's name.
   * - `fingerprint`: A peer's short fingerprint (the full one is its title).
   * - `trust`: The trust badge; also `trust-trusted`, `trust-unknown`, `trust-key-changed`, `trust-blocked`.
   * - `state`: Connection state and path.
   * - `rtt`: The round-trip time (its own cell, so the row's name does not change with it).
   * - `action`: The verify, trust and block buttons.
   * - `verify-dialog`: The dialog that verifies a peer.
   * - `safety-number`: The safety number in the dialog: 12 groups of 5 digits.
   * - `safety-qr`: The QR code (SVG) in the dialog.
   * - `button`: The dialog's buttons.
   * - `verify-mark`: The "Mark verified" button in the dialog.
   * - `empty`: The empty state.
   */
  "peer-list": Partial<
    PeerListElementProps & BaseProps<PeerListElement> & BaseEvents
  >;

  /**
   * Joins a room (or, in pair mode, looks for a stranger) and shares it with the
   * elements inside it through
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `server`: The peerkit server's URL. Without it, peers meet over BroadcastChannel (same browser).
   * - `ns`: Namespace: an app's own space on a shared server.
   * - `room`: The room within the namespace (mesh mode).
   * - `mode`: `mesh`: everyone links with everyone. `pair`: one stranger at a time (needs `server`).
   * - `trust`: Whose signals are accepted: `any`, `tofu` (trust on first use) or `known` (trusted keys only).
   * - `ice-servers`/`iceServers`: `server` to use the server's `/ice` (STUN, TURN credentials), or a comma-separated list of ICE URLs.
   * - `ice-transport-policy`/`iceTransportPolicy`: `relay`: links go through the TURN server only, so nobody in the room learns this device's IP
   * address (needs a TURN server: `ice-servers="server"` on a server with a TURN secret). `all`:
   * direct paths too. Default: `relay` in pair mode when the server offers TURN, else `all`.
   * - `display-name`/`displayName`: The name in a newly created key (default "Anonymous"); an existing key keeps its own.
   * - `max-links`/`maxLinks`: Most links this peer keeps (default 8). In a larger room each peer links to a few others and
   * messages are relayed, so a room of hundreds stays light for every browser.
   * - `server-fallback`/`serverFallback`: Milliseconds a link may take to form before chat and channels go through the server instead
   * (encrypted to the peer, which shows "via server" in `<peer-list>`), until a direct or TURN path
   * forms. Default 5000; `0` never. For networks where WebRTC is blocked.
   * - `share-location`/`shareLocation`: Sends a coarse location (about 10 km) with the latency reports, so the server can suggest
   * nearby peers. The browser asks the user first; set it only when your app has their consent.
   * - `no-status`/`noStatus`: Hides the status line (connection state, peer count, "next stranger") and its alert: the page shows them itself (`peer-status-change`, `peer-error`, `retry()`).
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   * - `peers`: Everyone in the room but this peer, as the elements show them. (property only)
   * - `strings`: Overrides for the visible strings (localization). (property only)
   * - `identity`: The key this page uses; loaded from (or created in) IndexedDB unless set before connecting. (property only)
   * - `keyring`: The address book trust is checked against; the default IndexedDB one unless set. (property only)
   * - `status`: The signaling connection's state (read-only); styled with `:state(<status>)`. (property only) (readonly)
   * - `snapshot`: The state the room shares with the elements that show it (a frozen object, replaced on each change). (property only) (readonly)
   * - `group`: The running Room (mesh) or Pairing (pair), once joined. (property only) (readonly)
   * - `selfId`: This page's peer id (its key's fingerprint), once the identity is loaded. (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `peer-join`: A peer entered the room (pair mode: became the partner). `detail: {id}`
   * - `peer-leave`: A peer left. `detail: {id}`
   * - `peer-connection-change`: A link's state, RTT or path changed. `detail: {id, state, rtt, path}`
   * - `peer-message`: A message arrived. `detail: {from, data, via}` (`via`: the peer that relayed it, in a large room)
   * - `peer-signal-rejected`: A signal failed its checks (forged, replayed, untrusted…). `detail: {from, code, message}`
   * - `peer-error`: Signaling or a link failed, or the server is out of reach (`code`: `server-rejected`, `server-unreachable`, `server-timeout`; once per problem, retrying goes on). `detail: {code, message, status?}`
   * - `peer-key-changed`: A known name arrived with a different key (tofu warns; maybe an impostor). `detail: {name, previous, next}`
   * - `peer-status-change`: The signaling connection's state changed. `detail: {status}`
   * - `peer-rotate`: A large room replaced a slow link with one to a closer peer. `detail: {dropped, added, rtt, estimate}`
   * - `peer-session-change`: The room's session (`group`: its Room or Pairing) started or stopped. `detail: {active}`
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: Content that uses the room (`<peer-list>`, `<peer-chat>`…).
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `send(to: string, data: string) => void`: undefined
   * - `broadcast(data: string) => void`: undefined
   * - `next() => Promise<void>`: Pair mode: drop the partner and look for another stranger.
   * - `setTrust(id: string, trust: 'trusted' | 'unknown' | 'blocked') => Promise<void>`: Sets a peer's trust in the address book, and shows it.
   * - `retry() => void`: Tries again now instead of waiting for the next automatic attempt. Joined and then cut off from
   * the server, the room reconnects its session (links to peers stay up); otherwise (the server out
   * of reach from the start, a refused join, a closed connection) it starts over with fresh waits.
   * Does nothing while connected without a problem, while a start is under way, or before the room started.
   * - `changeServer(opener?: HTMLElement) => Promise<boolean>`: Asks for another server in a dialog (a `wss:`, `ws:`, `https:` or `http:` URL, checked as
   * `server` is read) and, when the user confirms one, sets the `server` attribute: the room
   * connects there. Resolves true if the server changed. `opener` gets the focus back afterwards.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `status`: The status line.
   * - `status-dot`: The coloured dot before it.
   * - `next`: The "next stranger" button (pair mode).
   * - `relay-only`: "IP address hidden", while links go through the TURN server only (`ice-transport-policy="relay"`, pair mode's default with TURN).
   * - `button`: Every button (`next`, `retry`, `change-server`).
   * - `alert`: The alert (`<peer-alert>`) shown while something keeps the room from working: why, when it tries again, and what the user can do.
   * - `alert-message`: What is wrong, in the alert.
   * - `next-attempt`: When the room tries again by itself ("Next attempt in 8 seconds"), in the alert.
   * - `retry`: The alert's "Retry now" button (calls `retry()`).
   * - `change-server`: The alert's "Change server…" button (calls `changeServer()`), when the server is the problem.
   * - `content`: The slotted content; `aria-busy="true"` while the room connects or joins.
   *
   * ## CSS States
   *
   * These can be used to apply styling when a component is in a given state.
   *
   * - `idle`: Not started, or stopped (`peer-room:state(idle)`); one status state at a time, as `status` says.
   * - `connecting`: Reaching the signaling server.
   * - `open`: Connected to the signaling server (or BroadcastChannel).
   * - `reconnecting`: The connection dropped; trying again.
   * - `closed`: The connection closed.
   * - `error`: The server is out of reach, or the room could not start (its alert says why and offers a way out).
   */
  "peer-room": Partial<
    PeerRoomElementProps & BaseProps<PeerRoomElement> & BaseEvents
  >;
};

export type CustomElementsSolidJs = {
  /**
   * An inline alert: info, success, warning or danger, with an icon, an optional action and an
   * optional dismiss button. `urgent` makes it interrupt screen readers (`role="alert"`); otherwise it
   * is a polite `role="status"`.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `variant`: `info` (default), `success`, `warning` or `danger`.
   * - `urgent`: Interrupts screen readers (`role="alert"`): only for what must be heard now.
   * - `dismissible`: Shows a dismiss button.
   * - `open`: False once dismissed (then the alert is hidden); set it to show the alert again.
   * - `toast`: Drawn raised, with a shadow, as the toasts of `toast()` are.
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   * - `strings`: Overrides for the default strings (localization). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `peer-alert-dismiss`: The user dismissed the alert (cancelable: then it stays open). `detail: {}`
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The message.
   * - `action`: An action, e.g. a Retry `<peer-button>`.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `dismiss() => void`: Hides the alert as the dismiss button does (firing `peer-alert-dismiss`, which may cancel it).
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The alert's box.
   * - `icon`: The variant's icon.
   * - `message`: The message.
   * - `dismiss`: The dismiss button.
   */
  "peer-alert": Partial<
    PeerAlertElementProps &
      PeerAlertElementSolidJsProps &
      BaseProps<PeerAlertElement> &
      BaseEvents
  >;

  /**
   * Copies `value` to the clipboard and announces "Copied" politely; falls back to the copy command
   * when the Clipboard API is denied.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `value`: The text to copy.
   * - `label`: The button's accessible name (default "Copy"); say what is copied, e.g. "Copy fingerprint".
   * - `variant`: Default `text`.
   * - `size`: Default `s`.
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   * - `strings`: Overrides for the default strings (localization). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `peer-copy`: After a copy was tried. `detail: {value, ok, via}`: `via` is `clipboard` or `command` when `ok`.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `copy() => Promise<boolean>`: Copies `value` now, as a click does.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `button`: The button.
   * - `icon`: The copy (then check) icon.
   * - `status`: The live region that says "Copied" (visually hidden).
   */
  "peer-copy-button": Partial<
    PeerCopyButtonElementProps &
      PeerCopyButtonElementSolidJsProps &
      BaseProps<PeerCopyButtonElement> &
      BaseEvents
  >;

  /**
   * A modal dialog on the native `<dialog>`, labelled by its heading. Shows its content with
   * `show()`, or asks for text (`requestText()`) or a confirmation (`confirmAction()`). Escape, the
   * close button or Cancel close it; focus then returns to the element that opened it.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `label`: The heading of a dialog opened with `show()`; it names the dialog.
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   * - `strings`: Overrides for the default button texts (localization). (property only)
   * - `open`: undefined (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `peer-dialog-close`: The dialog closed. `detail: {returnValue}` (`''` when cancelled).
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The body of a dialog opened with `show()`.
   * - `footer`: Actions of a dialog opened with `show()` (a wrapper element around buttons).
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `show(opener?: HTMLElement) => Promise<void>`: Opens the dialog with its slotted content; focus returns to `opener` (default: what has focus now) on close.
   * - `close(returnValue = '') => void`: Closes the dialog; an open question is answered as cancelled.
   * - `requestText(request: TextRequest, opener?: HTMLElement) => Promise<string | undefined>`: Asks for text (a password unless `type: 'text'`); resolves with it, or undefined if the user cancelled.
   * - `confirmAction(request: ConfirmRequest, opener?: HTMLElement) => Promise<boolean>`: Asks to confirm an action; resolves true only when the user pressed the confirm button.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `dialog`: The `<dialog>`.
   * - `heading`: The heading that names the dialog.
   * - `close`: The close button (`show()` only).
   * - `message`: The explanation under the heading (`requestText()`, `confirmAction()`).
   * - `input`: The text or password field (`requestText()`).
   * - `error`: Why the text was refused (`requestText()`).
   * - `button`: Every button.
   */
  "peer-dialog": Partial<
    PeerDialogElementProps &
      PeerDialogElementSolidJsProps &
      BaseProps<PeerDialogElement> &
      BaseEvents
  >;

  /**
   * An icon from peerkit's set (Lucide), inline SVG in the colour of the surrounding text.
   * Decorative unless `label` is set.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `name`: The icon's name, one of `iconNames`; an unknown name draws nothing.
   * - `label`: What the icon says on its own, when no text is next to it; unset, screen readers skip it.
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-icon-size`: Width and height (default `1.25em`, so it follows the font size). (default: `undefined`)
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `icon`: The `<svg>`.
   */
  "peer-icon": Partial<
    PeerIconElementProps &
      PeerIconElementSolidJsProps &
      BaseProps<PeerIconElement> &
      BaseEvents
  >;

  /**
   * An avatar: the display name's initials on a disc coloured from the fingerprint. Hidden from
   * screen readers unless `label` is set (the name is usually written next to it).
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `name`: The display name the initials come from.
   * - `fingerprint`: The peer's key fingerprint: it picks the colour.
   * - `size`: `s`, `m` (default) or `l`.
   * - `label`: Names the avatar for screen readers when no name is written next to it.
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `avatar`: The disc.
   */
  "peer-avatar": Partial<
    PeerAvatarElementProps &
      PeerAvatarElementSolidJsProps &
      BaseProps<PeerAvatarElement> &
      BaseEvents
  >;

  /**
   * A button in peerkit's style: four variants, two sizes, an optional icon, and a loading state.
   * With `label` and `icon` it is an icon-only button named by `label`; otherwise its text is its
   * content. Clicks while `loading` or `disabled` reach no listener. `type="submit"` submits the
   * form it is in.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `variant`: `primary`, `neutral`, `danger` or `text`.
   * - `size`: `s` or `m`.
   * - `icon`: An icon name from peerkit's set, drawn before the text.
   * - `label`: Makes the button icon-only (needs `icon`): its accessible name.
   * - `disabled`: undefined
   * - `loading`: Shows a spinner, sets `aria-busy`, and ignores clicks.
   * - `type`: `button` (default) or `submit` (submits the closest form).
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The button's text (not used when `label` makes it icon-only).
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-icon-size`: The icon's size (default `1.25em`). (default: `undefined`)
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `button`: The inner `<button>`.
   * - `icon`: The icon, when there is one.
   * - `spinner`: The spinning icon while `loading`.
   */
  "peer-button": Partial<
    PeerButtonElementProps &
      PeerButtonElementSolidJsProps &
      BaseProps<PeerButtonElement> &
      BaseEvents
  >;

  /**
   * A peer's presence: a dot and a word (connected, connecting, relayed, offline).
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `status`: `connected`, `connecting`, `relayed` or `offline` (default; also for an unknown value).
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   * - `strings`: Overrides for the words (localization). (property only)
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `presence`: The badge.
   * - `presence-dot`: The dot.
   */
  "peer-presence": Partial<
    PeerPresenceElementProps &
      PeerPresenceElementSolidJsProps &
      BaseProps<PeerPresenceElement> &
      BaseEvents
  >;

  /**
   * A point in time told relative to now ("5 minutes ago"), kept current, with the full date and
   * time as its `title`, in the language of its own or its closest ancestor's `lang` (else the document's).
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `datetime`: The time: milliseconds since the epoch, or an ISO 8601 string.
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `isDue(now: number) => boolean`: Whether the text may read differently at `now` than when it was last rendered.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `time`: The `<time>` element.
   */
  "peer-relative-time": Partial<
    PeerRelativeTimeElementProps &
      PeerRelativeTimeElementSolidJsProps &
      BaseProps<PeerRelativeTimeElement> &
      BaseEvents
  >;

  /**
   * A hint shown above its content on hover and keyboard focus; Escape hides it.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `content`: The hint.
   * - `disabled`: Never shows.
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   * - `open`: undefined (property only) (readonly)
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The trigger (a button, an icon with a label…).
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `show() => Promise<void>`: Shows the tip (as hover and focus do); settles once it is placed.
   * - `hide() => void`: undefined
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-tooltip-max-width`: Widest the bubble gets (default 20rem). (default: `undefined`)
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `tip`: The tooltip bubble.
   */
  "peer-tooltip": Partial<
    PeerTooltipElementProps &
      PeerTooltipElementSolidJsProps &
      BaseProps<PeerTooltipElement> &
      BaseEvents
  >;

  /**
   * A call in the room it sits in: voice, video and screen sharing with every member who joins it,
   * in mesh mode or with the stranger of pair mode. Before joining it says who is in the call; in
   * the call it shows a tile per member (their video, or their avatar while their camera is off; a
   * ring while they speak; muted and relayed marks) and one's own preview, with controls for the
   * microphone, the camera, sharing the screen, the devices, and leaving. A device that is refused,
   * missing or lost is said in place, with a way to try again; a full call says so.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `for`: The id of a `<peer-room>` elsewhere on the page; without it, the nearest ancestor room.
   * - `audio-only`/`audioOnly`: Joins with the microphone only (the camera can be turned on later).
   * - `max-video-peers`/`maxVideoPeers`: Most members of a call with video (default 6): each sends its video to each other one.
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   * - `strings`: Overrides for the visible strings (localization). (property only)
   * - `capture`: Where tracks come from (default: the browser's microphone, camera and screen). (property only)
   * - `call`: The call of the room this element shows; undefined outside a running room. (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `peer-call-change`: This page joined or left the call, its microphone, camera or screen changed, or who else is in the call changed. `detail: {inCall, audio, video, screen, members}`
   * - `peer-error`: A device could not be used (`permission-denied`, `no-device`, `device-busy`, `unsupported`), or stopped during the call (`device-lost`), or the call is full (`call-full`). `detail: {code, message}`
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `join() => Promise<void>`: Joins the call: asks for the microphone (and the camera, unless `audio-only`), then joins with what it got.
   * - `leave() => void`: Leaves the call: every device is released.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `stage`: The tiles.
   * - `tile`: One member's tile; also `tile-local`, `tile-screen`, `tile-speaking`.
   * - `video`: The video in a tile.
   * - `tile-label`: A tile's name and marks.
   * - `controls`: The row of call controls.
   * - `button`: Every button; also `join`, `microphone`, `camera`, `screen`, `devices`, `leave`.
   * - `devices`: The device choice.
   * - `alert`: A problem with a device, or a full call.
   */
  "peer-call": Partial<
    PeerCallElementProps &
      PeerCallElementSolidJsProps &
      BaseProps<PeerCallElement> &
      BaseEvents
  >;

  /**
   * A message log and a composer. Inside a `<peer-room>` it keeps the room's history
   * (signed messages in IndexedDB, loaded on start, written before anything is sent) and keeps it in
   * sync with every peer it links with, so a page that was away sees what it missed. It renders a
   * window of the newest messages (older ones page in when the reader scrolls to the top), so a log
   * of 10,000 costs what 100 do. Text is always rendered as text. The `messages` property can also
   * be set by hand, to show a log from elsewhere.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `for`: The id of a `<peer-room>` elsewhere on the page; without it, the nearest ancestor room.
   * - `history-cap`/`historyCap`: Most messages the room's history keeps on this device (default 10,000); the oldest go first.
   * - `max-file-bytes`/`maxFileBytes`: Largest attachment sent or fetched, in bytes (default 100 MiB).
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   * - `messages`: Every message, oldest first. Set it to show a log from elsewhere. (property only)
   * - `strings`: undefined (property only)
   * - `renderMessage`: Renders a message's content yourself (its text and attachments): return a lit template, a DOM
   * node or a string. The chat keeps the author, time, grouping, state, reactions and keyboard
   * navigation around it. Show the author's text as text (never as HTML): another member wrote it. (property only)
   * - `store`: Where the history is kept; default IndexedDB (pair mode: memory). Set before the room starts. (property only)
   * - `historyLoaded`: Resolves once the room's history is loaded and shown (the room must be started). (property only) (readonly)
   * - `dragging`: Files are being dragged over the chat (read-only); styled with `:state(dragging)`. (property only) (readonly)
   * - `announcement`: What the chat's live region last read out (new messages from others only). (property only) (readonly)
   * - `roomState`: The state of the room this chat shows (the snapshot its `<peer-room>` provides). (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `peer-send`: The user is sending a message (cancelable: cancel to handle sending yourself). `detail: {text}`
   * - `peer-error`: The history could not be opened, a send failed (its text stays in the log with retry), an attachment could not be kept (too large, storage full), or the code that draws the rows could not be loaded (`load-failed`). `detail: {code, message}`
   * - `peer-chat-rejected`: A peer passed on a chat message that failed its checks (forged, altered, untrusted author); it was not stored. `detail: {from, code, reason}`
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `header`: Above the log: a title, the room's name, actions.
   * - `empty`: Shown in the log while it has no messages (default: "No messages yet. Say hello.").
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `send(text: string) => Promise<string | undefined>`: Sends `text` to everyone in the room: signed, stored in the history, then pushed to every
   * linked peer (peers that are away get it when they next link). Resolves to the message's id;
   * undefined for empty text or when a `peer-send` listener took over. Waits for the room's
   * session to start; rejects with a `PeerChatError` (`no-room`) when the chat has no room.
   * - `sendFiles(files: readonly File[], text = '') => Promise<string | undefined>`: Sends files (with optional text) as one message: each is hashed and kept here, the message
   * names them by digest, and peers fetch them from whoever has them (small ones are pushed).
   * Rejects with a FileError (`too-large`, `quota`…) when a file cannot be kept.
   * - `focusInput() => void`: undefined
   * - `scrollToBottom() => void`: undefined
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-chat-height`: Height of the message log when the chat's container sets no height (default 20rem); in a container with a height, the chat fills it. (default: `undefined`)
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `log`: The scrolling message list (`role="log"`; arrow keys move between messages).
   * - `message`: One message; also `message-own` for this peer's, `message-pending` for one not yet sent.
   * - `avatar`: The author's avatar, on the first message of a group.
   * - `author`: A message's author.
   * - `time`: A message's time: relative on the first of a group, the time of day on the others.
   * - `text`: A message's text.
   * - `custom`: What `renderMessage` returned.
   * - `state`: Delivery state of an own message (an icon named by its state).
   * - `reaction`: A reaction chip: the emoji and how many reacted (pressed when the user did).
   * - `add-reaction`: The button that opens the reaction picker.
   * - `reaction-picker`: The reactions to choose from.
   * - `seen-by`: "Seen by …" under the newest own message others have seen.
   * - `send-error`: Why a message was not sent, with retry and edit.
   * - `day-divider`: The date between two days' messages.
   * - `unread-marker`: The divider before the first unread message.
   * - `skeleton`: Placeholder rows while the history loads.
   * - `jump`: The "new messages" button shown when scrolled up.
   * - `drop-overlay`: What shows while files are dragged over the chat.
   * - `typing`: Who is typing, above the composer.
   * - `composer`: The composer form.
   * - `composer-hint`: Why the composer is disabled, when it is.
   * - `input`: The text area.
   * - `send`: The send button.
   * - `empty`: The empty state.
   * - `announcer`: The visually hidden live region that reads new messages from others.
   * - `attach`: The "attach files" button (an icon button that opens the file picker).
   * - `attachment`: One attached file: its preview or download anchor, progress, or error.
   * - `attachment-image`: The inline preview of an attached raster image (PNG, JPEG, GIF, WebP, AVIF, BMP whose bytes decode as one; never SVG).
   * - `attachment-download`: The anchor (`<a download>`) that saves an attached file (never opened as a page).
   * - `attachment-progress`: Transfer progress of an attachment (either direction).
   * - `attachment-cancel`: Stops an attachment's transfer.
   * - `attachment-retry`: Fetches a failed attachment again (not shown when retrying cannot help).
   * - `attachment-error`: Why an attachment is not shown.
   *
   * ## CSS States
   *
   * These can be used to apply styling when a component is in a given state.
   *
   * - `dragging`: Files are being dragged over the chat (`peer-chat:state(dragging)`).
   * - `loading`: The history is loading (`peer-chat:state(loading)`).
   */
  "peer-chat": Partial<
    PeerChatElementProps &
      PeerChatElementSolidJsProps &
      BaseProps<PeerChatElement> &
      BaseEvents
  >;

  /**
   * This browser's key — create (with an optional passphrase), unlock, import,
   * export (armored), delete — its fingerprint in readable groups, and the address book of known
   * peers with their trust, where each peer can be verified by its safety number (digits and QR).
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `no-address-book`/`noAddressBook`: Hides the address book.
   * - `heading-level`/`headingLevel`: The level of the element's headings ("Your key", "Address book"), 1–6, to fit the page's outline.
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   * - `strings`: Overrides for the visible strings (localization). (property only)
   * - `store`: Where the key is kept (default: IndexedDB); set before the element connects. (property only)
   * - `keyring`: The address book shown (default: the IndexedDB one); set before the element connects. (property only)
   * - `identity`: The loaded key, if any. (property only) (readonly)
   * - `loaded`: Settles once the stored key (if any) has been looked up: the element then shows what it found. (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `peer-identity-change`: The key was created, unlocked, imported or deleted. `detail: {fingerprint}` (undefined after deleting)
   * - `peer-error`: Something failed (a wrong passphrase, an unreadable key, the verify dialog's code could not be loaded: `load-failed`). `detail: {code, message}`
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `exportPublicKey() => void`: Shows the public key, ready to copy.
   * - `exportPrivateKey(passphrase?: string) => Promise<void>`: Shows the private key, protected with `passphrase` when given.
   * - `verify(fingerprint: string, opener?: HTMLElement) => Promise<void>`: Opens the dialog that verifies a known peer: the safety number between this key and theirs,
   * its QR code, and "Mark verified" (trust in the address book). Settles once the number shows.
   * - `deleteKey(confirmed = false, opener?: HTMLElement) => Promise<void>`: Deletes the key from this browser (asks first, in a dialog, unless `confirmed`).
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `form`: Each form (create, unlock, import, add contact).
   * - `button`: Every button.
   * - `fingerprint`: The grouped fingerprint.
   * - `verify-dialog`: The dialog that verifies a peer.
   * - `safety-number`: The safety number in the dialog: 12 groups of 5 digits.
   * - `safety-qr`: The QR code (SVG) in the dialog.
   * - `verify-mark`: The "Mark verified" button (also part `button`).
   * - `export`: The exported key's text area.
   * - `address-book`: The address book list.
   * - `contact`: One address book entry.
   * - `message`: The status line.
   * - `heading`: The headings over the key and the address book (their level: `heading-level`).
   */
  "peer-identity": Partial<
    PeerIdentityElementProps &
      PeerIdentityElementSolidJsProps &
      BaseProps<PeerIdentityElement> &
      BaseEvents
  >;

  /**
   * Everyone in a `<peer-room>` with name, short fingerprint, trust badge (and
   * actions to verify by safety number, trust or block), connection state, path and round-trip time. It takes the room from
   * the nearest `<peer-room>` ancestor, or from `for="<room id>"` anywhere on the page.
   *
   * It is an ARIA grid (the APG "Layout Grid"): one row per peer, one cell per fact or action, one
   * tab stop for the whole list, arrow keys between cells (see peer-list-grid.ts).
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `for`: The id of a `<peer-room>` elsewhere on the page; without it, the nearest ancestor room.
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   * - `strings`: Overrides for the visible strings (localization). (property only)
   * - `roomState`: The state of the room this list shows (the snapshot its `<peer-room>` provides). (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `peer-error`: The code of the verify dialog or of the rows could not be loaded (`load-failed`; tried again on next use). `detail: {code, message}`
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `empty`: Shown when nobody else is in the room.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `verify(id: string, opener?: HTMLElement) => Promise<void>`: Opens the dialog that verifies a peer of the room: the safety number between this page's key
   * and theirs, its QR code, and "Mark verified" (trust in the room's address book). Settles once
   * the number shows.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `list`: The grid (`role="grid"`).
   * - `peer`: One row (`role="row"`), named by the peer's name.
   * - `name`: A peer's name.
   * - `fingerprint`: A peer's short fingerprint (the full one is its title).
   * - `trust`: The trust badge; also `trust-trusted`, `trust-unknown`, `trust-key-changed`, `trust-blocked`.
   * - `state`: Connection state and path.
   * - `rtt`: The round-trip time (its own cell, so the row's name does not change with it).
   * - `action`: The verify, trust and block buttons.
   * - `verify-dialog`: The dialog that verifies a peer.
   * - `safety-number`: The safety number in the dialog: 12 groups of 5 digits.
   * - `safety-qr`: The QR code (SVG) in the dialog.
   * - `button`: The dialog's buttons.
   * - `verify-mark`: The "Mark verified" button in the dialog.
   * - `empty`: The empty state.
   */
  "peer-list": Partial<
    PeerListElementProps &
      PeerListElementSolidJsProps &
      BaseProps<PeerListElement> &
      BaseEvents
  >;

  /**
   * Joins a room (or, in pair mode, looks for a stranger) and shares it with the
   * elements inside it through
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `server`: The peerkit server's URL. Without it, peers meet over BroadcastChannel (same browser).
   * - `ns`: Namespace: an app's own space on a shared server.
   * - `room`: The room within the namespace (mesh mode).
   * - `mode`: `mesh`: everyone links with everyone. `pair`: one stranger at a time (needs `server`).
   * - `trust`: Whose signals are accepted: `any`, `tofu` (trust on first use) or `known` (trusted keys only).
   * - `ice-servers`/`iceServers`: `server` to use the server's `/ice` (STUN, TURN credentials), or a comma-separated list of ICE URLs.
   * - `ice-transport-policy`/`iceTransportPolicy`: `relay`: links go through the TURN server only, so nobody in the room learns this device's IP
   * address (needs a TURN server: `ice-servers="server"` on a server with a TURN secret). `all`:
   * direct paths too. Default: `relay` in pair mode when the server offers TURN, else `all`.
   * - `display-name`/`displayName`: The name in a newly created key (default "Anonymous"); an existing key keeps its own.
   * - `max-links`/`maxLinks`: Most links this peer keeps (default 8). In a larger room each peer links to a few others and
   * messages are relayed, so a room of hundreds stays light for every browser.
   * - `server-fallback`/`serverFallback`: Milliseconds a link may take to form before chat and channels go through the server instead
   * (encrypted to the peer, which shows "via server" in `<peer-list>`), until a direct or TURN path
   * forms. Default 5000; `0` never. For networks where WebRTC is blocked.
   * - `share-location`/`shareLocation`: Sends a coarse location (about 10 km) with the latency reports, so the server can suggest
   * nearby peers. The browser asks the user first; set it only when your app has their consent.
   * - `no-status`/`noStatus`: Hides the status line (connection state, peer count, "next stranger") and its alert: the page shows them itself (`peer-status-change`, `peer-error`, `retry()`).
   * - `theme`: `dark` or `light` themes this element and everything inside it; `auto` follows
   * `prefers-color-scheme`. Unset, the element takes the theme of its nearest ancestor with a
   * `theme` attribute or a `peer-theme-light|dark|auto` class (across shadow roots), else light.
   * - `peers`: Everyone in the room but this peer, as the elements show them. (property only)
   * - `strings`: Overrides for the visible strings (localization). (property only)
   * - `identity`: The key this page uses; loaded from (or created in) IndexedDB unless set before connecting. (property only)
   * - `keyring`: The address book trust is checked against; the default IndexedDB one unless set. (property only)
   * - `status`: The signaling connection's state (read-only); styled with `:state(<status>)`. (property only) (readonly)
   * - `snapshot`: The state the room shares with the elements that show it (a frozen object, replaced on each change). (property only) (readonly)
   * - `group`: The running Room (mesh) or Pairing (pair), once joined. (property only) (readonly)
   * - `selfId`: This page's peer id (its key's fingerprint), once the identity is loaded. (property only) (readonly)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `peer-join`: A peer entered the room (pair mode: became the partner). `detail: {id}`
   * - `peer-leave`: A peer left. `detail: {id}`
   * - `peer-connection-change`: A link's state, RTT or path changed. `detail: {id, state, rtt, path}`
   * - `peer-message`: A message arrived. `detail: {from, data, via}` (`via`: the peer that relayed it, in a large room)
   * - `peer-signal-rejected`: A signal failed its checks (forged, replayed, untrusted…). `detail: {from, code, message}`
   * - `peer-error`: Signaling or a link failed, or the server is out of reach (`code`: `server-rejected`, `server-unreachable`, `server-timeout`; once per problem, retrying goes on). `detail: {code, message, status?}`
   * - `peer-key-changed`: A known name arrived with a different key (tofu warns; maybe an impostor). `detail: {name, previous, next}`
   * - `peer-status-change`: The signaling connection's state changed. `detail: {status}`
   * - `peer-rotate`: A large room replaced a slow link with one to a closer peer. `detail: {dropped, added, rtt, estimate}`
   * - `peer-session-change`: The room's session (`group`: its Room or Pairing) started or stopped. `detail: {active}`
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: Content that uses the room (`<peer-list>`, `<peer-chat>`…).
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `send(to: string, data: string) => void`: undefined
   * - `broadcast(data: string) => void`: undefined
   * - `next() => Promise<void>`: Pair mode: drop the partner and look for another stranger.
   * - `setTrust(id: string, trust: 'trusted' | 'unknown' | 'blocked') => Promise<void>`: Sets a peer's trust in the address book, and shows it.
   * - `retry() => void`: Tries again now instead of waiting for the next automatic attempt. Joined and then cut off from
   * the server, the room reconnects its session (links to peers stay up); otherwise (the server out
   * of reach from the start, a refused join, a closed connection) it starts over with fresh waits.
   * Does nothing while connected without a problem, while a start is under way, or before the room started.
   * - `changeServer(opener?: HTMLElement) => Promise<boolean>`: Asks for another server in a dialog (a `wss:`, `ws:`, `https:` or `http:` URL, checked as
   * `server` is read) and, when the user confirms one, sets the `server` attribute: the room
   * connects there. Resolves true if the server changed. `opener` gets the focus back afterwards.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--peer-space-3xs`: Spacing step, 2px. (default: `undefined`)
   * - `--peer-space-2xs`: Spacing step, 4px. (default: `undefined`)
   * - `--peer-space-xs`: Spacing step, 8px. (default: `undefined`)
   * - `--peer-space-s`: Spacing step, 12px. (default: `undefined`)
   * - `--peer-space-m`: Spacing step, 16px. (default: `undefined`)
   * - `--peer-space-l`: Spacing step, 24px. (default: `undefined`)
   * - `--peer-space-xl`: Spacing step, 32px. (default: `undefined`)
   * - `--peer-radius-s`: Corner radius of small controls, 4px. (default: `undefined`)
   * - `--peer-radius-m`: Corner radius of buttons, fields and bubbles, 8px. (default: `undefined`)
   * - `--peer-radius-l`: Corner radius of dialogs and cards, 12px. (default: `undefined`)
   * - `--peer-radius-full`: Pills and dots, 9999px. (default: `undefined`)
   * - `--peer-font`: Font family. (default: `undefined`)
   * - `--peer-font-mono`: Monospace font family (fingerprints, keys, safety numbers). (default: `undefined`)
   * - `--peer-font-size-xs`: Type scale, 0.75rem. (default: `undefined`)
   * - `--peer-font-size-s`: Type scale, 0.875rem (secondary text, small buttons). (default: `undefined`)
   * - `--peer-font-size-m`: Type scale, 1rem (body text). (default: `undefined`)
   * - `--peer-font-size-l`: Type scale, 1.25rem (headings). (default: `undefined`)
   * - `--peer-line-height`: Line height, 1.45. (default: `undefined`)
   * - `--peer-font-weight-normal`: Body text weight, 400. (default: `undefined`)
   * - `--peer-font-weight-strong`: Names, headings and buttons, 600. (default: `undefined`)
   * - `--peer-color-scheme`: `light` or `dark`: the `color-scheme` the element declares (set by the themes). (default: `undefined`)
   * - `--peer-color-surface`: The element's background. (default: `undefined`)
   * - `--peer-color-surface-raised`: Dialogs, popovers and raised controls. (default: `undefined`)
   * - `--peer-color-surface-sunken`: Wells and inset areas. (default: `undefined`)
   * - `--peer-color-text`: Text. (default: `undefined`)
   * - `--peer-color-text-muted`: Secondary text (times, hints, fingerprints). (default: `undefined`)
   * - `--peer-color-border`: Borders of controls and separators (≥ 3:1 against the surface). (default: `undefined`)
   * - `--peer-color-accent`: Primary buttons, links, unread marker. (default: `undefined`)
   * - `--peer-color-on-accent`: Text on the accent colour. (default: `undefined`)
   * - `--peer-color-success`: "Connected", "trusted", "verified". (default: `undefined`)
   * - `--peer-color-warning`: "Connecting", "key changed". (default: `undefined`)
   * - `--peer-color-danger`: Errors, failed sends, "blocked", destructive buttons. (default: `undefined`)
   * - `--peer-color-focus`: The focus ring. (default: `undefined`)
   * - `--peer-shadow-s`: Shadow of raised controls. (default: `undefined`)
   * - `--peer-shadow-m`: Shadow of dialogs and floating buttons. (default: `undefined`)
   * - `--peer-focus-ring-width`: Width of the focus ring, 2px. (default: `undefined`)
   * - `--peer-focus-ring-offset`: Gap between a control and its focus ring, 2px. (default: `undefined`)
   * - `--peer-duration-fast`: Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-duration-m`: Larger transitions, 200ms (0ms under `prefers-reduced-motion`). (default: `undefined`)
   * - `--peer-text`: Deprecated (removed in the next release): read when `--peer-color-text` is not set. (default: `undefined`)
   * - `--peer-muted`: Deprecated: read when `--peer-color-text-muted` is not set. (default: `undefined`)
   * - `--peer-surface`: Deprecated: read when `--peer-color-surface` is not set. (default: `undefined`)
   * - `--peer-border`: Deprecated: read when `--peer-color-border` is not set. (default: `undefined`)
   * - `--peer-accent`: Deprecated: read when `--peer-color-accent` is not set. (default: `undefined`)
   * - `--peer-ok`: Deprecated: read when `--peer-color-success` is not set. (default: `undefined`)
   * - `--peer-warn`: Deprecated: read when `--peer-color-warning` is not set. (default: `undefined`)
   * - `--peer-danger`: Deprecated: read when `--peer-color-danger` is not set. (default: `undefined`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `status`: The status line.
   * - `status-dot`: The coloured dot before it.
   * - `next`: The "next stranger" button (pair mode).
   * - `relay-only`: "IP address hidden", while links go through the TURN server only (`ice-transport-policy="relay"`, pair mode's default with TURN).
   * - `button`: Every button (`next`, `retry`, `change-server`).
   * - `alert`: The alert (`<peer-alert>`) shown while something keeps the room from working: why, when it tries again, and what the user can do.
   * - `alert-message`: What is wrong, in the alert.
   * - `next-attempt`: When the room tries again by itself ("Next attempt in 8 seconds"), in the alert.
   * - `retry`: The alert's "Retry now" button (calls `retry()`).
   * - `change-server`: The alert's "Change server…" button (calls `changeServer()`), when the server is the problem.
   * - `content`: The slotted content; `aria-busy="true"` while the room connects or joins.
   *
   * ## CSS States
   *
   * These can be used to apply styling when a component is in a given state.
   *
   * - `idle`: Not started, or stopped (`peer-room:state(idle)`); one status state at a time, as `status` says.
   * - `connecting`: Reaching the signaling server.
   * - `open`: Connected to the signaling server (or BroadcastChannel).
   * - `reconnecting`: The connection dropped; trying again.
   * - `closed`: The connection closed.
   * - `error`: The server is out of reach, or the room could not start (its alert says why and offers a way out).
   */
  "peer-room": Partial<
    PeerRoomElementProps &
      PeerRoomElementSolidJsProps &
      BaseProps<PeerRoomElement> &
      BaseEvents
  >;
};

export type CustomCssProperties = {
  /** Spacing step, 2px. */
  "--peer-space-3xs"?: string | undefined;
  /** Spacing step, 4px. */
  "--peer-space-2xs"?: string | undefined;
  /** Spacing step, 8px. */
  "--peer-space-xs"?: string | undefined;
  /** Spacing step, 12px. */
  "--peer-space-s"?: string | undefined;
  /** Spacing step, 16px. */
  "--peer-space-m"?: string | undefined;
  /** Spacing step, 24px. */
  "--peer-space-l"?: string | undefined;
  /** Spacing step, 32px. */
  "--peer-space-xl"?: string | undefined;
  /** Corner radius of small controls, 4px. */
  "--peer-radius-s"?: string | undefined;
  /** Corner radius of buttons, fields and bubbles, 8px. */
  "--peer-radius-m"?: string | undefined;
  /** Corner radius of dialogs and cards, 12px. */
  "--peer-radius-l"?: string | undefined;
  /** Pills and dots, 9999px. */
  "--peer-radius-full"?: string | undefined;
  /** Font family. */
  "--peer-font"?: string | undefined;
  /** Monospace font family (fingerprints, keys, safety numbers). */
  "--peer-font-mono"?: string | undefined;
  /** Type scale, 0.75rem. */
  "--peer-font-size-xs"?: string | undefined;
  /** Type scale, 0.875rem (secondary text, small buttons). */
  "--peer-font-size-s"?: string | undefined;
  /** Type scale, 1rem (body text). */
  "--peer-font-size-m"?: string | undefined;
  /** Type scale, 1.25rem (headings). */
  "--peer-font-size-l"?: string | undefined;
  /** Line height, 1.45. */
  "--peer-line-height"?: string | undefined;
  /** Body text weight, 400. */
  "--peer-font-weight-normal"?: string | undefined;
  /** Names, headings and buttons, 600. */
  "--peer-font-weight-strong"?: string | undefined;
  /** `light` or `dark`: the `color-scheme` the element declares (set by the themes). */
  "--peer-color-scheme"?: string | undefined;
  /** The element's background. */
  "--peer-color-surface"?: string | undefined;
  /** Dialogs, popovers and raised controls. */
  "--peer-color-surface-raised"?: string | undefined;
  /** Wells and inset areas. */
  "--peer-color-surface-sunken"?: string | undefined;
  /** Text. */
  "--peer-color-text"?: string | undefined;
  /** Secondary text (times, hints, fingerprints). */
  "--peer-color-text-muted"?: string | undefined;
  /** Borders of controls and separators (≥ 3:1 against the surface). */
  "--peer-color-border"?: string | undefined;
  /** Primary buttons, links, unread marker. */
  "--peer-color-accent"?: string | undefined;
  /** Text on the accent colour. */
  "--peer-color-on-accent"?: string | undefined;
  /** "Connected", "trusted", "verified". */
  "--peer-color-success"?: string | undefined;
  /** "Connecting", "key changed". */
  "--peer-color-warning"?: string | undefined;
  /** Errors, failed sends, "blocked", destructive buttons. */
  "--peer-color-danger"?: string | undefined;
  /** The focus ring. */
  "--peer-color-focus"?: string | undefined;
  /** Shadow of raised controls. */
  "--peer-shadow-s"?: string | undefined;
  /** Shadow of dialogs and floating buttons. */
  "--peer-shadow-m"?: string | undefined;
  /** Width of the focus ring, 2px. */
  "--peer-focus-ring-width"?: string | undefined;
  /** Gap between a control and its focus ring, 2px. */
  "--peer-focus-ring-offset"?: string | undefined;
  /** Hover and press transitions, 120ms (0ms under `prefers-reduced-motion`). */
  "--peer-duration-fast"?: string | undefined;
  /** Larger transitions, 200ms (0ms under `prefers-reduced-motion`). */
  "--peer-duration-m"?: string | undefined;
  /** Deprecated (removed in the next release): read when `--peer-color-text` is not set. */
  "--peer-text"?: string | undefined;
  /** Deprecated: read when `--peer-color-text-muted` is not set. */
  "--peer-muted"?: string | undefined;
  /** Deprecated: read when `--peer-color-surface` is not set. */
  "--peer-surface"?: string | undefined;
  /** Deprecated: read when `--peer-color-border` is not set. */
  "--peer-border"?: string | undefined;
  /** Deprecated: read when `--peer-color-accent` is not set. */
  "--peer-accent"?: string | undefined;
  /** Deprecated: read when `--peer-color-success` is not set. */
  "--peer-ok"?: string | undefined;
  /** Deprecated: read when `--peer-color-warning` is not set. */
  "--peer-warn"?: string | undefined;
  /** Deprecated: read when `--peer-color-danger` is not set. */
  "--peer-danger"?: string | undefined;
  /** Width and height (default `1.25em`, so it follows the font size). */
  "--peer-icon-size"?: string | undefined;
  /** Widest the bubble gets (default 20rem). */
  "--peer-tooltip-max-width"?: string | undefined;
  /** Height of the message log when the chat's container sets no height (default 20rem); in a container with a height, the chat fills it. */
  "--peer-chat-height"?: string | undefined;
};

declare module "react" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "react/jsx-runtime" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "react/jsx-dev-runtime" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "preact" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "@builder.io/qwik" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "@stencil/core" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "hono/jsx" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "react-native" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "solid-js" {
  namespace JSX {
    interface IntrinsicElements extends CustomElementsSolidJs {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare global {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}
