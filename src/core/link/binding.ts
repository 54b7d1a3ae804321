/**
 * Channel binding: proof that the data channel that opened is the one both peers signed for.
 *
 * Each side's signal envelopes carry a per-link session nonce, and its SDP (signed with them)
 * carries its DTLS fingerprint. Once the channel opens, each side sends over it a sealed statement
 * of (its fingerprint, the remote's, both sessions); the receiver checks it against the SDP the
 * remote signed and against the certificate the DTLS handshake actually used. A relay that swaps
 * or replays signals between sessions cannot produce a statement that checks, so it cannot
 * produce a bound link. One ChannelBinding serves one connection.
 */
import { open, sealBinary, type EnvelopeSigner } from '../envelope/envelope.js';
import type { ReplayGuard } from '../envelope/replay-guard.js';
import type { KeyDirectory } from '../envelope/trust.js';
import type { RoomAddress } from '../signaling/transport.js';
import type { RtcSignal } from './rtc.js';

interface BindingBody {
  readonly local: string;
  readonly remote: string;
  readonly sessions: readonly [string, string];
}

/** The statement could not be made, or the remote's does not check: the link must not bind. */
export class BindingError extends Error {
  override readonly name = 'BindingError';
}

/** What the statement binds, read when needed: these become known one by one during signaling. */
export interface BindingFacts {
  remoteId(): string | undefined;
  readonly localSession: string;
  remoteSession(): string | undefined;
  /** The SDP this side signed (it holds our fingerprint). */
  localSdp(): string | undefined;
  stats(): Promise<RTCStatsReport | undefined>;
}

export interface BindingOptions {
  readonly identity: EnvelopeSigner;
  readonly address: RoomAddress;
  readonly replay: ReplayGuard;
  readonly keys: KeyDirectory;
  readonly facts: BindingFacts;
}

export function sdpFingerprint(sdp: unknown): string | undefined {
  if (typeof sdp !== 'string') return undefined;
  return /^a=fingerprint:sha-256 ([0-9A-F:]+)\s*$/im.exec(sdp)?.[1]?.toUpperCase();
}

/** The certificate the DTLS handshake really used, when the browser reports it. */
function remoteCertificateFingerprint(stats: RTCStatsReport | undefined): string | undefined {
  if (!stats) return undefined;
  let certificateId: string | undefined;
  stats.forEach((report: { type: string; remoteCertificateId?: string }) => {
    if (report.type === 'transport' && report.remoteCertificateId) certificateId = report.remoteCertificateId;
  });
  const certificate = certificateId ? (stats.get(certificateId) as { fingerprint?: string; fingerprintAlgorithm?: string } | undefined) : undefined;
  return certificate?.fingerprintAlgorithm === 'sha-256' ? certificate.fingerprint?.toUpperCase() : undefined;
}

export class ChannelBinding {
  /** The remote's DTLS fingerprint, from the SDP it signed. */
  #remoteFingerprint: string | undefined;
  /** Sealed as soon as both descriptions are known: ready when the channel opens. */
  #statement: Promise<Uint8Array> | undefined;
  /** Asked for when the channel opens, while the remote's statement is on its way. */
  #negotiatedRemote: Promise<string | undefined> | undefined;
  #sent = false;
  #checked = false;

  constructor(private readonly options: BindingOptions) {}

  /** The remote's statement checked: what it sends now comes from the bound remote. */
  get remoteChecked(): boolean {
    return this.#checked;
  }

  /** Both statements went their way: the link is bound. */
  get bound(): boolean {
    return this.#sent && this.#checked;
  }

  /** Signals the remote signed: its description names its DTLS fingerprint. */
  /** Whether every description in `signals` names the certificate already noted (or names none). */
  sameRemote(signals: readonly RtcSignal[]): boolean {
    return signals.every((signal) => {
      const fingerprint = sdpFingerprint(signal.sdp);
      return fingerprint === undefined || fingerprint === this.#remoteFingerprint;
    });
  }

  noteRemoteSignals(signals: readonly RtcSignal[]): void {
    for (const signal of signals) this.#remoteFingerprint = sdpFingerprint(signal.sdp) ?? this.#remoteFingerprint;
  }

  /** Starts sealing the statement once both fingerprints and both sessions are known. */
  prepare(): void {
    // Called for every signal in and out (dozens per link): the local description is read last,
    // only once it can matter, since in Node (wrtc) reading it is a blocking call into WebRTC's
    // own thread.
    if (this.#statement) return;
    const { facts, identity, address } = this.options;
    const remoteId = facts.remoteId();
    const remote = this.#remoteFingerprint;
    const remoteSession = facts.remoteSession();
    if (!remoteId || !remote || !remoteSession) return;
    const local = sdpFingerprint(facts.localSdp());
    if (!local) return;
    this.#statement = sealBinary<BindingBody>(identity, { ...address, to: remoteId, type: 'bind', body: { local, remote, sessions: [facts.localSession, remoteSession] } });
    // Awaited when the channel opens; a link that never gets there must not leave it unhandled.
    this.#statement.catch(() => undefined);
  }

  /** The statement to send now that the channel is open. */
  async statement(): Promise<Uint8Array> {
    this.#negotiatedRemote = this.#readNegotiatedRemote();
    this.prepare();
    if (!this.#statement) throw new BindingError('the link opened without signed descriptions on both sides');
    try {
      return await this.#statement;
    } catch (error) {
      throw new BindingError(`could not sign the binding: ${(error as Error).message}`);
    }
  }

  markSent(): void {
    this.#sent = true;
  }

  /** Checks the remote's statement; throws BindingError when it does not bind this channel. */
  async check(statement: Uint8Array): Promise<void> {
    const { facts, identity, address, replay, keys } = this.options;
    let body: Partial<BindingBody> | undefined;
    let from: string;
    let type: string;
    try {
      ({ body, from, type } = await open<Partial<BindingBody> | undefined>(statement, { ns: address.ns, room: address.room, me: identity.fingerprint, replay, keys }));
    } catch (error) {
      throw new BindingError(`binding statement refused (${(error as Error).message})`);
    }
    const actualRemote = await (this.#negotiatedRemote ?? this.#readNegotiatedRemote());
    const expected =
      from === facts.remoteId() &&
      type === 'bind' &&
      this.#remoteFingerprint !== undefined &&
      body?.local === this.#remoteFingerprint &&
      body?.remote === sdpFingerprint(facts.localSdp()) &&
      body?.sessions?.[0] === facts.remoteSession() &&
      body?.sessions?.[1] === facts.localSession &&
      (actualRemote === undefined || actualRemote === this.#remoteFingerprint);
    if (!expected) throw new BindingError('the binding statement does not match the signed session');
    this.#checked = true;
  }

  /** A connection closing under getStats() reports nothing: the signed fingerprints still hold. */
  #readNegotiatedRemote(): Promise<string | undefined> {
    return this.options.facts.stats().then(remoteCertificateFingerprint, () => undefined);
  }
}
