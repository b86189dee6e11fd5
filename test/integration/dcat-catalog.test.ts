import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import jsonld from 'jsonld';
import { DataFactory, Parser, Store, type Term } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { parsePeriod, periodEnd, periodStart } from '../../src/periods';
import { adminHeaders } from '../support/auth';
import { rawGet } from '../support/http';
import { assertMatchesSpec } from '../support/openapi';
import { getJson, testServer } from '../support/server';
import { createTinyDataset, publishTiny } from '../support/tiny-dataset';

const { namedNode, literal } = DataFactory;
const SHAPES_DIR = path.resolve(__dirname, '../fixtures/dcat-ap');
const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  adms: 'http://www.w3.org/ns/adms#',
  spdx: 'http://spdx.org/rdf/terms#',
  sh: 'http://www.w3.org/ns/shacl#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};
const iri = (prefix: keyof typeof NS, local: string) => namedNode(NS[prefix] + local);
const FREQUENCY = 'http://publications.europa.eu/resource/authority/frequency/';
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

function parseTurtle(text: string): Store {
  return new Store(new Parser({ format: 'text/turtle' }).parse(text));
}

/** What a harvester reading JSON-LD gets: jsonld.js expands it, then turns it into triples. */
async function jsonLdStore(doc: unknown): Promise<Store> {
  const expanded = await jsonld.expand(doc as jsonld.JsonLdDocument);
  const nquads = (await jsonld.toRDF(expanded, { format: 'application/n-quads' })) as unknown as string;
  return new Store(new Parser({ format: 'application/n-quads' }).parse(nquads));
}

const termKey = (t: Term): string =>
  t.termType === 'Literal'
    ? JSON.stringify([
        t.value,
        (t as ReturnType<typeof literal>).language,
        (t as ReturnType<typeof literal>).datatype.value,
      ])
    : `<${t.value}>`;

/**
 * The graph as lines that two isomorphic graphs share exactly. Our blank nodes (checksums,
 * periods of time) are leaves: each hangs from one triple and holds only IRIs and literals,
 * so it is named by where it hangs and what it holds. (RDFC-1.0 canonicalisation would do
 * the same in general, at minutes per run for this graph.)
 */
function comparableLines(store: Store): string[] {
  const names = new Map<string, string>();
  for (const b of store.getObjects(null, null, null).filter((o) => o.termType === 'BlankNode')) {
    const parents = store.getQuads(null, null, b, null);
    expect(parents, 'a blank node hangs from one triple').to.have.length(1);
    const own = store.getQuads(b, null, null, null);
    expect(own.every((q) => q.object.termType !== 'BlankNode')).to.equal(true);
    const body = own.map((q) => `${q.predicate.value} ${termKey(q.object)}`).sort();
    names.set(b.value, `[${parents[0]!.subject.value} ${parents[0]!.predicate.value} {${body.join('; ')}}]`);
  }
  const name = (t: Term) => (t.termType === 'BlankNode' ? names.get(t.value)! : termKey(t));
  return store
    .getQuads(null, null, null, null)
    .map((q) => `${name(q.subject)} <${q.predicate.value}> ${name(q.object)}`)
    .sort();
}

function loadShapes(): Store {
  const store = new Store();
  for (const f of ['dcat-ap_2.1.1_shacl_shapes.ttl', 'dcat-ap_2.1.1_shacl_range.ttl']) {
    store.addQuads(
      new Parser({ format: 'text/turtle' }).parse(fs.readFileSync(path.join(SHAPES_DIR, f), 'utf8')),
    );
  }
  return store;
}

/**
 * DCAT-AP 2.1.1 pins spdx:algorithm to SHA-1 (SEMICeu/DCAT-AP#158; 3.0 lifts it), while our
 * checksums are SHA-256. Exactly that one sh:hasValue is dropped (see the fixtures' README).
 */
