import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { formatPeriod, nextPeriod, parsePeriod } from '../../src/periods';
import { adminHeaders, bearer } from '../support/auth';
import { ckanGet, ckanPost, result } from '../support/ckan';
import { assertMatchesSpec } from '../support/openapi';
import { getJson, testServer } from '../support/server';
import { createTinyDataset, publishTiny } from '../support/tiny-dataset';

const DS = 'agri-prices';
const BASE = `/api/v1/datasets/${DS}`;
/**
 * Long enough to check every read path (REST, CKAN, the dump and the linked-data documents:
 * some forty-five requests) before the embargo lifts on a busy two-core machine, short
 * enough to wait for.
 */
const EMBARGO_MS = 10_000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function templateCsv(): Promise<{ period: string; csv: string }> {
  const { body } = await getJson(`${BASE}/releases`);
  const published = body.data.filter((r: { status: string }) => r.status === 'published');
  const period = published[published.length - 1].period.id as string;
  const res = await getJson(`${BASE}/releases/${period}/data.csv`);
  expect(res.status).to.equal(200);
  return { period, csv: res.body as string };
}

/** The first week after `after` that has no release at all (scheduled ones included). */
async function freshPeriod(after = '2026-W46'): Promise<string> {
  let p = nextPeriod(parsePeriod(after, 'week'));
  for (;;) {
    const text = formatPeriod(p);
    const { body } = await getJson(`${BASE}/releases?period=${text}`, { headers: adminHeaders() });
    if (body.data.length === 0) return text;
    p = nextPeriod(p);
  }
}

/** Every average price raised by `cents`, so that two revisions differ in every row. */
function withPrices(csv: string, cents: number): string {
  const [head, ...lines] = csv.trim().split('\n');
  const avg = head!.split(',').indexOf('avg_price');
  const rows = lines.map((l) => {
    const c = l.split(',');
    c[avg] = ((Math.round(Number(c[avg]) * 100) + cents) / 100).toFixed(2);
    return c.join(',');
  });
  return [head, ...rows].join('\n') + '\n';
}

const pricesOf = (rows: Record<string, unknown>[]) =>
  rows.map((r) => `${r.city}|${r.market}|${r.product}=${Number(r.avg_price)}`).sort();

async function post(period: string, body: string, query: Record<string, string>) {
  const qs = new URLSearchParams({ period, ...query });
  return getJson(`${BASE}/releases?${qs.toString()}`, {
    method: 'POST',
    headers: { ...(await bearer('sx-agriculture')), 'content-type': 'text/csv' },
    body,
  });
}

/**
 * The DCAT catalogue in both serialisations and the schema.org document, as harvesters and
 * search engines read them: which release files they list, and the figures they give.
 */
async function observeLinkedData(period: string, revised: string) {
  const ttl = await getJson('/catalog.ttl');
  const ld = await getJson('/catalog.jsonld');
  const schemaOrg = await getJson(`${BASE}.jsonld`);
  for (const r of [ttl, ld, schemaOrg]) expect(r.status).to.equal(200);
  const jsonText = JSON.stringify(ld.body);
  const lists = (p: string, revision: number) => {
    const file = `${BASE}/releases/${p}/data.csv?revision=${revision}`;
    const where = [ttl.body as string, jsonText].map((t) => t.includes(file));
    // The two serialisations always agree; a difference would itself be a leak.
    expect(new Set(where).size, file).to.equal(1);
    return where[0]!;
  };
  return {
    scheduled: lists(period, 1),
    revision1: lists(revised, 1),
    revision2: lists(revised, 2),
    text: `${ttl.body as string}\n${jsonText}\n${JSON.stringify(schemaOrg.body)}`,
    etag: ttl.headers.get('etag'),
    temporalCoverage: schemaOrg.body.temporalCoverage as string,
    dateModified: schemaOrg.body.dateModified as string,
  };
}

