/**
 * peerkit's elements in React 19, which sets properties on custom elements and listens to their
 * custom events natively: `strings` goes in as a property, `onpeer-status-change` listens to
 * `peer-status-change`. (No JSX here so the example builds with plain Vite; in JSX it reads
 * `<peer-room ns="..." onpeer-status-change={...}>`.)
 */
import { createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../../src/elements/peer-room/define.js';
import '../../src/elements/peer-list/define.js';
import '../../src/elements/peer-chat/define.js';

function App() {
  const [status, setStatus] = useState('idle');
  return h(
    'main',
    null,
    h('h1', null, 'peerkit in React'),
    h('p', { id: 'status' }, `room: ${status}`),
    h(
      'peer-room',
      {
        ns: 'peerkit-react-example',
        room: 'lobby',
        'onpeer-status-change': (event: CustomEvent<{ status: string }>) => setStatus(event.detail.status),
      },
      h('peer-list', { strings: { empty: 'Nobody here yet (React)' } }),
      h('peer-chat', null),
    ),
  );
}

createRoot(document.getElementById('app')!).render(h(App));
