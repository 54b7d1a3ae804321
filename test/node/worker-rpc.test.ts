// Node has no Web Worker: the key tools and chat verification run in this thread, with the same results.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WorkerRpc, WorkerRpcError } from '../../src/core/platform/worker-rpc.js';
import { keyToolsLocation } from '../../src/core/openpgp/key-tools-client.js';

const unreachable = (): Worker => {
  throw new Error('no worker is started in Node');
};

test('in Node, calls run through the local fallback and never try to start a worker', async () => {
  const rpc = new WorkerRpc<number, number>({ name: 'test', start: unreachable, local: async (n) => n * 2 });
  assert.equal(rpc.location, 'this thread');
  assert.equal(rpc.poolSize, 0);
  assert.equal(await rpc.call(21), 42);
  assert.equal(keyToolsLocation(), 'this thread');
});

test("in Node, without a local fallback a call rejects with WorkerRpcError 'worker-failed'", async () => {
  const rpc = new WorkerRpc<number, number>({ name: 'test', start: unreachable });
  await assert.rejects(rpc.call(1), (error) => error instanceof WorkerRpcError && error.code === 'worker-failed');
  rpc.terminate();
  await assert.rejects(rpc.call(1), (error) => error instanceof WorkerRpcError && error.code === 'terminated');
});