function withoutSha1Pin(shapes: Store): Store {
  const relaxed = new Store(shapes.getQuads(null, null, null, null));
  const pins = relaxed.getQuads(null, iri('sh', 'hasValue'), iri('spdx', 'checksumAlgorithm_sha1'), null);
  expect(pins, 'the SHA-1 pin in the vendored shapes').to.have.length(1);
  relaxed.removeQuads(pins);
  return relaxed;
}

interface Violation {
  focus: string;
  path: string;
  component: string;
  message: string;
}

async function violations(shapes: Store, data: Store): Promise<Violation[]> {
  const report = await new SHACLValidator(shapes).validate(data);
  return report.results.map((r) => ({
    focus: r.focusNode?.value ?? '',
    path: (r.path as Term | null)?.value ?? '',
    component: r.sourceConstraintComponent?.value ?? '',
    message: r.message.map((m) => m.value).join(' '),
  }));
}

const objects = (store: Store, s: Term, p: Term) => store.getObjects(s, p, null);
const one = (store: Store, s: Term, p: Term) => {
  const found = objects(store, s, p);
  expect(found, `${s.value} ${p.value}`).to.have.length(1);
  return found[0]!;
};

describe('DCAT-AP 2.1 catalogue (/catalog.jsonld, /catalog.ttl) and schema.org per dataset', function () {
  this.timeout(600_000);
  let base = '';
  let repealed = '';
  let published: { period: string; revision: number; sha256: string };
  let embargoed = '';
  let turtle = '';
  let json: unknown;
  let store: Store;

  before(async () => {
    base = (await testServer()).url.replace(/\/$/, '');
    repealed = await createTinyDataset(
      'dcat-repealed',
      [{ name: 'amount', type: 'number', title: { zh: '试算金额', en: 'Trial amount' }, unit: '万元' }],
      ['period'],
      ['NA'],
      { themes: ['财政'] },
    );
    const r = await publishTiny(repealed, '2020-01', [{ period: '2020-01', amount: '12.5' }]);
    published = { period: r.period, revision: r.revision, sha256: r.sha256 };
    embargoed = '2020-02';
    await publishTiny(repealed, embargoed, [{ period: embargoed, amount: '99.5' }], {
      publishAt: new Date(Date.now() + 365 * 86_400_000),
    });
    const marked = await getJson(`/api/v1/datasets/${repealed}/status`, {
      method: 'PUT',
      headers: { ...adminHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'repealed', date: '2021-06-30', reason: '通知已废止该项公开要求' }),
    });
    expect(marked.status, JSON.stringify(marked.body)).to.equal(200);

    const ttl = await getJson('/catalog.ttl');
    expect(ttl.status).to.equal(200);
    expect(ttl.headers.get('content-type')).to.equal('text/turtle; charset=utf-8');
    turtle = ttl.body as string;
    const ld = await getJson('/catalog.jsonld');
    expect(ld.status).to.equal(200);
    expect(ld.headers.get('content-type')).to.equal('application/ld+json; charset=utf-8');
    json = ld.body;
    assertMatchesSpec('/catalog.jsonld', 'get', 200, json, 'application/ld+json');
    store = parseTurtle(turtle);
  });

  it('gives the same triples in Turtle (read by n3) and in JSON-LD (expanded by jsonld.js)', async () => {
    const fromJson = await jsonLdStore(json);
    expect(store.size).to.be.greaterThan(1000);
    expect(fromJson.size).to.equal(store.size);
    // Isomorphic, blank nodes included.
    const [a, b] = [comparableLines(fromJson), comparableLines(store)];
    const inB = new Set(b);
    const inA = new Set(a);
    expect(a.filter((l) => !inB.has(l)).slice(0, 5), 'only in the JSON-LD').to.deep.equal([]);
    expect(b.filter((l) => !inA.has(l)).slice(0, 5), 'only in the Turtle').to.deep.equal([]);
    expect(inA.size).to.equal(a.length);
  });

  it('conforms to the DCAT-AP 2.1.1 SHACL shapes, read from either serialisation', async () => {
    const shapes = loadShapes();
    // As JSON-LD harvesters read it: no violation of the shapes (less the SHA-1 pin).
    expect(await violations(withoutSha1Pin(shapes), await jsonLdStore(json))).to.deep.equal([]);
    // As Turtle harvesters read it, against the shapes exactly as published: the SHA-1 pin
    // is the only thing that fails, once per release checksum.
    const strict = await violations(shapes, store);
    const checksums = store.getSubjects(iri('rdf', 'type'), iri('spdx', 'Checksum'), null);
    expect(checksums.length).to.be.greaterThan(0);
    expect(strict).to.have.length(checksums.length);
    for (const v of strict) {
      expect(v.path).to.equal(NS.spdx + 'algorithm');
      expect(v.component).to.equal(NS.sh + 'HasValueConstraintComponent');
    }
  });

  it('conforms to the DCAT-AP 3.0.0 SHACL shapes exactly as published, SHA-256 checksums included', async () => {
    const shapes = new Store(
      new Parser({ format: 'text/turtle' }).parse(
        fs.readFileSync(path.join(SHAPES_DIR, 'dcat-ap_3.0.0_shacl_shapes.ttl'), 'utf8'),
      ),
    );
    const found = await violations(shapes, store);
    expect(found.slice(0, 5), `${found.length} violations`).to.deep.equal([]);
    expect(await violations(shapes, await jsonLdStore(json))).to.deep.equal([]);
  });

  it('describes each dataset: bilingual title, lead agency, EU frequency, period covered, schema', async () => {
    const agri = namedNode(`${base}/datasets/agri-prices#dataset`);
    expect(objects(store, agri, iri('dct', 'title'))).to.deep.include(literal('农产品批发市场价格', 'zh'));
    expect(
      objects(store, agri, iri('dct', 'title'))
        .map((t) => (t as { language: string }).language)
        .sort(),
    ).to.deep.equal(['en', 'zh']);
    expect(objects(store, agri, iri('dct', 'description'))).to.have.length(2);
    expect(one(store, agri, iri('dct', 'accrualPeriodicity')).value).to.equal(`${FREQUENCY}WEEKLY`);
    expect(one(store, agri, iri('dct', 'identifier'))).to.deep.equal(literal('agri-prices'));
    expect(one(store, agri, iri('dcat', 'landingPage')).value).to.equal(`${base}/datasets/agri-prices`);
    expect(objects(store, agri, iri('adms', 'status'))).to.deep.equal([]);

    const publisher = one(store, agri, iri('dct', 'publisher'));
    expect(
      store.has(DataFactory.quad(publisher as never, iri('rdf', 'type'), iri('foaf', 'Agent'))),
    ).to.equal(true);
    expect(objects(store, publisher, iri('foaf', 'name'))).to.deep.include(literal('省农业厅', 'zh'));

    const { body: rest } = await getJson('/api/v1/datasets/agri-prices');
    const temporal = one(store, agri, iri('dct', 'temporal'));
    expect(one(store, temporal, iri('dcat', 'startDate'))).to.deep.equal(
      literal(periodStart(parsePeriod(rest.data.periodRange.first.id)), namedNode(NS.xsd + 'date')),
    );
    expect(one(store, temporal, iri('dcat', 'endDate'))).to.deep.equal(
      literal(periodEnd(parsePeriod(rest.data.periodRange.last.id)), namedNode(NS.xsd + 'date')),
    );

    const schema = one(store, agri, iri('dct', 'conformsTo')).value;
    const doc = await getJson(schema.slice(base.length));
    expect(doc.status, schema).to.equal(200);
    expect(doc.body.data.version).to.equal(rest.data.currentSchemaVersion);
    expect(objects(store, agri, iri('dcat', 'keyword')).length).to.be.greaterThan(0);
    const themes = objects(store, agri, iri('dcat', 'theme'));
    expect(themes.length).to.be.greaterThan(0);
    for (const t of themes)
      expect(
        store.getObjects(t, namedNode('http://www.w3.org/2004/02/skos/core#prefLabel'), null),
      ).to.have.length(1);
  });

  it('says a pentad series is OTHER with a temporal resolution of P5D', () => {
    const grain = namedNode(`${base}/datasets/grain-purchase#dataset`);
    expect(one(store, grain, iri('dct', 'accrualPeriodicity')).value).to.equal(`${FREQUENCY}OTHER`);
    expect(one(store, grain, iri('dcat', 'temporalResolution'))).to.deep.equal(
      literal('P5D', namedNode(NS.xsd + 'duration')),
    );
  });

  it('marks a repealed (废止) dataset Withdrawn and keeps its public release, checksum and all', async () => {
    const ds = namedNode(`${base}/datasets/${repealed}#dataset`);
    expect(one(store, ds, iri('adms', 'status')).value).to.equal('http://purl.org/adms/status/Withdrawn');
    // Only the public release counts: the embargoed 2020-02 does not stretch the period.
    const temporal = one(store, ds, iri('dct', 'temporal'));
    expect(one(store, temporal, iri('dcat', 'startDate')).value).to.equal('2020-01-01');
    expect(one(store, temporal, iri('dcat', 'endDate')).value).to.equal('2020-01-31');

    const distributions = objects(store, ds, iri('dcat', 'distribution'));
    const downloads = distributions.map((d) => one(store, d, iri('dcat', 'downloadURL')).value);
    expect(downloads).to.have.members([
      `${base}/api/v1/datasets/${repealed}/export.csv`,
      `${base}/api/v1/datasets/${repealed}/releases/${published.period}/data.csv?revision=${published.revision}`,
    ]);
    const release = distributions.find((d) =>
      one(store, d, iri('dcat', 'downloadURL')).value.includes('/releases/'),
    )!;
    expect(one(store, release, iri('dcat', 'mediaType')).value).to.equal(
      'https://www.iana.org/assignments/media-types/text/csv',
    );
    expect(one(store, release, iri('dct', 'license')).value).to.equal(
      'https://creativecommons.org/licenses/by/4.0/',
    );
    const issued = one(store, release, iri('dct', 'issued')) as ReturnType<typeof literal>;
    expect(issued.datatype.value).to.equal(NS.xsd + 'dateTime');
    const checksum = one(store, release, iri('spdx', 'checksum'));
    expect(one(store, checksum, iri('spdx', 'algorithm')).value).to.equal(
      NS.spdx + 'checksumAlgorithm_sha256',
    );
    const value = one(store, checksum, iri('spdx', 'checksumValue'));
    expect(value).to.deep.equal(literal(published.sha256, namedNode(NS.xsd + 'hexBinary')));
    // The checksum is of the bytes a harvester downloads from downloadURL.
    const file = await fetch(one(store, release, iri('dcat', 'downloadURL')).value);
    expect(file.status).to.equal(200);
    expect(sha256(Buffer.from(await file.arrayBuffer()))).to.equal(value.value);
  });

  it('never lists an embargoed release, nor names any field', () => {
    expect(turtle).not.to.contain(`${repealed}/releases/${embargoed}`);
    expect(JSON.stringify(json)).not.to.contain(`${repealed}/releases/${embargoed}`);
    for (const text of [turtle, JSON.stringify(json)]) {
      expect(text).not.to.contain('试算金额');
      expect(text).not.to.contain('Trial amount');
    }
  });

  it('names the host each harvester asked, in Turtle as in JSON-LD, whatever that host is', async () => {
    const mirror = await rawGet('/catalog.ttl', { host: 'mirror.example:8080' });
    expect(mirror.status).to.equal(200);
    const text = mirror.body.toString('utf8');
    const parsed = new Store(new Parser({ format: 'text/turtle' }).parse(text));
    expect(parsed.size).to.equal(store.size);
    expect(text).to.contain('<http://mirror.example:8080/datasets/agri-prices#dataset>');
    expect(text).not.to.contain(new URL(base).host);
    expect(text).not.to.contain('origin.invalid');
    // The answer to the test server's own host is unchanged by the other host's request.
    expect((await getJson('/catalog.ttl')).body).to.equal(turtle);
  });

  it('answers /catalog by content negotiation and keeps the redirect for browsers', async () => {
    const { url } = await testServer();
    const asTurtle = await fetch(`${url}/catalog`, {
      headers: { accept: 'text/turtle' },
      redirect: 'manual',
    });
    expect(asTurtle.status).to.equal(200);
    expect(asTurtle.headers.get('content-type')).to.equal('text/turtle; charset=utf-8');
    expect(asTurtle.headers.get('vary')).to.match(/Accept/);
    expect(parseTurtle(await asTurtle.text()).size).to.equal(store.size);
    const asJson = await fetch(`${url}/catalog`, {
      headers: { accept: 'application/ld+json' },
      redirect: 'manual',
    });
    expect(asJson.status).to.equal(200);
    expect(asJson.headers.get('content-type')).to.equal('application/ld+json; charset=utf-8');
    expect(await asJson.json()).to.deep.equal(json);
    const browser = await fetch(`${url}/catalog?q=x`, {
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
      redirect: 'manual',
    });
    expect(browser.status).to.equal(301);
    expect(browser.headers.get('location')).to.equal('/?q=x');
    expect(browser.headers.get('vary')).to.match(/Accept/);
  });

  it('revalidates with an ETag per serialisation (304 while nothing public changed)', async () => {
    const first = await getJson('/catalog.ttl');
    const etag = first.headers.get('etag')!;
    expect(etag).to.match(/^".+-ttl"$/);
    const again = await getJson('/catalog.ttl', { headers: { 'if-none-match': etag } });
    expect(again.status).to.equal(304);
    const other = await getJson('/catalog.jsonld', { headers: { 'if-none-match': etag } });
    expect(other.status).to.equal(200);
  });

  it('serves schema.org Dataset JSON-LD per dataset, the very document the page embeds', async () => {
    const res = await getJson(`/api/v1/datasets/${repealed}.jsonld`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('application/ld+json; charset=utf-8');
    expect(res.headers.get('etag')).to.match(/^"/);
    assertMatchesSpec('/api/v1/datasets/{datasetId}.jsonld', 'get', 200, res.body, 'application/ld+json');
    const ld = res.body;
    expect(ld['@type']).to.equal('Dataset');
    expect(ld.name).to.deep.equal([
      { '@language': 'zh', '@value': '测试数据' },
      { '@language': 'en', '@value': 'Test data' },
    ]);
    expect(ld.url).to.equal(`${base}/datasets/${repealed}`);
    expect(ld.isAccessibleForFree).to.equal(true);
    expect(ld.creativeWorkStatus).to.equal('Withdrawn');
    expect(ld.temporalCoverage).to.equal('2020-01-01/2020-01-31');
    expect(ld.keywords).to.include('财政');
    expect(ld.distribution.map((d: { contentUrl: string }) => d.contentUrl)).to.include(
      `${base}/api/v1/datasets/${repealed}/export.csv`,
    );
    expect(ld.variableMeasured.map((v: { propertyID: string }) => v.propertyID)).to.deep.equal([
      'period',
      'amount',
    ]);

    const { url } = await testServer();
    const page = await (
      await fetch(`${url}/datasets/${repealed}`, { headers: { accept: 'text/html' } })
    ).text();
    const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page);
    expect(JSON.parse(m![1]!)).to.deep.equal(ld);

    const missing = await getJson('/api/v1/datasets/no-such-dataset.jsonld');
    expect(missing.status).to.equal(404);
    expect(missing.body.error.code).to.equal('dataset_not_found');
    assertMatchesSpec('/api/v1/datasets/{datasetId}.jsonld', 'get', 404, missing.body);
  });
});
