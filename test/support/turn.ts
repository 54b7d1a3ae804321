/**
 * A throwaway coturn TURN server on 127.0.0.1, for relay tests: TURN REST credentials
 * (`use-auth-secret`, as `peerkit serve --turn-secret` issues them), UDP only, relaying between
 * loopback addresses (coturn refuses loopback peers unless told: `--allow-loopback-peers`, for the
 * test only). Debian's `coturn` package; `.ci/run` installs it where it is missing.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './redis.js';

export interface TurnServer {
  /** `turn:127.0.0.1:<port>?transport=udp`. */
  readonly url: string;
  readonly secret: string;
  /** What coturn logged: allocations, refusals (for a failing test's message). */
  readonly log: () => string;
  /** Resolves once `holds(log)` is true, checked as coturn writes; rejects after `timeoutMs`. */
  untilLog(holds: (log: string) => boolean, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** A STUN binding request (RFC 8489): coturn answers it without credentials, so it shows the server is up. */
function answersBinding(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const request = Buffer.concat([Buffer.from([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]), randomBytes(12)]);
    const timer = setTimeout(() => {
      socket.close();
      resolve(false);
    }, 200);
    socket.once('message', () => {
      clearTimeout(timer);
      socket.close();
      resolve(true);
    });
    socket.send(request, port, '127.0.0.1');
  });
}

/** `allocationLifetimeSeconds`: the longest allocation coturn grants (browsers refresh at half of a short one). */
export async function startTurn(options: { allocationLifetimeSeconds?: number } = {}): Promise<TurnServer> {
  const port = await freePort();
  const secret = randomBytes(16).toString('hex');
  // A relay port range of its own, away from the signaling ports the tests pick.
  const relayBase = 40_000 + Math.floor(Math.random() * 20) * 500;
  const child = spawn(
    'turnserver',
    ['-n', '--listening-ip=127.0.0.1', '--relay-ip=127.0.0.1', `--listening-port=${port}`, '--use-auth-secret', `--static-auth-secret=${secret}`, '--realm=peerkit.test',
      '--no-tls', '--no-dtls', '--no-tcp', '--no-cli', '--allow-loopback-peers', `--min-port=${relayBase}`, `--max-port=${relayBase + 499}`, '--log-file=stdout', '--simple-log', '--verbose',
      ...(options.allocationLifetimeSeconds ? [`--max-allocate-lifetime=${options.allocationLifetimeSeconds}`] : [])],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  const watchers = new Set<() => void>();
  const append = (chunk: Buffer) => {
    log += chunk.toString();
    for (const watcher of watchers) watcher();
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Bounded wait for the port: 5 s.
  for (let attempt = 0; !(await answersBinding(port)); attempt++) {
    if (child.exitCode !== null || attempt > 25) {
      child.kill('SIGKILL');
      throw new Error(`turnserver did not start:\n${log}`);
    }
    await sleep(50);
  }
  return {
    url: `turn:127.0.0.1:${port}?transport=udp`,
    secret,
    log: () => log,
    untilLog: (holds, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!holds(log)) return;
          watchers.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          watchers.delete(check);
          reject(new Error(`coturn's log did not show it within ${timeoutMs} ms`));
        }, timeoutMs);
        watchers.add(check);
        check();
      }),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
