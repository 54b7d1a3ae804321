/**
 * Who is speaking, from audio levels: one AudioContext for the element, an analyser per stream,
 * read a few times a second. A member counts as speaking while the level stays above a threshold,
 * and for a moment after (so a ring does not flicker between words).
 */

/** RMS level (0…1) above which a stream counts as speech; the fake tone of a test is far above, room noise below. */
const SPEAKING_LEVEL = 0.02;
/** How long a stream stays "speaking" after its level fell. */
const HOLD_MS = 500;
const READ_EVERY_MS = 150;

interface Meter {
  readonly stream: MediaStream;
  readonly analyser: AnalyserNode;
  readonly source: MediaStreamAudioSourceNode;
  readonly samples: Float32Array<ArrayBuffer>;
  lastLoud: number;
}

export class SpeakingMeter {
  #context: AudioContext | undefined;
  readonly #meters = new Map<string, Meter>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #speaking = new Set<string>();

  /** `changed` hears the ids speaking now, whenever that set changes. */
  constructor(private readonly changed: (speaking: ReadonlySet<string>) => void) {}

  /** Follows exactly these streams (by member id); streams without audio are left out. */
  watch(streams: ReadonlyMap<string, MediaStream>): void {
    for (const [id, meter] of this.#meters) {
      if (streams.get(id) === meter.stream) continue;
      meter.source.disconnect();
      this.#meters.delete(id);
    }
    for (const [id, stream] of streams) {
      if (this.#meters.has(id) || stream.getAudioTracks().length === 0) continue;
      // A level read a few times a second needs no low latency: 'playback' buffers wake the audio
      // thread less often, and 256 samples make a level (together a measurable share of a call's CPU, bench/call cpu).
      const context = (this.#context ??= new AudioContext({ latencyHint: 'playback' }));
      const analyser = context.createAnalyser();
      analyser.fftSize = 256;
      const source = context.createMediaStreamSource(stream);
      source.connect(analyser);
      this.#meters.set(id, { stream, analyser, source, samples: new Float32Array(analyser.fftSize), lastLoud: 0 });
    }
    if (this.#meters.size && !this.#timer) this.#timer = setInterval(() => this.#read(), READ_EVERY_MS);
    if (!this.#meters.size) this.#stopTimer();
  }

  stop(): void {
    this.watch(new Map());
    void this.#context?.close().catch(() => undefined);
    this.#context = undefined;
  }

  #stopTimer(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#speaking.size) {
      this.#speaking = new Set();
      this.changed(this.#speaking);
    }
  }

  #read(): void {
    const now = performance.now();
    const speaking = new Set<string>();
    for (const [id, meter] of this.#meters) {
      meter.analyser.getFloatTimeDomainData(meter.samples);
      let sum = 0;
      for (const sample of meter.samples) sum += sample * sample;
      if (Math.sqrt(sum / meter.samples.length) > SPEAKING_LEVEL && meter.stream.getAudioTracks().some((track) => track.enabled && !track.muted)) meter.lastLoud = now;
      if (now - meter.lastLoud < HOLD_MS) speaking.add(id);
    }
    if (speaking.size === this.#speaking.size && [...speaking].every((id) => this.#speaking.has(id))) return;
    this.#speaking = speaking;
    this.changed(speaking);
  }
}
