import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PoolStats } from '../db/pool-stats';

/**
 * Distinct values a client-chosen label (a route template, a GraphQL operation name) may
 * take per process; later ones are counted as `other`, so no client can grow the series
 * without bound.
 */
const MAX_LABEL_VALUES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

class BoundedLabel {
  private readonly seen = new Set<string>();
  of(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= MAX_LABEL_VALUES) return 'other';
    this.seen.add(value);
    return value;
  }
}

/**
 * The process's Prometheus metrics, in a registry of its own (so tests can run several
 * apps in one process). Names follow Prometheus conventions: `_total` counters, base units
 * (seconds, bytes). Default Node metrics (memory, CPU, event-loop lag, GC) come along.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly routes = new BoundedLabel();
  private readonly operations = new BoundedLabel();

  private readonly requests = new Histogram({
    name: 'opendata_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status: latency, and through _count the rate',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120],
    registers: [this.registry],
  });
  private readonly uploadRows = new Counter({
    name: 'opendata_upload_rows_total',
    help: 'Rows stored by published uploads (rate() gives rows per second)',
    registers: [this.registry],
  });
  private readonly uploadsRejected = new Counter({
    name: 'opendata_uploads_rejected_total',
    help: 'Uploads (and dry runs) refused, by error code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  private readonly exportBytes = new Counter({
    name: 'opendata_export_bytes_total',
    help: 'Bytes of exports and release downloads sent, before compression, by format',
    labelNames: ['format'] as const,
    registers: [this.registry],
  });
  private readonly graphqlOperations = new Counter({
    name: 'opendata_graphql_operations_total',
    help: 'GraphQL operations resolved, by operation name and type',
    labelNames: ['operation', 'type'] as const,
    registers: [this.registry],
  });
  private readonly cacheLookups = new Counter({
    name: 'opendata_cache_lookups_total',
    help: 'Cache lookups by cache and result (hit or miss)',
    labelNames: ['cache', 'result'] as const,
    registers: [this.registry],
  });

  constructor(pools: () => readonly PoolStats[] = () => []) {
    new Gauge({
      name: 'opendata_db_pool_connections',
      help: 'Database pool connections in use and idle, and callers waiting for one, per pool',
      labelNames: ['pool', 'state'] as const,
      registers: [this.registry],
      collect() {
        for (const p of pools()) {
          this.set({ pool: p.pool, state: 'in_use' }, p.inUse);
          this.set({ pool: p.pool, state: 'idle' }, p.idle);
          this.set({ pool: p.pool, state: 'waiting' }, p.waiting);
        }
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  request(method: string, route: string, status: number | 'aborted', seconds: number): void {
    this.requests.observe({ method, route: this.routes.of(route), status: String(status) }, seconds);
  }

  uploadPublished(rows: number): void {
    this.uploadRows.inc(rows);
  }

  uploadRejected(code: string): void {
    this.uploadsRejected.inc({ code });
  }

  exported(format: string, bytes: number): void {
    this.exportBytes.inc({ format }, bytes);
  }

  graphqlOperation(name: string | null | undefined, type: string): void {
    const operation = !name ? 'anonymous' : OPERATION_NAME.test(name) ? this.operations.of(name) : 'other';
    this.graphqlOperations.inc({ operation, type });
  }

  cacheLookup(cache: string, hit: boolean): void {
    this.cacheLookups.inc({ cache, result: hit ? 'hit' : 'miss' });
  }

  /** The text exposition format, and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
