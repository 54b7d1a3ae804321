/**
 * The CDN entry (`dist/cdn/peerkit.js`): one `<script type="module">` defines every peerkit
 * element. Only lit and the elements load with it; keys, crypto and WebRTC arrive as lazy chunks
 * next to it when an element first connects. `<peer-call>` is defined when the page first holds
 * one: most pages have no call, and it brings the call's core with it.
 */
import './elements/peer-room/define.js';
import './elements/peer-list/define.js';
import './elements/peer-identity/define.js';
import './elements/peer-chat/define.js';

export * from './elements/elements-base.js';

function defineCallOnUse(): void {
  const load = () =>
    void import('./elements/peer-call/define.js').catch((error: unknown) => console.error('peerkit: <peer-call> could not be loaded', error));
  if (document.querySelector('peer-call')) return load();
  const holdsCall = (node: Node) => node instanceof Element && (node.localName === 'peer-call' || node.querySelector('peer-call') !== null);
  const observer = new MutationObserver((records) => {
    if (!records.some((record) => [...record.addedNodes].some(holdsCall))) return;
    observer.disconnect();
    load();
  });
  observer.observe(document, { childList: true, subtree: true });
}
defineCallOnUse();
