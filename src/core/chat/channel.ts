/**
 * Chat's own named channel on a group (session/channels.ts): chat frames travel there, so none of
 * them is ever among the app's messages, and the app's messages are never read as chat.
 */
import type { Channel } from '../session/channels.js';
import type { PeerGroupEventMap } from '../session/peer-group.js';
import { utf8Decode, utf8Encode } from '../util/bytes.js';
import { Emitter } from '../util/events.js';

export const CHAT_CHANNEL = 'peerkit/chat';

type ChatFrameEvents = Pick<PeerGroupEventMap, 'peer' | 'message' | 'peer-disconnect'>;

/** A group with named channels (a Room; a Pairing). */
export interface ChannelGroup {
  channel(name: string): Channel;
  /** The room's members other than this peer. */
  readonly peers: readonly string[];
  addEventListener(type: 'peer' | 'peer-disconnect', listener: (event: PeerGroupEventMap['peer']) => void, options?: AddEventListenerOptions): void;
}

export function hasChannels(value: object): value is ChannelGroup {
  return typeof (value as Partial<ChannelGroup>).channel === 'function';
}

/** The chat channel of `group`, shaped as ChatSync's channel: text frames to one peer or all. */
export class ChatFrames extends Emitter<ChatFrameEvents> {
  readonly #channel: Channel;
  readonly #group: ChannelGroup;

  constructor(group: ChannelGroup, signal: AbortSignal) {
    super();
    this.#group = group;
    this.#channel = group.channel(CHAT_CHANNEL);
    group.addEventListener('peer', (event) => this.emit('peer', event.detail), { signal });
    group.addEventListener('peer-disconnect', (event) => this.emit('peer-disconnect', event.detail), { signal });
    this.#channel.on(
      'message',
      ({ from, value, via }) => {
        if (!(value instanceof Uint8Array)) return;
        let data: string;
        try {
          data = utf8Decode(value);
        } catch {
          return;
        }
        this.emit('message', { from, data, ...(via ? { via } : {}) });
      },
      { signal },
    );
  }

  /** The group's members other than this peer. */
  get peers(): readonly string[] {
    return this.#group.peers;
  }

  // Frames go as UTF-8 bytes, not as JSON strings: an envelope-laden frame would otherwise be
  // escaped again (every quote) on its way. What does not go out is not lost: the next summary
  // exchange with that peer repairs it.
  send(to: string, data: string): void {
    this.#channel.send(to, utf8Encode(data)).catch(() => undefined);
  }

  broadcast(data: string): void {
    this.#channel.broadcast(utf8Encode(data)).catch(() => undefined);
  }
}
