/** Runs `peerkit virtual` as a separate process: its id from its first line, its JSON log lines as they come. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LogLine {
  readonly level: string;
  readonly msg: string;
  readonly [field: string]: unknown;
}

export interface VirtualCli {
  readonly id: string;
  /** What the first line said is kept. */
  readonly kept: number;
  readonly child: ChildProcess;
  readonly logs: readonly LogLine[];
  /** Resolves with the first log line (past or future) that matches. */
  logged(matches: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

const bin = fileURLToPath(new URL('../../bin/peerkit.js', import.meta.url));

/** Runs `peerkit virtual ARGS` to its end: exit code and output (for argument errors). */
export function runVirtualCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, 'virtual', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

export async function startVirtualCli(args: string[]): Promise<VirtualCli> {
  const child = spawn(process.execPath, [bin, 'virtual', '--log-level', 'debug', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const logs: LogLine[] = [];
  const waiters = new Set<{ matches(line: LogLine): boolean; resolve(line: LogLine): void }>();
  let stderr = '';
  let pending = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const text of lines) {
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        continue;
      }
      logs.push(line);
      for (const waiter of waiters) {
        if (!waiter.matches(line)) continue;
        waiters.delete(waiter);
        waiter.resolve(line);
      }
    }
  });
  const first = await new Promise<RegExpExecArray>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`peerkit virtual did not start: ${stdout}${stderr}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /virtual client ([0-9a-f]{40}) in .* \((\d+) messages kept\)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    void exited.then((code) => reject(new Error(`peerkit virtual exited (${code}): ${stdout}${stderr}`)));
  });
  return {
    id: first[1]!,
    kept: Number(first[2]),
    child,
    logs,
    logged(matches, timeoutMs = 20_000) {
      const seen = logs.find(matches);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = {
          matches,
          resolve: (line: LogLine) => {
            clearTimeout(timer);
            resolve(line);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no such log line within ${timeoutMs} ms; got:\n${stderr}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
