/**
 * A typed EventTarget. Every emitter in the core extends `Emitter<SomeEventMap>`, where the map
 * names each event type and its `CustomEvent<detail>`; listeners then get the right detail type
 * without a cast, whether written DOM-style or as `on()`:
 *
 *   room.addEventListener('peer', (event) => event.detail.id);
 *   const off = room.on('peer', ({ id }) => …);   // off() removes it
 *
 * It stays a real EventTarget (frameworks, `once`, `signal` and devtools work as usual). An owner
 * that listens to many events of something it may drop (a room to its transport, to each link)
 * passes one AbortSignal to all of them and aborts it once, so no listener is left behind.
 */
export type EventMapOf<T> = { [K in keyof T]: CustomEvent<unknown> };

type Listener<E> = ((event: E) => void) | { handleEvent(event: E): void };

export interface OnOptions {
  /** Removes the listener when this signal aborts. */
  readonly signal?: AbortSignal;
  readonly once?: boolean;
}

export class Emitter<M extends EventMapOf<M>> extends EventTarget {
  override addEventListener<K extends keyof M & string>(type: K, listener: Listener<M[K]> | null, options?: boolean | AddEventListenerOptions): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void {
    const signal = typeof options === 'object' ? options.signal : undefined;
    if (!signal || !listener) return super.addEventListener(type, listener, options);
    if (signal.aborted) return;
    const { signal: _removedBySignal, ...rest } = options as AddEventListenerOptions;
    super.addEventListener(type, listener, rest);
    this.#removeOnAbort(signal, () => super.removeEventListener(type, listener, { capture: rest.capture === true }));
  }

  override removeEventListener<K extends keyof M & string>(type: K, listener: Listener<M[K]> | null, options?: boolean | EventListenerOptions): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void {
    super.removeEventListener(type, listener, options);
  }

  /** Calls `listener` with each event's detail; returns the function that removes it. */
  on<K extends keyof M & string>(type: K, listener: (detail: M[K]['detail']) => void, options: OnOptions = {}): () => void {
    const { signal, once } = options;
    if (signal?.aborted) return () => undefined;
    const handler = (event: Event) => listener((event as M[K]).detail);
    super.addEventListener(type, handler, { once: once === true });
    const stopWaiting = signal ? this.#removeOnAbort(signal, () => super.removeEventListener(type, handler)) : undefined;
    return () => {
      super.removeEventListener(type, handler);
      stopWaiting?.();
    };
  }

  /**
   * Runs `remove` when `signal` aborts, from a listener the signal holds strongly. Not the
   * platform's `signal` option: Node holds that remover weakly, and after a garbage collection it
   * can leave one of several listeners sharing a signal in place (nodejs/node#63954) — a room's
   * link pool kept hearing links it had let go. Returns what stops the wait.
   */
  #removeOnAbort(signal: AbortSignal, remove: () => void): () => void {
    signal.addEventListener('abort', remove, { once: true });
    return () => signal.removeEventListener('abort', remove);
  }

  /** Dispatches `type` with `detail` to the listeners. */
  protected emit<K extends keyof M & string>(type: K, detail: M[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

