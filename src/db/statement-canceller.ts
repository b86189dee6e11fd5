import pg from 'pg';

/**
 * Cancel connections open at once per pool, and cancels waiting for one. Hang-ups come from
 * clients, who can send any number of them; each would otherwise open a connection to the
 * server. Past the queue a read is simply not cancelled and runs on to its end or to
 * statement_timeout, as it did before reads were cancelled at all.
 */
export const MAX_CANCEL_CONNECTIONS = 2;
export const MAX_QUEUED_CANCELS = 100;

/** What cancel sessions call themselves in pg_stat_activity. */
export const CANCEL_APPLICATION_NAME = 'opendata-cancel';

interface Cancel {
  pid: number;
  text: string;
}

/**
 * Cancels statements on `pool`'s server over connections of its own, never more than
 * MAX_CANCEL_CONNECTIONS at once: the pool may be full of the very reads being abandoned.
 * A burst of hang-ups is worked through on those connections in turn.
 *
 * The pid comes from the connection's key data, which a pooler such as PgBouncer invents,
 * so the backend must be found running this very text (pg_stat_activity may hold only its
 * first track_activity_query_size bytes); otherwise nothing is cancelled. A failure only
 * means the statement runs on, so it is not reported.
 */
export class StatementCanceller {
  readonly #queue: Cancel[] = [];
  #connections = 0;

  constructor(private readonly pool: pg.Pool) {}

  /** Whether a cancel of `text` on backend `pid` was queued (false: the queue is full). */
  cancel(pid: number, text: string): boolean {
    if (this.#queue.length >= MAX_QUEUED_CANCELS) return false;
    this.#queue.push({ pid, text });
    if (this.#connections < MAX_CANCEL_CONNECTIONS) {
      this.#connections++;
      void this.#work().finally(() => this.#connections--);
    }
    return true;
  }

  async #work(): Promise<void> {
    const client = new pg.Client({ ...this.pool.options, application_name: CANCEL_APPLICATION_NAME });
    client.on('error', () => undefined);
    try {
      await client.connect();
      for (let next = this.#queue.shift(); next; next = this.#queue.shift()) {
        await client.query(
          `SELECT pg_cancel_backend(pid) FROM pg_stat_activity
            WHERE pid = $1 AND state = 'active' AND query <> '' AND starts_with($2, query)`,
          [next.pid, next.text],
        );
      }
    } catch {
      // This connection failed: what it had not sent yet runs on.
      this.#queue.length = 0;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
