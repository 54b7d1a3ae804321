import { defineElement } from '../peer-element.js';
import { PeerRoomElement } from './peer-room.js';

defineElement('peer-room', PeerRoomElement);
