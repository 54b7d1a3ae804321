import { defineElement } from '../peer-element.js';
import { PeerListElement } from './peer-list.js';

defineElement('peer-list', PeerListElement);
