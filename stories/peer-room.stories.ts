import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { PeerRoomElement } from '../src/elements/peer-room/peer-room.js';
import type { Identity } from '../src/core/identity/identity.js';
import { helpersFor } from './helpers.js';
import { keyInMemory, listAndChat, serverOfThisPage } from './live.js';

const { args, argTypes, template } = helpersFor<PeerRoomElement>('peer-room');

const meta: Meta<PeerRoomElement> = {
  title: 'Elements/peer-room',
  component: 'peer-room',
  // Without `server` the room signals over BroadcastChannel: other tabs showing this story join it.
  args: { ...args, ns: 'peerkit-storybook', room: 'lobby' },
  argTypes,
  render: (storyArgs) => template(storyArgs),
};
export default meta;

type Story = StoryObj<PeerRoomElement & typeof args>;

/** The room's status line, live: it makes (or loads) this browser's key and joins over BroadcastChannel, so other tabs showing this story join it: open it twice to see two peers. */
export const Status: Story = {};

/** A room with a list and a chat inside it, sharing its state: the chat keeps this browser's history of the room. */
export const WithListAndChat: Story = {
  render: (storyArgs) => template(storyArgs, html`<peer-list></peer-list><div style="block-size: 24rem; display: flex"><peer-chat></peer-chat></div>`),
};

/**
 * Relay-only: `ice-transport-policy="relay"` keeps every link on the TURN server, so nobody in the
 * room learns this device's IP address, and the status line says so. (Pair mode does it by default
 * when the server offers TURN.) The TURN URL here is a placeholder: no link forms without a real one.
 */
export const RelayOnly: Story = {
  name: 'Relay only (IP address hidden)',
  args: { room: 'relay-only', iceServers: 'turn:127.0.0.1:3478', iceTransportPolicy: 'relay' },
};

interface PairLoaded {
  readonly server: string | undefined;
  readonly keys: readonly Identity[];
}

/** A pair-mode room for `key`, in a namespace of this story's own (so it meets only the stranger of this story). */
function pairRoom(key: Identity, ns: string, server: string | undefined, label: string) {
  return html`<section aria-label=${label} style="flex: 1 1 20rem; min-inline-size: 0">
    <peer-room mode="pair" .identity=${key} ns=${ns} server=${ifDefined(server)}>${listAndChat('18rem')}</peer-room>
  </section>`;
}

/** Loads the server that serves this page (pair mode needs one) and `count` keys in memory. */
const pairLoaders = (count: number) => [async () => ({ server: await serverOfThisPage(), keys: await Promise.all(Array.from({ length: count }, (_, at) => keyInMemory(at === 0 ? 'Sam Rivera' : 'A stranger'))) })];

/**
 * Pair mode, waiting: one stranger at a time, and nobody else is looking yet. Pair mode needs the
 * peerkit server: `npm start` serves this page with one; under `npm run storybook` the room says it
 * has none.
 */
export const PairWaiting: Story = {
  name: 'Pair mode: waiting',
  loaders: pairLoaders(1),
  render: (_args, { loaded }) => {
    const { server, keys } = loaded as PairLoaded;
    return html`<div style="display: flex">${pairRoom(keys[0]!, `pair-${crypto.randomUUID()}`, server, 'You, waiting for a stranger')}</div>`;
  },
};

/** Pair mode, linked: you and a stranger (the second room, played by this story) meet; "Next" leaves for someone else. */
export const PairLinked: Story = {
  name: 'Pair mode: linked',
  loaders: pairLoaders(2),
  render: (_args, { loaded }) => {
    const { server, keys } = loaded as PairLoaded;
    const ns = `pair-${crypto.randomUUID()}`;
    return html`<div style="display: flex; flex-wrap: wrap; gap: 1rem">${pairRoom(keys[0]!, ns, server, 'You')} ${pairRoom(keys[1]!, ns, server, 'The stranger (played by this story)')}</div>`;
  },
};
