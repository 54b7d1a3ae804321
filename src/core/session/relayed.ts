/**
 * A session frame as it travels through the partial mesh's relay (mesh/gossip carries text): the
 * frame kind in decimal, a colon, and the body — UTF-8 text as it is for app messages, base64url
 * for channel frames (binary). Nothing else is relayed, so what a relay delivers is never taken
 * for the app's own message text.
 */
import { FrameKind } from '../link/frame.js';
import { fromBase64Url, toBase64Url } from '../util/bytes.js';

export type RelayedFrame = { readonly kind: typeof FrameKind.Message; readonly text: string } | { readonly kind: typeof FrameKind.Channel; readonly body: Uint8Array };

export function encodeRelayed(frame: RelayedFrame): string {
  return frame.kind === FrameKind.Message ? `${FrameKind.Message}:${frame.text}` : `${FrameKind.Channel}:${toBase64Url(frame.body)}`;
}

/** Undefined for anything that is not a relayed session frame. */
export function decodeRelayed(data: string): RelayedFrame | undefined {
  const colon = data.indexOf(':');
  const kind = Number(data.slice(0, colon));
  const rest = data.slice(colon + 1);
  if (colon < 1) return undefined;
  if (kind === FrameKind.Message) return { kind, text: rest };
  if (kind !== FrameKind.Channel) return undefined;
  try {
    return { kind, body: fromBase64Url(rest) };
  } catch {
    return undefined;
  }
}
