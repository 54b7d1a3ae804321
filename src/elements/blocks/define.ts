/** Defines every building block's tag (`<peer-button>`, `<peer-icon>`, `<peer-avatar>`…) that is still free. */
import { defineElement } from '../peer-element.js';
import { PeerAlertElement } from './alert.js';
import { PeerAvatarElement } from './peer-avatar.js';
import { PeerButtonElement } from './peer-button.js';
import { PeerCopyButtonElement } from './copy-button.js';
import { PeerDialogElement } from './dialog.js';
import { PeerIconElement } from './icon-set.js';
import { PeerPresenceElement } from './peer-presence.js';
import { PeerRelativeTimeElement } from './relative-time.js';
import { PeerTooltipElement } from './tooltip.js';

defineElement('peer-icon', PeerIconElement);
defineElement('peer-button', PeerButtonElement);
defineElement('peer-avatar', PeerAvatarElement);
defineElement('peer-presence', PeerPresenceElement);
defineElement('peer-dialog', PeerDialogElement);
defineElement('peer-alert', PeerAlertElement);
defineElement('peer-tooltip', PeerTooltipElement);
defineElement('peer-copy-button', PeerCopyButtonElement);
defineElement('peer-relative-time', PeerRelativeTimeElement);
