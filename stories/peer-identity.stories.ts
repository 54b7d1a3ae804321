import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { Identity } from '../src/core/identity/identity.js';
import { Keyring } from '../src/core/identity/keyring.js';
import { memoryStore, type KeyValueStore } from '../src/core/platform/storage.js';
import { PEOPLE } from './fixtures.js';
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
};
export default meta;

type Story = StoryObj<PeerIdentityElement & typeof args>;

/** No key yet: the forms that make one (with an optional passphrase) or import one. In these stories the key lives in memory, never in this browser's IndexedDB. */
export const NoKey: Story = {};

/** Headings at the level the page's outline needs (`heading-level`). */
export const HeadingLevel: Story = {
  args: { headingLevel: 3 },
  render: (storyArgs) => html`<h2>Account</h2>${template({ ...storyArgs, store: memoryStore() })}`,
};

/** A store (in memory) that already holds a key named `name`, protected by `passphrase` when given. */
async function storeWithKey(name: string, passphrase?: string): Promise<KeyValueStore> {
  const store = memoryStore();
  await Identity.create({ name, store, ...(passphrase ? { passphrase } : {}) });
  return store;
}

/** A key is here and in use: its name, fingerprint (to compare aloud), export, passphrase and delete. */
export const Unlocked: Story = {
  loaders: [async () => ({ store: await storeWithKey('Sam Rivera') })],
  render: (storyArgs, { loaded }) => template({ ...storyArgs, store: (loaded as { store: KeyValueStore }).store }),
};

/** The stored key has a passphrase: it waits to be unlocked. The passphrase here is `correct horse`. */
export const Locked: Story = {
  loaders: [async () => ({ store: await storeWithKey('Sam Rivera', 'correct horse') })],
  render: (storyArgs, { loaded }) => template({ ...storyArgs, store: (loaded as { store: KeyValueStore }).store }),
};

/** The address book beside the key: contacts you trust, one you have not decided on, one you blocked. */
export const AddressBook: Story = {
  args: { noAddressBook: false },
  loaders: [
    async () => {
      const keyring = await Keyring.open({ store: memoryStore() });
      const contacts = [
        [PEOPLE.ann.name, 'trusted'],
        [PEOPLE.ben.name, 'trusted'],
        [PEOPLE.cat.name, 'unknown'],
        [PEOPLE.dev.name, 'blocked'],
      ] as const;
      const keys = await Promise.all(contacts.map(([name]) => Identity.create({ name, store: memoryStore() })));
      for (const [at, key] of keys.entries()) await keyring.add(key.armoredPublicKey, { name: contacts[at]![0], trust: contacts[at]![1] });
      return { store: await storeWithKey('Sam Rivera'), keyring };
    },
  ],
  render: (storyArgs, { loaded }) => {
    const { store, keyring } = loaded as { store: KeyValueStore; keyring: Keyring };
    return template({ ...storyArgs, store, keyring });
  },
};
