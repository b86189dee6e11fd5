import type pg from 'pg';
import { currentReleases, currentSchema, datasetSnapshot, isPublicAt } from '../../src/catalog';
import { quoteIdent, type Database } from '../../src/db';
import { datasetFieldName } from '../../src/graphql/names';
import { servableFields } from '../../src/query';
import { isTextualType } from '../../src/schemas';
import { storageFrom } from '../../src/storage';
import type { Domains, MixDataset, ReleaseBound } from './mix-shapes';

/**
 * What the mix's shapes draw from, read from a published dataset: its GraphQL name, table
 * and fields from the catalog, the values of its dimensions, its periods, its measure's
 * 90th percentile and its release eras from storage. Shared by the mix benchmark and the
 * read-plans test, so both ask the same questions.
 */

/** The roles a dataset's fields play in the mix's shapes. */
export type MixRole = Pick<MixDataset, 'id' | 'dims' | 'measure' | 'subset' | 'yearSpan'>;

/** The dataset as the shapes need it, apart from PostGraphile's name for it. */
export type DescribedDataset = Omit<MixDataset, 'peerField'>;

export async function describe(db: Database, role: MixRole): Promise<DescribedDataset> {
  const { dataset, version: v } = await currentSchema(db.knex, role.id);
  const servable = [...servableFields(v.schema).values()];
  return {
    ...role,
    gqlName: datasetFieldName(dataset),
    table: v.storageTable,
    period: v.schema.fields.find((f) => f.type === 'period')!.name,
    fields: servable.map((f) => f.name),
    textFields: servable.filter((f) => isTextualType(f.type)).map((f) => f.name),
  };
}

/**
 * The releases our server reads at `at`, by the catalog's own visibility rule, as the bare
 * handler's SQL restricts them: all stored releases, the first n ids, or a list.
 */
async function boundAt(db: Database, ds: { id: string }, at: Date): Promise<ReleaseBound> {
  const { releases } = await datasetSnapshot(db.knex, ds.id);
  const all = releases.map((r) => r.id).sort((a, b) => a - b);
  const visible = currentReleases(releases, at)
    .map((r) => r.id)
    .sort((a, b) => a - b);
  if (visible.length === all.length) return { all: true };
  const prefix = visible.every((id, i) => id === all[i]);
  return prefix ? { upTo: visible[visible.length - 1]! } : { ids: visible };
}

export async function domains(db: Database, pool: pg.Pool, ds: DescribedDataset): Promise<Domains> {
  // The dataset's own names, checked and quoted as the read path does.
  const t = storageFrom(ds.table);
  const values: Domains['values'] = {};
  for (const d of new Set(ds.dims)) {
    const { rows } = await pool.query<{ v: string; n: string }>(
      `SELECT ${quoteIdent(d)} AS v, count(*) AS n FROM ${t} WHERE ${quoteIdent(d)} IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );
    values[d] = rows.map((r) => ({ value: r.v, rows: Number(r.n) }));
  }
  const periods = (
    await pool.query<{ p: string }>(`SELECT DISTINCT ${quoteIdent(ds.period)} AS p FROM ${t} ORDER BY 1`)
  ).rows.map((r) => r.p);
  const p90 = (
    await pool.query<{ p: string }>(
      `SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY ${quoteIdent(ds.measure)}) AS p FROM ${t}`,
    )
  ).rows[0]!.p;
  const now = new Date();
  const publish = (await datasetSnapshot(db.knex, ds.id)).releases
    .filter((r) => isPublicAt(r, now))
    .map((r) => r.publishAt)
    .sort((a, b) => a.getTime() - b.getTime());
  const eras: Domains['eras'] = [];
  for (const share of [0.2, 0.35, 0.5, 0.65]) {
    const at = publish[Math.floor(publish.length * share)]!;
    eras.push({ at: at.toISOString(), bound: await boundAt(db, ds, at) });
  }
  return { values, periods, measureP90: Number(p90), current: await boundAt(db, ds, now), eras };
}
