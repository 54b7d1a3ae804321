#!/usr/bin/env node
// The `peerkit` command. In a development checkout it runs the TypeScript source through tsx
// (so it is never stale); an installed package runs its build (dist).
import { existsSync } from 'node:fs';

const source = new URL('../src/server/cli.ts', import.meta.url);
let cli;
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(source.href);
} else {
  cli = await import(new URL('../dist/npm/server/cli.js', import.meta.url).href);
}
process.exitCode = await cli.main(process.argv.slice(2));
