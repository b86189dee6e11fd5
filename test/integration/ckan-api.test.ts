import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { ckanFollow, ckanGet, ckanPost, expectCkanError, result, type Json } from '../support/ckan';
import { adminHeaders } from '../support/auth';
import { assertMatchesSpec } from '../support/openapi';
import { rawGet, rawGetFollowing } from '../support/http';
import { getJson, testServer } from '../support/server';
import { createTinyDataset, publishTiny } from '../support/tiny-dataset';

const DS = 'agri-prices';
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

type Row = Record<string, unknown>;

/** Every dataset as REST lists it (the catalogue is far below one page of 500). */
async function restDatasets(query = ''): Promise<Json[]> {
  const res = await getJson(`/api/v1/datasets?limit=500${query}`);
  expect(res.status).to.equal(200);
  expect(res.body.data.length).to.equal(res.body.meta.total);
  return res.body.data;
}

/** How many datasets carry each value, counted from REST's answer. */
function tally(datasets: Json[], values: (d: Json) => string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of datasets) for (const v of new Set(values(d))) out[v] = (out[v] ?? 0) + 1;
  return out;
}

/** Every REST row of a query, following links.next. */
async function restRows(query: string): Promise<Row[]> {
  const rows: Row[] = [];
  let next: string | null = `/api/v1/datasets/${DS}/rows?limit=10000&${query}`;
  while (next) {
    const res: { status: number; body: any } = await getJson(next);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).to.equal(200);
    rows.push(...res.body.data);
    next = res.body.links.next;
  }
  return rows;
}

const PORK = { city: ['140100', '140200'], product: '猪肉' };
const PORK_REST = `city=140100,140200&product=${encodeURIComponent('猪肉')}`;

