import { expect } from 'chai';
import { Parser } from 'n3';
import type { Cadence, Dataset, ReleaseRecord } from '../../src/catalog';
import type { PublicEntry } from '../../src/http/linked-data/catalog-source';
import { dcatCatalog } from '../../src/http/linked-data/dcat-graph';
import { turtleOf } from '../../src/http/linked-data/serialise';
import { linkedUrls } from '../../src/http/linked-data/urls';

const BASE = 'https://data.example.cn';
const DCT = 'http://purl.org/dc/terms/';
const DCAT = 'http://www.w3.org/ns/dcat#';

function dataset(id: string, cadence: Cadence, currentVersion: number | null): Dataset {
  return {
    id,
    title: { zh: `标题${id}`, en: `Title ${id}` },
    description: { zh: '说明', en: 'About' },
    agencies: [{ id: 'sx-finance', name: { zh: '省财政厅', en: 'Finance Dept' }, homepage: null }],
    legalBasis: '晋政办发〔2017〕50号',
    clause: '六(三)',
    cadence,
    periodKind: 'half',
    season: null,
    dueRule: { offset: 'P1M', time: '09:00' },
    firstPeriod: null,
    leadTime: null,
    licence: 'CC-BY-4.0',
    themes: ['财政'],
    tags: ['预算'],
    disclosure: 'proactive',
    status: { status: 'expired', label: '失效', date: '2020-01-01', reason: '已被新规定替代' },
    isSample: false,
    graphqlName: null,
    currentVersion,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
  };
}

const release: ReleaseRecord = {
  id: 7,
  datasetId: 'half-yearly',
  period: '2025-H2',
  revision: 2,
  schemaVersionId: 3,
  schemaVersion: 1,
  rowCount: 10,
  sha256: 'ab'.repeat(32),
  bytes: null,
  publishAt: new Date('2026-02-01T01:00:00Z'),
  createdBy: 'test',
  note: null,
  revisionReason: '更正',
  createdAt: new Date('2026-02-01T00:00:00Z'),
  withdrawal: null,
};

const entry = (d: Dataset, releases: ReleaseRecord[]): PublicEntry => ({
  summary: {
    dataset: d,
    stats: {
      releaseCount: releases.length,
      rowCount: releases.reduce((n, r) => n + r.rowCount, 0),
      firstPeriod: releases[0]?.period ?? null,
      lastPeriod: releases.at(-1)?.period ?? null,
      lastUpdated: releases.at(-1)?.publishAt ?? null,
    },
  },
  releases,
});

async function triples(entries: PublicEntry[]) {
  const quads = new Parser().parse(await turtleOf(dcatCatalog(entries, linkedUrls(BASE))));
  return (s: string, p: string) =>
    quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);
}

describe('DCAT graph (pure): what a harvester reads about one dataset', () => {
  it('a half-yearly 失效 dataset: ANNUAL_2, Deprecated, its period covered, one file per release', async () => {
    const of = await triples([entry(dataset('half-yearly', 'half_yearly', 1), [release])]);
    const ds = `${BASE}/datasets/half-yearly#dataset`;
    expect(of(ds, `${DCT}accrualPeriodicity`).map((o) => o.value)).to.deep.equal([
      'http://publications.europa.eu/resource/authority/frequency/ANNUAL_2',
    ]);
    expect(of(ds, 'http://www.w3.org/ns/adms#status').map((o) => o.value)).to.deep.equal([
      'http://purl.org/adms/status/Deprecated',
    ]);
    expect(of(ds, `${DCAT}temporalResolution`)).to.deep.equal([]);
    const [temporal] = of(ds, `${DCT}temporal`);
    expect(of(temporal!.value, `${DCAT}startDate`).map((o) => o.value)).to.deep.equal(['2025-07-01']);
    expect(of(temporal!.value, `${DCAT}endDate`).map((o) => o.value)).to.deep.equal(['2025-12-31']);
    const files = of(ds, `${DCAT}distribution`).flatMap((d) =>
      of(d.value, `${DCAT}downloadURL`).map((o) => o.value),
    );
    expect(files).to.have.members([
      `${BASE}/api/v1/datasets/half-yearly/export.csv`,
      `${BASE}/api/v1/datasets/half-yearly/releases/2025-H2/data.csv?revision=2`,
    ]);
  });

  it('an irregular dataset with no schema yet: IRREG, no files, no schema, no period', async () => {
    const of = await triples([entry(dataset('not-yet', 'irregular', null), [])]);
    const ds = `${BASE}/datasets/not-yet#dataset`;
    expect(of(ds, `${DCT}accrualPeriodicity`).map((o) => o.value)).to.deep.equal([
      'http://publications.europa.eu/resource/authority/frequency/IRREG',
    ]);
    expect(of(ds, `${DCAT}distribution`)).to.deep.equal([]);
    expect(of(ds, `${DCT}conformsTo`)).to.deep.equal([]);
    expect(of(ds, `${DCT}temporal`)).to.deep.equal([]);
    expect(of(ds, `${DCT}title`).map((o) => o.value)).to.have.members(['标题not-yet', 'Title not-yet']);
  });
});