/** Everything a reader can learn about the dataset, through every read path. */
async function observe(period: string, revised: string) {
  const revisedRows = await getJson(`${BASE}/rows?period=${revised}&limit=1000`);
  const revisedFile = await getJson(`${BASE}/releases/${revised}/data.csv`);
  const revisedList = await getJson(`${BASE}/releases?period=${revised}`);
  expect(revisedFile.status).to.equal(200);
  const dataset = await getJson(`${BASE}`);
  const rowsOfPeriod = await getJson(`${BASE}/rows?period=${period}&limit=1000`);
  const total = await getJson(`${BASE}/rows?limit=1&include_total=true`);
  const probe = await getJson(`${BASE}/rows?limit=5`);
  const csv = await getJson(`${BASE}/export.csv?period=${period}`);
  const json = await getJson(`${BASE}/export.json?period=${period}`);
  const recent = await getJson(`${BASE}/export.csv?period[gte]=${period}`);
  const aggregate = await getJson(`${BASE}/aggregate?groupBy=period&count=true&period[gte]=2026-W40`);
  const releasesAnon = await getJson(`${BASE}/releases?period=${period}`);
  const file = await getJson(`${BASE}/releases/${period}/data.csv`);
  // Names of coded fields (labels=true) come from the code list; they reveal no more rows.
  const labelledRows = await getJson(`${BASE}/rows?period=${period}&limit=1000&labels=true`);
  const labelledCsv = await getJson(`${BASE}/export.csv?period=${period}&labels=true`);
  for (const r of [dataset, rowsOfPeriod, total, probe, csv, json, recent, aggregate, releasesAnon]) {
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).to.equal(200);
  }
  expect(labelledRows.body.data).to.have.length(rowsOfPeriod.body.data.length);
  expect((labelledCsv.body as string).trim().split('\n')).to.have.length(
    (csv.body as string).trim().split('\n').length,
  );
  assertMatchesSpec('/api/v1/datasets/{datasetId}/rows', 'get', 200, rowsOfPeriod.body);
  assertMatchesSpec('/api/v1/datasets/{datasetId}/aggregate', 'get', 200, aggregate.body);
  assertMatchesSpec('/api/v1/datasets/{datasetId}', 'get', 200, dataset.body);
  if (file.status === 404) {
    assertMatchesSpec('/api/v1/datasets/{datasetId}/releases/{period}/data.csv', 'get', 404, file.body);
  }
  const pkg = await getJson(`${BASE}/datapackage.json`);
  const releasePkg = await getJson(`${BASE}/releases/${period}/datapackage.json`);
  const revisedPkg = await getJson(`${BASE}/releases/${revised}/datapackage.json`);
  expect(pkg.status).to.equal(200);
  expect(revisedPkg.status).to.equal(200);
  const feeds = await Promise.all(
    [
      `/feeds/datasets/${DS}.atom?limit=200`,
      '/feeds/agencies/sx-agriculture.atom',
      '/feeds/releases.atom',
    ].map(async (path) => {
      const res = await getJson(path);
      expect(res.status, path).to.equal(200);
      return res.body as string;
    }),
  );
  const counts = new Map<string, number>(
    aggregate.body.data.map((g: { keys: { period: string }; count: number }) => [g.keys.period, g.count]),
  );
  return {
    ckan: await observeCkan(period, revised),
    linked: await observeLinkedData(period, revised),
    dataset: dataset.body.data,
    rows: rowsOfPeriod.body.data as Record<string, unknown>[],
    total: total.body.meta.total as number,
    etag: probe.headers.get('etag')!,
    dataVersion: probe.body.meta.dataVersion as string,
    csvLines: (csv.body as string).trim().split('\n'),
    recentCsv: recent.body as string,
    json: json.body as Record<string, unknown>[],
    counts,
    releasesAnon: releasesAnon.body.data as Array<Record<string, unknown>>,
    file,
    revisedPrices: pricesOf(revisedRows.body.data),
    revisedSha: sha256(revisedFile.body as string),
    revisedList: revisedList.body.data as Array<Record<string, unknown>>,
    packageEtag: pkg.headers.get('etag'),
    packaged: new Map<string, string>(
      pkg.body.resources.map((r: { 'x-period': string; hash: string }) => [r['x-period'], r.hash]),
    ),
    releasePackage: releasePkg,
    revisedPackageHash: revisedPkg.body.resources[0].hash as string,
    feeds,
  };
}

