/**
 * A `KeyValueStore` on disk, for Node: one JSON file per key in one directory, so a virtual
 * client's key and history survive restarts. Writes go to a temporary file that is flushed and
 * then renamed over the old one, so a crash leaves the old value or the new one, never half of
 * each. Calls on one key run in the order they were made.
 *
 * File names: the key's UTF-8 bytes, with `a-z 0-9 _ -` kept and every other byte written as
 * `.xx` (hex), then `.json`. Nothing a key holds can name another directory, and names differ
 * only by case never arise (case-insensitive file systems). Keys longer than fits are refused.
 *
 * Values are JSON; `Uint8Array`s (an identity's seed) are stored as `{"$bytes": base64}`, a
 * `Blob` as the whole value (a file's piece) as `{"$blob": base64, "type": …}`, and
 * object keys starting with `$` get one more `$` so no stored object can pose as bytes. Anything
 * else JSON would silently change (a Map, a Date, NaN) is refused.
 *
 * One process per directory: opening removes temporary files a crashed writer left behind.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyValueStore } from '../core/platform/storage.js';

export type DiskStoreErrorCode = 'bad-key' | 'unsupported-value' | 'corrupt' | 'too-large';

export class DiskStoreError extends Error {
  override readonly name = 'DiskStoreError';
  constructor(
    readonly code: DiskStoreErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export interface DiskStoreOptions {
  /**
   * A value file that cannot be read back: `throw` (default) rejects the read with a `corrupt`
   * error; `set-aside` renames it to `<file>.corrupt`, reports it, and reads as missing.
   */
  readonly corruptFiles?: 'throw' | 'set-aside';
  /** Called for each file set aside. */
  readonly onSetAside?: (key: string, file: string, reason: string) => void;
  /** Largest value written or read, in bytes of JSON (default 16 MiB). */
  readonly maxValueBytes?: number;
}

const SUFFIX = '.json';
/** Escaped key length: with the suffix, well under the usual 255-byte file name limit. */
export const MAX_ESCAPED_KEY = 200;
const KEPT = /^[a-z0-9_-]$/;
const ESCAPED_STEM = /^(?:[a-z0-9_-]|\.[0-9a-f]{2})*$/;
const BYTES_TAG = '$bytes';
const BLOB_TAG = '$blob';

/** `key` spelled with `a-z 0-9 _ -` and `.xx` escapes only: safe as one path segment anywhere. */
export function escapeKey(key: string): string {
  if (typeof key !== 'string') throw new DiskStoreError('bad-key', `keys are strings, not ${typeof key}`);
  let stem = '';
  for (const byte of new TextEncoder().encode(key)) {
    const char = String.fromCharCode(byte);
    stem += KEPT.test(char) ? char : `.${byte.toString(16).padStart(2, '0')}`;
    if (stem.length > MAX_ESCAPED_KEY) throw new DiskStoreError('bad-key', `key "${key.slice(0, 40)}…" is too long for a file name`);
  }
  return stem;
}

export function fileNameOf(key: string): string {
  return escapeKey(key) + SUFFIX;
}

/** The key a file name stands for, or undefined for files this store did not write. */
export function keyOfFileName(name: string): string | undefined {
  if (!name.endsWith(SUFFIX)) return undefined;
  const stem = name.slice(0, -SUFFIX.length);
  if (stem.length > MAX_ESCAPED_KEY || !ESCAPED_STEM.test(stem)) return undefined;
  const bytes: number[] = [];
  for (let at = 0; at < stem.length; ) {
    if (stem[at] === '.') {
      bytes.push(Number.parseInt(stem.slice(at + 1, at + 3), 16));
      at += 3;
    } else {
      bytes.push(stem.charCodeAt(at));
      at += 1;
    }
  }
  let key: string;
  try {
    key = new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
  // Only the one spelling this store writes: `.61` for `a` would be a second file for one key.
  return fileNameOf(key) === name ? key : undefined;
}

function toStorable(value: unknown, path: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new DiskStoreError('unsupported-value', `${path} is ${value}, which JSON cannot hold`);
    return value;
  }
  if (value instanceof Uint8Array) return { [BYTES_TAG]: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return value.map((item, index) => (item === undefined ? null : toStorable(item, `${path}[${index}]`)));
  if (typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) throw new DiskStoreError('unsupported-value', `${path} is a ${value.constructor?.name ?? 'non-plain object'}`);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      out[key.startsWith('$') ? `$${key}` : key] = toStorable(item, `${path}.${key}`);
    }
    return out;
  }
  throw new DiskStoreError('unsupported-value', `${path} is a ${typeof value}`);
}

