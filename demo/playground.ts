/** One side of the playground: its own in-memory key, a room over BroadcastChannel, a list and a chat. */
import { Identity, memoryStore } from '../src/core/index.js';
import '../src/elements/peer-room/define.js';
import '../src/elements/peer-list/define.js';
import '../src/elements/peer-chat/define.js';

const name = new URLSearchParams(location.search).get('name') ?? 'Peer';
document.getElementById('who')!.textContent = name;
// Frames of one page share IndexedDB: a key in memory gives each its own identity.
const identity = await Identity.create({ name, store: memoryStore() });
const room = document.createElement('peer-room');
room.identity = identity;
room.setAttribute('ns', 'peerkit-playground');
room.setAttribute('room', 'side-by-side');
room.append(document.createElement('peer-list'), document.createElement('peer-chat'));
document.getElementById('host')!.append(room);
