import {
  datasetSnapshot,
  findAgency,
  getDatasetSummary,
  listAgencies,
  listDatasetRecords,
  type Dataset,
} from '../../catalog';
import { NotFoundError, ValidationError } from '../../errors';
import { parseAsOf } from '../params';
import { readInstant, type Action, type ActionContext } from './action';
import { MAX_LIST } from './limits';
import { packageQuery, searchPackages } from './package-search';
import { groupDict, organizationDict, tagDict } from './presenters/organization';
import { packageDict } from './presenters/package';
import { fullDataResource, releaseResource } from './presenters/resource';
import { findResource, listedReleases } from './resources';

const SITE = {
  site_title: '山西省政府数据开放平台 (晋政办发〔2017〕50号)',
  site_description: 'Periodic government statistics published under 晋政办发〔2017〕50号',
  locale_default: 'zh_Hans_CN',
};

/** Which CKAN release this API answers like (the v3 Action API with DataStore `_links`). */
export const CKAN_VERSION = '2.11.0';

function pagination(ctx: ActionContext, max: number) {
  return {
    limit: ctx.params.int('limit', { fallback: max, min: 0, max, clamp: true }),
    offset: ctx.params.int('offset', { fallback: 0, min: 0, max: 1_000_000 }),
  };
}

const instant = (ctx: ActionContext) => readInstant(parseAsOf(ctx.params.string('asOf')), ctx.now);

const packageList: Action = async (ctx) => {
  const { limit, offset } = pagination(ctx, 1_000_000);
  const all = await listDatasetRecords(ctx.deps.db.knex);
  return all.slice(offset, offset + limit).map((d) => d.id);
};

const packageShow: Action = async (ctx) => {
  const { knex } = ctx.deps.db;
  const id = ctx.params.required('id');
  const at = instant(ctx);
  const summary = await getDatasetSummary(knex, id, at);
  return packageDict(summary, await datasetSnapshot(knex, id), ctx.base, at);
};

const resourceShow: Action = async (ctx) => {
  const { knex } = ctx.deps.db;
  const id = ctx.params.required('id');
  const at = instant(ctx);
  const { snapshot, release } = await findResource(knex, id, at);
  if (release) {
    // A superseded revision is no longer in the package's list, so it has no position there.
    const listed = listedReleases(snapshot, at).findIndex((r) => r.id === release.id);
    return releaseResource(release, snapshot.releases, listed < 0 ? null : listed + 1, ctx.base, at);
  }
  const summary = await getDatasetSummary(knex, snapshot.dataset.id, at);
  return fullDataResource(summary.dataset, summary.stats, ctx.base);
};

/** How many datasets carry each key (their lead agency, a theme, a tag). */
function counts(datasets: readonly Dataset[], keys: (d: Dataset) => readonly string[]): Map<string, number> {
  const n = new Map<string, number>();
  for (const d of datasets) for (const k of new Set(keys(d))) n.set(k, (n.get(k) ?? 0) + 1);
  return n;
}

interface Listed {
  name: string;
  title: string;
  count: number;
}

/** `sort` of organization_list and group_list: name, title or package_count, each asc or desc. */
function sortListed(items: Listed[], sort: string | undefined): Listed[] {
  const m = /^\s*(name|title|package_count|packages)(?:\s+(asc|desc))?\s*$/i.exec(sort ?? 'title asc');
  if (!m) {
    throw new ValidationError('invalid_parameter', 'sort must be name, title or package_count, asc or desc', {
      parameter: 'sort',
      value: sort,
    });
  }
  const key = m[1]!.toLowerCase();
  // CKAN sorts by package count largest first unless told otherwise.
  const desc = m[2] ? m[2].toLowerCase() === 'desc' : key === 'package_count' || key === 'packages';
  const cmp = (a: Listed, b: Listed) => {
    if (key === 'name') return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    if (key === 'title') return a.title < b.title ? -1 : a.title > b.title ? 1 : a.name < b.name ? -1 : 1;
    return a.count - b.count || (a.name < b.name ? -1 : 1);
  };
  return [...items].sort((a, b) => (desc ? -cmp(a, b) : cmp(a, b)));
}

