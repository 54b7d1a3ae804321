/** Runs `peerkit serve` as a separate process and learns its URL from its first line. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface CliServer {
  readonly url: string;
  readonly child: ChildProcess;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** `port`: a fixed port (e.g. to restart a server where its clients expect it); default a free one. */
export async function startCliServer(args: string[], options: { port?: number } = {}): Promise<CliServer> {
  const bin = fileURLToPath(new URL('../../bin/peerkit.js', import.meta.url));
  const port = String(options.port ?? 0);
  const child = spawn(process.execPath, [bin, 'serve', '--port', port, '--log-level', 'warn', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`peerkit serve did not start: ${output}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /on (http:\/\/[\d.:]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then((code) => reject(new Error(`peerkit serve exited (${code}): ${output}`)));
  });
  return {
    url,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
