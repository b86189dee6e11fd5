import type { Knex } from 'knex';
import type { LocalizedText } from '../schemas';

/** 解读: the author agency's explanation published with a release, as text (Markdown) or a link. */
export interface Interpretation {
  releaseId: number;
  agency: { id: string; name: LocalizedText };
  /** The day the author agency dates it (Beijing date). */
  publishedOn: string;
  /** Markdown, stored as written; whoever renders it as HTML escapes it. */
  body: { zh: string | null; en: string | null };
  url: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface Row {
  release_id: number;
  agency_id: string;
  name_zh: string;
  name_en: string;
  published_on: string;
  body_zh: string | null;
  body_en: string | null;
  url: string | null;
  created_at: Date;
  updated_at: Date;
}

const toInterpretation = (r: Row): Interpretation => ({
  releaseId: Number(r.release_id),
  agency: { id: r.agency_id, name: { zh: r.name_zh, en: r.name_en } },
  publishedOn: r.published_on,
  body: { zh: r.body_zh, en: r.body_en },
  url: r.url,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

/** The interpretations of many releases in one round trip. */
export async function interpretationsOf(
  knex: Knex,
  releaseIds: readonly number[],
): Promise<Map<number, Interpretation>> {
  if (releaseIds.length === 0) return new Map();
  const rows = (await knex('release_interpretations as i')
    .join('agencies as a', 'a.id', 'i.agency_id')
    .whereIn('i.release_id', releaseIds)
    .select('i.*', 'a.name_zh', 'a.name_en')) as Row[];
  return new Map(rows.map((r) => [Number(r.release_id), toInterpretation(r)]));
}

export interface InterpretationInput {
  releaseId: number;
  agencyId: string;
  publishedOn: string;
  bodyZh: string | null;
  bodyEn: string | null;
  url: string | null;
  createdBy: string;
}

/** Adds or replaces a release's interpretation; `created_at` keeps when it first appeared. */
export async function upsertInterpretation(knex: Knex, i: InterpretationInput): Promise<boolean> {
  const [row] = (await knex('release_interpretations')
    .insert({
      release_id: i.releaseId,
      agency_id: i.agencyId,
      published_on: i.publishedOn,
      body_zh: i.bodyZh,
      body_en: i.bodyEn,
      url: i.url,
      created_by: i.createdBy,
    })
    .onConflict('release_id')
    .merge({
      agency_id: i.agencyId,
      published_on: i.publishedOn,
      body_zh: i.bodyZh,
      body_en: i.bodyEn,
      url: i.url,
      updated_at: knex.fn.now(),
    })
    .returning(knex.raw('(xmax = 0) as inserted'))) as Array<{ inserted: boolean }>;
  return row?.inserted === true;
}