function fromStored(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromStored);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 2 && entries[0]![0] === BLOB_TAG && entries[1]![0] === 'type') {
    const [[, base64], [, type]] = entries as [[string, unknown], [string, unknown]];
    if (typeof base64 !== 'string' || typeof type !== 'string') throw new TypeError('a blob value that is not base64 and a type');
    return new Blob([Buffer.from(base64, 'base64')], { type });
  }
  if (entries.length === 1 && entries[0]![0] === BYTES_TAG) {
    const base64 = entries[0]![1];
    if (typeof base64 !== 'string') throw new TypeError('a bytes value that is not base64');
    return new Uint8Array(Buffer.from(base64, 'base64'));
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    if (key.startsWith('$') && !key.startsWith('$$')) throw new TypeError(`an unknown tag "${key.slice(0, 20)}"`);
    out[key.startsWith('$') ? key.slice(1) : key] = fromStored(item);
  }
  return out;
}

export class DiskStore implements KeyValueStore {
  /** The latest operation per key: the next one on that key waits for it. */
  readonly #pending = new Map<string, Promise<unknown>>();
  readonly #maxValueBytes: number;

  private constructor(
    readonly dir: string,
    private readonly options: DiskStoreOptions,
  ) {
    this.#maxValueBytes = options.maxValueBytes ?? 16 * 1024 * 1024;
  }

  /** Opens (creating it, private to this user) the directory, and clears a crashed writer's leftovers. */
  static async open(dir: string, options: DiskStoreOptions = {}): Promise<DiskStore> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    for (const name of await readdir(dir)) {
      if (name.endsWith('.tmp')) await unlink(join(dir, name)).catch(() => undefined);
    }
    return new DiskStore(dir, options);
  }

  async getItem<T>(key: string): Promise<T | null> {
    const name = fileNameOf(key);
    return this.#queue(name, async () => {
      let text: string;
      try {
        text = await readFile(join(this.dir, name), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      if (text.length > this.#maxValueBytes) return this.#corrupt(key, name, `larger than ${this.#maxValueBytes} bytes`);
      try {
        return fromStored(JSON.parse(text)) as T;
      } catch (error) {
        return this.#corrupt(key, name, (error as Error).message);
      }
    });
  }

  async setItem<T>(key: string, value: T): Promise<T> {
    const name = fileNameOf(key);
    // Encoded now: the caller may change the value while the write waits its turn.
    // A Blob cannot change, so reading it may finish later; the write still takes its turn now.
    const encoding =
      value instanceof Blob
        ? value.arrayBuffer().then((bytes) => JSON.stringify({ [BLOB_TAG]: Buffer.from(bytes).toString('base64'), type: value.type }))
        : JSON.stringify(toStorable(value === undefined ? null : value, 'value'));
    const tooLarge = (text: string) => new DiskStoreError('too-large', `value for "${key.slice(0, 40)}" is ${text.length} bytes, limit ${this.#maxValueBytes}`);
    if (typeof encoding === 'string' && encoding.length > this.#maxValueBytes) throw tooLarge(encoding);
    await this.#queue(name, async () => {
      const text = await encoding;
      if (text.length > this.#maxValueBytes) throw tooLarge(text);
      await this.#write(name, text);
    });
    return value;
  }

  async removeItem(key: string): Promise<void> {
    const name = fileNameOf(key);
    await this.#queue(name, () =>
      unlink(join(this.dir, name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      }),
    );
  }

  async keys(): Promise<string[]> {
    await this.settled();
    const keys: string[] = [];
    for (const name of await readdir(this.dir)) {
      const key = keyOfFileName(name);
      if (key !== undefined) keys.push(key);
    }
    return keys;
  }

  /** Resolves once every write and removal made so far has finished. */
  async settled(): Promise<void> {
    await Promise.allSettled(this.#pending.values());
  }

  async #write(name: string, text: string): Promise<void> {
    const temporary = join(this.dir, `${name}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temporary, 'wx', 0o600);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, join(this.dir, name));
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }

  async #corrupt(key: string, name: string, reason: string): Promise<null> {
    if (this.options.corruptFiles !== 'set-aside') throw new DiskStoreError('corrupt', `${join(this.dir, name)} is unreadable (${reason})`);
    const aside = `${name}.corrupt`;
    await rename(join(this.dir, name), join(this.dir, aside));
    this.options.onSetAside?.(key, join(this.dir, aside), reason);
    return null;
  }

  #queue<T>(name: string, run: () => Promise<T>): Promise<T> {
    const previous = this.#pending.get(name) ?? Promise.resolve();
    const next = previous.then(run, run);
    this.#pending.set(name, next);
    const forget = () => {
      if (this.#pending.get(name) === next) this.#pending.delete(name);
    };
    next.then(forget, forget);
    return next;
  }
}
