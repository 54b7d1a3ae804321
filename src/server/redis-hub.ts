/**
 * Hub state shared through Redis, so several server processes behave as one: room membership
 * lives in a hash per room (id → owning process), members' addresses in a second (id → address,
 * for the seats per address), latency reports in a third (id → report JSON, expiring when the
 * room goes quiet), signals and presence travel over each
 * process's pub/sub channel, and pair-protocol waiters sit in a list per namespace that a Lua
 * script pairs atomically. Processes announce themselves with an expiring key, so members and
 * waiters of a crashed process are ignored and swept.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { parseLatencyReport, type LatencyReport } from '../core/signaling/suggest.js';
import { ErrorCode, ProtocolError } from './errors.js';
import type { ServerFrame } from './frames.js';
import { pairKey, type Hub, type PairOffer, type PairOptions, type PairWaiter, type RelayedFrame, type RoomMember, type RoomSeats } from './hub.js';
import { roomKey } from './memory-hub.js';

const b64 = (text: string) => Buffer.from(text).toString('base64url');

function readReport(json: string): LatencyReport | undefined {
  try {
    return parseLatencyReport(JSON.parse(json));
  } catch {
    return undefined;
  }
}

type BusMessage =
  | { kind: 'deliver'; ns: string; room: string; to: string; frame: ServerFrame }
  | { kind: 'presence'; ns: string; room: string; except: string; frame: ServerFrame }
  | { kind: 'evict'; ns: string; room: string; id: string }
  | { kind: 'answer'; token: string; signal: string; replyId: string; replyTo: string }
  | { kind: 'answered'; replyId: string; delivered: boolean }
  | { kind: 'saw-candidate'; token: string };

interface WaitingEntry {
  token: string;
  id: string;
  server: string;
  signal: string;
}

/**
 * Picks the first waiter in the namespace that is not the caller, lives on a live process and was
 * not paired with the caller recently; queues the caller when there is none (and asked to).
 * Returns { chosen entry or '', JSON list of entries skipped for paired memory }.
 */
const OFFER_SCRIPT = `
local entries = redis.call('LRANGE', KEYS[1], 0, -1)
local skipped = {}
for _, raw in ipairs(entries) do
  local entry = cjson.decode(raw)
  if entry.id ~= ARGV[1] then
    if redis.call('EXISTS', ARGV[3] .. entry.server) == 0 then
      redis.call('LREM', KEYS[1], 1, raw)
    else
      local a, b = entry.id, ARGV[1]
      if b < a then a, b = b, a end
      if redis.call('EXISTS', ARGV[2] .. a .. '\\n' .. b) == 1 then
        table.insert(skipped, raw)
      else
        redis.call('LREM', KEYS[1], 1, raw)
        return { raw, cjson.encode(skipped) }
      end
    end
  end
end
if ARGV[4] == '1' then
  for _, raw in ipairs(entries) do
    if cjson.decode(raw).id == ARGV[1] then redis.call('LREM', KEYS[1], 1, raw) end
  end
  redis.call('RPUSH', KEYS[1], ARGV[5])
  redis.call('PEXPIRE', KEYS[1], ARGV[6])
end
return { '', cjson.encode(skipped) }
`;

/** Removes a member (its latency report and address too) only if the hash still says this process holds it. */
const LEAVE_SCRIPT = `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[2], ARGV[1])
  redis.call('HDEL', KEYS[3], ARGV[1])
  return 1
end
return 0
`;

/**
 * Stores a latency report only while this process holds its author, so a report racing its
 * author's leave cannot outlive it; every write pushes the hash's expiry out again.
 */
const REPORT_SCRIPT = `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
  return 1
end
return 0
`;

export interface RedisHubOptions {
  /** Key and channel prefix, to share one Redis between deployments. */
  readonly prefix?: string;
  /** How long a process counts as alive after its last heartbeat. */
  readonly aliveMs?: number;
  /** A room's latency reports expire this long after the last one was written (default 10 minutes). */
  readonly reportTtlMs?: number;
}

export class RedisHub implements Hub {
  readonly serverId = randomBytes(8).toString('hex');
  readonly #local = new Map<string, Map<string, RoomMember>>();
  readonly #waiters = new Map<string, { waiter: PairWaiter; ns: string; raw: string; sawCandidate: boolean }>();
  readonly #replies = new Map<string, (delivered: boolean) => void>();
  readonly #prefix: string;
  readonly #aliveMs: number;
  readonly #reportTtlMs: number;
  #heartbeat: NodeJS.Timeout | undefined;

