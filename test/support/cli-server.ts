/** Runs `peerkit serve` (or `npm start`, which ends in it) as a separate process and learns its URL from its output. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface CliServer {
  readonly url: string;
  readonly child: ChildProcess;
  /** SIGTERM to the process and its children, then the exit code. */
  stop(): Promise<number | null>;
}

/** `port`: a fixed port (e.g. to restart a server where its clients expect it); default a free one. */
export function startCliServer(args: string[], options: { port?: number } = {}): Promise<CliServer> {
  const bin = fileURLToPath(new URL('../../bin/peerkit.js', import.meta.url));
  return serverProcess(process.execPath, [bin, 'serve', '--port', String(options.port ?? 0), '--log-level', 'warn', ...args], 20_000);
}

/**
 * `npm start` exactly as the README gives it (it builds the Storybook, then serves it with the
 * server), on a free port instead of 8787 (a later `--port` wins).
 */
export function startNpmStart(): Promise<CliServer> {
  return serverProcess('npm', ['start', '--', '--port', '0', '--log-level', 'warn'], 240_000);
}

async function serverProcess(command: string, args: string[], startTimeoutMs: number): Promise<CliServer> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  // Its own process group, so stopping it stops what it started too (npm runs the server as a child).
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${command} did not start a server within ${startTimeoutMs} ms: ${output}`)), startTimeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /signaling server on (http:\/\/[\d.:]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (${code}): ${output}`));
    });
  });
  return {
    url,
    child,
    async stop() {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // The group is gone already: nothing left to stop.
      }
      return exited;
    },
  };
}
