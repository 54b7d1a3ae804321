/**
 * Writes themes/light.css and themes/dark.css from the token values in
 * src/elements/styles/token-values.ts (`npm run themes`); test/node/themes.test.ts fails when the
 * committed files no longer match.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { themeFile, type ThemeName } from '../src/elements/styles/token-values.js';

const themes: ThemeName[] = ['light', 'dark'];
for (const theme of themes) {
  const path = fileURLToPath(new URL(`../themes/${theme}.css`, import.meta.url));
  await writeFile(path, themeFile(theme));
}
