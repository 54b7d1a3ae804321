/**
 * Styles for code an element loads after its first render (the chat's rows, the verify dialog):
 * added to its shadow root after the element's own, once. Lit adopts an element's static styles
 * when its root is made; these come later, with the code that needs them, so the CDN entry does
 * not carry them.
 */
import { adoptStyles, supportsAdoptingStyleSheets, type CSSResult } from 'lit';

const added = new WeakMap<ShadowRoot, Set<CSSResult>>();

export function adoptLateStyles(host: HTMLElement, styles: readonly CSSResult[]): void {
  const root = host.shadowRoot;
  if (!root) return;
  const done = added.get(root) ?? new Set<CSSResult>();
  added.set(root, done);
  const fresh = styles.filter((style) => !done.has(style));
  if (fresh.length === 0) return;
  for (const style of fresh) done.add(style);
  if (supportsAdoptingStyleSheets) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...fresh.map((style) => style.styleSheet!)];
  // Without constructable sheets, adoptStyles appends a <style> per style after the element's own.
  else adoptStyles(root, fresh);
}
