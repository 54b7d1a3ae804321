/** peerkit's building blocks: the templates and styles the elements share, and the same blocks as elements for pages. */
export { BlockError, type BlockErrorCode } from './block-error.js';
export { icon, iconStyles, iconNames, isIconName, PeerIconElement, type IconName, type IconOptions } from './icon.js';
export { button, PeerButtonElement, type ButtonOptions, type ButtonSize, type ButtonVariant } from './button.js';
export { buttonStyles } from './button.styles.js';
export { fieldStyles } from './field.styles.js';
export { avatar, avatarHue, avatarInitials, avatarStyles, PeerAvatarElement, type AvatarOptions, type AvatarSize } from './avatar.js';
export { presenceBadge, presenceBadgeStyles, isPresenceStatus, PeerPresenceElement } from './presence-badge.js';
export { PeerDialogElement, requestText, confirmAction, type ConfirmRequest, type TextRequest } from './dialog.js';
export { PeerAlertElement, type AlertVariant } from './alert.js';
export { PeerTooltipElement } from './tooltip.js';
export { PeerCopyButtonElement, copyText } from './copy-button.js';
export type { AlertStrings, CopyButtonStrings, DialogStrings, PresenceStatus, PresenceStrings } from '../localize/strings.js';
export { PeerRelativeTimeElement } from './relative-time.js';
