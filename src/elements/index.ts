/** peerkit's elements, without defining them: import `./<tag>/define.js` (or `peerkit/define/<tag>`) for that. */
export * from './elements-base.js';
export { PeerCallElement } from './peer-call/peer-call.js';
export type { CaptureDevice, PeerCallStrings } from './peer-call/peer-call.js';
