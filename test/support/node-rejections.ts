/**
 * `node --import ./test/support/node-rejections.ts`: every Node test process (scripts/test.mjs,
 * `npm run test:node`) exits non-zero when a promise rejection went unhandled, naming each reason.
 *
 * node:test (Node 20) already fails the running test on one, and the file on one that arrives
 * after its test ended; this keeps that true whatever runs the file (a test file started as a
 * plain script, a runner or Node version that only warns, `--unhandled-rejections=warn` in
 * NODE_OPTIONS) and prints every reason again at exit, where a long run's output ends.
 */
import { inspect } from 'node:util';

const unhandled: unknown[] = [];

process.on('unhandledRejection', (reason) => {
  unhandled.push(reason);
  process.exitCode = 1;
  process.stderr.write(`unhandled promise rejection: ${inspect(reason)}\n`);
});

process.on('exit', () => {
  if (unhandled.length === 0) return;
  process.exitCode = 1;
  const reasons = unhandled.map((reason, index) => `  ${index + 1}. ${inspect(reason).replaceAll('\n', '\n     ')}`);
  process.stderr.write(`\n${unhandled.length} unhandled promise rejection(s) in this process:\n${reasons.join('\n')}\n`);
});
