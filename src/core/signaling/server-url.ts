/**
 * The one place a `server` URL is read. Users write it as the page they open (`https://host`), as
 * the socket they saw in devtools (`wss://host/ws`), with or without a trailing slash; every
 * endpoint (the socket, `/ice`, `/link`) is derived from the same base, so a server mounted under
 * a path prefix behind a proxy (`https://host/peerkit`) keeps that prefix for all of them.
 */
import { SignalingError } from './transport.js';

/** The server's endpoints, named by their paths: `link` is the pair protocol's, which keeps its first name on the wire. */
export type ServerEndpoint = 'ws' | 'ice' | 'link';

/** `url`'s server as an http(s) base without a trailing slash or `/ws`; SignalingError 499 if it is no server URL. */
export function serverBase(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new SignalingError(499, `server URL ${JSON.stringify(url)} is not a URL`);
  }
  const scheme = { 'http:': 'http:', 'ws:': 'http:', 'https:': 'https:', 'wss:': 'https:' }[parsed.protocol];
  if (!scheme) throw new SignalingError(499, `server URL ${JSON.stringify(url)} must start with http://, https://, ws:// or wss://`);
  // The WHATWG parser keeps the "special" scheme class, so a ws: URL becomes http: by rebuilding it.
  const base = new URL(`${scheme}//${parsed.host}${parsed.pathname}`);
  base.pathname = base.pathname.replace(/\/+$/, '').replace(/\/ws$/, '');
  return base;
}

/** The URL of one of the server's endpoints: the WebSocket (`ws:`/`wss:`), `/ice` or `/link`. */
export function serverEndpoint(url: string, endpoint: ServerEndpoint): string {
  const base = serverBase(url);
  const path = `${base.pathname.replace(/\/$/, '')}/${endpoint}`;
  const scheme = endpoint === 'ws' ? base.protocol.replace('http', 'ws') : base.protocol;
  return `${scheme}//${base.host}${path}`;
}
