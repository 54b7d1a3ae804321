/**
 * `peerkit serve`: the signaling server from the command line.
 * `peerkit virtual`: a virtual client (src/virtual) that keeps a room's recent history.
 *
 *   peerkit serve [--port 8787] [--host 127.0.0.1] [--public-url URL …] [--static DIR] [--redis URL]
 *                 [--trust-proxy] [--turn-secret SECRET --turn-url turn:host:3478 [--turn-ttl 86400]] [--log-level info]
 *                 [--metrics-port PORT [--metrics-host 127.0.0.1]] [--metrics-token TOKEN]
 *   peerkit virtual --server URL --ns NS --room ROOM [--data DIR] [--keep-hours 24] [--name NAME]
 *                   [--max-peers 16] [--max-messages 10000] [--ice-servers URL,…] [--log-level info]
 */
import { parseArgs } from 'node:util';
import { createLogger, type LogLevel } from './logger.js';
import { createServer } from './server.js';

const USAGE = `usage: peerkit serve [--port 8787] [--host 127.0.0.1] [--public-url URL …] [--static DIR] [--redis URL]
                     [--trust-proxy] [--turn-secret SECRET --turn-url URL[,URL…] [--turn-ttl SECONDS]]
                     [--log-level debug|info|warn|error|silent]
                     [--metrics-port PORT [--metrics-host 127.0.0.1]] [--metrics-token TOKEN]
       peerkit virtual --server URL --ns NS --room ROOM [--data ./.peerkit-virtual] [--keep-hours 24]
                       [--name NAME] [--max-peers 16] [--max-messages 10000] [--ice-servers server|URL[,URL…]]
                       [--log-level debug|info|warn|error|silent]

serve:
  --public-url     a URL clients reach this server by (repeat for several), e.g. behind a proxy or
                   under a DNS name: https://signal.example.org. Join and pair proofs name the
                   server they are for; the server accepts those naming a public URL or the
                   address it listens on, so a proof made for another server is refused here.
  --trust-proxy    behind a reverse proxy: the per-address limits count the last X-Forwarded-For
                   hop (the address your proxy appended). Set it only when clients cannot reach
                   the server but through that proxy; otherwise they could pick their own address.
  --metrics-port   serve GET /metrics on its own listener (on --metrics-host, default 127.0.0.1);
                   the public port then answers 404 for /metrics.
  --metrics-token  require "Authorization: Bearer TOKEN" for /metrics (or set PEERKIT_METRICS_TOKEN,
                   which keeps the token out of the process list).`;
const LOG_LEVELS: readonly string[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** Resolves on the first SIGTERM or SIGINT. */
function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}

