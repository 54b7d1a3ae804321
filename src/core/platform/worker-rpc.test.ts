import { expect } from 'chai';
import { WorkerRpc, WorkerRpcError, type WorkerRpcOptions } from './worker-rpc.js';
import type { RpcTestRequest, RpcTestResponse } from '../../../test/support/rpc-worker.js';
import { rejection } from '../../../test/support/rejection.js';

const startTestWorker = (index: number) => new Worker(new URL('../../../test/support/rpc-worker.ts', import.meta.url), { type: 'module', name: `rpc-${index}` });
const here = (request: RpcTestRequest): Promise<RpcTestResponse> => Promise.resolve({ value: request.op === 'echo' ? request.value : -1, where: 'here' });

describe('WorkerRpc', () => {
  let rpcs: WorkerRpc<RpcTestRequest, RpcTestResponse>[] = [];
  let warnings: string[] = [];
  const originalWarn = console.warn;
  const unhandled: unknown[] = [];
  const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason);

  const rpc = (options: Partial<WorkerRpcOptions<RpcTestRequest, RpcTestResponse>> = {}) => {
    const made = new WorkerRpc<RpcTestRequest, RpcTestResponse>({ name: 'test', start: startTestWorker, ...options });
    rpcs.push(made);
    return made;
  };

  beforeEach(() => {
    warnings = [];
    console.warn = (message: string) => warnings.push(message);
    globalThis.addEventListener('unhandledrejection', onUnhandled);
  });

  afterEach(async () => {
    for (const made of rpcs) made.terminate();
    rpcs = [];
    console.warn = originalWarn;
    // Chromium reports an unhandled rejection in a task after the microtasks.
    await new Promise((resolve) => setTimeout(resolve, 0));
    globalThis.removeEventListener('unhandledrejection', onUnhandled);
    expect(unhandled.splice(0), 'unhandled rejections').to.deep.equal([]);
  });

  it('runs calls in a pool of workers, taking turns', async () => {
    const pool = rpc({ poolSize: 2, local: here });
    expect(pool.location).to.equal('worker');
    expect(pool.poolSize).to.equal(2);
    const answers = await Promise.all([1, 2, 3, 4].map((value) => pool.call({ op: 'echo', value })));
    expect(answers).to.deep.equal([
      { value: 1, where: 'rpc-0' },
      { value: 2, where: 'rpc-1' },
      { value: 3, where: 'rpc-0' },
      { value: 4, where: 'rpc-1' },
    ]);
  });

  it("rejects with the worker's error: as the caller's own kind when it revives it, else a WorkerRpcError 'remote'", async () => {
    class RefusedError extends Error {
      constructor(readonly code: string) {
        super(`refused: ${code}`);
      }
    }
    const revived = rpc({ reviveError: ({ code }) => new RefusedError(code ?? '?') });
    const own = await rejection(revived.call({ op: 'throw', code: 'locked' }));
    expect(own).to.be.instanceOf(RefusedError).with.property('code', 'locked');
    const plain = await rejection(rpc().call({ op: 'throw', code: 'bad-passphrase' }));
    expect(plain).to.be.instanceOf(WorkerRpcError).with.property('code', 'remote');
    expect(plain).to.have.property('remoteCode', 'bad-passphrase');
    expect(revived.location, 'a refusal is an answer, not a failed worker').to.equal('worker');
  });

  it('a worker that fails runs the calls in flight, and every later one, on this thread', async () => {
    const pool = rpc({ poolSize: 2, local: here });
    const inFlight = pool.call({ op: 'hang' });
    const crashed = pool.call({ op: 'crash' });
    expect(await crashed).to.deep.equal({ value: -1, where: 'here' });
    expect(await inFlight, 'the other worker of the pool is dropped too').to.deep.equal({ value: -1, where: 'here' });
    expect(pool.location).to.equal('this thread');
    expect(pool.poolSize).to.equal(0);
    expect(await pool.call({ op: 'echo', value: 7 })).to.deep.equal({ value: 7, where: 'here' });
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.match(/test worker failed .*the worker crashed.*this thread/);
  });

  it("without a local fallback, a failed worker's calls reject with WorkerRpcError 'worker-failed', and so do later ones", async () => {
    const pool = rpc();
    const crashed = await rejection(pool.call({ op: 'crash' }));
    expect(crashed).to.be.instanceOf(WorkerRpcError).with.property('code', 'worker-failed');
    const later = await rejection(pool.call({ op: 'echo', value: 1 }));
    expect(later).to.be.instanceOf(WorkerRpcError).with.property('code', 'worker-failed');
  });

  it('a worker that cannot load (a broken or missing file, a CSP without worker-src) leaves its calls to this thread', async () => {
    const broken = URL.createObjectURL(new Blob(['export const = ;'], { type: 'text/javascript' }));
    const pool = rpc({ start: () => new Worker(broken, { type: 'module' }), local: here });
    expect(await pool.call({ op: 'echo', value: 3 })).to.deep.equal({ value: 3, where: 'here' });
    expect(pool.location).to.equal('this thread');
  });

  it('where starting a worker throws, calls run on this thread from the start', async () => {
    const pool = rpc({
      start: () => {
        throw new DOMException('refused by the page', 'SecurityError');
      },
      local: here,
    });
    expect(pool.location).to.equal('this thread');
    expect(await pool.call({ op: 'echo', value: 5 })).to.deep.equal({ value: 5, where: 'here' });
    const none = rpc({
      start: () => {
        throw new DOMException('refused by the page', 'SecurityError');
      },
    });
    expect(await rejection(none.call({ op: 'echo', value: 5 }))).to.be.instanceOf(WorkerRpcError).with.property('code', 'worker-failed');
  });

  it("a call not answered in time rejects with WorkerRpcError 'timeout', not run again here; the worker serves on", async () => {
    const ran: RpcTestRequest[] = [];
    const pool = rpc({ timeoutMs: 50, local: (request) => (ran.push(request), here(request)) });
    expect(await rejection(pool.call({ op: 'hang' }))).to.be.instanceOf(WorkerRpcError).with.property('code', 'timeout');
    expect(ran).to.deep.equal([]);
    expect(pool.location).to.equal('worker');
    expect(await pool.call({ op: 'echo', value: 2 }, { timeoutMs: 5000 }), 'a call answered in time').to.deep.equal({ value: 2, where: 'rpc-0' });
    expect(await rejection(pool.call({ op: 'hang' }, { timeoutMs: 20 })), 'a timeout given per call').to.have.property('code', 'timeout');
  });

  it("terminate() rejects the calls pending and every later one with WorkerRpcError 'terminated', none of them unhandled", async () => {
    const pool = rpc({ poolSize: 2, local: here, timeoutMs: 10_000 });
    const pending = [pool.call({ op: 'hang' }), pool.call({ op: 'hang' })];
    pool.terminate();
    for (const call of pending) expect(await rejection(call)).to.be.instanceOf(WorkerRpcError).with.property('code', 'terminated');
    expect(await rejection(pool.call({ op: 'echo', value: 1 }))).to.be.instanceOf(WorkerRpcError).with.property('code', 'terminated');
    expect(warnings, 'terminating is not a failure').to.deep.equal([]);
  });

  it('a request that cannot be cloned rejects only its own call', async () => {
    const pool = rpc({ local: here });
    const unclonable = { op: 'echo', value: () => 1 } as unknown as RpcTestRequest;
    expect(await rejection(pool.call(unclonable))).to.be.instanceOf(DOMException).with.property('name', 'DataCloneError');
    expect(await pool.call({ op: 'echo', value: 9 })).to.deep.equal({ value: 9, where: 'rpc-0' });
  });
});
