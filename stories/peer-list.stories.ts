import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { PeerListElement } from '../src/elements/peer-list/peer-list.js';
import { ROOM_PEERS, inRoom, roomState } from './fixtures.js';
import { helpersFor } from './helpers.js';

const { args, argTypes, template } = helpersFor<PeerListElement>('peer-list');

const meta: Meta<PeerListElement> = {
  title: 'Elements/peer-list',
  component: 'peer-list',
  args,
  argTypes,
  render: (storyArgs) => inRoom(roomState({ peers: ROOM_PEERS }), template(storyArgs)),
};
export default meta;

type Story = StoryObj<PeerListElement & typeof args>;

/** A peer in each trust state (trusted, unknown, key changed, blocked) and link state (direct, relayed, through the server, reconnecting, through others, joining). The story gives the list a room state of its own, as `<peer-room>` would. */
export const Peers: Story = {};

/** Nobody else in the room yet. */
export const Empty: Story = { render: (storyArgs) => inRoom(roomState(), template(storyArgs)) };
