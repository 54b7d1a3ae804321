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
    super.addEventListener(type, listener, options);
  }

  override removeEventListener<K extends keyof M & string>(type: K, listener: Listener<M[K]> | null, options?: boolean | EventListenerOptions): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void {
    super.removeEventListener(type, listener, options);
  }

  /** Calls `listener` with each event's detail; returns the function that removes it. */
  on<K extends keyof M & string>(type: K, listener: (detail: M[K]['detail']) => void, options: OnOptions = {}): () => void {
    const handler = (event: Event) => listener((event as M[K]).detail);
    super.addEventListener(type, handler, options);
    return () => super.removeEventListener(type, handler);
  }

  /** Dispatches `type` with `detail` to the listeners. */
  protected emit<K extends keyof M & string>(type: K, detail: M[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

