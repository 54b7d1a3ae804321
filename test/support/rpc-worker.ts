/** A worker for the worker-RPC tests: each request names what the worker does with it. */
import { serveWorkerRpc } from '../../src/core/platform/worker-rpc.js';

export type RpcTestRequest =
  /** Answers with the value and the worker's name. */
  | { readonly op: 'echo'; readonly value: number }
  /** Throws an error carrying `code`. */
  | { readonly op: 'throw'; readonly code: string }
  /** Fails outside the call (an uncaught error), and never answers. */
  | { readonly op: 'crash' }
  /** Never answers. */
  | { readonly op: 'hang' };

export interface RpcTestResponse {
  readonly value: number;
  readonly where: string;
}

serveWorkerRpc<RpcTestRequest, RpcTestResponse>((request) => {
  switch (request.op) {
    case 'echo':
      return { value: request.value, where: (globalThis as { name?: string }).name ?? 'worker' };
    case 'throw':
      throw Object.assign(new Error(`refused with ${request.code}`), { code: request.code });
    case 'crash':
      setTimeout(() => {
        throw new Error('the worker crashed');
      });
      return new Promise<never>(() => undefined);
    case 'hang':
      return new Promise<never>(() => undefined);
  }
});
