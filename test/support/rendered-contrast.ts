import { contrast, hex, over, rgbaOf, type Rgba } from './contrast.js';

/**
 * WCAG 2 contrast of what is really on screen: walks rendered elements (through shadow roots and
 * slots), takes each text's computed colour and the background it is drawn on (the first opaque
 * background up the flat tree, with translucent layers composited over it), and reports every
 * text, icon, control boundary and focus ring below its threshold.
 */

/** The parent in the flat tree: a slotted element's slot, a shadow root's host. */
function flatParent(element: Element): Element | null {
  if (element.assignedSlot) return element.assignedSlot;
  if (element.parentElement) return element.parentElement;
  const root = element.parentNode;
  return root instanceof ShadowRoot ? root.host : null;
}

/** The opaque colour `element`'s content is drawn on: its own background and those behind it. */
export function backgroundOf(element: Element): Rgba {
  const layers: Rgba[] = [];
  for (let at: Element | null = element; at; at = flatParent(at)) {
    const layer = rgbaOf(getComputedStyle(at).backgroundColor);
    if (layer.a === 0) continue;
    layers.push(layer);
    if (layer.a === 1) break;
  }
  // Below everything: the page's own background, or the canvas: white for a page that sets neither.
  const page = rgbaOf(getComputedStyle(document.documentElement).backgroundColor);
  const canvas = page.a === 1 ? page : { r: 255, g: 255, b: 255, a: 1 };
  return layers.reduceRight<Rgba>((below, layer) => over(layer, below), canvas);
}

/** Every element under `root`, entering shadow roots (the open ones peerkit renders). */
export function* deepElements(root: Element | ShadowRoot): Generator<Element> {
  for (const element of root.querySelectorAll('*')) {
    yield element;
    if (element.shadowRoot) yield* deepElements(element.shadowRoot);
  }
}

/** Not painted, or screen-reader-only (clipped to a pixel). */
function invisible(element: Element): boolean {
  if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return true;
  const box = element.getBoundingClientRect();
  return box.width <= 1 || box.height <= 1;
}

/** WCAG exempts inactive controls from contrast requirements. */
function inactive(element: Element): boolean {
  return element.closest(':disabled') !== null;
}

function isLarge(style: CSSStyleDeclaration): boolean {
  const size = parseFloat(style.fontSize);
  return size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
}

export interface ContrastReport {
  /** What fell short, readable: where, the text, the ratio and the colours. */
  readonly failures: string[];
  /** How many texts, icons, boundaries and focus rings were measured. */
  readonly checked: { text: number; icons: number; boundaries: number; focusRings: number };
}

function describe(element: Element): string {
  const host = (element.getRootNode() as ShadowRoot).host;
  const part = element.getAttribute('part') ?? element.getAttribute('class') ?? '';
  return `${host ? `${host.localName} ` : ''}${element.localName}${part ? `[${part}]` : ''}`;
}

const CONTROLS = 'button, textarea, input:not([type="hidden"]), select';

/**
 * Measures everything rendered under `root`. Focus rings are measured by focusing each control
 * (focus moves; the caller's focus is not restored).
 */
export function contrastReport(root: Element): ContrastReport {
  const failures: string[] = [];
  const checked = { text: 0, icons: 0, boundaries: 0, focusRings: 0 };
  const elements = [root, ...deepElements(root)];

  for (const element of elements) {
    if (invisible(element) || inactive(element)) continue;
    const style = getComputedStyle(element);
    const hasText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== '');
    if (hasText) {
      const background = backgroundOf(element);
      const ratio = contrast(over(rgbaOf(style.color), background), background);
      const needed = isLarge(style) ? 3 : 4.5;
      checked.text++;
      if (ratio < needed) failures.push(`text ${describe(element)} "${element.textContent!.trim().slice(0, 30)}": ${ratio.toFixed(2)}:1 (${hex(rgbaOf(style.color))} on ${hex(background)}), needs ${needed}:1`);
    }
    if (element instanceof SVGSVGElement && style.getPropertyValue('forced-color-adjust') !== 'none') {
      const background = backgroundOf(flatParent(element) ?? element);
      const ratio = contrast(over(rgbaOf(style.color), background), background);
      checked.icons++;
      if (ratio < 4.5) failures.push(`icon ${describe(element)}: ${ratio.toFixed(2)}:1 (${hex(rgbaOf(style.color))} on ${hex(background)}), needs 4.5:1`);
    }
    if (element.matches(CONTROLS)) {
      const outside = backgroundOf(flatParent(element)!);
      const fill = over(rgbaOf(style.backgroundColor), outside);
      const borderWidth = parseFloat(style.borderTopWidth);
      const border = borderWidth > 0 && style.borderTopStyle !== 'none' ? over(rgbaOf(style.borderTopColor), outside) : outside;
      const ratio = Math.max(contrast(fill, outside), contrast(border, outside));
      checked.boundaries++;
      if (ratio < 3) failures.push(`boundary ${describe(element)}: ${ratio.toFixed(2)}:1 (border ${hex(border)}, fill ${hex(fill)} on ${hex(outside)}), needs 3:1`);
    }
  }

  for (const element of elements) {
    if (!(element instanceof HTMLElement) || invisible(element) || inactive(element)) continue;
    if (!element.matches(`${CONTROLS}, [tabindex="0"]`)) continue;
    element.focus();
    const focused = (element.getRootNode() as Document | ShadowRoot).activeElement === element;
    if (!focused) continue;
    const style = getComputedStyle(element);
    checked.focusRings++;
    if (!element.matches(':focus-visible') || style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) {
      failures.push(`focus ${describe(element)}: no visible focus ring (${style.outlineStyle} ${style.outlineWidth})`);
      continue;
    }
    const outside = backgroundOf(flatParent(element)!);
    const ring = over(rgbaOf(style.outlineColor), outside);
    const ratio = contrast(ring, outside);
    if (ratio < 3) failures.push(`focus ${describe(element)}: ${ratio.toFixed(2)}:1 (${hex(ring)} on ${hex(outside)}), needs 3:1`);
  }
  return { failures, checked };
}
