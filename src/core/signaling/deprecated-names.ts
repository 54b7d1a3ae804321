/**
 * The pair protocol's public names before "link" came to mean one WebRTC connection only. Exported
 * from peerkit/core for one more release, then deleted with this file. The method is renamed too:
 * `transport.link(request)` is now `transport.pair(request)`.
 */
import { HttpPairTransport, PairErrorCode, type HttpPairTransportOptions, type PairReply, type PairRequest, type PairTransport } from './pair-protocol.js';

/** @deprecated Renamed `HttpPairTransport`; this name goes in the next release. */
export const HttpLinkTransport = HttpPairTransport;
/** @deprecated Renamed `HttpPairTransport`; this name goes in the next release. */
export type HttpLinkTransport = HttpPairTransport;
/** @deprecated Renamed `PairErrorCode`; this name goes in the next release. */
export const LinkErrorCode = PairErrorCode;
/** @deprecated Renamed `PairTransport` (its method is `pair()`); this name goes in the next release. */
export type LinkTransport = PairTransport;
/** @deprecated Renamed `PairRequest`; this name goes in the next release. */
export type LinkRequest = PairRequest;
/** @deprecated Renamed `PairReply`; this name goes in the next release. */
export type LinkReply = PairReply;
/** @deprecated Renamed `HttpPairTransportOptions`; this name goes in the next release. */
export type HttpLinkTransportOptions = HttpPairTransportOptions;
