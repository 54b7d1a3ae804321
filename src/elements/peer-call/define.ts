import { defineElement } from '../peer-element.js';
import { PeerCallElement } from './peer-call.js';

defineElement('peer-call', PeerCallElement);
