/**
 * The core's layering (DESIGN.md "Layout"): each folder of src/core imports only from itself and
 * the folders before it in LAYERS. `npm run check:layers` (part of `npm test`) fails on a
 * violation or on any import cycle in src.
 */
const LAYERS = ['util', 'platform', 'crypto', 'openpgp', 'envelope', 'identity', 'signaling', 'link', 'session', 'mesh', 'room', 'pair', 'chat', 'files', 'call'];

const layerRules = LAYERS.map((layer, index) => ({
  name: `layer-${layer}`,
  comment: `src/core/${layer} may only import from: ${LAYERS.slice(0, index + 1).join(', ')}`,
  severity: 'error',
  from: { path: `^src/core/${layer}/`, pathNot: '\\.test\\.ts$' },
  to: { path: `^src/core/(${LAYERS.slice(index + 1).join('|') || '$^'})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: modules that cannot be understood (or loaded) one without the other.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'core-is-framework-free',
      severity: 'error',
      comment: 'src/core runs without lit or the elements (DESIGN.md principle 6).',
      from: { path: '^src/core/' },
      to: { path: '^(src/elements/|node_modules/lit|node_modules/@lit)' },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
};