/** The shared shape of organization_list and group_list: filter, sort, page, names or dicts. */
function listing<T>(
  ctx: ActionContext,
  items: Listed[],
  filterParam: string,
  dict: (name: string, count: number) => T,
): string[] | T[] {
  const only = ctx.params.list(filterParam, { maxItems: MAX_LIST });
  const q = ctx.params.string('q')?.trim().toLowerCase();
  const wanted = items.filter(
    (i) =>
      (!only || only.includes(i.name)) &&
      (!q || i.name.toLowerCase().includes(q) || i.title.toLowerCase().includes(q)),
  );
  const { limit, offset } = pagination(ctx, MAX_LIST);
  const page = sortListed(wanted, ctx.params.string('sort')).slice(offset, offset + limit);
  if (!ctx.params.bool('all_fields', false)) return page.map((i) => i.name);
  const withCount = ctx.params.bool('include_dataset_count', true);
  return page.map((i) => dict(i.name, withCount ? i.count : -1));
}

const organizationList: Action = async (ctx) => {
  const { knex } = ctx.deps.db;
  const [agencies, datasets] = await Promise.all([listAgencies(knex), listDatasetRecords(knex)]);
  const led = counts(datasets, (d) => (d.agencies[0] ? [d.agencies[0].id] : []));
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const items = agencies.map((a) => ({ name: a.id, title: a.name.zh, count: led.get(a.id) ?? 0 }));
  return listing(ctx, items, 'organizations', (name, count) =>
    organizationDict(byId.get(name)!, count < 0 ? undefined : count),
  );
};

const organizationShow: Action = async (ctx) => {
  const { knex } = ctx.deps.db;
  const id = ctx.params.required('id');
  const agency = await findAgency(knex, id);
  if (!agency) throw new NotFoundError('agency_not_found', `No organization with id ${id}`, { agency: id });
  const datasets = await listDatasetRecords(knex);
  const led = datasets.filter((d) => d.agencies[0]?.id === id);
  const org = organizationDict(agency, led.length);
  if (!ctx.params.bool('include_datasets', false)) return org;
  const found = await searchPackages(ctx, packageQuery({ fq: [`organization:"${id}"`], rows: MAX_LIST }));
  return { ...org, packages: found.results };
};

const groupList: Action = async (ctx) => {
  const datasets = await listDatasetRecords(ctx.deps.db.knex);
  const themes = counts(datasets, (d) => d.themes);
  const items = [...themes].map(([name, count]) => ({ name, title: name, count }));
  return listing(ctx, items, 'groups', (name, count) => groupDict(name, count < 0 ? undefined : count));
};

const tagList: Action = async (ctx) => {
  if (ctx.params.has('vocabulary_id')) {
    const v = ctx.params.string('vocabulary_id');
    throw new NotFoundError('vocabulary_not_found', `Could not find vocabulary "${v}"`, { vocabulary: v });
  }
  const query = (ctx.params.string('query') ?? ctx.params.string('q'))?.trim().toLowerCase();
  const datasets = await listDatasetRecords(ctx.deps.db.knex);
  const tags = [...counts(datasets, (d) => d.tags).keys()]
    .filter((t) => !query || t.toLowerCase().includes(query))
    .sort();
  return ctx.params.bool('all_fields', false) ? tags.map(tagDict) : tags;
};

const statusShow: Action = async (ctx) => ({
  ...SITE,
  site_url: ctx.base,
  ckan_version: CKAN_VERSION,
  api_version: 3,
  error_emails_to: null,
  extensions: ['datastore'],
  implementation: 'shanxi-open-data',
});

/** The read-only catalog actions; package_search and datastore_search have files of their own. */
export const CATALOG_ACTIONS: Record<string, Action> = {
  package_list: packageList,
  package_show: packageShow,
  resource_show: resourceShow,
  organization_list: organizationList,
  organization_show: organizationShow,
  group_list: groupList,
  tag_list: tagList,
  status_show: statusShow,
};
