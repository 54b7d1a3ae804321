// The framework types shipped as peerkit/react and peerkit/vue (and web-types.json) are what the
// generators make of custom-elements.json, and the README's TSX and Vue snippets type-check against
// them as they are: with tsc and with vue-tsc, through the paths package.json exports. Each run also
// checks copies of the snippet with a wrong attribute value or event detail, which must fail.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../..', import.meta.url));
const FRAMEWORK_TYPE_FILES = ['types/react.d.ts', 'types/vue.d.ts', 'web-types.json'];

type Framework = 'react' | 'vue';
const CHECKERS: Record<Framework, { bin: string; extension: string }> = {
  react: { bin: 'node_modules/typescript/bin/tsc', extension: 'tsx' },
  vue: { bin: 'node_modules/vue-tsc/bin/vue-tsc.js', extension: 'vue' },
};

/** The README blocks marked `<!-- framework-snippet: … -->`, by language. */
async function readmeSnippets(language: string): Promise<string[]> {
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  return [...readme.matchAll(/<!-- framework-snippet:[^\n]*-->\n```(\w+)\n([\s\S]*?)\n```/g)].filter((match) => match[1] === language).map((match) => `${match[2]}\n`);
}

/**
 * `paths` that resolve every `peerkit/…` specifier package.json exports to what it stands for
 * here: the element sources (its built .d.ts are made from them), and the framework types as .ts
 * copies, so the checker checks them too (skipLibCheck would skip a .d.ts).
 */
