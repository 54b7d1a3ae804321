/**
 * The `process` kbpgp and its helpers expect in a browser. nextTick runs as a microtask: the
 * usual setTimeout-based polyfill is clamped to ≥ 4 ms by browsers and made verification ~40 %
 * slower (TOOLCHAIN.md).
 */
const browserProcess = {
  browser: true,
  env: {} as Record<string, string | undefined>,
  argv: [] as string[],
  version: '',
  versions: {} as Record<string, string>,
  platform: 'browser',
  nextTick(callback: (...args: unknown[]) => void, ...args: unknown[]): void {
    queueMicrotask(() => callback(...args));
  },
  cwd: () => '/',
};

export default browserProcess;
export const { nextTick, env, browser, version, versions, platform, argv, cwd } = browserProcess;
