/** peerkit's building blocks: the templates and styles the elements share, and the same blocks as elements for pages. */
export { BlockError, type BlockErrorCode } from './block-error.js';
export { icon, iconStyles, type IconOptions } from './icon.js';
export { icons, iconNames, isIconName, directionalIcons, PeerIconElement, type IconName } from './icon-set.js';
export { button, type ButtonOptions, type ButtonSize, type ButtonVariant } from './button.js';
export { PeerButtonElement } from './peer-button.js';
export { buttonStyles } from './button.styles.js';
export { avatar, avatarHue, avatarInitials, avatarStyles, type AvatarOptions, type AvatarSize } from './avatar.js';
export { PeerAvatarElement } from './peer-avatar.js';
export { presenceBadge, presenceBadgeStyles, isPresenceStatus } from './presence-badge.js';
export { PeerPresenceElement } from './peer-presence.js';
export { PeerDialogElement, requestText, confirmAction, type ConfirmRequest, type TextRequest } from './dialog.js';
export { PeerAlertElement, type AlertVariant } from './alert.js';
export { toast, type ToastOptions } from './toast.js';
export { PeerTooltipElement } from './tooltip.js';
export { PeerCopyButtonElement, copyText } from './copy-button.js';
export type { AlertStrings, CopyButtonStrings, DialogStrings, PresenceStatus, PresenceStrings } from '../localize/strings.js';
export { PeerRelativeTimeElement } from './relative-time.js';
