/** What `<peer-chat>` shows of one message. */
import type { DeliveryState } from '../localize/strings.js';

export interface ChatEntry {
  readonly id: string;
  /** Author's peer id. */
  readonly from: string;
  /** Author's display name, when known. */
  readonly author: string;
  readonly text: string;
  /** Milliseconds since the epoch. */
  readonly time: number;
  readonly own: boolean;
  /** Own messages only. */
  readonly state?: DeliveryState;
  /** SHA-256 digests (hex) of attached files. */
  readonly attachments?: readonly string[];
}

/**
 * Renders a message's content yourself: what it returns (a lit template, a DOM node, or text)
 * takes the place of the text and attachments; the chat keeps the author, time, grouping, delivery
 * state, reactions and keyboard navigation around it. Whatever it shows of `entry.text` must be
 * shown as text: it is the author's, and another member is the author.
 */
export type MessageRenderer = (entry: ChatEntry) => unknown;

/** How long after an author's message their next one still joins its group (one header, one avatar). */
export const GROUP_GAP_MS = 5 * 60_000;
