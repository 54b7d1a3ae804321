/** Web Worker entry: verifies batches of chat messages away from the page's main thread (verify.ts). */
import { serveWorkerRpc } from '../platform/worker-rpc.js';
import { verifyChatBatchHere } from './verify.js';

serveWorkerRpc(verifyChatBatchHere);
