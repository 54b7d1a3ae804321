/**
 * A Vite plugin that minifies the text inside lit's `html`, `svg` and `css` templates of our own
 * sources (minify-literals finds the templates and minifies markup with html-minifier-next; CSS
 * goes through esbuild's CSS minifier). A JS minifier leaves template text alone, so without this
 * every indent, newline and CSS comment of the elements ships to users. lit's packages ship
 * minified already.
 *
 * Two guards make it safe for templates with `${…}` inside:
 * - Markup whitespace is collapsed to one space, never removed: between inline content (a name and
 *   a time, two spans) a space is text a user sees, and custom elements give no way to tell.
 * - CSS: every expression stands in as its own `var()` (what a token is at run time), and the
 *   minified CSS is used only if each is still there once, in the original order; otherwise that
 *   template keeps its text. A minifier that merges or reorders declarations (Lightning CSS, which
 *   minify-literals would use, moves logical properties after the others and writes
 *   `padding: ${a} ${b}` as one value when the two look alike) cannot be mapped back onto the
 *   template's expressions, which run in source order.
 */
import { transformSync } from 'esbuild';
import { minifyHTMLLiterals } from 'minify-literals';
import type { Plugin } from 'vite';

const OWN_SOURCE = /[\\/]src[\\/]elements[\\/].*\.ts$/;
/** minify-literals' placeholder for an expression: this text, with underscores added if a template contains it. */
const LIBRARY_PLACEHOLDER = /@TEMPLATE_EXPRESSION_*/g;
/** What an expression stands for while its CSS is minified: in a value, a token is a `var()` too. */
const marker = (index: number) => `var(--peerkit-expression-${index})`;
const MARKER = /var\(--peerkit-expression-(\d+)\)/g;

/** esbuild only warns about CSS it cannot parse (and keeps it as written): then the text is not plain CSS. */
function minifiedCss(text: string): string | undefined {
  try {
    const result = transformSync(text, { loader: 'css', minify: true, logLevel: 'silent' });
    return result.warnings.length ? undefined : result.code.trim();
  } catch {
    return undefined;
  }
}

/** Minified CSS with `placeholder` back in place of each marker, or undefined when the markers did not survive in order. */
function minifyCssText(text: string): string | undefined {
  const placeholder = text.match(LIBRARY_PLACEHOLDER)?.[0];
  const pieces = placeholder ? text.split(placeholder) : [text];
  const marked = pieces.reduce((joined, piece, index) => `${joined}${marker(index - 1)}${piece}`);
  // Declarations alone (a style attribute) parse inside a rule.
  const minified = minifiedCss(marked) ?? minifiedCss(`a{${marked}}`)?.replace(/^a\{(.*)\}$/s, '$1');
  if (minified === undefined) return undefined;
  const order = [...minified.matchAll(MARKER)].map((match) => Number(match[1]));
  if (order.length !== pieces.length - 1 || order.some((value, index) => value !== index)) return undefined;
  return minified.replace(MARKER, () => placeholder ?? '');
}

export function minifyTemplateLiterals(): Plugin {
  return {
    name: 'peerkit:minify-template-literals',
    apply: 'build',
    async transform(code, id) {
      if (!OWN_SOURCE.test(id) || !/(?<![`\w])(html|svg|css)`/.test(code)) return null;
      const warn = (message: string) => this.warn(message);
      const result = await minifyHTMLLiterals(code, {
        fileName: id,
        // Whitespace and comments only: attributes and entities stay as written (an empty `lang` or
        // `dir` is not the same as none, and the elements' markup is small either way).
        html: {
          collapseWhitespace: true,
          conservativeCollapse: true,
          removeComments: true,
          removeEmptyAttributes: false,
          removeDefaultTypeAttributes: false,
          decodeEntities: false,
          minifyJS: false,
        },
        css: (text) => {
          const minified = minifyCssText(text);
          if (minified === undefined) warn(`a css template in ${id} is left as written: it does not parse as CSS with its expressions in place, or minifying it would merge or reorder them`);
          return minified ?? text;
        },
      });
      return result && { code: result.code, map: result.map ?? null };
    },
  };
}
