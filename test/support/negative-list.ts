import { expect } from 'chai';
import { ckanGet, ckanPost } from './ckan';
import { getJson, testServer } from './server';

export interface RestrictedCase {
  datasetId: string;
  /** Root field name of the dataset's rows in GraphQL. */
  graphqlRoot: string;
  /** Restricted fields: schema name, the GraphQL spelling and both titles. */
  restricted: Array<{ name: string; graphqlName: string; title: { zh: string; en: string } }>;
  /** Values stored in restricted fields that no public answer may contain. */
  secrets: string[];
  /** A public text field, for checking that filters on public fields still work. */
  publicField: string;
  period: string;
}

const ROW_FORMATS = ['csv', 'tsv', 'json', 'ndjson'] as const;

async function text(path: string, headers: Record<string, string> = {}) {
  const { url } = await testServer();
  const res = await fetch(url + path, { headers });
  return { status: res.status, body: await res.text() };
}

function expectNoSecret(body: string, c: RestrictedCase, where: string) {
  for (const s of c.secrets) expect(body, `${where} leaks ${s}`).not.to.contain(s);
  for (const f of c.restricted) {
    expect(body, `${where} names ${f.name}`).not.to.match(new RegExp(`\\b${f.name}\\b`));
    expect(body, `${where} shows ${f.title.zh}`).not.to.contain(f.title.zh);
  }
}

/** Every REST path a reader can take: none shows, sorts, filters, groups or searches a restricted field. */
export async function checkRestPaths(c: RestrictedCase): Promise<void> {
  const base = `/api/v1/datasets/${c.datasetId}`;
  const rows = await text(`${base}/rows?limit=10000`);
  expect(rows.status).to.equal(200);
  expect(JSON.parse(rows.body).data.length).to.be.greaterThan(0);
  expectNoSecret(rows.body, c, 'rows');
  const labelled = await text(`${base}/rows?limit=10000&labels=true`);
  expect(labelled.status).to.equal(200);
  expectNoSecret(labelled.body, c, 'rows?labels=true');

  for (const format of ROW_FORMATS) {
    for (const header of ['', '&header=zh', '&header=zh&labels=true']) {
      const res = await text(`${base}/export.${format}?bom=0${header}`);
      expect(res.status, `export.${format}`).to.equal(200);
      expectNoSecret(res.body, c, `export.${format}${header}`);
    }
  }
  const canonical = await text(`${base}/releases/${c.period}/data.csv`);
  expect(canonical.status).to.equal(200);
  expectNoSecret(canonical.body, c, 'release data.csv');
  // The same bytes at their content-addressed URL (where the one above redirects).
  const released = await text(`${base}/releases?period=${c.period}`);
  const sha = (JSON.parse(released.body) as { data: Array<{ sha256: string }> }).data.at(-1)!.sha256;
  const byHash = await text(`/files/sha256/${sha}/${c.datasetId}.csv`);
  expect(byHash.status).to.equal(200);
  expectNoSecret(byHash.body, c, 'release file by sha256');

  // The schema.org Dataset too, which names the public fields as variableMeasured.
  for (const path of [
    base,
    `${base}/schema`,
    `${base}/schema/versions`,
    `${base}/schema/versions/1`,
    `${base}.jsonld`,
    // The generated contract names every public field and filter key, and no restricted one.
    `${base}/openapi.json`,
    `${base}/openapi.json?schemaVersion=1`,
    `${base}/datapackage.json`,
    `${base}/releases/${c.period}/datapackage.json`,
    `/feeds/datasets/${c.datasetId}.atom`,
  ]) {
    const res = await text(path);
    expect(res.status, path).to.equal(200);
    expectNoSecret(res.body, c, path);
  }

  // The whole DCAT catalogue, in both serialisations: no value and no field name. (Titles are
  // not checked here: another dataset's description may say in prose what it withholds.)
  for (const path of ['/catalog.jsonld', '/catalog.ttl']) {
    const res = await text(path);
    expect(res.status, path).to.equal(200);
    expect(res.body, path).to.contain(`/datasets/${c.datasetId}#dataset`);
    for (const f of c.restricted)
      expect(res.body, `${path} names ${f.name}`).not.to.match(new RegExp(`\\b${f.name}\\b`));
    expectNoSecret(res.body, { ...c, restricted: [] }, path);
  }

  const agg = await text(`${base}/aggregate?groupBy=period&count`);
  expect(agg.status).to.equal(200);
  expectNoSecret(agg.body, c, 'aggregate');

  for (const f of c.restricted) {
    const secret = encodeURIComponent(c.secrets[0] ?? 'x');
    const refused = [
      `${base}/rows?fields=${f.name}`,
      `${base}/rows?sort=${f.name}`,
      `${base}/rows?${f.name}=${secret}`,
      `${base}/rows?${f.name}[contains]=${secret}`,
      `${base}/export.csv?fields=${f.name}`,
      `${base}/export.csv?${f.name}=${secret}`,
      `${base}/aggregate?groupBy=${f.name}&count`,
      `${base}/aggregate?count&${f.name}=${secret}`,
      `${base}/aggregate?min=${f.name}`,
    ];
    for (const path of refused) {
      const res = await getJson(path);
      expect(res.status, path).to.equal(400);
      // A restricted field is indistinguishable from one that does not exist.
      expect(['unknown_field', 'invalid_parameter', 'unknown_parameter'], path).to.include(
        res.body.error.code,
      );
      expectNoSecret(JSON.stringify(res.body), { ...c, restricted: [] }, path);
    }
  }

  for (const s of c.secrets.slice(0, 3)) {
    const q = await getJson(`${base}/rows?q=${encodeURIComponent(s)}&include_total=true`);
    expect(q.status).to.equal(200);
    expect(q.body.data, `full-text search finds rows by restricted ${s}`).to.have.length(0);
    const catalog = await getJson(`/api/v1/datasets?q=${encodeURIComponent(s)}`);
    expect(catalog.body.data.map((d: { id: string }) => d.id)).not.to.include(c.datasetId);
  }
  for (const f of c.restricted) {
    const byTitle = await getJson(`/api/v1/datasets?q=${encodeURIComponent(f.title.zh)}`);
    expect(
      byTitle.body.data.map((d: { id: string }) => d.id),
      `catalog search by ${f.title.zh}`,
    ).not.to.include(c.datasetId);
  }
}

