// The CDN build's template minifier (scripts/vite-minify-literals.ts) must make templates smaller
// without changing what they render: no space a user sees is dropped, and no `${…}` moves.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minifyTemplateLiterals } from '../../scripts/vite-minify-literals.js';

type Transform = (this: { warn(message: string): void }, code: string, id: string) => Promise<{ code: string } | null>;

const ELEMENT = '/repo/src/elements/example/example.ts';

async function minify(code: string, id = ELEMENT): Promise<{ code: string | undefined; warnings: string[] }> {
  const warnings: string[] = [];
  const transform = minifyTemplateLiterals().transform as Transform;
  const result = await transform.call({ warn: (message) => warnings.push(message) }, code, id);
  return { code: result?.code, warnings };
}

test('a space between a custom element and the text after it survives (it is text a user sees)', async () => {
  const { code } = await minify('html`<p>\n  <peer-avatar></peer-avatar>\n  ${name}\n  <time>${time}</time>\n</p><x-tag>${a}</x-tag>\n  sent`;');
  assert.ok(code, 'the template was minified');
  assert.match(code, /<\/peer-avatar> \$\{name\} <time>/);
  assert.match(code, /<\/x-tag> sent/);
  assert.doesNotMatch(code, /\n/, 'indentation and newlines are gone');
});

test('every CSS expression stays where it was, in order, also when two look alike', async () => {
  const { code, warnings } = await minify('css`\n  .a {\n    /* why */\n    padding: ${token("s")} ${token("m")};\n    margin-block-start: ${x};\n    color: ${y};\n  }\n`;');
  assert.equal(code, 'css`.a{padding:${token("s")} ${token("m")};margin-block-start:${x};color:${y}}`;');
  assert.deepEqual(warnings, []);
});

test('CSS that does not parse with its expressions in place is left as written, with a warning', async () => {
  const source = 'css`\n  ${selector} {\n    color: red;\n  }\n`;';
  const { code, warnings } = await minify(source);
  assert.ok(code === undefined || code === source, `unchanged, got ${code}`);
  assert.equal(warnings.length, 1);
});

test('only the elements sources are rewritten', async () => {
  const { code } = await minify('html`<p>\n  ${a}\n</p>`;', '/repo/node_modules/lit-html/lit-html.js');
  assert.equal(code, undefined);
});
