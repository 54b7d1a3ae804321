#!/usr/bin/env node
// The `peerkit` command. Runs the built server (dist) when present, else the TypeScript source
// through tsx (a development checkout).
import { existsSync } from 'node:fs';
import { register } from 'node:module';

const built = new URL('../dist/npm/server/cli.js', import.meta.url);
let cli;
if (existsSync(built)) {
  cli = await import(built.href);
} else {
  register('tsx/esm', import.meta.url);
  cli = await import(new URL('../src/server/cli.ts', import.meta.url).href);
}
process.exitCode = await cli.main(process.argv.slice(2));
