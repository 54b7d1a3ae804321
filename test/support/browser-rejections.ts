/**
 * Loaded into every browser test page after mocha (web-test-runner.config.mjs `testRunnerHtml`):
 * an unhandled promise rejection fails the test it happened in, with its reason, and one outside
 * any test fails the run. Mocha on its own only fails tests on uncaught exceptions; wtr merely
 * logs a rejection, so one could slip through a green run.
 */
interface RunnableLike {
  readonly title: string;
  readonly state?: 'passed' | 'failed' | 'pending';
  error(error: Error): void;
}

interface HookContext {
  /** In a hook, the hook itself: an error set on it fails the current test, not the hook. */
  readonly test?: RunnableLike;
  readonly currentTest?: RunnableLike;
}

interface SuiteLike {
  afterEach(title: string, hook: (this: HookContext) => Promise<void>): void;
  afterAll(title: string, hook: () => Promise<void>): void;
}

const mochaInstance = (globalThis as { mocha?: { suite: SuiteLike } }).mocha;
if (!mochaInstance) throw new Error('browser-rejections must load after the test framework (mocha)');

const unhandled: unknown[] = [];

// As in Node (`--unhandled-rejections=throw`), a rejection with no handler by the time the
// browser reports it counts, even if something handles it later.
globalThis.addEventListener('unhandledrejection', (event) => unhandled.push(event.reason));

function describeReason(reason: unknown): string {
  if (reason instanceof Error) return reason.stack?.includes(reason.message) ? reason.stack : `${reason.name}: ${reason.message}\n${reason.stack ?? ''}`;
  try {
    return JSON.stringify(reason);
  } catch {
    return String(reason);
  }
}

function rejectionError(reasons: unknown[], where: string): Error {
  const lines = reasons.map((reason, index) => `  ${index + 1}. ${describeReason(reason).replaceAll('\n', '\n     ')}`);
  return new Error(`${reasons.length} unhandled promise rejection(s) ${where}:\n${lines.join('\n')}`);
}

/** Chromium dispatches `unhandledrejection` in a task after the microtasks: let a pending one arrive. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

mochaInstance.suite.afterEach('fails on an unhandled promise rejection', async function () {
  await nextTask();
  if (unhandled.length === 0) return;
  const error = rejectionError(unhandled.splice(0), `by the end of "${this.currentTest?.title ?? '?'}"`);
  if (this.currentTest?.state === 'failed') console.error(error);
  else this.test?.error(error);
});

mochaInstance.suite.afterAll('fails on an unhandled promise rejection outside a test', async () => {
  await nextTask();
  if (unhandled.length > 0) throw rejectionError(unhandled.splice(0), 'outside any test (in a before/after hook or a module)');
});
