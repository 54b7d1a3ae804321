import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import type { Identity } from '../src/core/identity/identity.js';
import type { PeerCallElement } from '../src/elements/peer-call/peer-call.js';
import { drawnCapture } from './drawn-media.js';
import { helpersFor } from './helpers.js';
import { keyInMemory } from './live.js';

const { args, argTypes, template } = helpersFor<PeerCallElement>('peer-call');

interface Loaded {
  readonly keys: readonly Identity[];
}

const meta: Meta<PeerCallElement> = {
  title: 'Elements/peer-call',
  component: 'peer-call',
  args,
  argTypes,
  loaders: [async () => ({ keys: await Promise.all([keyInMemory('Sam Rivera'), keyInMemory('Ann Okafor')]) })],
};
export default meta;

type Story = StoryObj<PeerCallElement & typeof args>;

/** Joins `call` as a person would, once it offers to (its room is running): for the side the story plays. */
function joinWhenReady(call: PeerCallElement): void {
  const ready = () => call.shadowRoot?.querySelector('[part~="join"]:not([disabled])') != null;
  const join = () => {
    observer.disconnect();
    void call.join();
  };
  const observer = new MutationObserver(() => ready() && join());
  void call.updateComplete.then(() => (ready() ? join() : observer.observe(call.shadowRoot!, { childList: true, subtree: true, attributes: true })));
}

/** Two sides in a room of the story's own (over BroadcastChannel): yours, and Ann's, played by the story. */
function twoSides(keys: readonly Identity[], yours: TemplateResult, joinYours: boolean): TemplateResult {
  const room = `call-${crypto.randomUUID()}`;
  const play = (event: Event) => {
    const host = event.currentTarget as HTMLElement;
    host.removeEventListener('peer-session-change', play);
    for (const call of host.querySelectorAll<PeerCallElement>(joinYours ? 'peer-call' : 'peer-call[data-played]')) joinWhenReady(call);
  };
  return html`<div style="display: flex; flex-wrap: wrap; gap: 1rem" @peer-session-change=${play}>
    <section aria-label="Your call" style="flex: 2 1 20rem; min-inline-size: 0">
      <peer-room .identity=${keys[0]} ns="peerkit-storybook" room=${room}>${yours}</peer-room>
    </section>
    <section aria-label="Ann's call (played by this story)" style="flex: 1 1 16rem; min-inline-size: 0">
      <peer-room .identity=${keys[1]} ns="peerkit-storybook" room=${room}><peer-call data-played .capture=${drawnCapture('Ann Okafor', 200)}></peer-call></peer-room>
    </section>
  </div>`;
}

/**
 * Before joining: who is in the call, and the button that joins (it asks for your microphone and
 * camera). Ann, played by the story with a drawn camera, is in the call already.
 */
export const Lobby: Story = {
  render: (storyArgs, { loaded }) => twoSides((loaded as Loaded).keys, template(storyArgs), false),
};

/**
 * In a call: you and Ann, each with a drawn camera (this story does not ask for yours): tiles with
 * names and marks, your preview mirrored, and the controls for the microphone, the camera, the
 * screen, the devices and leaving. Mute yourself: Ann's side shows you muted.
 */
export const InACall: Story = {
  name: 'In a call',
  render: (_storyArgs, { loaded }) => twoSides((loaded as Loaded).keys, html`<peer-call .capture=${drawnCapture('Sam Rivera', 140)}></peer-call>`, true),
};
