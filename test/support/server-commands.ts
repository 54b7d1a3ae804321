/**
 * Calls a wtr server command (see web-test-runner.config.mjs) from a browser test, as
 * @web/test-runner-commands does, through the runner's own socket module (external to Vite).
 */

export async function serverCommand<T>(command: string, payload?: unknown): Promise<T> {
  const sessionId = new URL(window.location.href).searchParams.get('wtr-session-id');
  if (!sessionId) throw new Error('not running under @web/test-runner');
  // @ts-expect-error -- wtr serves this module at run time; there is no file for TypeScript to see.
  const { sendMessageWaitForResponse } = (await import('/__web-dev-server__web-socket.js')) as {
    sendMessageWaitForResponse(message: object): Promise<{ executed: boolean; result: T }>;
  };
  const response = await sendMessageWaitForResponse({ type: 'wtr-command', sessionId, command, payload });
  if (!response.executed) throw new Error(`no plugin handles the server command "${command}"`);
  return response.result;
}
