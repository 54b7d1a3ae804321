// themes/light.css and themes/dark.css are committed, generated from the token values the
// elements use; this fails when a value changed and the files were not regenerated.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { themeFile, lightTokens } from '../../src/elements/styles/token-values.js';

for (const theme of ['light', 'dark'] as const) {
  test(`themes/${theme}.css is current (run \`npm run themes\` after changing a token)`, async () => {
    const committed = await readFile(new URL(`../../themes/${theme}.css`, import.meta.url), 'utf8');
    assert.equal(committed, themeFile(theme));
    for (const name of Object.keys(lightTokens)) assert.match(committed, new RegExp(`--peer-${name}: `), `${theme}.css sets --peer-${name}`);
  });
}
