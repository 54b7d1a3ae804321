import { defineElement } from '../peer-element.js';
import { PeerIdentityElement } from './peer-identity.js';

defineElement('peer-identity', PeerIdentityElement);
