import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const shim = (name: string) => fileURLToPath(new URL(`./src/core/platform/node-shims/${name}.ts`, import.meta.url));

/**
 * bn@1.0.5 (kbpgp's bignum) assigns an undeclared `diff`, which throws in strict ES-module code.
 * Declaring it is the whole fix; it must run in dependency pre-bundling as well as in builds.
 */
function declareBnDiff(): Plugin {
  return {
    name: 'peerkit:bn-declare-diff',
    transform(code, id) {
      if (!/[\\/]bn[\\/]lib[\\/](fast|pure)\.js$/.test(id)) return null;
      return { code: `var diff;\n${code}`, map: null };
    },
  };
}

/** Node built-ins kbpgp requires, mapped to browser packages or to our small shims. */
export const nodeAliases = {
  buffer: 'buffer/',
  util: 'util/',
  assert: 'assert/',
  events: 'events/',
  process: shim('process'),
  zlib: shim('zlib'),
  crypto: shim('crypto'),
};

export default defineConfig({
  root: '.',
  resolve: { alias: nodeAliases },
  plugins: [declareBnDiff()],
  optimizeDeps: {
    include: ['kbpgp', 'pako', 'localforage', 'tweetnacl', 'simple-peer', 'peerjs', 'buffer', 'util', 'assert', 'events', 'chai', 'lit', '@lit/context', 'axe-core'],
    entries: ['src/**/*.test.ts', 'bench/**/*.html', 'test/e2e/pages/*.html'],
    rolldownOptions: { plugins: [declareBnDiff()] },
  },
  server: { host: '127.0.0.1' },
  build: { target: 'es2022' },
});
