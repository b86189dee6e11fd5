import { allPages, datasetSnapshots, searchDatasets, type DatasetSummary } from '../../catalog';
import { ValidationError } from '../../errors';
import { longerThan } from '../../schemas';
import { parseAsOf } from '../params';
import { readInstant, type Action, type ActionContext } from './action';
import type { ActionParams } from './action-params';
import { FACET_FIELDS, facetCounts, type FacetField } from './facets';
import { DEFAULT_ROWS, MAX_QUERY_LENGTH, MAX_QUERY_LIST, MAX_ROWS } from './limits';
import { metadataModified, packageDict } from './presenters/package';
import { ckanTime } from './presenters/timestamp';
import { matchesAll, parseSolrQuery, type ParsedQuery } from './solr-query';
import { documentOf, QUERY_FIELDS } from './package-fields';

type SortKey = { key: (s: DatasetSummary, rank: number) => string | number; desc: boolean };

const SORT_FIELDS: Record<string, SortKey['key']> = {
  score: (_s, rank) => -rank,
  metadata_modified: (s) => ckanTime(metadataModified(s)) ?? '',
  metadata_created: (s) => s.dataset.createdAt,
  name: (s) => s.dataset.id,
  id: (s) => s.dataset.id,
  title_string: (s) => s.dataset.title.zh,
  title: (s) => s.dataset.title.zh,
};

/** CKAN's `sort`: `score desc, metadata_modified desc` (the default), `id asc`, `title_string asc`… */
function parseSort(sort: string): SortKey[] {
  return sort.split(',').map((part) => {
    const m = /^\s*([a-z_]+)(?:\s+(asc|desc))?\s*$/i.exec(part);
    const key = m ? SORT_FIELDS[m[1]!] : undefined;
    if (!m || !key) {
      throw new ValidationError('invalid_parameter', `Cannot sort by ${JSON.stringify(part.trim())}`, {
        parameter: 'sort',
        allowed: Object.keys(SORT_FIELDS),
      });
    }
    return { key, desc: (m[2] ?? 'asc').toLowerCase() === 'desc' };
  });
}

export interface PackageQuery {
  q?: string;
  fq: string[];
  rows: number;
  start: number;
  sort: string;
  facetFields: FacetField[];
  facetLimit: number;
  facetMincount: number;
  asOf?: Date;
}

const DEFAULT_SORT = 'score desc, metadata_modified desc';

export const packageQuery = (q: Partial<PackageQuery>): PackageQuery => ({
  fq: [],
  rows: DEFAULT_ROWS,
  start: 0,
  sort: DEFAULT_SORT,
  facetFields: [],
  facetLimit: 50,
  facetMincount: 1,
  ...q,
});

function boundedText(params: ActionParams, name: string): string | undefined {
  const v = params.string(name);
  if (v !== undefined && longerThan(v, MAX_QUERY_LENGTH)) {
    throw new ValidationError('invalid_parameter', `${name} may be at most ${MAX_QUERY_LENGTH} characters`, {
      parameter: name,
      maxLength: MAX_QUERY_LENGTH,
    });
  }
  return v;
}

/** package_search's parameters, read as CKAN's default_package_search_schema reads them. */
function readQuery(params: ActionParams): PackageQuery {
  const fqList = params.list('fq_list', { maxItems: MAX_QUERY_LIST, jsonOnly: true }) ?? [];
  for (const fq of fqList) {
    if (longerThan(fq, MAX_QUERY_LENGTH)) {
      throw new ValidationError(
        'invalid_parameter',
        `fq_list items may be at most ${MAX_QUERY_LENGTH} characters`,
        {
          parameter: 'fq_list',
          maxLength: MAX_QUERY_LENGTH,
        },
      );
    }
  }
  const fq = boundedText(params, 'fq');
  const faceted = params.bool('facet', true);
  const facetFields = (params.list('facet.field', { maxItems: MAX_QUERY_LIST, jsonOnly: true }) ?? []).map(
    (f) => {
      if (!(FACET_FIELDS as readonly string[]).includes(f)) {
        throw new ValidationError('invalid_parameter', `Cannot facet on ${f}`, {
          parameter: 'facet.field',
          field: f,
          allowed: FACET_FIELDS,
        });
      }
      return f as FacetField;
    },
  );
  return packageQuery({
    q: boundedText(params, 'q'),
    fq: [...(fq ? [fq] : []), ...fqList],
    rows: params.int('rows', { fallback: DEFAULT_ROWS, min: 0, max: MAX_ROWS, clamp: true }),
    start: params.int('start', { fallback: 0, min: 0, max: 1_000_000 }),
    sort: params.string('sort')?.trim() || DEFAULT_SORT,
    facetFields: faceted ? facetFields : [],
    facetLimit: params.int('facet.limit', { fallback: 50, min: -1, max: 1_000_000 }),
    facetMincount: params.int('facet.mincount', { fallback: 1, min: 0, max: 1_000_000 }),
    asOf: parseAsOf(params.string('asOf')),
  });
}

/**
 * The datasets matching a package search, with its facets. Free text goes to the catalogue
 * search REST uses (same index, same ranking, which is CKAN's `score`); `field:value`
 * clauses filter what it found. The catalogue is a few hundred datasets at most, so every
 * match is read and the facets count all of them, as Solr's do.
 */
export async function searchPackages(ctx: ActionContext, query: PackageQuery) {
  const { knex } = ctx.deps.db;
  const at = readInstant(query.asOf, ctx.now);
  const q = parseSolrQuery(query.q, 'q', QUERY_FIELDS);
  const filters: ParsedQuery[] = [q, ...query.fq.map((fq) => parseSolrQuery(fq, 'fq', QUERY_FIELDS))];
  const text = q.text.join(' ').trim();
  const found = await allPages((offset, limit) =>
    searchDatasets(knex, { q: text || undefined, limit, offset }, at),
  );
  const matched = found
    .map((s, rank) => ({ s, rank }))
    .filter(({ s }) => matchesAll(filters, documentOf(s), at));
  const keys = parseSort(query.sort);
  matched.sort((a, b) => {
    for (const k of keys) {
      const [x, y] = [k.key(a.s, a.rank), k.key(b.s, b.rank)];
      if (x !== y) return (x < y ? -1 : 1) * (k.desc ? -1 : 1);
    }
    return a.rank - b.rank;
  });
  const page = matched.slice(query.start, query.start + query.rows).map(({ s }) => s);
  const snapshots = await datasetSnapshots(
    knex,
    page.map((s) => s.dataset.id),
  );
  const { facets, search_facets } = facetCounts(
    matched.map(({ s }) => s),
    query,
  );
  return {
    count: matched.length,
    facets,
    search_facets,
    results: page.map((s) => packageDict(s, snapshots.get(s.dataset.id)!, ctx.base, at)),
    sort: query.sort,
  };
}

export const packageSearch: Action = (ctx) => searchPackages(ctx, readQuery(ctx.params));
