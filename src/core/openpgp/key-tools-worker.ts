/** Web Worker entry: runs key operations for the page, away from its main thread (key-tools-client.ts). */
import { serveWorkerRpc } from '../platform/worker-rpc.js';
import { runKeyToolsCall } from './key-tools.js';

serveWorkerRpc(runKeyToolsCall);
