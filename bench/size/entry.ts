/**
 * What the CDN entry really costs: `peerkit.js` together with every chunk it imports statically
 * (the browser fetches and runs all of them before a tag renders), min+gzip; and which source
 * modules those bytes come from, read from the build's source maps.
 *
 * A module's share is estimated as its part of its chunk's minified bytes times the chunk's gzip
 * size: gzip works across module boundaries, so an exact split does not exist, but the ranking is
 * what tells where to cut.
 */
import { dirname, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { TraceMap, decodedMappings } from '@jridgewell/trace-mapping';
import { build, type Rolldown } from 'vite';

type OutputChunk = Rolldown.OutputChunk;

export interface EntryContribution {
  /** A path in the repository, or `<package>/<path>` for a dependency, or `(no source)` for bundler glue. */
  readonly source: string;
  readonly gzipBytes: number;
}

export interface EntryReport {
  /** The entry file and its static imports, in load order (entry first). */
  readonly files: readonly { readonly fileName: string; readonly gzipBytes: number }[];
  readonly gzipBytes: number;
  readonly contributions: readonly EntryContribution[];
}

const gzipSize = (code: string) => gzipSync(code, { level: 9 }).length;
/** The minified code as written to disk (a sourcemap build appends a comment that the real build has not). */
const shippedCode = (chunk: OutputChunk) => chunk.code.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '');

/** `source` as the map names it (relative to the chunk's place in `outDir`), told from the repository root. */
function sourceName(root: string, outDir: string, chunk: OutputChunk, source: string): string {
  const path = relative(root, resolve(root, outDir, dirname(chunk.fileName), source));
  const dependency = /(?:^|[\\/])node_modules[\\/](.*)$/.exec(path);
  return dependency ? dependency[1]! : path;
}

/** Bytes of `code` per original source file, from `chunk`'s source map (gaps count as `(no source)`). */
function bytesPerSource(chunk: OutputChunk, code: string): Map<string, number> {
  const bytes = new Map<string, number>();
  const add = (source: string, count: number) => bytes.set(source, (bytes.get(source) ?? 0) + count);
  if (!chunk.map) {
    add('(no source map)', code.length);
    return bytes;
  }
  const map = new TraceMap({ ...chunk.map, version: 3, file: chunk.fileName } as ConstructorParameters<typeof TraceMap>[0]);
  const lines = decodedMappings(map);
  code.split('\n').forEach((line, index) => {
    let at = 0;
    let source = '(no source)';
    for (const segment of lines[index] ?? []) {
      add(source, segment[0] - at);
      at = segment[0];
      source = segment.length > 1 ? (map.sources[segment[1]!] ?? '(no source)') : '(no source)';
    }
    add(source, line.length - at + 1);
  });
  return bytes;
}

/**
 * Builds `configFile` in memory with source maps and measures its entry `entryName` (e.g.
 * `peerkit.js`); `outDir` is the config's output folder, which the maps' paths are relative to.
 */
export async function measureEntry(root: string, configFile: string, outDir: string, entryName: string): Promise<EntryReport> {
  const result = await build({ root, configFile: resolve(root, configFile), logLevel: 'silent', build: { sourcemap: true, write: false } });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunks = new Map<string, OutputChunk>();
  for (const output of outputs) for (const item of output.output) if (item.type === 'chunk') chunks.set(item.fileName, item);

  const order: OutputChunk[] = [];
  const pending = [entryName];
  while (pending.length) {
    const chunk = chunks.get(pending.shift()!);
    if (!chunk || order.includes(chunk)) continue;
    order.push(chunk);
    pending.push(...chunk.imports);
  }
  if (!order.length) throw new Error(`bench/size: the build has no chunk named ${entryName}`);

  const files = [];
  const shares = new Map<string, number>();
  for (const chunk of order) {
    const code = shippedCode(chunk);
    const gzipBytes = gzipSize(code);
    files.push({ fileName: chunk.fileName, gzipBytes });
    for (const [source, count] of bytesPerSource(chunk, code)) {
      const name = source.startsWith('(') ? source : sourceName(root, outDir, chunk, source);
      shares.set(name, (shares.get(name) ?? 0) + (gzipBytes * count) / code.length);
    }
  }
  return {
    files,
    gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
    contributions: [...shares].map(([source, gzipBytes]) => ({ source, gzipBytes })).sort((a, b) => b.gzipBytes - a.gzipBytes),
  };
}
