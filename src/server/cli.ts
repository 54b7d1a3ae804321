/**
 * `peerkit serve`: the signaling server from the command line.
 *
 *   peerkit serve [--port 8787] [--host 127.0.0.1] [--static DIR] [--redis URL]
 *                 [--turn-secret SECRET --turn-url turn:host:3478] [--log-level info]
 */
import { parseArgs } from 'node:util';
import type { LogLevel } from './logger.js';
import { createServer } from './server.js';

const USAGE = `usage: peerkit serve [--port 8787] [--host 127.0.0.1] [--static DIR] [--redis URL]
                     [--turn-secret SECRET --turn-url URL[,URL…]] [--log-level debug|info|warn|error|silent]`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'serve') {
    process.stderr.write(`${USAGE}\n`);
    return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        static: { type: 'string' },
        redis: { type: 'string' },
        'turn-secret': { type: 'string' },
        'turn-url': { type: 'string' },
        'log-level': { type: 'string', default: 'info' },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be 0–65535\n`);
    return 2;
  }
  if (Boolean(values['turn-secret']) !== Boolean(values['turn-url'])) {
    process.stderr.write('--turn-secret and --turn-url go together\n');
    return 2;
  }
  const logLevel = values['log-level'] as LogLevel;
  const hub = values.redis ? await (await import('./redis-hub.js')).RedisHub.connect(values.redis) : undefined;
  const server = await createServer({
    port,
    host: values.host,
    logLevel,
    ...(values.static ? { staticDir: values.static } : {}),
    ...(hub ? { hub } : {}),
    ...(values['turn-secret'] ? { turn: { secret: values['turn-secret'], urls: values['turn-url']!.split(',') } } : {}),
  });
  process.stdout.write(`peerkit signaling server on ${server.url}${values.static ? ` (serving ${values.static})` : ''}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      void server.close().then(resolve);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  return 0;
}
