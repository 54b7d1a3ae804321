/**
 * Latency rotation, on a timer: every interval it reports this peer's link RTTs (and the coarse
 * location the user consented to) to the signaling server, which answers with suggestions of
 * closer peers, and it replaces a link that stayed slow (rotation.ts decides which) with the
 * closest suggested peer that is free. The room supplies what it measures and carries out the
 * replacement; the rotator owns the timer, the report and the policy's memory.
 */
import { REPORT_LIMITS, ReportError, type CoarseLocation, type LatencyReport, type PeerSuggestion } from '../signaling/suggest.js';
import { RotationPolicy, type RotationOptions, type SlowLink } from './rotation.js';

export interface RotatorHost {
  /** The RTT of each connected link, ms; undefined when there is nothing to do now (not a partial mesh). */
  measure(): ReadonlyMap<string, number> | undefined;
  /** Sends a report to the server; throws ReportError for one it would refuse. */
  report(report: LatencyReport): void;
  /** Whether a link may be rotated away (the ring never is). */
  replaceable(id: string): boolean;
  /** The best free suggested peer at most 1/factor as far as `rtt`. */
  closerThan(rtt: number, factor: number): PeerSuggestion | undefined;
  /** Replace `slow` with `better`. */
  rotate(slow: SlowLink, better: PeerSuggestion): void;
  /** The report was refused for its location: the location is dropped. */
  refused(message: string): void;
}

export class Rotator {
  readonly policy: RotationPolicy;
  #timer: ReturnType<typeof setInterval> | undefined;
  #location: CoarseLocation | undefined;

  constructor(
    options: RotationOptions | undefined,
    private readonly host: RotatorHost,
    /** Asked once per start; only with the user's explicit consent. */
    private readonly location?: () => Promise<CoarseLocation | undefined>,
  ) {
    this.policy = new RotationPolicy(options);
  }

  get settings(): Required<RotationOptions> {
    return this.policy.settings;
  }

  start(): void {
    this.stop();
    this.#timer = setInterval(() => this.check(), this.policy.settings.intervalMs);
    this.location?.().then(
      (location) => (this.#location = location),
      () => undefined,
    );
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** One round: report, and replace the slowest link if it stayed slow and a closer peer is free. */
  check(now = Date.now()): void {
    const rtts = this.host.measure();
    if (!rtts) return;
    try {
      const measured = Object.fromEntries([...rtts].map(([id, rtt]) => [id, Math.round(rtt * 10) / 10]).slice(0, REPORT_LIMITS.maxEntries));
      this.host.report({ rtts: measured, ...(this.#location ? { geo: this.#location } : {}) });
    } catch (error) {
      // Not in the room right now (a reconnect): the next check reports again. A report the
      // server would refuse can only come from the location given: it is dropped, once, loudly.
      if (error instanceof ReportError) {
        this.#location = undefined;
        this.host.refused(error.message);
      }
    }
    const slow = this.policy.check(rtts, (id) => this.host.replaceable(id));
    if (!slow || !this.policy.mayRotate(now)) return;
    const better = this.host.closerThan(slow.rtt, this.policy.settings.slowFactor);
    if (!better) return;
    this.policy.rotated(slow.id, now);
    this.host.rotate(slow, better);
  }
}
