import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the session side reports on each scrape (SessionHub.stats()). */
export interface SessionGaugeSource {
  stats(): { sessions: number; sockets: number; fanOuts: number; fanOutMs: number; posesCoalesced: number; posesBackpressureDropped: number };
}

export interface Metrics {
  readonly registry: Registry;
  /** One finished HTTP request; `route` is the matched pattern (bounded), never the raw path. */
  httpRequest(method: string, route: string, status: number, seconds: number): void;
  bookingMade(): void;
  bookingFailed(code: string): void;
  tileBytes(bytes: number): void;
  /** Scraped sessions and sockets come from here (the service exists after the app's metrics). */
  watchSessions(source: SessionGaugeSource): void;
  /** Uploads waiting for or in the tiler. */
  watchIngestQueue(depth: () => number): void;
  /** The Prometheus text exposition. */
  render(): Promise<string>;
}

/**
 * The operator's figures for Prometheus, on a registry of their own (several apps in one test
 * process must not share one). `processMetrics` adds Node's own (heap, event loop, GC): once
 * per process, in server/index.ts.
 */
export function createMetrics(opts: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'vantage_' });
  const http = new Counter({ name: 'vantage_http_requests_total', help: 'HTTP requests by method, route pattern and status.', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const httpSeconds = new Histogram({
    name: 'vantage_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern.',
    labelNames: ['route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  const bookings = new Counter({ name: 'vantage_bookings_total', help: 'Bookings made (idempotent replays not counted twice).', registers: [registry] });
  const bookingFailures = new Counter({ name: 'vantage_booking_failures_total', help: 'Booking attempts refused or failed, by error code.', labelNames: ['code'], registers: [registry] });
  const tiles = new Counter({ name: 'vantage_tile_bytes_served_total', help: 'Bytes of tile, floor-plan and dollhouse files served from /tiles.', registers: [registry] });
  let sessions: SessionGaugeSource | undefined;
  let ingest: (() => number) | undefined;
  const stat = <K extends keyof ReturnType<SessionGaugeSource['stats']>>(k: K) => (sessions ? sessions.stats()[k] : 0);
  new Gauge({ name: 'vantage_live_sessions', help: 'Guided sessions loaded on this instance.', registers: [registry], collect() { this.set(stat('sessions')); } });
  new Gauge({ name: 'vantage_session_sockets', help: 'Session members connected to this instance.', registers: [registry], collect() { this.set(stat('sockets')); } });
  new Gauge({
    name: 'vantage_pose_fanout_ms',
    help: 'Mean time of one lead-pose fan-out (first to last socket write) over the loaded sessions, in ms.',
    registers: [registry],
    collect() {
      const fanOuts = stat('fanOuts');
      this.set(fanOuts ? stat('fanOutMs') / fanOuts : 0);
    },
  });
  new Gauge({ name: 'vantage_poses_coalesced', help: 'Lead poses superseded before they were sent (the server fell behind), over the loaded sessions.', registers: [registry], collect() { this.set(stat('posesCoalesced')); } });
  new Gauge({ name: 'vantage_poses_backpressure_dropped', help: 'Poses not sent to slow sockets, over the loaded sessions.', registers: [registry], collect() { this.set(stat('posesBackpressureDropped')); } });
  new Gauge({ name: 'vantage_ingest_queue_depth', help: 'Uploads being tiled or waiting for the tiler.', registers: [registry], collect() { this.set(ingest ? ingest() : 0); } });

  return {
    registry,
    httpRequest(method, route, status, seconds) {
      http.inc({ method, route, status: String(status) });
      httpSeconds.observe({ route }, seconds);
    },
    bookingMade: () => bookings.inc(),
    bookingFailed: (code) => bookingFailures.inc({ code }),
    tileBytes: (bytes) => tiles.inc(bytes),
    watchSessions: (source) => void (sessions = source),
    watchIngestQueue: (depth) => void (ingest = depth),
    render: () => registry.metrics(),
  };
}
