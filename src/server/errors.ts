/**
 * Error codes of the signaling protocol. Over WebSocket they travel as `{"type":"error","code"}`,
 * over HTTP as the status code. 297–299 and 499 are the pair protocol's own (DESIGN.md).
 */
export const ErrorCode = {
  /** Not JSON, not an object, or an unknown `type`. */
  BadFrame: 400,
  /** The join proof does not verify, or is not for this connection's challenge. */
  BadProof: 401,
  /** A frame for a room this connection has not joined. */
  NotJoined: 403,
  /** `to` is not in the room (any more). */
  UnknownPeer: 404,
  /** This connection joined as many rooms as it may. */
  TooManyRooms: 406,
  /** The room holds as many peers as it may. */
  RoomFull: 409,
  /** The room holds as many peers from this client's address as one address may (`maxPeersPerRoomPerIp`). */
  RoomFullFromAddress: 419,
  /** Too many pair requests are waiting on this server. */
  TooManyPending: 429,
  /** Too many pair requests from this client's address are waiting (`maxPendingPairsPerIp`). */
  TooManyPendingFromAddress: 439,
  /** The frame is larger than the limit. */
  FrameTooLarge: 413,
  /** Pair protocol: rate limited. */
  RateLimited: 297,
  /** Pair protocol: nobody else is waiting in this namespace. */
  NoPeerInNamespace: 298,
  /** Pair protocol: peers are around but none can be paired now (e.g. all paired with you recently). */
  NoPeer: 299,
  /** A required parameter is missing or invalid. */
  BadParameter: 499,
  /** The server is shutting down or could not reach its shared state. */
  Unavailable: 503,
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly code: ErrorCodeValue,
    message: string,
  ) {
    super(message);
  }
}
