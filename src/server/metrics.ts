/** Counters and gauges, rendered in the Prometheus text format for GET /metrics. */
export class Metrics {
  sockets = 0;
  joins = 0;
  relayed = 0;
  linkPairs = 0;
  httpRequests = 0;
  readonly rejected = new Map<number, number>();

  reject(code: number): void {
    this.rejected.set(code, (this.rejected.get(code) ?? 0) + 1);
  }

  render(gauges: { rooms: number; pendingLinks: number }): string {
    const lines = [
      '# HELP peerkit_sockets Open WebSocket connections.',
      '# TYPE peerkit_sockets gauge',
      `peerkit_sockets ${this.sockets}`,
      '# HELP peerkit_rooms Rooms with members on this process.',
      '# TYPE peerkit_rooms gauge',
      `peerkit_rooms ${gauges.rooms}`,
      '# HELP peerkit_link_pending Link requests held waiting for a partner.',
      '# TYPE peerkit_link_pending gauge',
      `peerkit_link_pending ${gauges.pendingLinks}`,
      '# HELP peerkit_joins_total Accepted room joins.',
      '# TYPE peerkit_joins_total counter',
      `peerkit_joins_total ${this.joins}`,
      '# HELP peerkit_relayed_total Signals relayed to a peer.',
      '# TYPE peerkit_relayed_total counter',
      `peerkit_relayed_total ${this.relayed}`,
      '# HELP peerkit_link_pairs_total Completed link pairings (answer delivered).',
      '# TYPE peerkit_link_pairs_total counter',
      `peerkit_link_pairs_total ${this.linkPairs}`,
      '# HELP peerkit_http_requests_total HTTP requests served.',
      '# TYPE peerkit_http_requests_total counter',
      `peerkit_http_requests_total ${this.httpRequests}`,
      '# HELP peerkit_rejected_total Frames and requests refused, by error code.',
      '# TYPE peerkit_rejected_total counter',
      ...[...this.rejected].sort(([a], [b]) => a - b).map(([code, count]) => `peerkit_rejected_total{code="${code}"} ${count}`),
    ];
    return `${lines.join('\n')}\n`;
  }
}
