import { defineElement } from '../peer-element.js';
import { PeerChatElement } from './peer-chat.js';

defineElement('peer-chat', PeerChatElement);
