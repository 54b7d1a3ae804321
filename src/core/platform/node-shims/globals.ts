/** Node globals kbpgp reads, installed before it is first evaluated (a no-op in Node). */
import { Buffer } from 'buffer';
import browserProcess from './process.js';

const scope = globalThis as { Buffer?: unknown; process?: unknown; global?: unknown; window?: unknown; WorkerGlobalScope?: unknown };
scope.Buffer ??= Buffer;
scope.process ??= browserProcess;
scope.global ??= globalThis;
// triplesec (kbpgp's RNG) finds WebCrypto only as `window.crypto`; in the key worker there is no
// window, and it would give up with "No rng found".
if (scope.WorkerGlobalScope !== undefined) scope.window ??= globalThis;
