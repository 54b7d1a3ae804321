/** Counters and gauges, rendered in the Prometheus text format for GET /metrics. */
export class Metrics {
  sockets = 0;
  joins = 0;
  relayed = 0;
  pairings = 0;
  httpRequests = 0;
  readonly rejected = new Map<number, number>();

  /** @deprecated Use `pairings`; this name goes in the next release. */
  get linkPairs(): number {
    return this.pairings;
  }

  reject(code: number): void {
    this.rejected.set(code, (this.rejected.get(code) ?? 0) + 1);
  }

  render(gauges: { rooms: number; pendingPairs: number }): string {
    const lines: string[] = [];
    const metric = (name: string, type: 'gauge' | 'counter', help: string, samples: [labels: string, value: number][]) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples.map(([labels, value]) => `${name}${labels} ${value}`));
    };
    metric('peerkit_sockets', 'gauge', 'Open WebSocket connections.', [['', this.sockets]]);
    metric('peerkit_rooms', 'gauge', 'Rooms with members on this process.', [['', gauges.rooms]]);
    // The metric names keep the pair protocol's first name ("link"): dashboards and alerts scrape them.
    metric('peerkit_link_pending', 'gauge', 'Pair requests held waiting for a partner.', [['', gauges.pendingPairs]]);
    metric('peerkit_joins_total', 'counter', 'Accepted room joins.', [['', this.joins]]);
    metric('peerkit_relayed_total', 'counter', 'Signals relayed to a peer.', [['', this.relayed]]);
    metric('peerkit_link_pairs_total', 'counter', 'Completed pairings (answer delivered).', [['', this.pairings]]);
    metric('peerkit_http_requests_total', 'counter', 'HTTP requests served.', [['', this.httpRequests]]);
    metric(
      'peerkit_rejected_total',
      'counter',
      'Frames and requests refused, by error code.',
      [...this.rejected].sort(([a], [b]) => a - b).map(([code, count]) => [`{code="${code}"}`, count]),
    );
    return `${lines.join('\n')}\n`;
  }
}
