/** peerkit/server: embed the signaling server, or run it with `peerkit serve`. */
export { createServer, DEFAULT_LIMITS } from './server.js';
export type { PeerkitServer, ServerOptions, ServerLimits, DeprecatedServerLimits } from './server.js';
export { MemoryHub } from './memory-hub.js';
export type { Hub } from './hub.js';
export { ErrorCode, ProtocolError } from './errors.js';
export type { ClientFrame, ServerFrame } from './frames.js';
export { createLogger } from './logger.js';
export type { Logger, LogLevel } from './logger.js';
export { iceServersFor } from './ice.js';
export type { IceServer, TurnOptions } from './ice.js';
