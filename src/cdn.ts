/**
 * The CDN entry (`dist/cdn/peerkit.js`): one `<script type="module">` defines every peerkit
 * element. Only lit and the elements load with it; keys, crypto and WebRTC arrive as lazy chunks
 * next to it when an element first connects.
 */
import './elements/peer-room/define.js';
import './elements/peer-list/define.js';
import './elements/peer-identity/define.js';
import './elements/peer-chat/define.js';

export * from './elements/index.js';
