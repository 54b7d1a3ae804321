// custom-elements.json describes the elements' public API and nothing else: every event with its
// detail type, no private members, no entry the analyzer made up. The plugins that see to it
// (scripts/manifest/plugins.mjs) are checked on the committed manifest and on a fixture.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// The parts of the manifest schema these checks read.
interface Member {
  name: string;
  privacy?: string;
}
interface Declaration {
  name: string;
  tagName?: string;
  members?: Member[];
  events?: { name: string; type?: { text: string } }[];
}
interface Export {
  kind: string;
  name: string;
  declaration: { name: string; module?: string };
}
interface Package {
  modules: { path: string; declarations?: Declaration[]; exports?: Export[] }[];
}

const root = fileURLToPath(new URL('../..', import.meta.url));
// The analyzer's own typings declare neither create() nor the TypeScript it parses with.
const analyzer = (await import('@custom-elements-manifest/analyzer')) as unknown as {
  create(options: { modules: ts.SourceFile[]; plugins: unknown[] }): Package;
  ts: typeof ts;
};
const plugins = (await import(join(root, 'scripts/manifest/plugins.mjs'))) as {
  CUSTOM_ELEMENT_NAME: RegExp;
  stableModuleOrder(): unknown;
  typedPeerEvents(options: { root: string }): unknown;
  publicApiOnly(): unknown;
  tagDefinitions(): unknown;
};
const manifest = JSON.parse(await readFile(join(root, 'custom-elements.json'), 'utf8')) as Package;

const declarations = (pkg: Package): { path: string; declaration: Declaration }[] =>
  pkg.modules.flatMap((module) => (module.declarations ?? []).map((declaration) => ({ path: module.path, declaration })));
const elements = (pkg: Package) => declarations(pkg).filter(({ declaration }) => Boolean(declaration.tagName));
const definitions = (pkg: Package): Export[] => pkg.modules.flatMap((module) => (module.exports ?? []).filter((entry) => entry.kind === 'custom-element-definition'));

/** Type-checks a file (beside the sources, so its imports resolve) that exists only in memory. */
function typeErrors(fileName: string, text: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  assert.ok(config, 'tsconfig.json could not be read');
  const host = ts.createCompilerHost(config.options);
  const readSource = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError) => (name === fileName ? ts.createSourceFile(name, text, version) : readSource(name, version, onError));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === fileName || fileExists(name);
  const program = ts.createProgram({ rootNames: [fileName], options: { ...config.options, noEmit: true, types: [] }, host });
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(fileName)).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

test('every peer-* event in custom-elements.json has the type PeerEventMap gives it, exactly', { timeout: 120_000 }, () => {
  const checks: string[] = [];
  for (const { declaration } of elements(manifest)) {
    for (const event of declaration.events ?? []) {
      assert.match(event.type?.text ?? '', /^CustomEvent<.+>$/s, `${declaration.tagName} ${event.name} has no event type`);
      // Identical, not just assignable: a missing `readonly`, an extra optional field or a wider union fails.
      checks.push(`const _${checks.length}: Same<PeerEventMap['${event.name}'], ${event.type!.text}> = true;`);
    }
  }
  assert.ok(checks.length >= 15, `only ${checks.length} typed events`);
  const probe = [
    "import type { PeerEventMap } from './src/elements/events.js';",
    'type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;',
    ...checks,
  ].join('\n');
  assert.deepEqual(typeErrors(join(root, 'manifest-event-probe.ts'), probe), []);
});

test("each element's events in the manifest are the peer-* events its class emits", async () => {
  for (const { path, declaration } of elements(manifest)) {
    const source = await readFile(join(root, path), 'utf8');
    const emitted = [...source.matchAll(/\bemit\(\s*'(peer-[a-z-]+)'/g)].map((match) => match[1]);
    const documented = (declaration.events ?? []).map((event) => event.name);
    assert.deepEqual([...new Set(documented)].sort(), [...new Set(emitted)].sort(), `${declaration.tagName}: @fires and emit() differ`);
  }
});

test('custom-elements.json lists no private member', () => {
  const leaked = declarations(manifest).flatMap(({ declaration }) =>
    (declaration.members ?? [])
      .filter((member) => member.privacy === 'private' || member.name.startsWith('#') || member.name.startsWith('_'))
      .map((member) => `${declaration.name}.${member.name}`),
  );
  assert.deepEqual(leaked, []);
});

test('every tag definition in custom-elements.json names a real element, and every element is defined', () => {
  const tagged = new Map(elements(manifest).map(({ path, declaration }) => [declaration.tagName, `${path}#${declaration.name}`]));
  for (const definition of definitions(manifest)) {
    assert.match(definition.name, plugins.CUSTOM_ELEMENT_NAME, `"${definition.name}" is not a tag name`);
    assert.equal(`${definition.declaration.module}#${definition.declaration.name}`, tagged.get(definition.name), `definition of ${definition.name}`);
  }
  assert.deepEqual([...new Set(definitions(manifest).map((definition) => definition.name))].sort(), [...tagged.keys()].sort());
});

test('the plugins drop private and @internal members and the define helper, and type the events', { timeout: 120_000 }, () => {
  const source = `
    import { LitElement } from 'lit';
    export function defineElement(tag, element) {
      if (!customElements.get(tag)) customElements.define(tag, element);
    }
    /**
     * @tagname fixture-element
     * @fires peer-join - Someone came.
     */
    export class FixtureElement extends LitElement {
      /** Public. */
      shown = 1;
      #secret = 2;
      private hidden = 3;
      _underscored = 4;
      /** @internal */
      forTests = 5;
      #privateMethod() {}
    }
    /** @internal */
    export class InternalHelper {}
    defineElement('fixture-element', FixtureElement);
  `;
  const modules = [analyzer.ts.createSourceFile('src/fixture.ts', source, analyzer.ts.ScriptTarget.ES2022, true)];
  const result = analyzer.create({
    modules,
    plugins: [plugins.stableModuleOrder(), plugins.typedPeerEvents({ root }), plugins.publicApiOnly(), plugins.tagDefinitions()],
  });
  const fixture = result.modules[0]!;
  const element = fixture.declarations?.find((declaration) => declaration.name === 'FixtureElement');
  assert.deepEqual(element?.members?.map((member) => member.name), ['shown']);
  assert.deepEqual(element?.events?.map((event) => [event.name, event.type?.text]), [['peer-join', 'CustomEvent<{ readonly id: string }>']]);
  assert.deepEqual(fixture.declarations?.map((declaration) => declaration.name).sort(), ['FixtureElement', 'defineElement']);
  assert.deepEqual(
    fixture.exports?.filter((entry) => entry.kind === 'custom-element-definition').map((entry) => [entry.name, entry.declaration.name]),
    [['fixture-element', 'FixtureElement']],
  );
  assert.ok(!fixture.exports?.some((entry) => entry.declaration.name === 'InternalHelper'));
});

test('an element that fires an event PeerEventMap does not declare stops the analysis', { timeout: 120_000 }, () => {
  const source = '/**\n * @tagname fixture-element\n * @fires peer-made-up - Not in the map.\n */\nexport class FixtureElement extends HTMLElement {}\n';
  const modules = [analyzer.ts.createSourceFile('src/fixture.ts', source, analyzer.ts.ScriptTarget.ES2022, true)];
  assert.throws(() => analyzer.create({ modules, plugins: [plugins.typedPeerEvents({ root })] }), /FixtureElement fires peer-made-up, which PeerEventMap/);
});
