/**
 * axe over an element in each theme a person may see it in: light, dark (`theme="dark"` on an
 * ancestor, as a page sets it) and forced colours (emulated by the browser, as Windows High
 * Contrast turns it on).
 */
import { accessibilityViolations } from './axe.js';
import { emulateMedia } from './browser-input.js';
import { deepElements } from './rendered-contrast.js';
import { serverCommand } from './server-commands.js';

/** Resolves once the colour transitions a theme change started have ended (axe would read a colour mid-way). */
async function transitionsEnded(root: Element): Promise<void> {
  root.getBoundingClientRect();
  const scopes: (Document | ShadowRoot)[] = [document, ...[root, ...deepElements(root)].flatMap((element) => (element.shadowRoot ? [element.shadowRoot] : []))];
  await Promise.all(scopes.flatMap((scope) => scope.getAnimations()).map((animation) => animation.finished.catch(() => undefined)));
}

/**
 * The violations in every theme, each prefixed with the theme; `themeRoot` is the ancestor whose
 * `theme` is switched (restored afterwards, as is the media emulation).
 */
export async function violationsInEveryTheme(element: Element, themeRoot: HTMLElement): Promise<string[]> {
  const theme = themeRoot.getAttribute('theme');
  const found: string[] = [];
  const audit = async (name: string, rules?: Parameters<typeof accessibilityViolations>[1]) => {
    await transitionsEnded(element);
    found.push(...(await accessibilityViolations(element, rules)).map((violation) => `${name}: ${violation}`));
  };
  try {
    themeRoot.setAttribute('theme', 'light');
    await audit('light');
    themeRoot.setAttribute('theme', 'dark');
    await audit('dark');
    await emulateMedia({ forcedColors: 'active' });
    if (!matchMedia('(forced-colors: active)').matches) throw new Error('forced colours did not turn on');
    // Without axe's colour-contrast rule: it reads -webkit-text-fill-color, which Chromium leaves at
    // the theme's colour while it paints the forced one (see src/elements/styles/themes.test.ts).
    await audit('forced colours', { 'color-contrast': { enabled: false } });
  } finally {
    // null: back to no emulation (Playwright's reset; the typed helper only takes a setting).
    await serverCommand('emulate-media', { forcedColors: null });
    if (theme === null) themeRoot.removeAttribute('theme');
    else themeRoot.setAttribute('theme', theme);
  }
  return found;
}
