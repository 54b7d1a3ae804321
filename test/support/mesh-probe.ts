/**
 * Watches one peer of a large room (a Room with its ChatSync) and reports what the test needs in
 * batches: its link state (with the most links it ever had), the test broadcasts it received,
 * the chat messages its history took in, and anything that went wrong. Runs in Node peers
 * (mesh-host.ts) and in browser pages (test/e2e/pages/mesh.html) alike, so it imports types only.
 */
import type { ChatSync, ChatSyncEventMap } from '../../src/core/chat/sync.js';
import type { Room, RoomEventMap } from '../../src/core/room/room.js';

/** Test broadcasts start with this; anything else on the room (chat frames) is not counted. */
export const BROADCAST_PREFIX = 'bc:';

export interface PeerState {
  readonly type: 'state';
  readonly id: string;
  /** Members it knows, itself excluded. */
  readonly peers: number;
  /** Ids it has a connected link to. */
  readonly linked: readonly string[];
  readonly mesh: 'full' | 'partial';
  /** The most connected links it had at once, checked on every link and membership change. */
  readonly maxLinked: number;
  /** The most connecting or connected links it had at once. */
  readonly maxLive: number;
  readonly rotations: number;
  readonly relayDuplicates: number;
}

export type MeshReport =
  | PeerState
  | { readonly type: 'got'; readonly to: string; readonly from: string; readonly data: string; readonly via?: string }
  | { readonly type: 'chat'; readonly to: string; readonly id: string }
  | { readonly type: 'problem'; readonly to: string; readonly kind: string; readonly detail: string };

/** Reports in batches (a timer turn apart) through `report`; returns a function that stops it. */
export function probeRoom(room: Room, sync: ChatSync, report: (batch: MeshReport[]) => void): () => void {
  const id = room.id;
  let maxLinked = 0;
  let maxLive = 0;
  let rotations = 0;
  let stateDirty = true;
  let pending: MeshReport[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const sample = () => {
    const states = room.peers.map((peer) => room.linkState(peer));
    maxLinked = Math.max(maxLinked, states.filter((state) => state === 'connected').length, room.linked.length);
    maxLive = Math.max(maxLive, states.filter((state) => state === 'connected' || state === 'connecting').length);
  };
  const flush = () => {
    timer = undefined;
    if (stateDirty) {
      sample();
      stateDirty = false;
      pending.push({ type: 'state', id, peers: room.peers.length, linked: [...room.linked], mesh: room.mesh, maxLinked, maxLive, rotations, relayDuplicates: room.relayStats.duplicates });
    }
    const batch = pending;
    pending = [];
    if (batch.length) report(batch);
  };
  const schedule = () => (timer ??= setTimeout(flush, 20));
  const changed = () => {
    sample();
    stateDirty = true;
    schedule();
  };
  const push = (entry: MeshReport) => {
    pending.push(entry);
    schedule();
  };

  const listeners: [EventTarget, string, (event: Event) => void][] = [
    [room, 'link-state', changed],
    [room, 'peerlist', changed],
    [room, 'peer', changed],
    [room, 'peer-disconnect', changed],
    [
      room,
      'rotate',
      () => {
        rotations++;
        changed();
      },
    ],
    [
      room,
      'message',
      (event) => {
        const { from, data, via } = (event as RoomEventMap['message']).detail;
        if (data.startsWith(BROADCAST_PREFIX)) push({ type: 'got', to: id, from, data, ...(via ? { via } : {}) });
      },
    ],
    [room, 'relay-rejected', (event) => push({ type: 'problem', to: id, kind: 'relay-rejected', detail: JSON.stringify((event as RoomEventMap['relay-rejected']).detail) })],
    [room, 'message-failed', (event) => push({ type: 'problem', to: id, kind: 'message-failed', detail: JSON.stringify((event as RoomEventMap['message-failed']).detail).slice(0, 300) })],
    [room, 'error', (event) => push({ type: 'problem', to: id, kind: 'room-error', detail: JSON.stringify((event as RoomEventMap['error']).detail) })],
    [sync, 'message', (event) => push({ type: 'chat', to: id, id: (event as ChatSyncEventMap['message']).detail.message.id })],
    [sync, 'rejected', (event) => push({ type: 'problem', to: id, kind: 'chat-rejected', detail: JSON.stringify((event as ChatSyncEventMap['rejected']).detail) })],
    [sync, 'error', (event) => push({ type: 'problem', to: id, kind: 'chat-error', detail: JSON.stringify((event as ChatSyncEventMap['error']).detail) })],
  ];
  for (const [target, type, listener] of listeners) target.addEventListener(type, listener);
  schedule();
  return () => {
    for (const [target, type, listener] of listeners) target.removeEventListener(type, listener);
    clearTimeout(timer);
    flush();
  };
}
