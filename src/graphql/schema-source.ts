import { createHash } from 'node:crypto';
import type { GraphQLSchema } from 'graphql';
import type { Knex } from 'knex';
import { allDatasets, currentSchemaVersions, datasetCatalogStamp } from '../catalog';
import { buildSchema, type CatalogEntry } from './build-schema';

/** How long a catalog check is trusted before the next request looks again. */
const CHECK_INTERVAL_MS = 1_000;

export interface SchemaContext {
  apiSchema: GraphQLSchema;
  coreSupergraphSdl: string;
}

type Listener = (ctx: SchemaContext) => void;

/**
 * Keeps the generated schema in step with the catalog without a restart. At most once a
 * second a request triggers a cheap look at the catalog (one statement: every dataset's id,
 * GraphQL name, current schema version and last update); only when that fingerprint changes are the
 * schema versions loaded and the schema rebuilt. Lazy checks need no timer, so nothing runs
 * while nobody asks, and a write by another instance is seen as soon as by this one.
 */
export class SchemaSource {
  private schema: GraphQLSchema | undefined;
  private fingerprint: string | undefined;
  private checkedAt = -Infinity;
  private inflight: Promise<void> | undefined;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly knex: Knex,
    private readonly warn: (message: string) => void = (m) => console.warn(`[graphql] ${m}`),
  ) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells listeners (Apollo) about the current schema, building one first if need be. */
  async publishCurrent(): Promise<void> {
    await this.refresh();
    this.schema ??= buildSchema([], this.warn);
    this.emit();
  }

  /** The schema Apollo was last given (after `refresh`, the one it runs the next request on). */
  get current(): GraphQLSchema | undefined {
    return this.schema;
  }

  /**
   * A dataset changed (the change feed): the next request looks at the catalog at once
   * instead of trusting the last look for up to CHECK_INTERVAL_MS.
   */
  invalidate(): void {
    this.checkedAt = -Infinity;
  }

  /** Cheap when fresh; otherwise one catalog look, and a rebuild only if the catalog changed. */
  refresh(): Promise<void> {
    if (Date.now() - this.checkedAt < CHECK_INTERVAL_MS) return Promise.resolve();
    this.inflight ??= this.check().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async check(): Promise<void> {
    try {
      const fingerprint = createHash('sha256')
        .update(await datasetCatalogStamp(this.knex))
        .digest('base64url');
      this.checkedAt = Date.now();
      if (fingerprint === this.fingerprint && this.schema) return;
      const datasets = await allDatasets(this.knex);
      const versions = await currentSchemaVersions(
        this.knex,
        datasets.map((d) => d.id),
      );
      const entries: CatalogEntry[] = datasets.flatMap((dataset) => {
        const version = versions.get(dataset.id);
        return version ? [{ dataset, version }] : [];
      });
      this.schema = buildSchema(entries, this.warn);
      this.fingerprint = fingerprint;
      this.emit();
    } catch (err) {
      // Never read yet: a schema without the datasets would answer every data query with
      // "Cannot query field" (400), so the caller answers 503 and the next request retries.
      if (this.fingerprint === undefined) throw err;
      // Keep serving the schema we have; the next check after the interval tries again.
      this.checkedAt = Date.now();
      this.warn(`catalog check failed: ${(err as Error).message}`);
    }
  }

  private emit(): void {
    if (!this.schema) return;
    for (const l of this.listeners) l({ apiSchema: this.schema, coreSupergraphSdl: '' });
  }
}
