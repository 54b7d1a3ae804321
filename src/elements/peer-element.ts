/**
 * What every peerkit element shares: `emit()` for `peer-*` events (bubbling, composed, object
 * detail, as STYLE.md asks) and a `define()` that is a no-op when the tag is already taken, so two
 * copies of the library on one page do not throw.
 */
import { LitElement, type PropertyDeclarations } from 'lit';
import type { PeerEventMap } from './events.js';

export abstract class PeerElement extends LitElement {
  // Typed as the general declaration map so each element can declare its own on top.
  static override properties: PropertyDeclarations = {
    theme: { type: String, reflect: true },
  };

  /** `light` or `dark` pins a theme; unset, the element follows `prefers-color-scheme`. */
  declare theme: 'light' | 'dark' | undefined;

  /** Dispatches a `peer-*` event from this element; returns false if a listener cancelled it. */
  protected emit<K extends keyof PeerEventMap>(type: K, detail: PeerEventMap[K]['detail'], options: { cancelable?: boolean } = {}): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }));
  }
}

export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
