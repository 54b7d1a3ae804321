/**
 * Whether a copy in hand is the message its frame says: its envelope opens (signature, namespace,
 * room, recipient, freshness, and the trust policy unless opened as a relay), it was signed as
 * this frame's id, origin and recipient, its body is of its kind, and its nonce was not used
 * before.
 *
 * The nonce is marked used only once every other check passed: a relay could otherwise wrap a
 * genuine envelope in a bad frame (another id, origin or recipient), get its nonce remembered, and
 * have the genuine copy refused as a replay.
 */
import { DEFAULT_ENVELOPE_LIMITS, EnvelopeError, open, type EnvelopeErrorCode } from '../envelope/envelope.js';
import { ReplayGuard } from '../envelope/replay-guard.js';
import type { KeyDirectory, TrustPolicy } from '../envelope/trust.js';
import type { RoomAddress } from '../signaling/transport.js';
import { GOSSIP_EVERYONE, type RelayFrame } from './relay-frame.js';
import type { SealedDirectErrorCode } from './sealed-direct.js';

export const GOSSIP_ENVELOPE_TYPE = 'gossip';

export type GossipErrorCode = 'too-large' | 'malformed' | 'mismatch' | 'not-sealed' | 'over-budget' | SealedDirectErrorCode | EnvelopeErrorCode;

/** A frame refused for what it says rather than how it was signed. */
export class GossipRefusal extends Error {
  override readonly name = 'GossipRefusal';
  constructor(
    readonly code: GossipErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const mismatch = (): GossipRefusal => new GossipRefusal('mismatch', 'the signed message does not match its relay frame (id, origin or recipient)');

/** The code and text a copy that failed its check is reported with. */
export function refusalOf(error: unknown): { readonly code: GossipErrorCode; readonly message: string } {
  const code = error instanceof EnvelopeError || error instanceof GossipRefusal ? error.code : 'malformed';
  return { code, message: error instanceof Error ? error.message : String(error) };
}

/** A signed body whose `id` matched its frame's. */
export type SignedFields = Readonly<Record<string, unknown>>;

export interface CheckAs<Message> {
  /** Whom the envelope may be sealed for. */
  readonly me: readonly string[];
  /** Reads the body as its kind; throws a GossipRefusal when it is not one. */
  readonly read: (body: SignedFields) => Message;
  /**
   * Opened as a relay (a message for another peer): the stored keys are looked up, but the trust
   * policy has no say and the sender is not recorded. Relaying is not trusting, and this peer's
   * address book has no say over what two other members send each other.
   */
  readonly asRelay?: boolean;
}

export interface RelayCheckOptions {
  readonly address: RoomAddress;
  readonly keys?: KeyDirectory;
  readonly policy?: TrustPolicy;
}

export class RelayCheck {
  readonly #replay = new ReplayGuard();

  constructor(private readonly options: RelayCheckOptions) {}

  /** The message in `frame`'s envelope, read as `as` says; throws EnvelopeError or GossipRefusal. */
  async open<Message>(via: string, frame: RelayFrame, as: CheckAs<Message>): Promise<Message> {
    const { address, keys, policy } = this.options;
    const directory = as.asRelay && keys ? lookupOnly(keys) : keys;
    const opened = await open<unknown>(frame.e, {
      ...address,
      me: as.me,
      // A guard of its own for this call, so `open` records nothing: the nonce is checked below,
      // once the frame is known to match what was signed.
      replay: new ReplayGuard(1),
      via,
      ...(directory ? { keys: directory } : {}),
      ...(policy && !as.asRelay ? { policy } : {}),
    });
    const body = opened.body;
    const matches =
      opened.type === GOSSIP_ENVELOPE_TYPE &&
      typeof body === 'object' &&
      body !== null &&
      (body as SignedFields).id === frame.i &&
      opened.from === frame.f &&
      opened.to === (frame.o ?? GOSSIP_EVERYONE);
    if (!matches) throw mismatch();
    const message = as.read(body as SignedFields);
    if (!this.#replay.remember(opened.from, opened.nonce, opened.ts, Date.now() - DEFAULT_ENVELOPE_LIMITS.maxClockSkewMs)) {
      throw new EnvelopeError('replayed', `nonce ${opened.nonce} was already used`);
    }
    return message;
  }
}

/** The address book's stored keys, without its verdict (every verified sender is admitted, none recorded). */
function lookupOnly(keys: KeyDirectory): KeyDirectory {
  return { find: (fingerprint) => keys.find(fingerprint), admit: () => Promise.resolve(undefined) };
}
