/**
 * What a member relaying a sealed envelope can read and do, in the browser and in Node (pako, not
 * node:zlib): unwrap it (base64url, codec byte 0x01, deflate-raw with the preset dictionary v1) to
 * the OpenPGP message whose literal packet holds the signed JSON, and wrap an edited message up
 * again exactly as seal() would. Without the sender's key it cannot re-sign.
 */
import { deflateRaw, inflateRaw } from 'pako';
import { concatBytes, fromBase64Url, toBase64Url } from '../../src/core/util/bytes.js';
import { ENVELOPE_DICTIONARY_V1 } from '../../src/core/envelope/dictionary.js';

const CODEC_DEFLATE_DICT_V1 = 1;

/** The OpenPGP message inside an envelope, byte for byte as text (latin1): everything a relay can read in it. */
export function signedText(envelope: string): string {
  const bytes = fromBase64Url(envelope);
  const message = bytes[0] === CODEC_DEFLATE_DICT_V1 ? inflateRaw(bytes.subarray(1), { dictionary: ENVELOPE_DICTIONARY_V1 }) : bytes;
  return new TextDecoder('latin1').decode(message);
}

/** The signed JSON of an envelope. */
export function signedContent(envelope: string): { readonly body: Record<string, unknown> } {
  const text = signedText(envelope);
  return JSON.parse(text.slice(text.indexOf('{"v":'))) as { body: Record<string, unknown> };
}

/** Re-wraps an envelope with `edit` applied to its message; the edit keeps the length, so the packet headers stay valid. */
export function tamperSigned(envelope: string, edit: (text: string) => string): string {
  const before = signedText(envelope);
  const after = edit(before);
  if (after.length !== before.length || after === before) throw new Error('the edit must change the message and keep its length');
  const message = Uint8Array.from(after, (char) => char.charCodeAt(0));
  return toBase64Url(concatBytes(Uint8Array.of(CODEC_DEFLATE_DICT_V1), deflateRaw(message, { level: 9, dictionary: ENVELOPE_DICTIONARY_V1 })));
}
