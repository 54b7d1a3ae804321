/**
 * Analyzer plugins that make custom-elements.json say what the elements' public API is, and
 * nothing else. test/node/manifest-api.test.ts checks each of these on the committed manifest.
 */
import { posix } from 'node:path';
import { peerEventTypes } from './event-types.mjs';

/** The file order the analyzer sees depends on the file system: sorted, the output is stable. */
export function stableModuleOrder() {
  return {
    name: 'peerkit-stable-module-order',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
    },
  };
}

/**
 * Every `peer-*` event an element documents with `@fires` gets its type from `PeerEventMap`, the
 * one place the elements' `emit()` calls are type-checked against, so the manifest cannot say
 * something the code does not do. An event missing from the map stops the analysis.
 * Other event names are dropped: `emit(type, …)` in the base class reads to the analyzer as an
 * event named "type".
 */
export function typedPeerEvents({ root }) {
  return {
    name: 'peerkit-typed-peer-events',
    packageLinkPhase({ customElementsManifest }) {
      const types = peerEventTypes(root);
      for (const declaration of declarationsOf(customElementsManifest)) {
        if (!declaration.events) continue;
        declaration.events = declaration.events.filter((event) => event.name?.startsWith('peer-'));
        for (const event of declaration.events) {
          const text = types.get(event.name);
          if (!text) throw new Error(`${declaration.name} fires ${event.name}, which PeerEventMap (src/elements/events.ts) does not declare`);
          event.type = { text };
        }
        if (!declaration.events.length) delete declaration.events;
      }
    },
  };
}

/**
 * Leaves out what is not API: `#private` and `private` members, `_`-prefixed ones, and any class,
 * function or member whose JSDoc says `@internal` (inherited copies included).
 */
export function publicApiOnly() {
  const internal = new Set();
  const key = (module, name) => `${module}#${name}`;
  return {
    name: 'peerkit-public-api-only',
    analyzePhase({ ts, node, moduleDoc }) {
      const isInternal = (declaration) => ts.getJSDocTags(declaration).some((tag) => tag.tagName.text === 'internal');
      if ((ts.isClassDeclaration(node) || ts.isFunctionDeclaration(node)) && node.name && ts.isSourceFile(node.parent)) {
        if (isInternal(node)) internal.add(key(moduleDoc.path, node.name.text));
      }
      if (ts.isClassDeclaration(node) && node.name) {
        for (const member of node.members) {
          if (member.name && isInternal(member)) internal.add(key(moduleDoc.path, `${node.name.text}.${member.name.getText()}`));
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        const dropped = new Set((module.declarations ?? []).filter((declaration) => internal.has(key(module.path, declaration.name))).map((declaration) => declaration.name));
        if (module.declarations) module.declarations = module.declarations.filter((declaration) => !dropped.has(declaration.name));
        if (module.exports) module.exports = module.exports.filter((entry) => !(entry.declaration?.module === module.path && dropped.has(entry.declaration.name)));
        for (const declaration of module.declarations ?? []) {
          if (!declaration.members) continue;
          declaration.members = declaration.members.filter((member) => {
            if (member.privacy === 'private' || member.name.startsWith('#') || member.name.startsWith('_')) return false;
            const owner = member.inheritedFrom ?? { name: declaration.name, module: module.path };
            return !internal.has(key(owner.module, `${owner.name}.${member.name}`));
          });
          if (!declaration.members.length) delete declaration.members;
        }
      }
    },
  };
}

/** A valid custom element name: lower case, starts with a letter, has a hyphen. */
export const CUSTOM_ELEMENT_NAME = /^[a-z][.0-9_a-z-]*-[.0-9_a-z-]*$/;

/**
 * Tag definitions as the code makes them: `defineElement('peer-chat', PeerChatElement)` in a
 * define module is recorded on that module (tools read it to know what to import for a tag).
 * The analyzer also reads `customElements.define(tag, element)` inside `defineElement` itself as
 * an element named "tag"; a definition whose name is no tag (a variable) is dropped.
 */
export function tagDefinitions() {
  return {
    name: 'peerkit-tag-definitions',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'defineElement') return;
      const [tag, element] = node.arguments;
      if (!tag || !element || !ts.isStringLiteral(tag) || !ts.isIdentifier(element)) return;
      moduleDoc.exports.push({
        kind: 'custom-element-definition',
        name: tag.text,
        declaration: { name: element.text, module: importedFrom(ts, node.getSourceFile(), element.text, moduleDoc.path) },
      });
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        if (!module.exports) continue;
        module.exports = module.exports.filter((entry) => entry.kind !== 'custom-element-definition' || CUSTOM_ELEMENT_NAME.test(entry.name));
      }
    },
  };
}

/** The module (as a manifest path) a name is imported from, or this module when it is its own. */
function importedFrom(ts, source, name, modulePath) {
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings) || !bindings.elements.some((binding) => binding.name.text === name)) continue;
    const specifier = statement.moduleSpecifier.text;
    if (!specifier.startsWith('.')) return specifier;
    return posix.join(posix.dirname(modulePath), specifier).replace(/\.js$/, '.ts');
  }
  return modulePath;
}

function declarationsOf(manifest) {
  return manifest.modules.flatMap((module) => module.declarations ?? []);
}