  private constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    options: RedisHubOptions,
  ) {
    this.#prefix = options.prefix ?? 'peerkit:';
    this.#aliveMs = options.aliveMs ?? 30_000;
    this.#reportTtlMs = options.reportTtlMs ?? 10 * 60_000;
  }

  static async connect(url: string, options: RedisHubOptions = {}): Promise<RedisHub> {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    await redis.connect();
    const subscriber = redis.duplicate();
    const hub = new RedisHub(redis, subscriber, options);
    redis.defineCommand('peerkitOffer', { numberOfKeys: 1, lua: OFFER_SCRIPT });
    redis.defineCommand('peerkitLeave', { numberOfKeys: 3, lua: LEAVE_SCRIPT });
    redis.defineCommand('peerkitReport', { numberOfKeys: 2, lua: REPORT_SCRIPT });
    subscriber.on('messageBuffer', (_channel: Buffer, message: Buffer) => hub.#onBus(JSON.parse(message.toString('utf8')) as BusMessage));
    await subscriber.subscribe(hub.#channel(hub.serverId));
    await hub.#beat();
    hub.#heartbeat = setInterval(() => void hub.#beat().catch(() => {}), hub.#aliveMs / 3);
    hub.#heartbeat.unref();
    return hub;
  }

  // ------------------------------------------------------------------------------ rooms

  /**
   * Like the seats in total, the seats per address are counted before this join writes: two joins
   * racing on two processes may both take the last seat.
   */
  async join(ns: string, room: string, member: RoomMember, seats: RoomSeats): Promise<string[]> {
    const key = this.#roomKey(ns, room);
    const addressesKey = this.#addressesKey(ns, room);
    const [[, previousServer], [, all], [, addresses]] = (await this.redis.multi().hget(key, member.id).hgetall(key).hgetall(addressesKey).exec()) as [
      [null, string | null],
      [null, Record<string, string>],
      [null, Record<string, string>],
    ];
    const others = await this.#liveMembers(ns, room, all, member.id);
    if (!previousServer && others.size >= seats.maxPeers) throw new ProtocolError(ErrorCode.RoomFull, `room "${room}" is full (${seats.maxPeers} peers)`);
    let fromAddress = 0;
    for (const id of others.keys()) if (addresses[id] === member.address) fromAddress++;
    if (fromAddress >= seats.maxPerAddress) throw new ProtocolError(ErrorCode.RoomFullFromAddress, `room "${room}" holds ${seats.maxPerAddress} peers from your address, as many as one address may`);
    await this.redis.multi().hset(key, member.id, this.serverId).hset(addressesKey, member.id, member.address).exec();
    if (previousServer) {
      // The same key joined again: the old connection leaves cleanly, wherever it is. Its report
      // goes too: the new connection may sit elsewhere in the network.
      await this.redis.hdel(this.#reportsKey(ns, room), member.id);
      if (previousServer === this.serverId) this.#evict(ns, room, member.id);
      else await this.#publish(previousServer, { kind: 'evict', ns, room, id: member.id });
      await this.#announce(ns, room, others, member.id, { type: 'left', ns, room, id: member.id });
    }
    await this.#announce(ns, room, others, member.id, { type: 'joined', ns, room, id: member.id });
    let members = this.#local.get(roomKey(ns, room));
    if (!members) {
      members = new Map();
      this.#local.set(roomKey(ns, room), members);
    }
    members.set(member.id, member);
    return [...others.keys()];
  }

  async leave(ns: string, room: string, member: RoomMember): Promise<void> {
    const local = this.#local.get(roomKey(ns, room));
    if (local?.get(member.id) !== member) return;
    local.delete(member.id);
    if (local.size === 0) this.#local.delete(roomKey(ns, room));
    const key = this.#roomKey(ns, room);
    const redis = this.redis as unknown as { peerkitLeave(k: string, reports: string, addresses: string, id: string, server: string): Promise<number> };
    const removed = (await redis.peerkitLeave(key, this.#reportsKey(ns, room), this.#addressesKey(ns, room), member.id, this.serverId)) === 1;
    if (!removed) return;
    const others = await this.#liveMembers(ns, room, await this.redis.hgetall(key), member.id);
    await this.#announce(ns, room, others, member.id, { type: 'left', ns, room, id: member.id });
  }

  relay(to: string, frame: RelayedFrame): boolean | Promise<boolean> {
    const local = this.#local.get(roomKey(frame.ns, frame.room))?.get(to);
    if (local) {
      local.deliver(frame);
      return true;
    }
    return this.#relayRemote(frame.ns, frame.room, to, frame);
  }

  async #relayRemote(ns: string, room: string, to: string, frame: ServerFrame): Promise<boolean> {
    const server = await this.redis.hget(this.#roomKey(ns, room), to);
    if (!server || !(await this.#isAlive(server))) return false;
    await this.#publish(server, { kind: 'deliver', ns, room, to, frame });
    return true;
  }

  async memberIds(ns: string, room: string): Promise<string[]> {
    return [...(await this.#liveMembers(ns, room, await this.redis.hgetall(this.#roomKey(ns, room)), '')).keys()];
  }

  async report(ns: string, room: string, id: string, report: LatencyReport): Promise<void> {
    const redis = this.redis as unknown as { peerkitReport(k: string, reports: string, id: string, server: string, json: string, ttl: string): Promise<number> };
    await redis.peerkitReport(this.#roomKey(ns, room), this.#reportsKey(ns, room), id, this.serverId, JSON.stringify(report), String(this.#reportTtlMs));
  }

  async reports(ns: string, room: string): Promise<ReadonlyMap<string, LatencyReport>> {
    const reportsKey = this.#reportsKey(ns, room);
    const [[, members], [, stored]] = (await this.redis.multi().hgetall(this.#roomKey(ns, room)).hgetall(reportsKey).exec()) as [[null, Record<string, string>], [null, Record<string, string>]];
    const reports = new Map<string, LatencyReport>();
    const stale: string[] = [];
    for (const [id, json] of Object.entries(stored)) {
      // Shared state is re-validated, not trusted: another deployment may have written it.
      const report = Object.hasOwn(members, id) ? readReport(json) : undefined;
      if (report) reports.set(id, report);
      else stale.push(id);
    }
    // Reports whose author is gone (e.g. its process died) would otherwise live as long as the room.
    if (stale.length) await this.redis.hdel(reportsKey, ...stale);
    return reports;
  }

  localRoomCount(): number {
    return this.#local.size;
  }

  // ------------------------------------------------------------------------------ pair protocol

  async pairOffer(ns: string, waiter: PairWaiter, options: PairOptions): Promise<PairOffer> {
    const entry: WaitingEntry = { token: randomBytes(12).toString('base64url'), id: waiter.id, server: this.serverId, signal: waiter.signal };
    const raw = JSON.stringify(entry);
    const local = { waiter, ns, raw, sawCandidate: false };
    // Registered before the script runs: once queued, another process may answer at once.
    if (options.queue) this.#waiters.set(entry.token, local);
    const [chosenRaw, skippedJson] = (await (
      this.redis as unknown as { peerkitOffer(...args: string[]): Promise<[string, string]> }
    ).peerkitOffer(this.#waitersKey(ns), waiter.id, `${this.#prefix}paired:${ns}\n`, `${this.#prefix}server:`, options.queue ? '1' : '0', raw, String(options.pairedMemoryMs * 2 + 60_000))) as [string, string];
    const skipped = (JSON.parse(skippedJson) as string[] | Record<string, never>);
    const skippedEntries = Array.isArray(skipped) ? skipped.map((text) => JSON.parse(text) as WaitingEntry) : [];
    for (const other of skippedEntries) await this.#publish(other.server, { kind: 'saw-candidate', token: other.token });
    const sawCandidate = skippedEntries.length > 0;
    if (chosenRaw) {
      this.#waiters.delete(entry.token);
      const first = JSON.parse(chosenRaw) as WaitingEntry;
      const nonce = randomBytes(16).toString('base64url');
      await this.redis.set(this.#nonceKey(nonce), JSON.stringify({ ns, first, secondId: waiter.id }), 'PX', Math.max(options.pairedMemoryMs, 60_000));
      return { kind: 'demote', nonce, signal: first.signal };
    }
    if (!options.queue) return { kind: 'none', sawCandidate };
    local.sawCandidate = sawCandidate;
    return {
      kind: 'queued',
      sawCandidate: () => local.sawCandidate,
      cancel: async () => {
        this.#waiters.delete(entry.token);
        await this.redis.lrem(this.#waitersKey(ns), 1, raw);
      },
    };
  }

  async pairAnswer(nonce: string, fromId: string, signal: string, options: PairOptions): Promise<boolean> {
    const stored = await this.redis.getdel(this.#nonceKey(nonce));
    if (!stored) return false;
    const { ns, first, secondId } = JSON.parse(stored) as { ns: string; first: WaitingEntry; secondId: string };
    if (secondId !== fromId) return false;
    const delivered = await this.#handAnswer(first, signal);
    if (delivered) await this.redis.set(`${this.#prefix}paired:${pairKey(ns, first.id, fromId)}`, '1', 'PX', options.pairedMemoryMs);
    return delivered;
  }

  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    for (const [key, members] of this.#local) {
      const [ns, room] = key.split('\n') as [string, string];
      for (const member of [...members.values()]) await this.leave(ns, room, member).catch(() => {});
    }
    for (const { ns, raw } of this.#waiters.values()) await this.redis.lrem(this.#waitersKey(ns), 1, raw).catch(() => {});
    this.#waiters.clear();
    await this.redis.del(`${this.#prefix}server:${this.serverId}`).catch(() => {});
    this.subscriber.disconnect();
    await this.redis.quit().catch(() => {});
  }

  // ------------------------------------------------------------------------------ internals

  async #handAnswer(first: WaitingEntry, signal: string): Promise<boolean> {
    if (first.server === this.serverId) return this.#deliverAnswer(first.token, signal);
    const replyId = randomBytes(9).toString('base64url');
    const reply = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.#replies.delete(replyId);
        resolve(false);
      }, 3000);
      this.#replies.set(replyId, (delivered) => {
        clearTimeout(timer);
        resolve(delivered);
      });
    });
    await this.#publish(first.server, { kind: 'answer', token: first.token, signal, replyId, replyTo: this.serverId });
    return reply;
  }

  #deliverAnswer(token: string, signal: string): boolean {
    const waiting = this.#waiters.get(token);
    if (!waiting) return false;
    this.#waiters.delete(token);
    waiting.waiter.onAnswer(signal);
    return true;
  }

  #onBus(message: BusMessage): void {
    switch (message.kind) {
      case 'deliver':
        this.#local.get(roomKey(message.ns, message.room))?.get(message.to)?.deliver(message.frame);
        return;
      case 'presence':
        for (const member of this.#local.get(roomKey(message.ns, message.room))?.values() ?? []) {
          if (member.id !== message.except) member.deliver(message.frame);
        }
        return;
      case 'evict':
        this.#evict(message.ns, message.room, message.id);
        return;
      case 'answer':
        void this.#publish(message.replyTo, { kind: 'answered', replyId: message.replyId, delivered: this.#deliverAnswer(message.token, message.signal) });
        return;
      case 'answered':
        this.#replies.get(message.replyId)?.(message.delivered);
        this.#replies.delete(message.replyId);
        return;
      case 'saw-candidate': {
        const waiting = this.#waiters.get(message.token);
        if (waiting) waiting.sawCandidate = true;
        return;
      }
    }
  }

  #evict(ns: string, room: string, id: string): void {
    const members = this.#local.get(roomKey(ns, room));
    const member = members?.get(id);
    if (!member) return;
    members!.delete(id);
    if (members!.size === 0) this.#local.delete(roomKey(ns, room));
    member.deliver({ type: 'left', ns, room, id });
  }

  /** Tells every member but `except`, one message per process. */
  async #announce(ns: string, room: string, members: Map<string, string>, except: string, frame: ServerFrame): Promise<void> {
    const servers = new Set(members.values());
    for (const server of servers) {
      if (server === this.serverId) this.#onBus({ kind: 'presence', ns, room, except, frame });
      else await this.#publish(server, { kind: 'presence', ns, room, except, frame });
    }
  }

  /** Members (id → process) on live processes, without `except`; members of dead processes are swept. */
  async #liveMembers(ns: string, room: string, all: Record<string, string>, except: string): Promise<Map<string, string>> {
    const key = this.#roomKey(ns, room);
    const live = new Map<string, string>();
    const checked = new Map<string, boolean>();
    for (const [id, server] of Object.entries(all)) {
      if (id === except) continue;
      let alive = checked.get(server);
      if (alive === undefined) {
        alive = await this.#isAlive(server);
        checked.set(server, alive);
      }
      if (alive) live.set(id, server);
      else await this.redis.multi().hdel(key, id).hdel(this.#reportsKey(ns, room), id).hdel(this.#addressesKey(ns, room), id).exec();
    }
    return live;
  }

  async #isAlive(server: string): Promise<boolean> {
    return server === this.serverId || (await this.redis.exists(`${this.#prefix}server:${server}`)) === 1;
  }

  async #beat(): Promise<void> {
    await this.redis.set(`${this.#prefix}server:${this.serverId}`, '1', 'PX', this.#aliveMs);
  }

  async #publish(server: string, message: BusMessage): Promise<void> {
    await this.redis.publish(this.#channel(server), JSON.stringify(message));
  }

  #channel(server: string): string {
    return `${this.#prefix}bus:${server}`;
  }

  #roomKey(ns: string, room: string): string {
    return `${this.#prefix}room:${b64(ns)}:${b64(room)}`;
  }

  #reportsKey(ns: string, room: string): string {
    return `${this.#prefix}reports:${b64(ns)}:${b64(room)}`;
  }

  #addressesKey(ns: string, room: string): string {
    return `${this.#prefix}addresses:${b64(ns)}:${b64(room)}`;
  }

  /** A namespace's pair-request waiters. The key keeps its first name ("link:"), so processes of an earlier version share the queue during a rolling restart. */
  #waitersKey(ns: string): string {
    return `${this.#prefix}link:${b64(ns)}`;
  }

  #nonceKey(nonce: string): string {
    return `${this.#prefix}nonce:${nonce}`;
  }
}
