/** The one-file CDN build: `npm run build:cdn` → dist/cdn/peerkit.js plus its lazy chunks. */
import { defineConfig, mergeConfig } from 'vite';
import base from './vite.config.js';
import { minifyTemplateLiterals } from './scripts/vite-minify-literals.js';

interface ModuleLinks {
  readonly isEntry: boolean;
  readonly importers: readonly string[];
}

/** Modules known to load with the entry. (Only what is true is kept: a "no" found inside an import cycle may not be final.) */
const withEntry = new Set<string>();

/** True when an entry imports `id` statically, directly or through other modules (not through a dynamic import). */
function loadedWithEntry(id: string, info: (id: string) => ModuleLinks | null, visiting = new Set<string>()): boolean {
  if (withEntry.has(id)) return true;
  const module = info(id);
  if (!module || module.isEntry || visiting.has(id)) return false;
  visiting.add(id);
  const loaded = module.importers.some((importer) => info(importer)?.isEntry === true || loadedWithEntry(importer, info, visiting));
  visiting.delete(id);
  if (loaded) withEntry.add(id);
  return loaded;
}

export default mergeConfig(
  base,
  defineConfig({
    // Asset and worker URLs relative to the module that loads them: the files work from any CDN path.
    base: './',
    plugins: [minifyTemplateLiterals()],
    // Lit's production mode, and no dev-only warnings in what users load.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: 'dist/cdn',
      emptyOutDir: true,
      // An application build rather than library mode: library mode leaves ES output unminified
      // for bundlers to tree-shake, while a CDN file is loaded as it is.
      minify: true,
      rolldownOptions: {
        input: { peerkit: 'src/cdn.ts' },
        preserveEntrySignatures: 'exports-only',
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          assetFileNames: 'assets/[name]-[hash][extname]',
          // Everything the entry imports statically goes in one chunk. Left to itself, the bundler
          // cut what the entry shares with lazy chunks into nine small files, all loaded before a
          // tag renders: compressed apart, they cost 2.4 KB more (bench/size: 33.3 → 30.9 KB).
          codeSplitting: { groups: [{ name: (id, context) => (loadedWithEntry(id, (other) => context.getModuleInfo(other)) ? 'elements' : null) }] },
        },
      },
    },
    // Workers are bundled on their own; kbpgp's is the largest file, so minify it too.
    worker: { format: 'es', rolldownOptions: { output: { minify: true } } },
  }),
);
