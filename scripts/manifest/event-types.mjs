/**
 * The `peer-*` events' types as self-contained text, read from `PeerEventMap`
 * (src/elements/events.ts) with the TypeScript checker: `CustomEvent<{ readonly id: string }>`.
 * Aliases and interfaces are spelled out (`LinkState` becomes its union of literals), so the text
 * means the same in custom-elements.json, in docs and in the framework types generated from it,
 * none of which can import peerkit's internal type names.
 */
import ts from 'typescript';
import { join } from 'node:path';

const EVENTS_MODULE = 'src/elements/events.ts';
const EVENT_MAP = 'PeerEventMap';

function compilerOptions(root) {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(config.config, ts.sys, root, undefined, configPath).options;
}

/** Prints a type structurally: no alias or interface names, only what they stand for. */
function typeText(checker, type, { dropUndefined = false } = {}) {
  if (type.flags & ts.TypeFlags.Boolean) return 'boolean';
  if (type.isUnion()) {
    let members = type.types.filter((member) => !(dropUndefined && member.flags & ts.TypeFlags.Undefined));
    const booleans = members.filter((member) => member.flags & ts.TypeFlags.BooleanLiteral);
    // The checker keeps `boolean` as `false | true`; print it the way it was written.
    if (booleans.length === 2) members = [...members.filter((member) => !booleans.includes(member)), checker.getBooleanType()];
    // `undefined` and `null` last, as people write them (the checker orders members by its own ids).
    const empty = ts.TypeFlags.Undefined | ts.TypeFlags.Null;
    members = [...members.filter((member) => !(member.flags & empty)), ...members.filter((member) => member.flags & empty)];
    return members.map((member) => typeText(checker, member)).join(' | ');
  }
  // Single quotes, like the attribute types the analyzer copies from the source.
  if (type.isStringLiteral()) return `'${type.value.replace(/[\\']/g, '\\$&')}'`;
  if (type.flags & ts.TypeFlags.Object && !checker.isArrayType(type) && type.getCallSignatures().length === 0) {
    const fields = type.getProperties().map((property) => {
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
      const readonly = declaration && ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Readonly ? 'readonly ' : '';
      const propertyType = checker.getTypeOfSymbol(property);
      return `${readonly}${property.getName()}${optional ? '?' : ''}: ${typeText(checker, propertyType, { dropUndefined: optional })}`;
    });
    const indexes = checker.getIndexInfosOfType(type).map((info) => `[key: ${checker.typeToString(info.keyType)}]: ${typeText(checker, info.type)}`);
    const body = [...indexes, ...fields];
    return body.length ? `{ ${body.join('; ')} }` : '{}';
  }
  return checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
}

/** Event name → `CustomEvent<detail>` text, for every entry of `PeerEventMap`. */
export function peerEventTypes(root) {
  const program = ts.createProgram({ rootNames: [join(root, EVENTS_MODULE)], options: compilerOptions(root) });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(join(root, EVENTS_MODULE));
  const map = source?.statements.find((statement) => ts.isInterfaceDeclaration(statement) && statement.name.text === EVENT_MAP);
  if (!map) throw new Error(`${EVENTS_MODULE} declares no interface ${EVENT_MAP}`);
  const types = new Map();
  for (const member of map.members) {
    const eventType = member.type;
    if (!ts.isPropertySignature(member) || !eventType || !ts.isTypeReferenceNode(eventType) || eventType.typeName.getText(source) !== 'CustomEvent' || eventType.typeArguments?.length !== 1) {
      throw new Error(`${EVENT_MAP}: every entry is a CustomEvent<detail> (${member.getText(source)})`);
    }
    const name = ts.isStringLiteral(member.name) ? member.name.text : member.name.getText(source);
    types.set(name, `CustomEvent<${typeText(checker, checker.getTypeFromTypeNode(eventType.typeArguments[0]))}>`);
  }
  return types;
}
