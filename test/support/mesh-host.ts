/**
 * Node peers for large-room tests: a child process (mesh-host-main.ts) hosts many peers of one
 * room, each with its own key, Room (WebRTC through @roamhq/wrtc) and ChatSync. Its peers'
 * reports (mesh-probe.ts) arrive through `onReports`. The child stops when `stop()` is called or
 * when this process goes away (its IPC channel closes).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MeshReport } from './mesh-probe.js';

export interface HostConfig {
  readonly server: string;
  readonly ns: string;
  readonly room: string;
  readonly maxLinks: number;
}

export type HostCommand = { readonly seq: number } & (
  | { readonly type: 'create'; readonly names: readonly string[] }
  | { readonly type: 'join'; readonly ids: readonly string[] }
  | { readonly type: 'broadcast'; readonly from: string; readonly data: string }
  | { readonly type: 'chat'; readonly from: string; readonly text: string }
  | { readonly type: 'stop' }
);

type Command = HostCommand extends infer C ? (C extends HostCommand ? Omit<C, 'seq'> : never) : never;

export type HostEvent =
  | { readonly type: 'ready' }
  | { readonly type: 'reports'; readonly reports: MeshReport[] }
  | { readonly type: 'reply'; readonly seq: number; readonly value?: unknown; readonly error?: string };

export interface MeshHost {
  readonly child: ChildProcess;
  /** Makes keys for `count` peers (not joined yet); resolves with their ids. */
  create(names: readonly string[]): Promise<string[]>;
  /** Joins these peers (ids from `create`); resolves once every one has joined the room. */
  join(ids: readonly string[]): Promise<void>;
  broadcast(from: string, data: string): Promise<void>;
  /** A chat message from one peer; resolves with its id. */
  chat(from: string, text: string): Promise<string>;
  /** Leaves the room with every peer, then ends the process. */
  stop(): Promise<void>;
}

const main = fileURLToPath(new URL('./mesh-host-main.ts', import.meta.url));

/** `onExit`: the process ended before `stop()` (it crashed or was killed). */
export async function startMeshHost(config: HostConfig, onReports: (reports: MeshReport[]) => void, onExit: (error: Error) => void = () => undefined): Promise<MeshHost> {
  const child = fork(main, [JSON.stringify(config)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let seq = 0;
  let gone: Error | undefined;
  let stopping = false;
  void exited.then(() => {
    gone = new Error(`mesh host ${child.pid} exited (${child.exitCode ?? child.signalCode})`);
    for (const waiter of waiting.values()) waiter.reject(gone);
    waiting.clear();
    if (!stopping) onExit(gone);
  });
  const ready = new Promise<void>((resolve, reject) => {
    void exited.then(() => reject(gone!));
    child.on('message', (message) => {
      const event = message as HostEvent;
      if (event.type === 'ready') resolve();
      else if (event.type === 'reports') onReports(event.reports);
      else {
        const waiter = waiting.get(event.seq);
        waiting.delete(event.seq);
        if (event.error !== undefined) waiter?.reject(new Error(`mesh host: ${event.error}`));
        else waiter?.resolve(event.value);
      }
    });
  });
  const call = <T>(command: Command): Promise<T> => {
    if (gone) return Promise.reject(gone);
    const at = ++seq;
    return new Promise<T>((resolve, reject) => {
      waiting.set(at, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ ...command, seq: at } as HostCommand);
    });
  };
  try {
    await ready;
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    child,
    create: (names) => call<string[]>({ type: 'create', names }),
    join: (ids) => call<undefined>({ type: 'join', ids }),
    broadcast: (from, data) => call<undefined>({ type: 'broadcast', from, data }),
    chat: (from, text) => call<string>({ type: 'chat', from, text }),
    async stop() {
      stopping = true;
      if (gone) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await call<undefined>({ type: 'stop' }).catch(() => undefined);
      child.disconnect();
      await exited;
      clearTimeout(timer);
    },
  };
}