async function gql(query: string) {
  const res = await getJson('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return res.body as { data?: any; errors?: Array<{ extensions: { code: string } }> };
}

/** Every GraphQL type generated for the dataset, its catalog fields, rows and aggregates. */
export async function checkGraphqlPaths(c: RestrictedCase): Promise<void> {
  const T = c.graphqlRoot.charAt(0).toUpperCase() + c.graphqlRoot.slice(1, -1);
  const types = ['', 'Filter', 'Order', 'GroupBy', 'AggregateKeys', 'NumericAggregate', 'OrderedAggregate'];
  // The generated schema follows the catalog within about a second of a new dataset.
  const introspect = () =>
    gql(
      `{ ${types.map((s, i) => `t${i}: __type(name: "${T}${s}") { fields { name } inputFields { name } enumValues { name } }`).join(' ')} }`,
    );
  let intro = await introspect();
  for (let i = 0; i < 50 && intro.data?.t0 === null; i++) {
    await new Promise((r) => setTimeout(r, 100));
    intro = await introspect();
  }

  expect(intro.errors).to.equal(undefined);
  expect(intro.data.t0, `type ${T}`).to.not.equal(null);
  const names = JSON.stringify(intro.data).toLowerCase();
  for (const f of c.restricted) {
    expect(names).not.to.contain(`"${f.graphqlName.toLowerCase()}"`);
    expect(names).not.to.contain(f.graphqlName.toLowerCase() + '_');
  }
  const data = await gql(`{
    rows: ${c.graphqlRoot}(first: 10000) { nodes { ${c.publicField} } }
    agg: ${c.graphqlRoot}Aggregate(groupBy: [PERIOD]) { count }
    dataset(id: "${c.datasetId}") { currentSchema { fields { name title { zh en } } } schemaVersions { fields { name } } }
  }`);
  expect(data.errors).to.equal(undefined);
  expect(data.data.rows.nodes.length).to.be.greaterThan(0);
  expectNoSecret(JSON.stringify(data.data), c, 'GraphQL');
  for (const f of c.restricted) {
    const probe = await gql(
      `{ ${c.graphqlRoot}(filter: { ${f.graphqlName}: { eq: "${c.secrets[0]}" } }) { totalCount } }`,
    );
    expect(probe.errors?.[0]?.extensions.code).to.equal('BAD_USER_INPUT');
    const node = await gql(`{ ${c.graphqlRoot} { nodes { ${f.graphqlName} } } }`);
    expect(node.errors?.[0]?.extensions.code).to.be.oneOf(['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);
  }
}

/**
 * The CKAN Action API and the DataStore dump: package, resources, rows in every records
 * format, the dump in every format and search. A restricted field is an unknown field
 * here too, for fields, sort, filters and a per-field `q`.
 */
export async function checkCkanPaths(c: RestrictedCase): Promise<void> {
  const pkg = await ckanGet('package_show', { id: c.datasetId });
  expect(pkg.status).to.equal(200);
  expectNoSecret(JSON.stringify(pkg.body), c, 'package_show');
  const resources = pkg.body.result.resources as Array<{ id: string }>;
  expect(resources.length).to.be.greaterThan(1);

  for (const r of resources) {
    const shown = await ckanGet('resource_show', { id: r.id });
    expect(shown.status).to.equal(200);
    expectNoSecret(JSON.stringify(shown.body), c, `resource_show ${r.id}`);
    for (const records_format of ['objects', 'lists', 'csv', 'tsv']) {
      const res = await ckanPost('datastore_search', { resource_id: r.id, records_format, limit: 32000 });
      expect(res.status, `${r.id} ${records_format}`).to.equal(200);
      expect(res.body.result.total).to.be.greaterThan(0);
      expectNoSecret(JSON.stringify(res.body), c, `datastore_search ${r.id} ${records_format}`);
    }
    for (const format of ['csv', 'tsv', 'json']) {
      const dump = await text(`/datastore/dump/${r.id}?format=${format}`);
      expect(dump.status, `dump ${r.id} ${format}`).to.equal(200);
      expectNoSecret(dump.body, c, `dump ${r.id} ${format}`);
    }
  }
  const distinct = await ckanPost('datastore_search', { resource_id: c.datasetId, distinct: true });
  expect(distinct.status).to.equal(200);
  expectNoSecret(JSON.stringify(distinct.body), c, 'datastore_search distinct');

  for (const f of c.restricted) {
    const secret = c.secrets[0] ?? 'x';
    const refused: Array<Record<string, unknown>> = [
      { fields: [f.name] },
      { fields: f.name },
      { sort: `${f.name} desc` },
      { filters: { [f.name]: secret } },
      { filters: { [f.name]: [secret, 'x'] } },
      { q: { [f.name]: secret } },
      { fields: [f.name], distinct: true },
    ];
    for (const data of refused) {
      const res = await ckanPost('datastore_search', { resource_id: c.datasetId, ...data });
      expect(res.status, JSON.stringify(data)).to.equal(409);
      expect(res.body.error.code, JSON.stringify(data)).to.equal('unknown_field');
      expectNoSecret(JSON.stringify(res.body), { ...c, restricted: [] }, JSON.stringify(data));
      const dump = await getJson(
        `/datastore/dump/${c.datasetId}?${new URLSearchParams(
          Object.entries(data).map(([k, v]): [string, string] => [
            k,
            typeof v === 'string' ? v : JSON.stringify(v),
          ]),
        ).toString()}`,
      );
      expect(dump.status, `dump ${JSON.stringify(data)}`).to.equal(400);
    }
  }
  for (const s of c.secrets.slice(0, 3)) {
    const rows = await ckanPost('datastore_search', { resource_id: c.datasetId, q: s });
    expect(rows.body.result.records, `datastore_search q finds rows by restricted ${s}`).to.deep.equal([]);
    const found = await ckanPost('package_search', { q: s, rows: 1000 });
    expect(found.body.result.results.map((p: { name: string }) => p.name)).not.to.include(c.datasetId);
  }
  for (const f of c.restricted) {
    const found = await ckanGet('package_search', { q: f.title.zh, rows: 1000 });
    expect(
      found.body.result.results.map((p: { name: string }) => p.name),
      `package_search by ${f.title.zh}`,
    ).not.to.include(c.datasetId);
  }
}
