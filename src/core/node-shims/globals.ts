/** Node globals kbpgp reads, installed before it is first evaluated (a no-op in Node). */
import { Buffer } from 'buffer';
import browserProcess from './process.js';

const scope = globalThis as { Buffer?: unknown; process?: unknown; global?: unknown };
scope.Buffer ??= Buffer;
scope.process ??= browserProcess;
scope.global ??= globalThis;
