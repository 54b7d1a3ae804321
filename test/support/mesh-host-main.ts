/**
 * A child process hosting many Node peers of one room (Room over WebSocketTransport, WebRTC from
 * @roamhq/wrtc, ChatHistory + ChatSync in memory), driven by its parent over IPC (mesh-host.ts).
 * It reports what mesh-probe.ts sees, and exits when told to or when its parent goes away.
 */
import { WebSocket } from 'ws';
import { ChatSync } from '../../src/core/chat/sync.js';
import { ChatHistory } from '../../src/core/chat/history.js';
import { Identity } from '../../src/core/identity/identity.js';
import { Room, type RoomOptions } from '../../src/core/room/room.js';
import { WebSocketTransport } from '../../src/core/signaling/websocket.js';
import { memoryStore } from '../../src/core/platform/storage.js';
import type { HostCommand, HostConfig, HostEvent } from './mesh-host.js';
import { probeRoom } from './mesh-probe.js';

type Wrtc = NonNullable<RoomOptions['wrtc']>;

interface HostedPeer {
  readonly identity: Identity;
  room?: Room;
  sync?: ChatSync;
  transport?: WebSocketTransport;
  stopProbe?: () => void;
}

const config = JSON.parse(process.argv[2]!) as HostConfig;
const peers = new Map<string, HostedPeer>();
let wrtc: Wrtc | undefined;

function emit(event: HostEvent): void {
  if (process.connected) process.send!(event);
}

async function join(peer: HostedPeer): Promise<void> {
  wrtc ??= ((await import('@roamhq/wrtc')) as { default: Wrtc }).default;
  const { identity } = peer;
  const transport = new WebSocketTransport(config.server, identity, { WebSocket: WebSocket as unknown as new (url: string) => globalThis.WebSocket });
  const room = new Room({ identity, transport, ns: config.ns, room: config.room, iceServers: [], wrtc, maxLinks: config.maxLinks, prewarm: false });
  const history = await ChatHistory.open({ ns: config.ns, room: config.room, store: memoryStore() });
  const sync = new ChatSync({ identity, channel: room, history });
  Object.assign(peer, { room, sync, transport, stopProbe: probeRoom(room, sync, (reports) => emit({ type: 'reports', reports })) });
  await room.join();
}

let stopping: Promise<void> | undefined;

function stop(): Promise<void> {
  return (stopping ??= leaveAll());
}

async function leaveAll(): Promise<void> {
  await Promise.all(
    [...peers.values()].map(async (peer) => {
      peer.stopProbe?.();
      peer.sync?.close();
      await peer.room?.leave().catch(() => undefined);
      peer.transport?.close();
    }),
  );
}

function hosted(id: string): Required<HostedPeer> {
  const peer = peers.get(id);
  if (!peer?.room) throw new Error(`${id} is not a joined peer of this host`);
  return peer as Required<HostedPeer>;
}

async function run(command: HostCommand): Promise<unknown> {
  switch (command.type) {
    case 'create': {
      // Key generation is CPU-bound: one at a time.
      const ids: string[] = [];
      for (const name of command.names) {
        const identity = await Identity.create({ name, store: memoryStore() });
        peers.set(identity.fingerprint, { identity });
        ids.push(identity.fingerprint);
      }
      return ids;
    }
    case 'join':
      await Promise.all(command.ids.map((id) => join(peers.get(id)!)));
      return undefined;
    case 'broadcast':
      hosted(command.from).room.broadcast(command.data);
      return undefined;
    case 'chat':
      return (await hosted(command.from).sync.send(command.text)).id;
    case 'stop':
      await stop();
      return undefined;
  }
}

process.on('message', (message) => {
  const command = message as HostCommand;
  run(command).then(
    (value) => emit({ type: 'reply', seq: command.seq, value }),
    (error: unknown) => emit({ type: 'reply', seq: command.seq, error: error instanceof Error ? error.stack ?? error.message : String(error) }),
  );
});
// The parent is gone (ended, failed, killed): leave at once, whatever was running.
process.on('disconnect', () => {
  void stop().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
});
// A throw that escapes the peer code would end the process and every peer in it: it is reported
// as a problem (the test fails on it) and the other peers go on, so one run shows everything.
const uncaught = (kind: string) => (error: unknown) => {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`mesh host ${process.pid}: ${kind}: ${detail}\n`);
  emit({ type: 'reports', reports: [{ type: 'problem', to: `host ${process.pid}`, kind, detail }] });
};
process.on('uncaughtException', uncaught('uncaught-exception'));
process.on('unhandledRejection', uncaught('unhandled-rejection'));
emit({ type: 'ready' });
