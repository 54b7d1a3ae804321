/**
 * One room of the signaling protocol as a Cloudflare Durable Object: the same frames as the Node
 * server (server/frames.ts: hello and its challenge, join proofs, peers/joined/left, signal and
 * data relay with their budgets, leave, ping, report/suggest), over one WebSocket per member.
 * The Worker (worker.ts) sends every socket for `/rooms/<ns>/<room>` to the object named by the
 * pair, so a room's members all meet here; a socket joins this room only.
 *
 * State lives in memory while the room has members (an empty room is forgotten, as on the Node
 * server); join proofs are single-use through a guard kept here, and name this deployment
 * (PUBLIC_URLS): a proof made for another server does not open here.
 */
import { JoinProofError, verifyJoinProof } from '../core/envelope/join-proof.js';
import { ReplayGuard } from '../core/envelope/replay-guard.js';
import { BinaryKind, encodeBinarySignal } from '../core/signaling/binary-frame.js';
import { suggestPeers, type LatencyReport } from '../core/signaling/suggest.js';
import { fromBase64Url } from '../core/util/bytes.js';
import { TokenBucket, TokenBuckets } from '../core/util/token-bucket.js';
import { ErrorCode, ProtocolError, type ErrorCodeValue } from '../server/errors.js';
import { dataBytes, parseBinaryFrame, parseClientFrame, refOfText, type ClientFrame, type ServerFrame } from '../server/frames.js';
import { DEFAULT_LIMITS, type ServerLimits } from '../server/limits.js';
import { ADDRESS_HEADER, CHALLENGE_HEADER } from './gateway.js';
import { closeOurEnd, publicServers } from './runtime.js';

/** The client's address: the gateway's word for its client, else Cloudflare's. */
export function clientAddress(request: Request): string {
  return request.headers.get(ADDRESS_HEADER) ?? request.headers.get('cf-connecting-ip') ?? '127.0.0.1';
}

export interface RoomObjectEnv {
  /** Comma-separated URLs clients reach this deployment by: the servers join proofs may name. */
  readonly PUBLIC_URLS?: string;
}

/** One member's socket (or one not joined yet). */
class Member {
  readonly frames: TokenBucket;
  readonly errors: TokenBucket;
  readonly data: TokenBucket;
  id: string | undefined;
  binary = false;
  reportedAt = 0;

  constructor(
    readonly socket: WebSocket,
    readonly ip: string,
    /** The challenge join proofs on this socket name: the gateway's, for sockets it opened for its client. */
    readonly challenge: string,
    limits: ServerLimits,
  ) {
    this.frames = new TokenBucket(limits.socketRate, limits.socketBurst);
    this.errors = new TokenBucket(limits.errorRate, limits.errorBurst);
    this.data = new TokenBucket(limits.dataRate, limits.dataBurst);
  }

  send(frame: ServerFrame): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    if ((frame.type === 'signal' || frame.type === 'data') && this.binary) {
      const kind = frame.type === 'signal' ? BinaryKind.SignalFrom : BinaryKind.DataFrom;
      try {
        this.socket.send(encodeBinarySignal({ kind, ns: frame.ns, room: frame.room, peer: frame.from, env: fromBase64Url(frame.type === 'signal' ? frame.env : frame.data) }));
        return;
      } catch {
        // Not base64url: the text form says it as it is.
      }
    }
    this.socket.send(JSON.stringify(frame));
  }
}

export class RoomObject {
  readonly #limits: ServerLimits = DEFAULT_LIMITS;
  readonly #servers: ReadonlySet<string>;
  readonly #sockets = new Set<Member>();
  /** Joined members by id. */
  readonly #members = new Map<string, Member>();
  readonly #reports = new Map<string, LatencyReport>();
  readonly #proofs = new ReplayGuard(this.#limits.maxProofNonces);
  readonly #ipData = new TokenBuckets(this.#limits.ipDataRate, this.#limits.ipDataBurst);
  #address: { ns: string; room: string } | undefined;

