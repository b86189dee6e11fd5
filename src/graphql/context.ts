import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import type { Database } from '../db';
import {
  allPages,
  currentSchemas,
  firstPublications,
  datasetNotFound,
  interpretationsOf,
  datasetSnapshots,
  searchDatasets,
  type DatasetSnapshot,
  type DatasetSummary,
  type Interpretation,
  type SchemaVersion,
} from '../catalog';
import { provinceTimeliness, type FirstPublication, type ProvinceTimeliness } from '../calendar';
import {
  authenticate,
  ANONYMOUS,
  refuseMalformedCredentials,
  type Principal,
  type RequestOrigin,
} from '../catalog';
import type { Config } from '../config';

/** Per request: one clock reading (so every field sees the same embargo state) and batch loaders. */
export interface GraphQLContext {
  knex: Knex;
  /** The same database, for the direct read path of row queries. */
  db: Database;
  now: Date;
  loaders: Loaders;
  /** Non-fatal notes for `extensions.warnings`, e.g. a truncated aggregate. */
  warnings: string[];
  /**
   * Who asks, from the request's bearer token; resolved on first use, so the public fields
   * (nearly every query) never read the tokens table.
   */
  principal: () => Promise<Principal>;
  /** Server settings some fields read (e.g. the thresholds of proactive-disclosure candidates). */
  config?: Config;
}

/** The caller's credentials as the request carried them, and where it came from (a refusal is audited). */
export interface GraphQLAuth {
  authorization?: string;
  origin?: RequestOrigin;
  config?: Config;
}

function principalFrom(knex: Knex, auth: GraphQLAuth): () => Promise<Principal> {
  let p: Promise<Principal> | undefined;
  return () =>
    (p ??= (async () => {
      const header = auth.authorization;
      if (header === undefined) return ANONYMOUS;
      const origin = auth.origin ?? { ip: null, userAgent: null, requestId: null, target: 'POST /graphql' };
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!m) return refuseMalformedCredentials(knex, origin);
      return authenticate(knex, m[1], auth.config?.adminToken, origin);
    })());
}

export interface Loaders {
  /** Current schema version per dataset, one query for a whole page of datasets. */
  currentSchema: DataLoader<string, SchemaVersion | null>;
  /** Versions and releases (embargoed included; callers filter) from the shared snapshot cache. */
  snapshot: DataLoader<string, DatasetSnapshot>;
  /** The whole catalog, loaded at most once per request (agency → datasets). */
  allDatasets: () => Promise<DatasetSummary[]>;
  /** First publication per period (times only), one query for a whole page of datasets. */
  publications: DataLoader<string, Map<string, FirstPublication>>;
  /** Every dataset's timeliness and the agency ranking for a year, computed once per request. */
  province: (year: number) => Promise<ProvinceTimeliness>;
  /** Interpretations (解读) by release id, one query for a page of releases. */
  interpretations: DataLoader<number, Interpretation | null>;
}

export function listAllDatasets(knex: Knex, now: Date): Promise<DatasetSummary[]> {
  return allPages((offset, limit) => searchDatasets(knex, { limit, offset }, now));
}

export function createContext(db: Database, now: Date, auth: GraphQLAuth = {}): GraphQLContext {
  const { knex } = db;
  let all: Promise<DatasetSummary[]> | undefined;
  const provinces = new Map<number, Promise<ProvinceTimeliness>>();
  let currentSchema: Loaders['currentSchema'] | undefined;
  let snapshot: Loaders['snapshot'] | undefined;
  let publications: Loaders['publications'] | undefined;
  let interpretations: Loaders['interpretations'] | undefined;
  return {
    knex,
    db,
    now,
    warnings: [],
    principal: principalFrom(knex, auth),
    config: auth.config,
    // Made on first use: most requests (a dataset's rows) never touch the catalog loaders.
    loaders: {
      get currentSchema() {
        return (currentSchema ??= new DataLoader(async (ids) => {
          const found = await currentSchemas(knex, ids);
          return ids.map((id) => found.get(id) ?? null);
        }));
      },
      // One batched load for every dataset a request touches; the snapshot cache reuses
      // fresh snapshots across requests.
      get snapshot() {
        return (snapshot ??= new DataLoader<string, DatasetSnapshot>(async (ids) => {
          const found = await datasetSnapshots(knex, ids);
          return ids.map((id) => found.get(id) ?? datasetNotFound(id));
        }));
      },
      allDatasets: () => (all ??= listAllDatasets(knex, now)),
      get publications() {
        return (publications ??= new DataLoader(async (ids) => {
          const found = await firstPublications(knex, ids);
          return ids.map((id) => found.get(id) ?? new Map());
        }));
      },
      get interpretations() {
        return (interpretations ??= new DataLoader(async (ids) => {
          const found = await interpretationsOf(knex, ids);
          return ids.map((id) => found.get(id) ?? null);
        }));
      },
      province: (year) => {
        let p = provinces.get(year);
        if (!p) provinces.set(year, (p = provinceTimeliness(knex, { now, year })));
        return p;
      },
    },
  };
}
