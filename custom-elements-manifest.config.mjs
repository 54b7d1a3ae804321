/** Generates custom-elements.json (and VS Code custom data) from the JSDoc on src/elements. */
export default {
  globs: ['src/elements/**/*.ts'],
  // Translation tables are data, not API: in the manifest they would only repeat every word.
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts', 'src/elements/locales/**'],
  outdir: '.',
  litelement: true,
  // package.json points at custom-elements.json itself; a check run into a temp dir must not move it.
  packagejson: false,
  plugins: [
    {
      name: 'peerkit-tidy',
      // `emit(type, …)` in the base class reads to the analyzer as an event named "type".
      packageLinkPhase({ customElementsManifest }) {
        // The file order the analyzer sees depends on the file system: sort, so the output is stable.
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.name.startsWith('peer-'));
          }
        }
      },
    },
  ],
};
