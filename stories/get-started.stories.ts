import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, render } from 'lit';
import type { PeerIdentityElement } from '../src/elements/peer-identity/peer-identity.js';
import { listAndChat, PEER_EVENTS, serverOfThisPage } from './live.js';

interface GetStartedArgs {
  /** The room's namespace and name on the server. */
  readonly ns: string;
  readonly room: string;
}

const meta: Meta<GetStartedArgs> = {
  title: 'Get started',
  tags: ['!autodocs'],
  args: { ns: 'peerkit-demo', room: 'lobby' },
  // Served by `npm start`, the room meets on that server; under `npm run storybook` (no server) it meets this browser's other tabs.
  loaders: [async () => ({ server: await serverOfThisPage() })],
  parameters: { actions: { handles: PEER_EVENTS }, a11y: { test: 'error' } },
};
export default meta;

/**
 * Make your key (it stays in this browser, in IndexedDB), then you are in a room. Open this page in
 * a private window (it gets a key of its own) or another browser to meet yourself: the list shows
 * the newcomer, and messages go peer to peer, every signal that set the link up signed. Every
 * `peer-*` event shows in the Actions panel.
 */
export const YourFirstRoom: StoryObj<GetStartedArgs> = {
  name: 'Your first room',
  render: (args, { loaded }) => {
    const server = (loaded as { server?: string }).server;
    const roomHost = document.createElement('div');
    const showRoom = (event: Event) => {
      roomHost.replaceChildren();
      const { identity } = event.target as PeerIdentityElement;
      if (!identity) return;
      const room = document.createElement('peer-room');
      room.identity = identity;
      room.ns = args.ns;
      room.room = args.room;
      if (server) room.server = server;
      render(listAndChat(), room);
      roomHost.append(room);
    };
    const page = document.createElement('div');
    page.style.cssText = 'display: grid; gap: 1.5rem; max-inline-size: 60rem';
    render(
      html`<section aria-labelledby="key-title">
          <h2 id="key-title">1. Make a key</h2>
          <peer-identity heading-level="3" @peer-identity-change=${showRoom}></peer-identity>
        </section>
        <section aria-labelledby="room-title">
          <h2 id="room-title">2. Meet people in a room</h2>
          <p>
            ${server
              ? 'This room meets on the peerkit server that serves this page. Open the page in a private window or another browser: it gets a key of its own and joins you here.'
              : html`No peerkit server serves this page (<code>npm run storybook</code>), so the room meets this browser's other tabs. <code>npm start</code> serves it with the server.`}
          </p>
          ${roomHost}
        </section>`,
      page,
    );
    return page;
  },
};
