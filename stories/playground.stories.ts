import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, render } from 'lit';
import { keyInMemory, PEER_EVENTS } from './live.js';

interface PeerArgs {
  /** The name in this peer's key. */
  readonly name: string;
  /** The room both frames join (over BroadcastChannel: no server). */
  readonly room: string;
}

const meta: Meta<PeerArgs> = {
  title: 'Playground',
  tags: ['!autodocs'],
  args: { name: 'Ada', room: 'playground' },
  parameters: { actions: { handles: PEER_EVENTS } },
};
export default meta;

/**
 * The frames show this story's page (Storybook's own iframe.html), with the toolbar's theme,
 * language and direction, and the accessibility panel's manual mode when it is on.
 */
function frameUrl(name: string, room: string, globals: Record<string, unknown>): string {
  const url = new URL('iframe.html', location.href);
  url.search = '';
  url.searchParams.set('id', 'playground--peer');
  url.searchParams.set('viewMode', 'story');
  url.searchParams.set('args', `name:${name};room:${room}`);
  const passed = ['theme', 'locale', 'direction'].filter((key) => typeof globals[key] === 'string').map((key) => `${key}:${String(globals[key])}`);
  if ((globals['a11y'] as { manual?: boolean } | undefined)?.manual) passed.push('a11y.manual:!true');
  if (passed.length) url.searchParams.set('globals', passed.join(';'));
  return url.href;
}

/**
 * Two peers side by side, each in a frame with a key of its own, meeting over BroadcastChannel —
 * no server. Type in either chat; react, trust or block the other.
 */
export const TwoPeers: StoryObj<PeerArgs> = {
  name: 'Two peers',
  parameters: { layout: 'fullscreen' },
  argTypes: { name: { table: { disable: true } } },
  render: ({ room }, { globals }) => html`<div style="display: flex; flex-wrap: wrap; gap: 0.5rem; padding: 0.5rem">
    ${['Ada', 'Bob'].map(
      (name) => html`<iframe title="Peer ${name}" src=${frameUrl(name, room, globals)} style="flex: 1 1 22rem; min-inline-size: 0; block-size: 40rem; border: 1px solid GrayText; border-radius: 0.5rem"></iframe>`,
    )}
  </div>`,
};

/** One peer of the playground: a room over BroadcastChannel with a key made for this page. */
export const Peer: StoryObj<PeerArgs> = {
  tags: ['!dev'],
  parameters: { layout: 'fullscreen' },
  loaders: [async ({ args }) => ({ identity: await keyInMemory((args as PeerArgs).name) })],
  render: ({ room }, { loaded }) => {
    const element = document.createElement('peer-room');
    element.identity = (loaded as { identity: Awaited<ReturnType<typeof keyInMemory>> }).identity;
    element.ns = 'peerkit-playground';
    element.room = room;
    // The frame's height: the list above (at most 40% of it), the chat in the rest, its composer always in view.
    element.style.cssText = 'block-size: 100vh; box-sizing: border-box; padding: 0.75rem';
    render(
      html`<peer-list style="flex: 0 1 auto; max-block-size: 40%; overflow: auto; margin-block-end: 0.75rem"></peer-list>
        <div style="flex: 1 1 0; min-block-size: 10rem; display: flex"><peer-chat></peer-chat></div>`,
      element,
    );
    return element;
  },
};
