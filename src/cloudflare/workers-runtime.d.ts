/**
 * The few parts of the Workers runtime (workerd) this backend uses that the DOM types lack. The
 * full @cloudflare/workers-types would replace the DOM's globals for the whole project, whose
 * browser code needs those.
 */
export {};

declare global {
  /** Two connected WebSockets: the first goes back to the client in the 101 response, the second stays here. */
  class WebSocketPair {
    0: WebSocket;
    1: WebSocket;
  }
  interface WebSocket {
    /** Starts delivering this end's events (the Workers runtime holds them until then). */
    accept(): void;
  }
  interface ResponseInit {
    webSocket?: WebSocket | null;
  }
  interface DurableObjectId {
    toString(): string;
  }
  interface DurableObjectStub {
    fetch(request: Request): Promise<Response>;
  }
  interface DurableObjectNamespace {
    idFromName(name: string): DurableObjectId;
    get(id: DurableObjectId): DurableObjectStub;
  }
}
