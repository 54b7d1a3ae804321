import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { PeerRoomElement } from '../src/elements/peer-room/peer-room.js';
import { helpersFor } from './helpers.js';

const { args, argTypes, template } = helpersFor<PeerRoomElement>('peer-room');

const meta: Meta<PeerRoomElement> = {
  title: 'Elements/peer-room',
  component: 'peer-room',
  // Without `server` the room signals over BroadcastChannel: other tabs showing this story join it.
  args: { ...args, ns: 'peerkit-storybook', room: 'lobby' },
  argTypes,
  render: (storyArgs) => template(storyArgs),
  parameters: { docs: { description: { component: 'A room of peers. Without `server` it meets the other tabs of this browser over BroadcastChannel: open this story twice to see two peers.' } } },
};
export default meta;

type Story = StoryObj<PeerRoomElement & typeof args>;

/** The room's status line, live: it makes (or loads) this browser's key and joins over BroadcastChannel. */
export const Status: Story = {};

/** A room with a list and a chat inside it, sharing its state: the chat keeps this browser's history of the room. */
export const WithListAndChat: Story = {
  render: (storyArgs) => template(storyArgs, html`<peer-list></peer-list><div style="block-size: 24rem; display: flex"><peer-chat></peer-chat></div>`),
};
