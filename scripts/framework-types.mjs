/**
 * Framework types generated from custom-elements.json by the generators of the wc-toolkit family:
 * - types/react.d.ts: JSX IntrinsicElements for React 19 (@wc-toolkit/jsx-types), `peerkit/react`
 * - types/vue.d.ts: Vue's GlobalComponents (custom-element-vuejs-integration), `peerkit/vue`
 * - web-types.json: JetBrains IDEs (custom-element-jet-brains-integration), package.json `web-types`
 * `npm run analyze` runs it after the analyzer; test/node/framework-types.test.ts fails when the
 * committed files are stale and type-checks the README's snippets against them.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { generateJsxTypes } from '@wc-toolkit/jsx-types';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';
import { generateJetBrainsWebTypes } from 'custom-element-jet-brains-integration';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The package entry an element class is exported from: the building blocks have their own. */
function entryOf(modulePath = '') {
  return modulePath.startsWith('src/elements/blocks/') ? 'peerkit/blocks' : 'peerkit/elements';
}

/**
 * React's own DOM event props (`onClick`, `onKeyDown`…) for every tag, typed as React types them:
 * React 19 hands a custom element's `onClick` a synthetic event, not the DOM's MouseEvent the
 * generator's `includeDefaultDOMEvents` would promise. The names come from @types/react's
 * `DOMAttributes`, so the list follows React.
 */
async function reactDomEventProps() {
  const path = join(dirname(createRequire(import.meta.url).resolve('@types/react/package.json')), 'index.d.ts');
  const source = ts.createSourceFile(path, await readFile(path, 'utf8'), ts.ScriptTarget.Latest);
  const names = [];
  const visit = (node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'DOMAttributes') {
      for (const member of node.members) if (member.name && ts.isIdentifier(member.name) && /^on[A-Z]/.test(member.name.text)) names.push(member.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!names.includes('onClick')) throw new Error(`no DOMAttributes event props found in ${path}`);
  return names.map((name) => `${name}?: import("react").DOMAttributes<HTMLElement>["${name}"];`).join('\n');
}

/**
 * The manifest as @wc-toolkit/jsx-types must read it: it imports every export of an element's
 * module from the entry `componentTypePath` names, but only the element classes are API there
 * (a module may export a helper its entry does not): the modules export just their elements.
 */
function forJsx(manifest) {
  const copy = structuredClone(manifest);
  for (const module of copy.modules) {
    const elements = new Set((module.declarations ?? []).filter((declaration) => declaration.tagName).map((declaration) => declaration.name));
    if (module.exports) module.exports = module.exports.filter((entry) => entry.kind === 'js' && elements.has(entry.declaration.name));
  }
  return copy;
}

/**
 * The manifest as custom-element-vuejs-integration must read it to type Vue's listeners:
 * - it writes each listener as `on${event.name}`, but Vue (templates' `@peer-send`, vue-tsc, and
 *   render functions alike) names the listener for `peer-send` `onPeerSend`: the events go in
 *   under that name, with their DOM name first in their description;
 * - it keys an attribute's prop by the attribute's name (`"max-links"`), which vue-tsc never
 *   matches (it looks a binding up camelized, `maxLinks`), so such bindings went unchecked: the
 *   attributes go in under their property's name;
 * - it wraps an event's type in `CustomEvent<…>` itself (it reads the type as the detail, as
 *   Shoelace writes `@event {{ item: … }}`), while the manifest holds the event's own type,
 *   `CustomEvent<detail>`, as the schema says: it gets the details.
 */
function forVue(manifest) {
  const copy = structuredClone(manifest);
  for (const module of copy.modules) {
    for (const declaration of module.declarations ?? []) {
      for (const attribute of declaration.attributes ?? []) {
        if (attribute.fieldName) attribute.name = attribute.fieldName;
      }
      for (const event of declaration.events ?? []) {
        const detail = /^CustomEvent<([\s\S]*)>$/.exec(event.type?.text ?? '')?.[1];
        if (detail) event.type = { text: detail };
        event.description = [`\`@${event.name}\``, event.description].filter(Boolean).join(': ');
        event.name = event.name.replace(/(?:^|-)([a-z])/g, (_, letter) => letter.toUpperCase());
      }
    }
  }
  return copy;
}

/** Writes every framework type file for `manifest` under `outdir` (the generators make the folders). */
export async function writeFrameworkTypes(manifest, outdir) {
  const modulePathOf = new Map(manifest.modules.flatMap((module) => (module.declarations ?? []).map((declaration) => [declaration.name, module.path])));
  const domEvents = await reactDomEventProps();
  const quiet = console.log;
  // The generators log every step; `npm run analyze` stays as quiet as the analyzer's --quiet.
  console.log = () => undefined;
  try {
    generateJsxTypes(forJsx(manifest), {
      outdir: join(outdir, 'types'),
      fileName: 'react.d.ts',
      componentTypePath: (name, _tag, modulePath) => entryOf(modulePath ?? modulePathOf.get(name)),
      // `event.target` is the element and `event.detail` its detail type.
      stronglyTypedEvents: true,
      globalEvents: domEvents,
    });
    generateVuejsTypes(forVue(manifest), {
      outdir: join(outdir, 'types'),
      fileName: 'vue.d.ts',
      componentTypePath: (name) => entryOf(modulePathOf.get(name)),
      hideLogs: true,
    });
    generateJetBrainsWebTypes(manifest, {
      outdir,
      webTypesFileName: 'web-types.json',
      // Where an IDE finds (and imports) each tag's class.
      modulePathTemplate: (_name, modulePath) => entryOf(modulePath),
      // package.json names the file itself ("web-types"); the generator would write an absolute path there.
      packageJson: false,
      hideLogs: true,
    });
  } finally {
    console.log = quiet;
  }
}

// `node scripts/framework-types.mjs [outdir]`: writes the files under outdir (default: the package).
// The test runs it in a process of its own: the generators format with @prettier/sync, whose
// worker thread never starts in a process with more than one --import hook (node --test here).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = JSON.parse(await readFile(join(root, 'custom-elements.json'), 'utf8'));
  await writeFrameworkTypes(manifest, process.argv[2] ?? root);
}
