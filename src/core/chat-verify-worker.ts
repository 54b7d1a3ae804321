/** Web Worker entry: verifies batches of chat messages away from the page's main thread. */
import { verifyChatBatchHere, type VerifyBatch, type VerifyOutcome } from './chat-verify.js';

export type VerifyRequest = VerifyBatch & { readonly id: number };
export interface VerifyResponse {
  readonly id: number;
  readonly outcomes: readonly VerifyOutcome[];
}

const scope = globalThis as unknown as { onmessage: ((event: MessageEvent<VerifyRequest>) => void) | null; postMessage(message: VerifyResponse): void };

scope.onmessage = async ({ data: { id, ...batch } }) => {
  scope.postMessage({ id, outcomes: await verifyChatBatchHere(batch) });
};
