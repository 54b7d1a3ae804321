import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ChatEntry } from '../src/elements/peer-chat/chat-entry.js';
import type { PeerChatElement } from '../src/elements/peer-chat/peer-chat.js';
import { chatScene, sceneKeys, type SceneKeys } from './chat-scene.js';
import { conversation } from './fixtures.js';
import { helpersFor } from './helpers.js';

const { args, argTypes, template } = helpersFor<PeerChatElement>('peer-chat');

const meta: Meta<PeerChatElement> = {
  title: 'Elements/peer-chat',
  component: 'peer-chat',
  args: { ...args, messages: conversation() },
  argTypes,
  render: (storyArgs) => html`<div style="block-size: 34rem; display: flex">${template(storyArgs)}</div>`,
};
export default meta;

type Story = StoryObj<PeerChatElement & typeof args>;

/** Two days of a conversation, given by hand: groups by author, a day divider, and the delivery state of each own message (delivered, sent, queued, failed). Outside a `<peer-room>` the composer says why it cannot send. */
export const Conversation: Story = {};

/** No messages yet: the empty state, which the `empty` slot replaces. */
export const Empty: Story = { args: { messages: [] } };

/** The `header` and `empty` slots filled. */
export const Slots: Story = {
  args: { messages: [] },
  render: (storyArgs) =>
    html`<div style="block-size: 24rem; display: flex">${template(storyArgs, html`<strong slot="header">#workshop</strong><p slot="empty">Nobody has said anything yet. Start the conversation.</p>`)}</div>`,
};

/** `renderMessage` draws each message's content; the chat keeps the author, time, grouping and state around it. */
export const CustomMessage: Story = {
  args: {
    renderMessage: (entry: ChatEntry) => html`<span style="font-style: italic">${entry.text}</span> <small>(${entry.text.length} characters)</small>`,
  },
};

/**
 * A conversation as it happens, with the real core: Ann (played by the story, on the right) shares
 * a photo and writes; you answer; she reacts to your answer and starts typing. Two rooms in this
 * page, over BroadcastChannel, in a room of their own: no server.
 */
export const LiveConversation: Story = {
  name: 'Live: photo, reaction, typing',
  loaders: [async () => ({ keys: await sceneKeys() })],
  render: (_args, { loaded }) => chatScene((loaded as { keys: SceneKeys }).keys, `scene-${crypto.randomUUID()}`),
};
