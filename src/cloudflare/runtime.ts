/** What the Worker and both Durable Objects share about their environment and their sockets. */
import { serverName } from '../core/envelope/join-proof.js';

/** The names join and pair proofs may give this deployment: its PUBLIC_URLS (comma-separated). */
export function publicServers(publicUrls: string | undefined): ReadonlySet<string> {
  return new Set((publicUrls ?? '').split(',').map((url) => url.trim()).filter(Boolean).map(serverName));
}

/**
 * Closes this end of a socket whose client closed or failed. workerd does not answer a client's
 * close frame by itself: until this end closes too, the client waits out its close handshake (30 s
 * in ws, measured in the conformance suite).
 */
export function closeOurEnd(socket: WebSocket): void {
  try {
    socket.close(1000, 'bye');
  } catch {
    // Already closed.
  }
}