function usageError(message: string): number {
  process.stderr.write(`${message}\n${USAGE}\n`);
  return 2;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'virtual') return virtual(rest);
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
        'turn-ttl': { type: 'string' },
        'log-level': { type: 'string', default: 'info' },
        'trust-proxy': { type: 'boolean', default: false },
        'public-url': { type: 'string', multiple: true },
        'metrics-host': { type: 'string' },
        'metrics-port': { type: 'string' },
        'metrics-token': { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const metricsPort = values['metrics-port'] === undefined ? undefined : Number(values['metrics-port']);
  if (metricsPort !== undefined && (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535)) return usageError('--metrics-port must be 0–65535');
  if (values['metrics-host'] !== undefined && metricsPort === undefined) return usageError('--metrics-host needs --metrics-port');
  const metricsToken = values['metrics-token'] ?? process.env.PEERKIT_METRICS_TOKEN;
  if (metricsToken === '') return usageError('--metrics-token must not be empty');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be 0–65535\n`);
    return 2;
  }
  if (Boolean(values['turn-secret']) !== Boolean(values['turn-url'])) {
    process.stderr.write('--turn-secret and --turn-url go together\n');
    return 2;
  }
  const turnTtl = values['turn-ttl'] === undefined ? undefined : Number(values['turn-ttl']);
  if (turnTtl !== undefined && (!values['turn-secret'] || !Number.isInteger(turnTtl) || turnTtl < 2)) return usageError('--turn-ttl is a whole number of seconds (at least 2), with --turn-secret');
  const publicUrls = values['public-url'] ?? [];
  for (const url of publicUrls) {
    if (!URL.canParse(url)) return usageError(`--public-url ${url} is not a URL`);
  }
  const logLevel = values['log-level'] as LogLevel;
  const hub = values.redis ? await (await import('./redis-hub.js')).RedisHub.connect(values.redis) : undefined;
  const server = await createServer({
    port,
    host: values.host,
    logLevel,
    trustProxy: values['trust-proxy'],
    publicUrls,
    ...(metricsPort !== undefined || metricsToken !== undefined
      ? { metricsEndpoint: { ...(metricsPort !== undefined ? { port: metricsPort, host: values['metrics-host'] ?? '127.0.0.1' } : {}), ...(metricsToken !== undefined ? { token: metricsToken } : {}) } }
      : {}),
    ...(values.static ? { staticDir: values.static } : {}),
    ...(hub ? { hub } : {}),
    ...(values['turn-secret'] ? { turn: { secret: values['turn-secret'], urls: values['turn-url']!.split(','), ...(turnTtl !== undefined ? { ttlSeconds: turnTtl } : {}) } } : {}),
  });
  process.stdout.write(`peerkit signaling server on ${server.url}${values.static ? ` (serving ${values.static})` : ''}\n`);
  if (metricsPort !== undefined) process.stdout.write(`metrics on ${server.metricsUrl}\n`);
  await stopSignal();
  await server.close();
  return 0;
}

async function virtual(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        server: { type: 'string' },
        ns: { type: 'string' },
        room: { type: 'string' },
        data: { type: 'string', default: './.peerkit-virtual' },
        'keep-hours': { type: 'string', default: '24' },
        name: { type: 'string' },
        'max-peers': { type: 'string', default: '16' },
        'max-messages': { type: 'string', default: '10000' },
        'ice-servers': { type: 'string' },
        'log-level': { type: 'string', default: 'info' },
      },
      strict: true,
    }));
  } catch (error) {
    return usageError((error as Error).message);
  }
  const missing = (['server', 'ns', 'room'] as const).filter((name) => !values[name]);
  if (missing.length) return usageError(`missing ${missing.map((name) => `--${name}`).join(', ')}`);
  const keepHours = Number(values['keep-hours']);
  if (!(keepHours > 0) || !Number.isFinite(keepHours)) return usageError('--keep-hours must be a number of hours above 0');
  const maxPeers = Number(values['max-peers']);
  if (!Number.isInteger(maxPeers) || maxPeers < 1 || maxPeers > 256) return usageError('--max-peers must be a whole number from 1 to 256');
  const maxMessages = Number(values['max-messages']);
  if (!Number.isInteger(maxMessages) || maxMessages < 1) return usageError('--max-messages must be a whole number above 0');
  if (!LOG_LEVELS.includes(values['log-level'])) return usageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  if (!/^(https?|wss?):\/\/[^/]/.test(values.server!)) return usageError('--server must be an http(s) or ws(s) URL');

  const [{ startVirtualClient, VirtualClientError }, { iceServersFrom }] = await Promise.all([import('../virtual/virtual-client.js'), import('../core/signaling/ice.js')]);
  const ice = values['ice-servers']?.trim();
  const iceServers = !ice ? [] : ice === 'server' ? iceServersFrom(values.server!) : [{ urls: ice.split(',').map((url) => url.trim()).filter(Boolean) }];
  const logger = createLogger(values['log-level'] as LogLevel);
  // A signal while starting stops the client as soon as it has started.
  const stopped = stopSignal();
  let client;
  try {
    client = await startVirtualClient({
      server: values.server!,
      ns: values.ns!,
      room: values.room!,
      dataDir: values.data,
      keepHours,
      maxPeers,
      maxMessages,
      iceServers,
      logger,
      ...(values.name ? { name: values.name } : {}),
    });
  } catch (error) {
    process.stderr.write(`peerkit virtual: ${(error as Error).message}\n`);
    return error instanceof VirtualClientError && error.code === 'bad-option' ? 2 : 1;
  }
  process.stdout.write(`peerkit virtual client ${client.id} in ${values.ns}/${values.room} (${client.history.size} messages kept)\n`);
  await stopped;
  await client.close();
  return 0;
}
