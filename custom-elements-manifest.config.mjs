/** Generates custom-elements.json (and VS Code custom data) from the JSDoc on src/elements. */
import { fileURLToPath } from 'node:url';
import { publicApiOnly, stableModuleOrder, tagDefinitions, typedPeerEvents } from './scripts/manifest/plugins.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));

export default {
  globs: ['src/elements/**/*.ts'],
  // Translation tables are data, not API: in the manifest they would only repeat every word.
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts', 'src/elements/locales/**'],
  outdir: '.',
  litelement: true,
  // package.json points at custom-elements.json itself; a check run into a temp dir must not move it.
  packagejson: false,
  plugins: [stableModuleOrder(), typedPeerEvents({ root }), publicApiOnly(), tagDefinitions()],
};
