/**
 * A link's health: round-trip pings over its channel (a smoothed RTT), the path ICE selected
 * (direct, or relayed through TURN), and an ICE restart when ICE stays `disconnected`.
 *
 * Pings carry the sender's clock (a float64) and come back as they were, so no clock sync is
 * needed. One LinkHealth serves one connection: a link that starts over makes a new one.
 */
import { FrameKind } from './frame.js';

/**
 * `relayed`: through a TURN server; `server`: no WebRTC path formed, frames go through the
 * signaling server (server-path.ts); `unknown` until the browser reports the selected pair.
 */
export type LinkPath = 'direct' | 'relayed' | 'server' | 'unknown';

export type ProbeKind = typeof FrameKind.Ping | typeof FrameKind.Pong;

const PROBE_BYTES = 8;

export interface HealthOptions {
  /** Default 5 s; 0 turns pings off. */
  readonly pingMs?: number;
  /** How long ICE may stay `disconnected` before a restart (default 2 s). */
  readonly iceRestartAfterMs?: number;
  /** Best effort: a channel closing under a probe reports itself. */
  sendProbe(kind: ProbeKind, body: Uint8Array): void;
  readPath(): Promise<LinkPath | undefined>;
  /** ICE stayed `disconnected` for `iceRestartAfterMs`. */
  restartIce(): void;
  measured(rtt: number, path: LinkPath): void;
}

/** Direct or through TURN, from the candidate pair ICE selected; undefined while not reported. */
export function pathFromStats(stats: RTCStatsReport | undefined): LinkPath | undefined {
  if (!stats) return undefined;
  let pairId: string | undefined;
  stats.forEach((report: { type: string; selectedCandidatePairId?: string }) => {
    if (report.type === 'transport' && report.selectedCandidatePairId) pairId = report.selectedCandidatePairId;
  });
  const pair = pairId ? (stats.get(pairId) as { localCandidateId?: string; remoteCandidateId?: string } | undefined) : undefined;
  if (!pair) return undefined;
  const typeOf = (id: string | undefined) => (id ? (stats.get(id) as { candidateType?: string } | undefined)?.candidateType : undefined);
  const types = [typeOf(pair.localCandidateId), typeOf(pair.remoteCandidateId)];
  if (types.some((type) => type === undefined)) return undefined;
  return types.includes('relay') ? 'relayed' : 'direct';
}

export class LinkHealth {
  #rtt: number | undefined;
  #path: LinkPath = 'unknown';
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #restartTimer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(private readonly options: HealthOptions) {}

  get rtt(): number | undefined {
    return this.#rtt;
  }

  get path(): LinkPath {
    return this.#path;
  }

  /**
   * The link is up: read the path, then ping. Pings wait for the path: on loopback a pong can
   * beat getStats(), and the first sample would then say `unknown` for a path that could be told.
   */
  start(): void {
    void this.#measurePath().then(() => this.#startPings());
  }

  /** A Ping is answered with its body; a Pong is a sample. Bodies of another size are ignored. */
  onProbe(kind: ProbeKind, body: Uint8Array): void {
    if (this.#stopped || body.length !== PROBE_BYTES) return;
    if (kind === FrameKind.Ping) return this.options.sendProbe(FrameKind.Pong, body.slice());
    const sample = performance.now() - new DataView(body.buffer, body.byteOffset, PROBE_BYTES).getFloat64(0);
    if (!Number.isFinite(sample) || sample < 0) return;
    // Smoothed like TCP's SRTT (RFC 6298, α = 1/8), so one slow sample does not swing it.
    this.#rtt = this.#rtt === undefined ? sample : this.#rtt + (sample - this.#rtt) / 8;
    this.options.measured(this.#rtt, this.#path);
  }

  /**
   * What a change of ICE state means for a link that is `linkState`: the state it moves to, if
   * any. `disconnected` often recovers by itself; ICE is restarted if it does not soon. Once ICE
   * is back (perhaps on another candidate pair), the path is read again.
   */
  onIceState(iceState: string, linkState: string): 'reconnecting' | 'connected' | undefined {
    if (iceState === 'disconnected' && linkState === 'connected') {
      clearTimeout(this.#restartTimer);
      if (!this.#stopped) this.#restartTimer = setTimeout(() => this.options.restartIce(), this.options.iceRestartAfterMs ?? 2000);
      return 'reconnecting';
    }
    if ((iceState === 'connected' || iceState === 'completed') && linkState === 'reconnecting') {
      clearTimeout(this.#restartTimer);
      void this.#measurePath();
      return 'connected';
    }
    return undefined;
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#restartTimer);
    clearInterval(this.#pingTimer);
  }

  async #measurePath(): Promise<void> {
    const path = await this.options.readPath().catch(() => undefined);
    if (path !== undefined && !this.#stopped) this.#path = path;
  }

  #startPings(): void {
    const pingMs = this.options.pingMs ?? 5000;
    if (pingMs <= 0 || this.#stopped || this.#pingTimer !== undefined) return;
    this.#ping();
    this.#pingTimer = setInterval(() => this.#ping(), pingMs);
  }

  #ping(): void {
    const body = new Uint8Array(PROBE_BYTES);
    new DataView(body.buffer).setFloat64(0, performance.now());
    this.options.sendProbe(FrameKind.Ping, body);
  }
}
