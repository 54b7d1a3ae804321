import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { memoryStore } from '../src/core/platform/storage.js';
import type { PeerIdentityElement } from '../src/elements/peer-identity/peer-identity.js';
import { helpersFor } from './helpers.js';

const { args, argTypes, template } = helpersFor<PeerIdentityElement>('peer-identity');

const meta: Meta<PeerIdentityElement> = {
  title: 'Elements/peer-identity',
  component: 'peer-identity',
  args: { ...args, noAddressBook: true },
  argTypes,
  // A store of its own (in memory): the story never touches this browser's real key.
  render: (storyArgs) => template({ ...storyArgs, store: memoryStore() }),
  parameters: { docs: { description: { component: "This browser's key and address book. In these stories the key lives in memory, not in IndexedDB." } } },
};
export default meta;

type Story = StoryObj<PeerIdentityElement & typeof args>;

/** No key yet: the forms that make one (with an optional passphrase) or import one. */
export const NoKey: Story = {};

/** Headings at the level the page's outline needs (`heading-level`). */
export const HeadingLevel: Story = {
  args: { headingLevel: 3 },
  render: (storyArgs) => html`<h2>Account</h2>${template({ ...storyArgs, store: memoryStore() })}`,
};
