/** Web Worker entry: runs key-tools operations for the page, away from its main thread. */
import { KeyToolsError, localKeyTools } from './key-tools.js';

export type KeyToolsCall =
  | { op: 'warm' }
  | { op: 'generate'; args: Parameters<typeof localKeyTools.generate>[0] }
  | { op: 'reexport'; args: Parameters<typeof localKeyTools.reexport>[0] };

export type KeyToolsRequest = KeyToolsCall & { id: number };

export type KeyToolsResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; code?: string; message: string };

const scope = globalThis as unknown as { onmessage: ((event: MessageEvent<KeyToolsRequest>) => void) | null; postMessage(message: KeyToolsResponse): void };

scope.onmessage = async ({ data: request }) => {
  try {
    let value: unknown;
    if (request.op === 'warm') value = await localKeyTools.warm();
    else if (request.op === 'generate') value = await localKeyTools.generate(request.args);
    else value = await localKeyTools.reexport(request.args);
    scope.postMessage({ id: request.id, ok: true, value });
  } catch (error) {
    const code = error instanceof KeyToolsError ? error.code : undefined;
    scope.postMessage({ id: request.id, ok: false, ...(code ? { code } : {}), message: error instanceof Error ? error.message : String(error) });
  }
};
