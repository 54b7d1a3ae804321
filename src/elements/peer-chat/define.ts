import { defineElement } from '../peer-element.js';
import { PeerRelativeTimeElement } from '../blocks/relative-time.js';
import { PeerChatElement } from './peer-chat.js';

// The chat's group headers tell their time with the building block's relative time.
defineElement('peer-relative-time', PeerRelativeTimeElement);
defineElement('peer-chat', PeerChatElement);
