/**
 * What a relay that tries to alter a sealed envelope can do: unwrap the transport encoding
 * (base64url, codec byte 0x01, deflate-raw with the preset dictionary v1), edit the signed JSON in
 * the OpenPGP literal packet, and wrap it up again exactly as seal() would. Without the sender's
 * key it cannot re-sign, which is what the tests check.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { ENVELOPE_DICTIONARY_V1 } from '../../src/core/envelope/dictionary.js';

const CODEC_DEFLATE_DICT_V1 = 0x01;
const dictionary = Buffer.from(ENVELOPE_DICTIONARY_V1);

/** The inflated OpenPGP message inside an envelope, and how to wrap a message the same way again. */
function unwrap(env: string): { message: Buffer; wrap(message: Buffer): string } {
  const bytes = Buffer.from(env, 'base64url');
  if (bytes[0] === CODEC_DEFLATE_DICT_V1) {
    return {
      message: inflateRawSync(bytes.subarray(1), { dictionary }),
      wrap: (message) => Buffer.concat([Buffer.of(CODEC_DEFLATE_DICT_V1), deflateRawSync(message, { level: 9, dictionary })]).toString('base64url'),
    };
  }
  if (bytes[0]! >= 0x80) return { message: bytes, wrap: (message) => message.toString('base64url') };
  throw new Error(`unknown envelope codec ${bytes[0]}`);
}

/** The envelope's message as text, byte for byte (latin1): the signed JSON is readable in it. */
export function envelopeText(env: string): string {
  return unwrap(env).message.toString('latin1');
}

/**
 * Re-seals `env` with `edit` applied to its message text. The edit must keep the length, so the
 * OpenPGP packet headers stay valid and only the signed bytes differ.
 */
export function tamperEnvelope(env: string, edit: (text: string) => string): string {
  const { message, wrap } = unwrap(env);
  const before = message.toString('latin1');
  const after = edit(before);
  if (after.length !== before.length) throw new Error('a tampering edit must keep the message length');
  if (after === before) throw new Error('the tampering edit changed nothing');
  return wrap(Buffer.from(after, 'latin1'));
}