/** The same through the CKAN Action API and the DataStore dump, as ckanapi and harvesters read it. */
async function observeCkan(period: string, revised: string) {
  const pkg = result(await ckanGet('package_show', { id: DS }));
  const found = result(
    await ckanPost('package_search', { fq: `name:${DS}`, 'facet.field': ['organization'] }),
  );
  const rows = result(
    await ckanPost('datastore_search', { resource_id: DS, filters: { period }, limit: 1000 }),
  );
  const all = result(await ckanGet('datastore_search', { resource_id: DS, limit: 0 }));
  const revisedRows = result(
    await ckanPost('datastore_search', { resource_id: DS, filters: { period: revised }, limit: 1000 }),
  );
  const dump = await getJson(
    `/datastore/dump/${DS}?filters=${encodeURIComponent(JSON.stringify({ period }))}`,
  );
  expect(dump.status).to.equal(200);
  const resource = async (id: string) => {
    const show = await ckanGet('resource_show', { id });
    const search = await ckanGet('datastore_search', { resource_id: id });
    const file = await getJson(`/datastore/dump/${id}`);
    return { show, search, file };
  };
  return {
    resourceIds: (pkg.resources as Array<{ id: string }>).map((r) => r.id),
    numResources: pkg.num_resources as number,
    modified: pkg.metadata_modified as string,
    searched: found.results[0] as Record<string, unknown>,
    rows: rows.records as Record<string, unknown>[],
    total: all.total as number,
    dataVersion: all.data_version as string,
    revisedPrices: pricesOf(revisedRows.records),
    dumpLines: (dump.body as string).trim().split('\n'),
    scheduled: await resource(`${DS}.${period}.r1`),
    correction: await resource(`${DS}.${revised}.r2`),
  };
}

