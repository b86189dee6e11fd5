import type { DatasetChanges } from '../cache';
import type { Config } from '../config';
import type { Database } from '../db';
import type { Logger, Metrics } from '../observability';
import type { EventLoopWatchdog } from '../runtime/event-loop-watchdog';

/** What the transport needs, passed in rather than imported, so tests can build an app per database. */
export interface HttpDeps {
  readonly db: Database;
  readonly config: Config;
  readonly now: () => Date;
  /** Absent when the watchdog is off (WATCHDOG_BLOCKED_MS=0) and in apps built by tests. */
  readonly watchdog?: EventLoopWatchdog;
  /** True once SIGTERM has started the drain (see src/lifecycle.ts); absent: never. */
  readonly draining?: () => boolean;
  /** Where JSON log lines go; absent: a logger on stdout at LOG_LEVEL. */
  readonly logger?: Logger;
  /** The process's metrics; absent: the app makes its own registry. */
  readonly metrics?: Metrics;
  /** Where this process hears that a dataset changed (LISTEN/NOTIFY on PostgreSQL). */
  readonly changes?: DatasetChanges;
}