  constructor(_state: unknown, env: RoomObjectEnv) {
    this.#servers = publicServers(env.PUBLIC_URLS);
  }

  async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') return new Response('a WebSocket endpoint', { status: 426 });
    const url = new URL(request.url);
    const [, , ns, room] = url.pathname.split('/').map((part) => decodeURIComponent(part));
    this.#address ??= { ns: ns!, room: room! };
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    server.accept();
    const member = new Member(server, clientAddress(request), request.headers.get(CHALLENGE_HEADER) ?? crypto.randomUUID().replace(/-/g, ''), this.#limits);
    this.#sockets.add(member);
    server.addEventListener('message', (event: MessageEvent<string | ArrayBuffer>) => this.#onMessage(member, event.data));
    server.addEventListener('close', () => this.#onClose(member));
    server.addEventListener('error', () => this.#onClose(member));
    const { dataRate, dataBurst, maxDataBytes, socketRate, socketBurst } = this.#limits;
    member.send({ type: 'hello', challenge: member.challenge, data: { rate: dataRate, burst: dataBurst, max: maxDataBytes, frameRate: socketRate, frameBurst: socketBurst } });
    return new Response(null, { status: 101, webSocket: client });
  }

  #refuse(member: Member, code: ErrorCodeValue, message: string, ref?: string): void {
    member.send({ type: 'error', code, message, ...(ref ? { ref } : {}) });
    if (!member.errors.take()) member.socket.close(1008, 'too many invalid frames');
  }

  #onMessage(member: Member, data: string | ArrayBuffer): void {
    const size = typeof data === 'string' ? new TextEncoder().encode(data).length : data.byteLength;
    if (size > this.#limits.maxFrameBytes) return this.#refuse(member, ErrorCode.FrameTooLarge, `frame of ${size} bytes exceeds ${this.#limits.maxFrameBytes}`);
    if (!member.frames.take()) return this.#refuse(member, ErrorCode.RateLimited, 'rate limited: slow down');
    let frame: ClientFrame;
    try {
      frame = typeof data === 'string' ? parseClientFrame(data, this.#limits.maxSignalBytes, this.#limits.maxDataBytes) : parseBinaryFrame(new Uint8Array(data), this.#limits.maxSignalBytes, this.#limits.maxDataBytes);
    } catch (error) {
      const ref = typeof data === 'string' ? refOfText(data) : undefined;
      return this.#refuse(member, (error as ProtocolError).code ?? ErrorCode.BadFrame, (error as Error).message, ref);
    }
    this.#handle(member, frame).catch((error: unknown) => {
      if (error instanceof ProtocolError) this.#refuse(member, error.code, error.message, frame.ref);
      else this.#refuse(member, ErrorCode.Unavailable, 'the server could not handle this frame', frame.ref);
    });
  }

  async #handle(member: Member, frame: ClientFrame): Promise<void> {
    switch (frame.type) {
      case 'ping':
        return member.send({ type: 'pong' });
      case 'join':
        return this.#join(member, frame);
      case 'signal':
        this.#joinedAs(member, frame);
        return this.#relay(frame.to, { type: 'signal', ns: frame.ns, room: frame.room, from: member.id!, env: frame.env });
      case 'data': {
        this.#joinedAs(member, frame);
        const bytes = dataBytes(frame.data);
        const now = Date.now();
        if (!member.data.take(now, bytes)) throw new ProtocolError(ErrorCode.RateLimited, `data over ${this.#limits.dataRate} bytes/s from this connection`);
        if (!this.#ipData.take(member.ip, now, bytes)) throw new ProtocolError(ErrorCode.RateLimited, `data over ${this.#limits.ipDataRate} bytes/s from this address`);
        return this.#relay(frame.to, { type: 'data', ns: frame.ns, room: frame.room, from: member.id!, data: frame.data });
      }
      case 'leave':
        this.#joinedAs(member, frame);
        return this.#leave(member, false);
      case 'report': {
        this.#joinedAs(member, frame);
        const now = Date.now();
        if (now - member.reportedAt < this.#limits.reportIntervalMs) throw new ProtocolError(ErrorCode.RateLimited, `one report per room every ${this.#limits.reportIntervalMs} ms`);
        member.reportedAt = now;
        this.#reports.set(member.id!, frame.geo ? { rtts: frame.rtts, geo: frame.geo } : { rtts: frame.rtts });
        const peers = suggestPeers(member.id!, [...this.#members.keys()], this.#reports);
        return member.send({ type: 'suggest', ns: frame.ns, room: frame.room, peers, ...(frame.ref ? { ref: frame.ref } : {}) });
      }
      case 'CONNECT':
      case 'BOUNCE':
      case 'CANCEL':
        throw new ProtocolError(ErrorCode.BadFrame, 'pair requests go to the pairing endpoint, not a room');
    }
  }

  /** A frame for this room from a member of it; anything else is 403, as on the Node server. */
  #joinedAs(member: Member, frame: { ns: string; room: string }): void {
    if (!member.id || this.#members.get(member.id) !== member || frame.ns !== this.#address?.ns || frame.room !== this.#address.room) {
      throw new ProtocolError(ErrorCode.NotJoined, `not in room "${frame.room}"`);
    }
  }

  #relay(to: string, frame: Extract<ServerFrame, { type: 'signal' | 'data' }>): void {
    const target = this.#members.get(to);
    if (!target) throw new ProtocolError(ErrorCode.UnknownPeer, `peer ${to} is not in the room`);
    target.send(frame);
  }

  async #join(member: Member, frame: Extract<ClientFrame, { type: 'join' }>): Promise<void> {
    const address = this.#address!;
    if (frame.ns !== address.ns || frame.room !== address.room) throw new ProtocolError(ErrorCode.TooManyRooms, `this socket is for room "${address.room}" only`);
    try {
      await verifyJoinProof(frame.proof, { ns: frame.ns, room: frame.room, id: frame.id, challenge: member.challenge, servers: this.#servers }, this.#proofs);
    } catch (error) {
      throw new ProtocolError(ErrorCode.BadProof, error instanceof JoinProofError ? error.message : 'proof refused');
    }
    if (!this.#sockets.has(member)) return;
    if (member.id && this.#members.get(member.id) === member) this.#leave(member, false);
    const previous = this.#members.get(frame.id);
    if (!previous) {
      if (this.#members.size >= this.#limits.maxPeersPerRoom) throw new ProtocolError(ErrorCode.RoomFull, `room "${frame.room}" is full`);
      const fromAddress = [...this.#members.values()].filter((other) => other.ip === member.ip).length;
      if (fromAddress >= this.#limits.maxPeersPerRoomPerIp) throw new ProtocolError(ErrorCode.RoomFullFromAddress, `this address holds ${fromAddress} seats of room "${frame.room}"`);
    } else {
      // A newer connection of the same key takes the seat: the old one is told it left.
      this.#leave(previous, true);
    }
    const ids = [...this.#members.keys()];
    member.id = frame.id;
    if (frame.binary) member.binary = true;
    this.#members.set(frame.id, member);
    member.send({ type: 'peers', ns: address.ns, room: address.room, ids });
    for (const other of this.#members.values()) if (other !== member) other.send({ type: 'joined', ns: address.ns, room: address.room, id: frame.id });
  }

  /** Takes the member out and tells the others; `tellSelf`: it was replaced, and is told too. */
  #leave(member: Member, tellSelf: boolean): void {
    const id = member.id;
    if (!id || this.#members.get(id) !== member) return;
    this.#members.delete(id);
    this.#reports.delete(id);
    const address = this.#address!;
    const left: ServerFrame = { type: 'left', ns: address.ns, room: address.room, id };
    if (tellSelf) member.send(left);
    for (const other of this.#members.values()) other.send(left);
  }

  #onClose(member: Member): void {
    closeOurEnd(member.socket);
    if (this.#sockets.delete(member)) this.#leave(member, false);
  }
}
