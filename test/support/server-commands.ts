/**
 * Calls a wtr server command (see web-test-runner.config.mjs) from a browser test. Does what
 * @web/test-runner-commands does, with the runner's socket module imported at run time only:
 * Vite must not try to resolve it while bundling.
 */
const RUNNER_SOCKET = '/__web-dev-server__web-socket.js';

export async function serverCommand<T>(command: string, payload?: unknown): Promise<T> {
  const sessionId = new URL(window.location.href).searchParams.get('wtr-session-id');
  if (!sessionId) throw new Error('not running under @web/test-runner');
  const { sendMessageWaitForResponse } = (await import(/* @vite-ignore */ RUNNER_SOCKET)) as {
    sendMessageWaitForResponse(message: object): Promise<{ executed: boolean; result: T }>;
  };
  const response = await sendMessageWaitForResponse({ type: 'wtr-command', sessionId, command, payload });
  if (!response.executed) throw new Error(`no plugin handles the server command "${command}"`);
  return response.result;
}
