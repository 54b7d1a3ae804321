/** Renders a block's lit template inside a shadow root of its own (as the elements do), for block tests. */
import { LitElement, type CSSResultGroup, type TemplateResult } from 'lit';

let hosts = 0;

export type BlockHost = LitElement & { readonly shadowRoot: ShadowRoot };

/** A new element (not yet in the document) whose shadow root renders `template()` with `styles`; `requestUpdate()` renders it again. */
export function blockHost(template: () => TemplateResult, styles: CSSResultGroup): BlockHost {
  const tag = `block-host-${++hosts}`;
  customElements.define(
    tag,
    class extends LitElement {
      static override styles = styles;
      protected override render() {
        return template();
      }
    },
  );
  return document.createElement(tag) as BlockHost;
}

/** The centre of an element, in the viewport coordinates `sendMouse` takes. */
export function centreOf(element: Element): [number, number] {
  const { left, top, width, height } = element.getBoundingClientRect();
  return [Math.round(left + width / 2), Math.round(top + height / 2)];
}

/** The focused element, looking inside shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