describe('embargoed releases (publishAt)', function () {
  this.timeout(300_000);
  /** A new period published under embargo. */
  let period = '';
  /** A published period whose correction (revision 2) is published under embargo. */
  let revised = '';
  let csv = '';
  let revisionCsv = '';
  let rowCount = 0;
  let baseline: Awaited<ReturnType<typeof observe>>;
  let release: Record<string, any>;
  let rev1: Record<string, any>;
  let rev2: Record<string, any>;
  let publishAt: Date;

  before(async () => {
    await testServer();
    const t = await templateCsv();
    period = await freshPeriod();
    revised = await freshPeriod(period);
    csv = t.csv.split(t.period).join(period);
    rowCount = csv.trim().split('\n').length - 1;
    const original = t.csv.split(t.period).join(revised);
    revisionCsv = withPrices(original, 5);
    const first = await post(revised, original, {});
    expect(first.status).to.equal(201);
    rev1 = first.body.data;
    baseline = await observe(period, revised);
    expect(baseline.rows).to.have.length(0);
    expect(baseline.etag).to.match(/^"/);
    expect(baseline.revisedSha).to.equal(rev1.sha256);
  });

  it('stores a release and a revision with a future publishAt as scheduled', async () => {
    publishAt = new Date(Date.now() + EMBARGO_MS);
    const res = await post(period, csv, { publishAt: publishAt.toISOString() });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    assertMatchesSpec('/api/v1/datasets/{datasetId}/releases', 'post', 201, res.body);
    release = res.body.data;
    expect(release).to.include({ status: 'scheduled', publishedAt: null, revision: 1, rowCount });
    expect(release.publishAt).to.equal(publishAt.toISOString());

    const correction = await post(revised, revisionCsv, {
      publishAt: publishAt.toISOString(),
      revise: 'true',
      reason: '更正全部平均价格',
    });
    expect(correction.status, JSON.stringify(correction.body)).to.equal(201);
    rev2 = correction.body.data;
    expect(rev2).to.include({ status: 'scheduled', publishedAt: null, revision: 2 });
  });

  it('is invisible on every read path until publishAt, without changing validators', async () => {
    const now = await observe(period, revised);
    // rows
    expect(now.rows).to.have.length(0);
    expect(now.total).to.equal(baseline.total);
    // exports (header only / empty array), including a range that covers both periods
    expect(now.csvLines).to.have.length(1);
    expect(now.json).to.deep.equal([]);
    expect(now.recentCsv).to.equal(baseline.recentCsv);
    expect(now.recentCsv).not.to.contain(period);
    // aggregate
    expect(now.counts.has(period)).to.equal(false);
    expect([...now.counts]).to.deep.equal([...baseline.counts]);
    // catalog figures
    for (const k of ['rowCount', 'releaseCount', 'lastUpdated', 'periodRange']) {
      expect(now.dataset[k], k).to.deep.equal(baseline.dataset[k]);
    }
    // release list and canonical file
    expect(now.releasesAnon).to.have.length(0);
    expect(now.file.status).to.equal(404);
    expect(now.file.body.error.code).to.equal('release_not_found');
    // the embargoed correction: revision 1 is still what everyone reads
    expect(now.revisedPrices).to.deep.equal(baseline.revisedPrices);
    expect(now.revisedSha).to.equal(rev1.sha256);
    expect(now.revisedList.map((r) => [r.revision, r.status])).to.deep.equal([[1, 'published']]);
    const rev2Rows = await getJson(`${BASE}/rows?period=${revised}&revision=2`);
    expect(rev2Rows.body.data).to.have.length(0);
    const rev2File = await getJson(`${BASE}/releases/${revised}/data.csv?revision=2`);
    expect(rev2File.status).to.equal(404);
    // Their content-addressed files: 404 like a checksum nobody published, even to the uploader.
    for (const sha of [release.sha256 as string, rev2.sha256 as string]) {
      for (const headers of [{}, await bearer('sx-agriculture')]) {
        const byHash = await getJson(`/files/sha256/${sha}/${DS}.csv`, { headers });
        expect(byHash.status).to.equal(404);
        expect(byHash.body.error.code).to.equal('release_not_found');
        assertMatchesSpec('/files/sha256/{sha256}/{name}', 'get', 404, byHash.body);
      }
    }
    // Data packages and feeds: no resource, no entry, no change of validator.
    expect(now.packaged.has(period)).to.equal(false);
    expect(now.packaged.get(revised)).to.equal(`sha256:${rev1.sha256}`);
    expect(now.packageEtag).to.equal(baseline.packageEtag);
    expect(now.releasePackage.status).to.equal(404);
    expect(now.releasePackage.body.error.code).to.equal('release_not_found');
    expect(now.revisedPackageHash).to.equal(`sha256:${rev1.sha256}`);
    const rev2Package = await getJson(`${BASE}/releases/${revised}/datapackage.json?revision=2`);
    expect(rev2Package.status).to.equal(404);
    for (const feed of now.feeds) {
      expect(feed).not.to.contain(`/releases/${period}/`);
      expect(feed).not.to.contain(release.sha256);
      expect(feed).not.to.contain(rev2.sha256);
    }
    // caches keep serving the old representation rather than leaking the new one
    expect(now.etag).to.equal(baseline.etag);
    expect(now.dataVersion).to.equal(baseline.dataVersion);
    const conditional = await getJson(`${BASE}/rows?limit=5`, {
      headers: { 'if-none-match': baseline.etag },
    });
    expect(conditional.status).to.equal(304);

    // The CKAN API and the dump see the same: no resource, no rows, no change of figures.
    const ckan = now.ckan;
    expect(ckan.resourceIds).to.deep.equal(baseline.ckan.resourceIds);
    expect(ckan.resourceIds).not.to.include(`${DS}.${period}.r1`);
    expect(ckan.resourceIds).to.include(`${DS}.${revised}.r1`);
    expect(ckan.numResources).to.equal(baseline.ckan.numResources);
    expect(ckan.modified).to.equal(baseline.ckan.modified);
    expect(ckan.searched).to.deep.equal(baseline.ckan.searched);
    expect(ckan.rows).to.deep.equal([]);
    expect(ckan.total).to.equal(baseline.ckan.total);
    expect(ckan.dataVersion).to.equal(baseline.ckan.dataVersion);
    expect(ckan.revisedPrices).to.deep.equal(baseline.revisedPrices);
    expect(ckan.dumpLines).to.have.length(1);
    for (const r of [ckan.scheduled, ckan.correction]) {
      expect(r.show.status).to.equal(404);
      expect(r.show.body.error.code).to.equal('resource_not_found');
      expect(r.search.status).to.equal(404);
      expect(r.file.status).to.equal(404);
    }
    // DCAT and schema.org: no file of the embargoed period, the correction not yet listed,
    // and nothing (period covered, last modified, the whole document's ETag) moved.
    const linked = now.linked;
    expect(linked.scheduled).to.equal(false);
    expect(linked.revision1).to.equal(true);
    expect(linked.revision2).to.equal(false);
    expect(linked.text).not.to.contain(release.sha256);
    expect(linked.text).not.to.contain(rev2.sha256);
    expect(linked.etag).to.equal(baseline.linked.etag);
    expect(linked.temporalCoverage).to.equal(baseline.linked.temporalCoverage);
    expect(linked.dateModified).to.equal(baseline.linked.dateModified);

    const later = new Date(publishAt.getTime() + 60_000).toISOString();
    const ckanFuture = await ckanGet('datastore_search', {
      resource_id: DS,
      filters: { period },
      asOf: later,
    });
    expect(result(ckanFuture).records).to.deep.equal([]);
    const futureResource = await ckanGet('resource_show', { id: `${DS}.${period}.r1`, asOf: later });
    expect(futureResource.status).to.equal(404);

    // Version selectors cannot reach it either.
    const byId = await getJson(`${BASE}/rows?release=${release.id}`);
    expect(byId.status).to.equal(404);
    expect(byId.body.error.code).to.equal('release_not_found');
    const byRevision = await getJson(`${BASE}/rows?period=${period}&revision=1`);
    expect(byRevision.body.data).to.have.length(0);
    const future = new Date(publishAt.getTime() + 60_000).toISOString();
    const asOfFuture = await getJson(`${BASE}/rows?period=${period}&asOf=${encodeURIComponent(future)}`);
    expect(asOfFuture.body.data).to.have.length(0);

    // The owning agency and admins see both listed as scheduled; others do not.
    for (const headers of [await bearer('sx-agriculture'), adminHeaders()]) {
      const listed = await getJson(`${BASE}/releases?period=${period}`, { headers });
      assertMatchesSpec('/api/v1/datasets/{datasetId}/releases', 'get', 200, listed.body);
      expect(listed.body.data).to.have.length(1);
      expect(listed.body.data[0]).to.include({ id: release.id, status: 'scheduled', publishedAt: null });
      const corrections = await getJson(`${BASE}/releases?period=${revised}`, { headers });
      expect(corrections.body.data.map((r: any) => [r.revision, r.status])).to.deep.equal([
        [1, 'published'],
        [2, 'scheduled'],
      ]);
    }
    const outsider = await getJson(`${BASE}/releases?period=${period}`, {
      headers: await bearer('sx-finance'),
    });
    expect(outsider.body.data).to.have.length(0);

    expect(Date.now(), 'the checks above must run before the embargo lifts').to.be.below(publishAt.getTime());
  });

  it('appears on every read path once publishAt has passed, with no restart', async () => {
    await sleep(Math.max(0, publishAt.getTime() - Date.now()));
    let listed: Array<Record<string, unknown>> = [];
    for (let i = 0; i < 100 && listed.length === 0; i++) {
      listed = (await getJson(`${BASE}/releases?period=${period}`)).body.data;
      if (listed.length === 0) await sleep(100);
    }
    expect(listed).to.have.length(1);
    expect(listed[0]).to.include({
      id: release.id,
      status: 'published',
      publishedAt: publishAt.toISOString(),
    });

    const after = await observe(period, revised);
    expect(after.rows).to.have.length(rowCount);
    expect(after.total).to.equal(baseline.total + rowCount);
    expect(after.csvLines).to.have.length(rowCount + 1);
    expect(after.json).to.have.length(rowCount);
    expect(after.json.every((r) => r.period === period)).to.equal(true);
    expect(after.recentCsv).to.contain(period);
    expect(after.counts.get(period)).to.equal(rowCount);

    expect(after.dataset.rowCount).to.equal(baseline.dataset.rowCount + rowCount);
    expect(after.dataset.releaseCount).to.equal(baseline.dataset.releaseCount + 1);
    expect(after.dataset.lastUpdated).to.equal(publishAt.toISOString());
    const lastBefore = baseline.dataset.periodRange.last.id as string;
    expect(after.dataset.periodRange.last.id).to.equal(lastBefore > period ? lastBefore : period);

    expect(after.file.status).to.equal(200);
    expect(sha256(after.file.body as string)).to.equal(release.sha256);
    for (const sha of [release.sha256 as string, rev2.sha256 as string]) {
      const byHash = await getJson(`/files/sha256/${sha}/${DS}.csv`);
      expect(byHash.status).to.equal(200);
      expect(sha256(byHash.body as string)).to.equal(sha);
    }

    // The correction now replaces revision 1, which stays readable as such.
    expect(after.revisedSha).to.equal(rev2.sha256);
    expect(after.revisedPrices).not.to.deep.equal(baseline.revisedPrices);
    const [, ...lines] = revisionCsv.trim().split('\n');
    expect(after.revisedPrices).to.have.length(lines.length);
    expect(after.revisedList.map((r) => [r.revision, r.status])).to.deep.equal([
      [1, 'superseded'],
      [2, 'published'],
    ]);
    const asRev1 = await getJson(`${BASE}/rows?period=${revised}&revision=1&limit=1000`);
    expect(pricesOf(asRev1.body.data)).to.deep.equal(baseline.revisedPrices);

    expect(after.packaged.get(period)).to.equal(`sha256:${release.sha256}`);
    expect(after.packaged.get(revised)).to.equal(`sha256:${rev2.sha256}`);
    expect(after.packageEtag).not.to.equal(baseline.packageEtag);
    expect(after.releasePackage.status).to.equal(200);
    expect(after.releasePackage.body.resources[0].hash).to.equal(`sha256:${release.sha256}`);
    expect(after.revisedPackageHash).to.equal(`sha256:${rev2.sha256}`);
    for (const feed of after.feeds.slice(0, 2)) {
      expect(feed).to.contain(`/releases/${period}/data.csv?revision=1`);
      expect(feed).to.contain(`od:sha256="${release.sha256}"`);
      expect(feed).to.contain(`/releases/${revised}/data.csv?revision=2`);
    }

    expect(after.etag).not.to.equal(baseline.etag);
    expect(after.dataVersion).not.to.equal(baseline.dataVersion);
    const stale = await getJson(`${BASE}/rows?limit=5`, { headers: { 'if-none-match': baseline.etag } });
    expect(stale.status).to.equal(200);
    const fresh = await getJson(`${BASE}/rows?limit=5`, { headers: { 'if-none-match': after.etag } });
    expect(fresh.status).to.equal(304);

    const byId = await getJson(`${BASE}/rows?release=${release.id}&limit=1000`);
    expect(byId.body.data).to.have.length(rowCount);

    const ckan = after.ckan;
    expect(ckan.resourceIds).to.include(`${DS}.${period}.r1`);
    expect(ckan.resourceIds).to.include(`${DS}.${revised}.r2`);
    expect(ckan.resourceIds).not.to.include(`${DS}.${revised}.r1`);
    expect(ckan.numResources).to.equal(baseline.ckan.numResources + 1);
    expect(ckan.modified).not.to.equal(baseline.ckan.modified);
    expect(ckan.rows).to.have.length(rowCount);
    expect(ckan.total).to.equal(after.total);
    expect(ckan.dataVersion).to.equal(after.dataVersion);
    expect(ckan.revisedPrices).to.deep.equal(after.revisedPrices);
    expect(ckan.dumpLines).to.have.length(rowCount + 1);
    expect(ckan.scheduled.show.status).to.equal(200);
    expect(ckan.scheduled.show.body.result).to.include({ hash: release.sha256, release_status: 'published' });
    expect(ckan.scheduled.search.body.result.total).to.equal(rowCount);
    expect(ckan.correction.show.body.result.hash).to.equal(rev2.sha256);
    // The catalogue now lists the new period's file with its checksum, and the correction
    // in place of revision 1.
    expect(after.linked.scheduled).to.equal(true);
    expect(after.linked.revision2).to.equal(true);
    expect(after.linked.revision1).to.equal(false);
    expect(after.linked.text).to.contain(release.sha256);
    expect(after.linked.text).to.contain(rev2.sha256);
    expect(after.linked.etag).not.to.equal(baseline.linked.etag);
    expect(after.linked.dateModified).to.equal(publishAt.toISOString());

    // Revision 1 is superseded but stays readable by its id, as REST's revision=1 is.
    const old = result(await ckanGet('resource_show', { id: `${DS}.${revised}.r1` }));
    expect(old).to.include({ release_status: 'superseded', position: null, hash: rev1.sha256 });
  });
});

describe('a release withdrawn while embargoed', function () {
  this.timeout(120_000);
  const AGENCY = 'test-agency';
  const FIELDS = [{ name: 'value', type: 'number', title: { zh: '数值', en: 'Value' } }];

  it('never becomes public when its publishAt passes, not even as a tombstone', async () => {
    const id = await createTinyDataset('wd-embargo', FIELDS, ['period'], ['NA'], { firstPeriod: '2020-01' });
    await publishTiny(id, '2020-01', [{ value: '1' }]);
    const lift = new Date(Date.now() + 2_000);
    const scheduled = await publishTiny(id, '2020-02', [{ value: '2' }], { publishAt: lift });
    const manager = await bearer(AGENCY);
    const res = await getJson(`/api/v1/datasets/${id}/releases/2020-02/withdrawal?revision=1`, {
      method: 'POST',
      headers: { ...manager, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: '发布前撤回 cancelled before publication' }),
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.data.status).to.equal('withdrawn');
    await sleep(Math.max(0, lift.getTime() - Date.now()) + 200);

    const base = `/api/v1/datasets/${id}`;
    const anon = await getJson(`${base}/releases`);
    expect(anon.body.data.map((r: { period: { id: string } }) => r.period.id)).to.deep.equal(['2020-01']);
    const own = await getJson(`${base}/releases`, { headers: manager });
    expect(own.body.data.map((r: { status: string }) => r.status)).to.deep.equal(['published', 'withdrawn']);
    const rows = await getJson(`${base}/rows?limit=10`);
    expect(rows.body.data.map((r: { period: string }) => r.period)).to.deep.equal(['2020-01']);
    // Never public, so it reads as absent (404), not as withdrawn (410): its existence stays private.
    expect((await getJson(`${base}/releases/2020-02/data.csv`)).status).to.equal(404);
    expect((await getJson(`${base}/releases/2020-02/data.csv?revision=1`)).status).to.equal(404);
    expect((await getJson(`${base}/rows?release=${scheduled.id}`)).status).to.equal(404);
    const asOf = encodeURIComponent(new Date().toISOString());
    expect((await getJson(`${base}/releases/2020-02/data.csv?asOf=${asOf}`)).status).to.equal(404);
    // Nor is its content address: the bytes of a release that was never public have no file.
    expect((await getJson(`/files/sha256/${scheduled.sha256}/x.csv`)).status).to.equal(404);
    expect((await ckanGet('resource_show', { id: `${id}.2020-02.r1` })).status).to.equal(404);
    const summary = await getJson(base);
    expect(summary.body.data.releaseCount).to.equal(1);
    const t = await getJson(`${base}/timeliness`);
    const feb = t.body.data.periods.find((p: { period: { id: string } }) => p.period.id === '2020-02');
    expect(feb).to.include({ state: 'missing', revisions: 0 });
  });
});