async function exportPaths(typesCopies: Map<string, string>): Promise<Record<string, string[]>> {
  const { exports } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { exports: Record<string, string | { types?: string }> };
  const paths: Record<string, string[]> = {};
  for (const [key, target] of Object.entries(exports)) {
    const types = typeof target === 'string' ? undefined : target.types;
    if (!types) continue;
    const specifier = `peerkit${key.slice(1)}`;
    const copy = typesCopies.get(types.replace(/^\.\//, ''));
    paths[specifier] = [copy ?? join(root, types.replace(/^\.\/dist\/types\//, 'src/').replace(/\.d\.ts$/, '.ts'))];
  }
  return paths;
}

interface TypeError {
  file: string;
  line: number;
  text: string;
}

/** Type-checks `files` (name → text) with the framework's checker; returns every error it reports. */
async function typeCheck(framework: Framework, files: Record<string, string>): Promise<TypeError[]> {
  await mkdir(join(root, 'node_modules/.cache'), { recursive: true });
  // Inside the package, so `react`, `vue` and the elements' own imports resolve as in the repository.
  const dir = await mkdtemp(join(root, 'node_modules/.cache/peerkit-snippets-'));
  try {
    const typesFile = `types/${framework}.d.ts`;
    const copy = join(dir, `peerkit-${framework}.ts`);
    await writeFile(copy, await readFile(join(root, typesFile), 'utf8'));
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    const compilerOptions = {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      experimentalDecorators: true,
      useDefineForClassFields: false,
      types: [],
      ...(framework === 'react' ? { jsx: 'react-jsx' } : {}),
      paths: await exportPaths(new Map([[typesFile, copy]])),
    };
    const tsconfig = { compilerOptions, files: [...Object.keys(files), copy, join(root, 'src/types/kbpgp.d.ts')] };
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    const output = await promisify(execFile)(process.execPath, [join(root, CHECKERS[framework].bin), '-p', join(dir, 'tsconfig.json')], { cwd: dir }).then(
      ({ stdout }) => stdout,
      (failure: { stdout?: string; stderr?: string }) => `${failure.stdout ?? ''}${failure.stderr ?? ''}`,
    );
    const errors = [...output.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+: .*)$/gm)].map((match) => ({ file: match[1]!.replace(/^.*[\\/]/, ''), line: Number(match[2]), text: match[3]! }));
    // Anything else printed (a crash, a config problem) is a failure too, not a pass.
    assert.ok(errors.length > 0 || output.trim() === '', `the checker printed:\n${output}`);
    return errors;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** How many lines `text` has. */
const lineCount = (text: string) => text.split('\n').length;

test('types/react.d.ts, types/vue.d.ts and web-types.json are what the generators make of custom-elements.json (run `npm run analyze`)', { timeout: 60_000 }, async () => {
  const outdir = await mkdtemp(join(tmpdir(), 'peerkit-framework-types-'));
  try {
    await promisify(execFile)(process.execPath, [join(root, 'scripts/framework-types.mjs'), outdir], { cwd: root });
    for (const file of FRAMEWORK_TYPE_FILES) assert.equal(await readFile(join(root, file), 'utf8'), await readFile(join(outdir, file), 'utf8'), `${file} is stale`);
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
});

test('package.json ships the framework types: peerkit/react, peerkit/vue, web-types', async () => {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown>; files: string[]; 'web-types'?: string };
  assert.deepEqual(pkg.exports['./react'], { types: './types/react.d.ts' });
  assert.deepEqual(pkg.exports['./vue'], { types: './types/vue.d.ts' });
  assert.equal(pkg['web-types'], './web-types.json');
  assert.ok(pkg.files.includes('types') && pkg.files.includes('web-types.json'), 'types/ and web-types.json are in "files"');
});

// Each mutant is the snippet plus one use that is wrong in a way only the generated types can tell.
const MUTANTS: Record<Framework, Record<string, (snippet: string) => string>> = {
  react: {
    'wrong-attribute': (snippet) => `${snippet}export const wrong = <peer-room mode="star" />;\n`,
    'wrong-event-detail': (snippet) => `${snippet}export const wrong = <peer-room onpeer-message={(event) => event.detail.sender} />;\n`,
    'unknown-attribute': (snippet) => `${snippet}export const wrong = <peer-chat colour="red" />;\n`,
  },
  vue: {
    'wrong-attribute': (snippet) => snippet.replace(/<\/template>\s*$/, '  <peer-room mode="star" />\n</template>\n'),
    'wrong-event-detail': (snippet) => snippet.replace(/<\/template>\s*$/, '  <peer-room @peer-message="(event) => event.detail.sender" />\n</template>\n'),
    'wrong-property-type': (snippet) => snippet.replace(/<\/template>\s*$/, '  <peer-room :max-links="\'many\'" />\n</template>\n'),
  },
};

// Uses beside the snippet that must type-check too: React's own DOM event props on any tag, with
// React's synthetic event (not the DOM's MouseEvent).
const ACCEPTED: Record<Framework, Record<string, (snippet: string) => string>> = {
  react: {
    'dom-event': (snippet) => `${snippet}export const click = <peer-button onClick={(event) => event.nativeEvent.composedPath()}>Join</peer-button>;\n`,
  },
  vue: {},
};

for (const framework of ['react', 'vue'] as const) {
  const { extension } = CHECKERS[framework];
  test(`the README's ${extension} snippet type-checks against peerkit/${framework}; a wrong attribute or event detail beside it fails`, { timeout: 240_000 }, async () => {
    const snippets = await readmeSnippets(extension);
    assert.ok(snippets.length >= 1, `README.md has no framework-snippet ${extension} block`);
    const files: Record<string, string> = {};
    snippets.forEach((snippet, index) => {
      files[`readme-${index}.${extension}`] = snippet;
      for (const [name, extend] of Object.entries(ACCEPTED[framework])) files[`accepted-${name}-${index}.${extension}`] = extend(snippet);
      for (const [name, mutate] of Object.entries(MUTANTS[framework])) {
        const mutant = mutate(snippet);
        assert.notEqual(mutant, snippet, `${name} could not be made from snippet ${index}`);
        files[`${name}-${index}.${extension}`] = mutant;
      }
    });
    const errors = await typeCheck(framework, files);
    for (const [name, text] of Object.entries(files)) {
      const own = errors.filter((error) => error.file === name);
      if (name.startsWith('readme-') || name.startsWith('accepted-')) {
        assert.deepEqual(own, [], `${name} does not type-check`);
      } else {
        // The error is on the added use (the last lines), not somewhere the snippet itself is wrong.
        assert.ok(own.length > 0, `${name} type-checks: the types do not catch it`);
        assert.ok(own.every((error) => error.line >= lineCount(text) - 3), `${name}: ${JSON.stringify(own)}`);
      }
    }
    // The JSX types also augment the JSX of frameworks not installed here (preact, solid-js…): in
    // the shipped .d.ts TypeScript passes over an absent module's augmentation, only the .ts copy
    // checked here reports it.
    const elsewhere = errors.filter((error) => !(error.file in files) && !/^TS2664: Invalid module name in augmentation, module '[^']+' cannot be found\.$/.test(error.text));
    assert.deepEqual(elsewhere, [], 'errors outside the snippets (in the generated types?)');
  });
}
