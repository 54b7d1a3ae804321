/** Web Worker entry: verifies batches of chat messages away from the page's main thread. */
import { verifyChatBatchHere, type VerifyRequest, type VerifyResponse } from './verify.js';

const scope = globalThis as unknown as { onmessage: ((event: MessageEvent<VerifyRequest>) => void) | null; postMessage(message: VerifyResponse): void };

scope.onmessage = async ({ data: { id, ...batch } }) => {
  scope.postMessage({ id, outcomes: await verifyChatBatchHere(batch) });
};