describe('CKAN Action API', function () {
  this.timeout(300_000);
  before(async () => {
    await testServer();
  });

  describe('package_search, as ckanapi calls it', () => {
    it('answers q, fq, rows and facet.field with the counts REST gives', async () => {
      const found = result(
        await ckanPost('package_search', {
          q: '价格',
          rows: 5,
          'facet.field': ['organization', 'tags', 'groups', 'frequency', 'res_format'],
        }),
      );
      const rest = await restDatasets(`&q=${encodeURIComponent('价格')}`);
      expect(found.count).to.equal(rest.length).and.to.be.greaterThan(1);
      expect(found.results).to.have.length(Math.min(5, rest.length));
      // The order is REST's ranking (CKAN's score).
      expect(found.results.map((p: Json) => p.name)).to.deep.equal(rest.slice(0, 5).map((d) => d.id));

      expect(found.facets.organization).to.deep.equal(tally(rest, (d) => [d.agencies[0].id]));
      expect(found.facets.tags).to.deep.equal(tally(rest, (d) => d.tags));
      expect(found.facets.groups).to.deep.equal(tally(rest, (d) => d.themes));
      expect(found.facets.frequency).to.deep.equal(tally(rest, (d) => [d.cadence]));
      expect(found.facets.res_format).to.deep.equal({ CSV: rest.length });

      const orgs = found.search_facets.organization;
      expect(orgs.title).to.equal('organization');
      for (const item of orgs.items) {
        expect(item.count).to.equal(found.facets.organization[item.name]);
        const agency = rest.find((d) => d.agencies[0].id === item.name)!.agencies[0];
        expect(item.display_name).to.equal(agency.name.zh);
      }
      // CKAN sorts search_facets items by display name, Z to A.
      const names = orgs.items.map((i: Json) => i.display_name);
      expect(names).to.deep.equal([...names].sort().reverse());
    });

    it('filters with fq as REST filters, and counts agree', async () => {
      const all = await restDatasets();
      const lead = 'sx-agriculture';
      const byOrg = result(await ckanPost('package_search', { fq: `organization:${lead}`, rows: 1000 }));
      const led = all.filter((d) => d.agencies[0].id === lead).map((d) => d.id);
      expect(byOrg.results.map((p: Json) => p.name).sort()).to.deep.equal(led.sort());

      const weekly = result(await ckanPost('package_search', { fq: 'frequency:weekly', rows: 0 }));
      const restWeekly = await getJson('/api/v1/datasets?cadence=weekly');
      expect(weekly.count).to.equal(restWeekly.body.meta.total);
      expect(weekly.results).to.deep.equal([]);

      const tag = '示例数据';
      const tagged = result(await ckanPost('package_search', { fq: `tags:"${tag}"`, rows: 1000 }));
      expect(tagged.count).to.equal(all.filter((d) => d.tags.includes(tag)).length);

      // The harvester's shapes: OR between clauses, negation, a metadata_modified range.
      const either = result(
        await ckanPost('package_search', {
          fq: 'organization:sx-agriculture OR organization:sx-grain -tags:nothing-has-this',
          rows: 1000,
        }),
      );
      expect(either.count).to.equal(
        all.filter((d) => ['sx-agriculture', 'sx-grain'].includes(d.agencies[0].id)).length,
      );
      const since = result(
        await ckanGet('package_search', {
          fq: 'metadata_modified:[2000-01-01T00:00:00.000000Z TO *]',
          rows: 0,
        }),
      );
      expect(since.count).to.equal(all.length);
      const future = result(
        await ckanGet('package_search', { fq: 'metadata_modified:[2999-01-01T00:00:00Z TO *]', rows: 0 }),
      );
      expect(future.count).to.equal(0);
      const csv = result(
        await ckanGet('package_search', { fq: 'res_format:CSV', fq_list: ['-res_format:JSON'] }),
      );
      expect(csv.count).to.equal(all.length);
    });

    it('pages with rows and start in a stable sort, as the harvester does', async () => {
      const names: string[] = [];
      for (let start = 0; ; start += 7) {
        const page = result(
          await ckanGet('package_search', { sort: 'id asc', rows: '7', start: String(start) }),
        );
        if (page.results.length === 0) break;
        names.push(...page.results.map((p: Json) => p.name));
      }
      const list = result(await ckanGet('package_list', {}));
      expect(names).to.deep.equal(list);
      expect(list).to.deep.equal((await restDatasets()).map((d) => d.id));
    });

    it('reads GET parameters as CKAN does (facet.field as JSON text) with the same answer as POST', async () => {
      const query = { q: '粮食', fq: 'res_format:CSV', 'facet.field': ['organization'], rows: 3 };
      const byPost = result(await ckanPost('package_search', query));
      const byGet = result(await ckanGet('package_search', query));
      expect(byGet).to.deep.equal(byPost);
    });

    it('cuts rows above 1000 to 1000, as CKAN does, and refuses what it cannot read', async () => {
      const many = result(await ckanPost('package_search', { rows: 5000 }));
      expect(many.results).to.have.length(many.count);
      expectCkanError(
        await ckanPost('package_search', { rows: -1 }),
        409,
        'Validation Error',
        'invalid_parameter',
      );
      const bad = await ckanGet('package_search', { rows: 'abc' });
      expectCkanError(bad, 409, 'Validation Error', 'invalid_parameter');
      expect(bad.body.error.rows).to.be.an('array').with.length(1);
      expectCkanError(
        await ckanPost('package_search', { fq: 'title:x' }),
        409,
        'Validation Error',
        'invalid_search_query',
      );
      expectCkanError(
        await ckanPost('package_search', { 'facet.field': ['notes'] }),
        409,
        'Validation Error',
        'invalid_parameter',
      );
      expectCkanError(
        await ckanPost('package_search', { sort: 'popularity desc' }),
        409,
        'Validation Error',
        'invalid_parameter',
      );
    });
  });

  describe('package_show and resource_show', () => {
    it('shows agri-prices with all its data and each current release as resources', async () => {
      const pkg = result(await ckanPost('package_show', { id: DS }));
      const rest = (await getJson(`/api/v1/datasets/${DS}`)).body.data;
      const releases = (await getJson(`/api/v1/datasets/${DS}/releases`)).body.data as Json[];
      expect(pkg).to.include({ id: DS, name: DS, title: rest.title.zh, notes: rest.description.zh });
      expect(pkg).to.include({ state: 'active', type: 'dataset', private: false, license_id: rest.licence });
      expect(pkg.organization.name).to.equal(rest.agencies[0].id);
      expect(pkg.owner_org).to.equal(rest.agencies[0].id);
      expect(pkg.tags.map((t: Json) => t.name)).to.deep.equal(rest.tags);
      expect(pkg.groups.map((g: Json) => g.name)).to.deep.equal(rest.themes);
      expect(pkg.num_tags).to.equal(rest.tags.length);
      expect(pkg.dataset_status).to.deep.equal(rest.status);
      expect(pkg.metadata_created).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
      const extras = Object.fromEntries(pkg.extras.map((e: Json) => [e.key, e.value]));
      expect(extras).to.include({ clause: rest.clause, frequency: 'weekly', status: 'active' });
      expect(extras.row_count).to.equal(String(rest.rowCount));

      const [all, ...perRelease] = pkg.resources as Json[];
      expect(all!.id).to.equal(DS);
      expect(all!.url).to.match(new RegExp(`/datastore/dump/${DS}$`));
      expect(all!.row_count).to.equal(rest.rowCount);
      const current = releases.filter((r) => r.status === 'published');
      expect(perRelease.map((r) => r.id)).to.deep.equal(
        current.map((r) => `${DS}.${r.period.id}.r${r.revision}`),
      );
      expect(perRelease.map((r) => r.hash)).to.deep.equal(current.map((r) => r.sha256));
      expect(pkg.num_resources).to.equal(current.length + 1);
      expect(perRelease.every((r, i) => r.position === i + 1 && r.datastore_active === true)).to.equal(true);

      // A release resource's URL is its canonical CSV: its bytes hash to the resource's hash.
      const last = perRelease[perRelease.length - 1]!;
      const file = await rawGetFollowing(new URL(last.url).pathname + new URL(last.url).search);
      expect(file.status).to.equal(200);
      expect(sha256(file.body)).to.equal(last.hash);

      const shown = result(await ckanGet('resource_show', { id: last.id }));
      expect(shown).to.deep.equal(last);
      const shownAll = result(await ckanGet('resource_show', { id: DS }));
      expect(shownAll).to.deep.equal(all);
    });

    it('answers both prefixes alike, by GET and by POST', async () => {
      const a = result(await ckanGet('package_show', { id: DS }));
      const b = result(await ckanPost('package_show', { id: DS }));
      expect(a).to.deep.equal(b);
    });

    it('answers unknown datasets and resources with CKAN’s Not Found Error', async () => {
      const pkg = await ckanPost('package_show', { id: 'no-such-dataset' });
      expectCkanError(pkg, 404, 'Not Found Error', 'dataset_not_found');
      expect(pkg.body.error.message).to.match(/^Not found: /);
      for (const id of [`${DS}.1999-W01.r1`, `${DS}.2017-W19.r99`, 'no-such-dataset', 'Bad Id!']) {
        expectCkanError(await ckanGet('resource_show', { id }), 404, 'Not Found Error', 'resource_not_found');
      }
      const missing = await ckanPost('package_show', {});
      expectCkanError(missing, 409, 'Validation Error', 'invalid_parameter');
      expect(missing.body.error.id).to.be.an('array');
    });
  });

  describe('organization_list, group_list, tag_list, status_show', () => {
    it('lists agencies, themes and tags with the counts REST gives', async () => {
      const all = await restDatasets();
      const agencies = (await getJson('/api/v1/agencies')).body.data as Json[];
      const names = result(await ckanGet('organization_list', {}));
      expect([...names].sort()).to.deep.equal(agencies.map((a) => a.id).sort());
      const orgs = result(
        await ckanPost('organization_list', { all_fields: true, sort: 'package_count desc' }),
      );
      const led = tally(all, (d) => [d.agencies[0].id]);
      for (const o of orgs) expect(o.package_count, o.name).to.equal(led[o.name] ?? 0);
      const counts = orgs.map((o: Json) => o.package_count);
      expect(counts).to.deep.equal([...counts].sort((a, b) => b - a));

      const org = result(
        await ckanGet('organization_show', { id: 'sx-agriculture', include_datasets: true }),
      );
      expect(org.packages.map((p: Json) => p.name).sort()).to.deep.equal(
        all.filter((d) => d.agencies[0].id === 'sx-agriculture').map((d) => d.id),
      );
      expectCkanError(
        await ckanGet('organization_show', { id: 'nobody' }),
        404,
        'Not Found Error',
        'agency_not_found',
      );

      const groups = result(await ckanGet('group_list', { all_fields: 'true' }));
      const themes = tally(all, (d) => d.themes);
      expect(Object.fromEntries(groups.map((g: Json) => [g.name, g.package_count]))).to.deep.equal(themes);

      const tags = result(await ckanGet('tag_list', {}));
      expect(tags).to.deep.equal(Object.keys(tally(all, (d) => d.tags)).sort());
      expect(result(await ckanGet('tag_list', { query: '示例' }))).to.deep.equal(['示例数据']);
    });

    it('says which CKAN it answers like, and what each action does', async () => {
      const status = result(await ckanGet('status_show', {}));
      expect(status.ckan_version).to.match(/^2\.\d+\.\d+$/);
      expect(status.extensions).to.include('datastore');
      const res = await ckanGet('package_show', { id: DS });
      const help = new URL(res.body.help);
      expect(help.pathname).to.equal('/api/3/action/help_show');
      const text = result(await ckanGet('help_show', { name: help.searchParams.get('name')! }));
      expect(text).to.be.a('string').and.not.equal('');
    });
  });

  describe('datastore_search', () => {
    let rest: Row[] = [];
    before(async () => {
      rest = await restRows(PORK_REST);
      expect(rest.length).to.be.greaterThan(1000);
    });

    it('pages by offset through exactly REST’s rows', async () => {
      const rows: Row[] = [];
      let total = -1;
      for (let offset = 0; ; offset += 500) {
        const page = result(
          await ckanPost('datastore_search', { resource_id: DS, filters: PORK, limit: 500, offset }),
        );
        total = page.total;
        expect(page.total_was_estimated).to.equal(false);
        if (page.records.length === 0) break;
        rows.push(...page.records);
      }
      expect(total).to.equal(rest.length);
      expect(rows).to.deep.equal(rest);
    });

    it('pages by following _links.next until a page has no records', async () => {
      const first = result(
        await ckanPost('datastore_search', { resource_id: DS, filters: PORK, limit: 700 }),
      );
      expect(first._links.start).to.match(/^\/api\/action\/datastore_search\?/);
      expect(first._links).not.to.have.property('prev');
      const rows: Row[] = [...first.records];
      let next: string = first._links.next;
      let pages = 1;
      for (;;) {
        const page = result(await ckanFollow(next));
        pages++;
        expect(page.asOf, 'every link pins the instant').to.equal(first.asOf);
        if (page.records.length === 0) break;
        rows.push(...page.records);
        expect(page.offset).to.equal((pages - 1) * 700);
        next = page._links.next;
        if (pages > 100) throw new Error('paging does not end');
      }
      expect(pages).to.equal(Math.ceil(rest.length / 700) + 1);
      expect(rows).to.deep.equal(rest);
    });

    it('reads up to 32000 records in one call and cuts larger limits to 32000', async () => {
      const restCity = await restRows('city=140100');
      expect(restCity.length).to.be.within(10_001, 32_000);
      const page = result(
        await ckanPost('datastore_search', { resource_id: DS, filters: { city: '140100' }, limit: 50_000 }),
      );
      expect(page.limit).to.equal(32_000);
      expect(page.total).to.equal(restCity.length);
      expect(page.records).to.deep.equal(restCity);
    });

    it('returns records as lists, CSV and TSV in the order of fields', async () => {
      const query = { resource_id: DS, filters: PORK, limit: 50, fields: 'period,market,avg_price' };
      const objects = result(await ckanPost('datastore_search', query));
      const fields = objects.fields.map((f: Json) => f.id);
      expect(fields).to.deep.equal(['period', 'market', 'avg_price']);
      expect(objects.fields.map((f: Json) => f.type)).to.deep.equal(['text', 'text', 'numeric']);
      const expected = objects.records.map((r: Row) => fields.map((f: string) => r[f]));
      expect(expected).to.deep.equal(rest.slice(0, 50).map((r) => [r.period, r.market, r.avg_price]));

      const lists = result(await ckanPost('datastore_search', { ...query, records_format: 'lists' }));
      expect(lists.records).to.deep.equal(expected);
      for (const [format, delimiter] of [
        ['csv', ','],
        ['tsv', '\t'],
      ] as const) {
        const text = result(await ckanGet('datastore_search', { ...query, records_format: format }));
        expect(text.records).to.be.a('string');
        const parsed = parse(text.records as string, { delimiter }) as string[][];
        expect(parsed).to.deep.equal(expected.map((r: unknown[]) => r.map((v) => String(v))));
      }
    });

    it('filters with lists of values and operators, searches, sorts and selects distinct rows as REST does', async () => {
      const listed = result(
        await ckanGet('datastore_search', {
          resource_id: DS,
          filters: { city: ['140100', '140200'], period: { gte: '2020-W01', lt: '2020-W10' } },
          sort: 'avg_price desc, market',
          limit: 100,
        }),
      );
      const restSorted = await getJson(
        `/api/v1/datasets/${DS}/rows?city=140100,140200&period[gte]=2020-W01&period[lt]=2020-W10&sort=-avg_price,market&limit=100&include_total=true`,
      );
      expect(listed.records).to.deep.equal(restSorted.body.data);
      expect(listed.total).to.equal(restSorted.body.meta.total);

      const searched = result(
        await ckanPost('datastore_search', { resource_id: DS, q: '河西 牛肉', limit: 10 }),
      );
      const restSearched = await getJson(
        `/api/v1/datasets/${DS}/rows?q=${encodeURIComponent('河西 牛肉')}&limit=10&include_total=true`,
      );
      expect(searched.records).to.deep.equal(restSearched.body.data);
      expect(searched.total).to.equal(restSearched.body.meta.total);

      const distinct = result(
        await ckanPost('datastore_search', {
          resource_id: DS,
          fields: ['city', 'product'],
          filters: { period: { gte: '2026-W01' } },
          distinct: true,
          limit: 1000,
        }),
      );
      const groups = await getJson(
        `/api/v1/datasets/${DS}/aggregate?groupBy=city,product&count&period[gte]=2026-W01`,
      );
      expect(distinct.total).to.equal(groups.body.data.length);
      const combos = groups.body.data.map((g: Json) => `${g.keys.city}|${g.keys.product}`);
      expect(distinct.records.map((r: Row) => `${r.city}|${r.product}`)).to.deep.equal(combos);

      // Distinct rows have no cursor: their links page by offset, to the same list.
      const paged: string[] = [];
      let link: string | undefined = result(
        await ckanGet('datastore_search', {
          resource_id: DS,
          fields: 'city,product',
          filters: { period: { gte: '2026-W01' } },
          distinct: 'true',
          limit: 40,
        }),
      )._links.start;
      while (link) {
        const page = result(await ckanFollow(link));
        expect(page._links.next).not.to.match(/cursor=/);
        paged.push(...page.records.map((r: Row) => `${r.city}|${r.product}`));
        link = page.records.length > 0 ? page._links.next : undefined;
      }
      expect(paged).to.deep.equal(combos);
      expectCkanError(
        await ckanPost('datastore_search', { resource_id: DS, distinct: true, cursor: 'abc' }),
        409,
        'Validation Error',
        'invalid_parameter',
      );
    });

    it('reads one release by its resource id, and the past by asOf', async () => {
      const pkg = result(await ckanGet('package_show', { id: DS }));
      const release = pkg.resources[5];
      const page = result(await ckanGet('datastore_search', { resource_id: release.id, limit: 1000 }));
      expect(page.total).to.equal(release.row_count);
      expect(page.records.every((r: Row) => r.period === release.period)).to.equal(true);

      const asOf = '2018-01-01T00:00:00Z';
      const then = result(await ckanGet('datastore_search', { resource_id: DS, asOf, limit: 0 }));
      const restThen = await getJson(`/api/v1/datasets/${DS}/rows?asOf=${asOf}&limit=1&include_total=true`);
      expect(then.total).to.equal(restThen.body.meta.total);
      expect(then.records).to.deep.equal([]);
      expect(then.asOf).to.equal('2018-01-01T00:00:00.000Z');
      expect(then.data_version).to.equal(restThen.body.meta.dataVersion);
    });

    it('answers bad parameters with CKAN’s Validation Error naming the parameter', async () => {
      const cases: Array<[Json, string, string]> = [
        [{}, 'resource_id', 'invalid_parameter'],
        [{ resource_id: DS, limit: -1 }, 'limit', 'invalid_parameter'],
        [{ resource_id: DS, filters: '{not json' }, 'filters', 'invalid_parameter'],
        [{ resource_id: DS, records_format: 'xml' }, 'records_format', 'invalid_parameter'],
        [{ resource_id: DS, offset: 2_000_000 }, 'offset', 'invalid_parameter'],
        [{ resource_id: DS, sort: '_id desc' }, 'sort', 'invalid_parameter'],
        [{ resource_id: DS, full_text_search: 'x' }, 'full_text_search', 'invalid_parameter'],
        [{ resource_id: DS, filters: { city: ['1,2'] } }, 'filters', 'invalid_filter_value'],
      ];
      for (const [data, parameter, code] of cases) {
        const res = await ckanPost('datastore_search', data);
        expectCkanError(res, 409, 'Validation Error', code);
        expect(res.body.error[parameter], JSON.stringify(res.body)).to.be.an('array');
      }
      expectCkanError(
        await ckanPost('datastore_search', { resource_id: DS, filters: { no_such_field: 'x' } }),
        409,
        'Validation Error',
        'unknown_field',
      );
      expectCkanError(
        await ckanGet('datastore_search', { resource_id: 'no-such-dataset' }),
        404,
        'Not Found Error',
        'resource_not_found',
      );
    });
  });

  describe('废止/失效 marks', () => {
    it('shows a repealed dataset’s mark as REST does, on the package, its rows and its dump', async () => {
      const id = await createTinyDataset(
        'ckan-repealed',
        [{ name: 'label', type: 'string', title: { zh: '标签', en: 'Label' } }],
        ['period', 'label'],
      );
      await publishTiny(id, '2021-01', [{ label: 'a' }, { label: 'b' }]);
      const put = await getJson(`/api/v1/datasets/${id}/status`, {
        method: 'PUT',
        headers: { ...adminHeaders(), 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'repealed', date: '2021-06-30', reason: '已废止; 见新通知' }),
      });
      expect(put.status, JSON.stringify(put.body)).to.equal(200);
      const rest = (await getJson(`/api/v1/datasets/${id}`)).body.data;
      expect(rest.status.status).to.equal('repealed');

      const pkg = result(await ckanGet('package_show', { id }));
      expect(pkg.dataset_status).to.deep.equal(rest.status);
      const extras = Object.fromEntries(pkg.extras.map((e: Json) => [e.key, e.value]));
      expect(extras).to.include({
        status: 'repealed',
        status_label: '废止',
        status_date: '2021-06-30',
        status_reason: '已废止; 见新通知',
      });
      const rows = result(await ckanPost('datastore_search', { resource_id: id }));
      expect(rows.dataset_status).to.deep.equal(rest.status);
      expect(rows.records.map((r: Row) => r.label)).to.deep.equal(['a', 'b']);

      const exported = await rawGet(`/api/v1/datasets/${id}/export.csv`);
      const dump = await rawGet(`/datastore/dump/${id}`);
      expect(dump.headers['x-dataset-status']).to.equal(exported.headers['x-dataset-status']);
      expect(dump.body.equals(exported.body)).to.equal(true);

      const repealed = result(
        await ckanPost('package_search', {
          fq: 'dataset_status:repealed',
          'facet.field': ['dataset_status'],
          rows: 1000,
        }),
      );
      const restRepealed = await getJson('/api/v1/datasets?status=repealed&limit=500');
      expect(repealed.count).to.equal(restRepealed.body.meta.total);
      expect(repealed.results.map((p: Json) => p.name)).to.include(id);
      expect(repealed.facets.dataset_status).to.deep.equal({ repealed: repealed.count });
    });
  });

  describe('requests CKAN cannot read, and actions it does not have', () => {
    it('refuses a body that is not a JSON object with 400', async () => {
      for (const body of ['{bad json', '[1, 2]']) {
        const res = await getJson('/api/action/package_search', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        assertMatchesSpec('/api/action/package_search', 'post', res.status, res.body);
        expectCkanError(res, 400, 'Bad Request', 'invalid_json');
      }
    });

    it('answers datastore_search_sql as CKAN answers an action it does not have', async () => {
      for (const res of [
        await ckanGet('datastore_search_sql', { sql: 'SELECT * FROM "agri-prices"' }),
        await ckanPost('datastore_search_sql', { sql: 'SELECT 1' }),
        await ckanPost('package_create', { name: 'x' }),
      ]) {
        expectCkanError(res, 400, 'Bad Request', 'unknown_action');
        expect(res.body.error.message).to.match(/^Bad request: /);
        expect(res.body.error.messages.en).to.match(/^Action name not known: /);
      }
      // In English, word for word what CKAN answers.
      const en = await getJson('/api/action/datastore_search_sql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        body: '{"sql": "SELECT 1"}',
      });
      expect(en.body.error.message).to.equal('Bad request: Action name not known: datastore_search_sql');
    });
  });

  describe('the DataStore dump', () => {
    it('streams a release as the same bytes as its canonical CSV', async () => {
      const pkg = result(await ckanGet('package_show', { id: DS }));
      const release = pkg.resources[3];
      const dump = await rawGet(`/datastore/dump/${release.id}`);
      expect(dump.status).to.equal(200);
      expect(dump.headers['content-type']).to.equal('text/csv; charset=utf-8');
      expect(dump.headers['content-disposition']).to.equal(`attachment; filename="${release.id}.csv"`);
      expect(sha256(dump.body)).to.equal(release.hash);
    });

    it('takes filters, bom and format like CKAN, with REST’s export bytes', async () => {
      const filters = encodeURIComponent(JSON.stringify(PORK));
      const dump = await rawGet(`/datastore/dump/${DS}?filters=${filters}&bom=true`);
      const exported = await rawGet(`/api/v1/datasets/${DS}/export.csv?${PORK_REST}&bom=1`);
      expect(dump.status).to.equal(200);
      expect(dump.body.subarray(0, 3).toString('hex')).to.equal('efbbbf');
      expect(dump.body.equals(exported.body)).to.equal(true);
      expect(dump.headers['x-dataset-status']).to.equal('active');

      const tsv = await rawGet(`/datastore/dump/${DS}?filters=${filters}&format=tsv`);
      expect(tsv.headers['content-type']).to.equal('text/tab-separated-values; charset=utf-8');
      expect(tsv.body.toString('utf8').trim().split('\n')).to.have.length(rest().length + 1);

      const json = await rawGet(
        `/datastore/dump/${DS}?filters=${filters}&format=json&fields=period,avg_price`,
      );
      const body = JSON.parse(json.body.toString('utf8'));
      assertMatchesSpec('/datastore/dump/{resourceId}', 'get', 200, body);
      expect(body.fields.map((f: Json) => f.id)).to.deep.equal(['period', 'avg_price']);
      expect(body.records).to.deep.equal(rest().map((r) => [r.period, r.avg_price]));

      for (const [path, status] of [
        [`/datastore/dump/${DS}?format=xml`, 400],
        ['/datastore/dump/no-such-dataset', 404],
        [`/datastore/dump/${DS}.1999-W01.r1`, 404],
      ] as const) {
        const res = await getJson(path);
        expect(res.status, path).to.equal(status);
        assertMatchesSpec('/datastore/dump/{resourceId}', 'get', status, res.body);
      }
    });

    let restPork: Row[] = [];
    const rest = () => restPork;
    before(async () => {
      restPork = await restRows(PORK_REST);
    });
  });
});
