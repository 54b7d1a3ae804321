/**
 * Makes `theme="dark"` (or the class `peer-theme-dark`) on ANY ancestor of an element theme it.
 *
 * Why this way: `:host-context()` would let an element look at its ancestors, but only Chromium
 * has it (not Firefox, not Safari). Custom properties, though, inherit through shadow roots in
 * every engine. So a theme is a set of `--peer-*` values placed on the element that carries the
 * attribute or class, and the rules that place them (`subtreeThemeRules`) must be able to match
 * that element: they are adopted into the element's document and into every shadow root the
 * element sits in (an app's component around a peerkit element, for instance). The rules only set
 * `--peer-*` properties, at zero specificity in a layer, so they change nothing else on the page
 * and any rule of the page's own wins.
 */
import { subtreeThemeRules } from './token-values.js';

const sheets = new WeakMap<Document, CSSStyleSheet>();

function sheetFor(document: Document): CSSStyleSheet {
  let sheet = sheets.get(document);
  if (!sheet) {
    const view = document.defaultView ?? window;
    sheet = new view.CSSStyleSheet();
    sheet.replaceSync(subtreeThemeRules());
    sheets.set(document, sheet);
  }
  return sheet;
}

function adoptInto(scope: Document | ShadowRoot, sheet: CSSStyleSheet): void {
  if (!scope.adoptedStyleSheets.includes(sheet)) scope.adoptedStyleSheets = [...scope.adoptedStyleSheets, sheet];
}

/** A shadow root of any window (an element may live in an iframe's document). */
function isShadowRoot(node: Node): node is ShadowRoot {
  return node.nodeType === Node.DOCUMENT_FRAGMENT_NODE && 'host' in node;
}

/**
 * Adopts the theme rules into the document and every shadow root that holds `element` (walking
 * out through each shadow host). Cheap when already done: a lookup per scope.
 */
export function adoptThemeRules(element: Element): void {
  const document = element.ownerDocument;
  if (!('adoptedStyleSheets' in document)) return;
  const sheet = sheetFor(document);
  for (let root = element.getRootNode(); isShadowRoot(root); root = root.host.getRootNode()) adoptInto(root, sheet);
  adoptInto(document, sheet);
}
