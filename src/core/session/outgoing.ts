/**
 * A frame on its way to one peer (an app message or a channel frame) and how its end is told: a
 * channel's promise settles, an app message that fails is reported as `message-failed`. Rooms and
 * pairings hold these while a link is down.
 */
import { FrameKind } from '../link/frame.js';
import type { Link } from '../link/link.js';
import { ChannelError, type ChannelErrorCode } from './channels.js';

export interface Outgoing {
  readonly kind: typeof FrameKind.Message | typeof FrameKind.Channel;
  readonly body: string | Uint8Array;
  /** Only over a link to the peer: never relayed (it fails instead; see SendOptions.direct). */
  readonly direct?: boolean;
  /** Called once: without an error when the frame was handed to a link (or the relay). */
  readonly settle?: (error?: ChannelError) => void;
}

/** Puts the frame on `link`; false when the channel is closing under a `connected` link. */
export function putOn(link: Link, item: Outgoing): boolean {
  try {
    link.send(item.kind, item.body);
  } catch {
    return false;
  }
  item.settle?.();
  return true;
}

/** The frame will not be delivered: its owner hears why. */
export function failOutgoing(to: string, item: Outgoing, reason: string, code: ChannelErrorCode, messageFailed: (to: string, data: string, reason: string) => void): void {
  if (item.kind === FrameKind.Message) messageFailed(to, String(item.body), reason);
  item.settle?.(new ChannelError(code, reason, undefined, to));
}
