import type { Knex } from 'knex';
import pg from 'pg';

/** The channel every API process listens on; the payload is a dataset id. */
export const DATASET_CHANGED_CHANNEL = 'opendata_dataset_changed';

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 10_000;

function isPglite(knex: Knex): boolean {
  return typeof (knex.client as { config: { client: unknown } }).config.client !== 'string';
}

/**
 * Tells every API process that a dataset's published state changed. Called inside the
 * writing transaction, so PostgreSQL delivers it on commit and never for a rollback. On
 * PGlite there is only this process, whose writers invalidate their caches directly.
 */
export async function notifyDatasetChanged(knex: Knex, datasetId: string): Promise<void> {
  if (isPglite(knex)) return;
  await knex.raw('SELECT pg_notify(?, ?)', [DATASET_CHANGED_CHANNEL, datasetId]);
}

export interface ChangeFeedHandlers {
  /** A dataset changed (this process's writes included: PostgreSQL delivers them here too). */
  changed(datasetId: string): void;
  /** The feed was down and notifications may have been missed: forget everything. */
  resync(): void;
  warn(message: string): void;
}

/**
 * LISTEN on a dedicated connection (a pooled one would be handed to other work). A lost
 * connection is re-opened with growing pauses; once listening again it calls resync(),
 * because NOTIFYs sent while nobody listened are gone.
 */
export class DatasetChangeFeed {
  private client: pg.Client | undefined;
  private stopped = false;
  private retryMs = RECONNECT_MIN_MS;
  private timer: NodeJS.Timeout | undefined;
  /** Set once a connection failed or was lost: the next LISTEN may have missed changes. */
  private missed = false;

  constructor(
    private readonly connectionString: string,
    private readonly handlers: ChangeFeedHandlers,
  ) {}

  /** Resolves once listening, or after the first failure (then it keeps retrying in the background). */
  async start(): Promise<void> {
    await this.connect();
  }

  get listening(): boolean {
    return this.client !== undefined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: 'shanxi-open-data-listen',
    });
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      this.missed = true;
      if (this.client === client) this.client = undefined;
      client.end().catch(() => undefined);
      if (this.stopped) return;
      this.handlers.warn(
        `change feed lost (${err?.message ?? 'connection ended'}); retrying in ${this.retryMs} ms`,
      );
      this.schedule();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (n) => {
      if (n.channel === DATASET_CHANGED_CHANNEL && n.payload) this.handlers.changed(n.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${DATASET_CHANGED_CHANNEL}`);
    } catch (err) {
      onLost(err as Error);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = RECONNECT_MIN_MS;
    if (this.missed) this.handlers.resync();
    this.missed = false;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.connect(), this.retryMs);
    this.timer.unref();
    this.retryMs = Math.min(RECONNECT_MAX_MS, this.retryMs * 2);
  }
}
