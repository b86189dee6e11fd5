import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { normalizeDatasetInput } from '../../src/catalog/dataset-input';
import {
  comparePeriods,
  dueDate,
  formatPeriod,
  parsePeriod,
  periodEnd,
  type PeriodKind,
} from '../../src/periods';
import { noticeDataset } from '../../src/notice';
import { castRecord, checkSchemaDocument, type TableSchema } from '../../src/schemas';
import {
  SAMPLE_AGENCIES,
  SAMPLE_DATASETS,
  SAMPLE_NOTE,
  SAMPLE_POVERTY_ID_NUMBERS,
  SAMPLE_POVERTY_NAMES,
  SEED_CUTOFF,
  type SampleDataset,
  type SampleRelease,
} from '../../seeds/sample';

const EXPECTED_IDS = [
  'agri-prices',
  'grain-purchase',
  'land-supply',
  'land-prices',
  'fiscal-revenue-expenditure',
  'water-quality-ranking',
  'food-sampling',
  'poverty-registry',
];

function sample(id: string): SampleDataset {
  const found = SAMPLE_DATASETS.find((s) => s.dataset.id === id);
  if (!found) throw new Error(`no sample dataset ${id}`);
  return found;
}

function kindOf(s: SampleDataset): PeriodKind {
  const kind = s.dataset.periodKind;
  if (!kind) throw new Error(`${s.dataset.id} has no periodKind`);
  return kind;
}

/** Decimal text → integer hundredths, so sums compare exactly. */
const cents = (text: string | undefined): number => Math.round(Number(text) * 100);

function cell(row: Record<string, string>, name: string): string {
  const value = row[name];
  if (value === undefined) throw new Error(`row has no ${name}: ${JSON.stringify(row)}`);
  return value;
}

function hashReleases(releases: Iterable<SampleRelease>, limit = Infinity): string {
  const hash = createHash('sha256');
  let n = 0;
  for (const release of releases) {
    if (n++ >= limit) break;
    hash.update(JSON.stringify(release));
  }
  return hash.digest('hex');
}

/** Problems with one release that hold for every dataset: keys, primary key, period text. */
function releaseProblems(s: SampleDataset, schema: TableSchema, release: SampleRelease): string[] {
  const problems: string[] = [];
  const names = schema.fields.map((f) => f.name).join(',');
  if (formatPeriod(parsePeriod(release.period, kindOf(s))) !== release.period) {
    problems.push(`non-canonical period ${release.period}`);
  }
  const keys = new Set<string>();
  for (const row of release.rows) {
    if (Object.keys(row).join(',') !== names) problems.push(`keys ${Object.keys(row).join(',')}`);
    if (row.period !== release.period) problems.push(`row period ${row.period} in release ${release.period}`);
    const key = schema.primaryKey.map((k) => row[k]).join('\u0000');
    if (keys.has(key)) problems.push(`duplicate key ${key}`);
    keys.add(key);
  }
  return problems.slice(0, 5);
}

describe('sample data (seeds/sample)', () => {
  const cache = new Map<string, SampleRelease[]>();
  /** Materialised releases of the small datasets (agri-prices is iterated once, below). */
  const releasesOf = (id: string): SampleRelease[] => {
    let list = cache.get(id);
    if (!list) {
      list = [...sample(id).releases()];
      cache.set(id, list);
    }
    return list;
  };
  const smallDatasets = SAMPLE_DATASETS.filter((s) => s.dataset.id !== 'agri-prices');

  describe('catalogue entries', () => {
    it('lists the eight datasets in order and labels them as synthetic sample data', () => {
      expect(SAMPLE_DATASETS.map((s) => s.dataset.id)).to.deep.equal(EXPECTED_IDS);
      expect(SAMPLE_NOTE).to.equal(
        '示例数据（合成），非官方统计 / Synthetic sample data, not official statistics',
      );
      for (const { dataset } of SAMPLE_DATASETS) {
        expect(dataset.isSample, dataset.id).to.equal(true);
        expect(dataset.description.zh, dataset.id).to.match(/^示例数据（合成）/);
        expect(dataset.description.en, dataset.id).to.match(/^Synthetic sample data/);
        expect(dataset.legalBasis).to.equal('晋政办发〔2017〕50号');
        expect(dataset.licence).to.equal('CC-BY-4.0');
        expect(dataset.disclosure).to.equal('proactive');
        expect(dataset.tags.length, dataset.id).to.be.greaterThan(0);
        expect(dataset.themes.length, dataset.id).to.be.greaterThan(0);
      }
    });

    it('takes each definition and schema from the notice catalogue, only labelled as sample data', () => {
      for (const s of SAMPLE_DATASETS) {
        const notice = noticeDataset(s.dataset.id);
        expect(s.schema, s.dataset.id).to.equal(notice.schema);
        const { description, tags, isSample, firstPeriod, ...rest } = s.dataset;
        const { description: d, tags: t, firstPeriod: f, ...definition } = notice.dataset;
        expect(rest, s.dataset.id).to.deep.equal(definition);
        expect(isSample).to.equal(true);
        expect(tags).to.deep.equal([...t, '示例数据']);
        expect(description.zh).to.equal(`示例数据（合成），非官方统计，仅用于演示平台功能。${d.zh}`);
        // A dataset the notice leaves to start on creation starts where its sample history does.
        expect(firstPeriod, s.dataset.id).to.equal(f ?? releasesOf(s.dataset.id)[0]?.period);
      }
    });

    it('passes the platform’s own dataset and schema validation', () => {
      const agencyIds = new Set(SAMPLE_AGENCIES.map((a) => a.id));
      // Chinese agency names follow the notice's wording.
      expect(SAMPLE_AGENCIES.find((a) => a.id === 'sx-agriculture')?.name.zh).to.equal('省农业厅');
      for (const a of SAMPLE_AGENCIES) expect(a.id).to.match(/^[a-z][a-z0-9-]{1,48}$/);
      for (const s of SAMPLE_DATASETS) {
        const normalized = normalizeDatasetInput(s.dataset);
        expect(normalized.periodKind, s.dataset.id).to.equal(kindOf(s));
        for (const id of s.dataset.agencies)
          expect(agencyIds.has(id), `${s.dataset.id} → ${id}`).to.equal(true);
        const checked = checkSchemaDocument(structuredClone(s.schema));
        expect(checked.fields.map((f) => f.name)).to.deep.equal(s.schema.fields.map((f) => f.name));
        expect(s.schema.fields[0]?.type, `${s.dataset.id}: period field first`).to.equal('period');
        expect(s.schema.fields[0]?.periodKind).to.equal(kindOf(s));
        for (const f of s.schema.fields) expect(f.name).to.match(/^[a-z][a-z0-9_]*$/);
      }
    });
  });

  describe('agri-prices (one full iteration)', () => {
    const s = sample('agri-prices');
    const schema = checkSchemaDocument(structuredClone(s.schema));
    let rows = 0;
    let millis = 0;
    const periods: string[] = [];
    const problems: string[] = [];

    before(() => {
      const started = performance.now();
      let n = 0;
      for (const release of s.releases()) {
        rows += release.rows.length;
        periods.push(release.period);
        problems.push(...releaseProblems(s, schema, release));
        if (release.publishAt > new Date(SEED_CUTOFF).toISOString()) problems.push(`late ${release.period}`);
        for (const row of release.rows) {
          const [min, avg, max] = [cents(row.min_price), cents(row.avg_price), cents(row.max_price)];
          if (!(min > 0 && min <= avg && avg <= max))
            problems.push(`${release.period} ${JSON.stringify(row)}`);
        }
        // Casting every cell is slower than generating it; every 25th week is plenty.
        if (n++ % 25 === 0) {
          for (const row of release.rows) {
            const { errors } = castRecord(schema, row);
            if (errors.length > 0) problems.push(JSON.stringify(errors));
          }
        }
      }
      millis = performance.now() - started;
    });

    it('yields at least 200,000 rows of weekly prices', () => {
      expect(rows).to.be.at.least(200_000);
      expect(periods[0]).to.equal('2017-W01');
      expect(periods[periods.length - 1]).to.equal('2026-W46');
      // Informational: the seed runs this at first start-up.
      console.log(`      agri-prices: ${rows} rows in ${periods.length} releases, ${millis.toFixed(0)} ms`);
    });

    it('has canonical periods, schema keys, unique primary keys and min ≤ avg ≤ max', () => {
      expect(problems.slice(0, 5)).to.deep.equal([]);
    });

    it('leaves out a couple of weeks so timeliness reports show gaps', () => {
      expect(periods).to.not.include('2019-W40');
      expect(periods).to.not.include('2024-W06');
      expect(periods.length).to.be.within(505, 513);
    });
  });

  describe('every smaller dataset', () => {
    for (const s of smallDatasets) {
      it(`${s.dataset.id}: canonical periods in order, schema keys, unique keys, valid cells`, () => {
        const schema = checkSchemaDocument(structuredClone(s.schema));
        const list = releasesOf(s.dataset.id);
        expect(list.length).to.be.greaterThan(0);
        expect(list[0]?.period).to.equal(s.dataset.firstPeriod);
        const problems: string[] = [];
        list.forEach((release, i) => {
          problems.push(...releaseProblems(s, schema, release));
          const previous = list[i - 1];
          if (previous && comparePeriods(parsePeriod(previous.period), parsePeriod(release.period)) >= 0) {
            problems.push(`out of order: ${previous.period} then ${release.period}`);
          }
          for (const row of release.rows) {
            const { errors } = castRecord(schema, row);
            if (errors.length > 0) problems.push(`${release.period}: ${JSON.stringify(errors)}`);
          }
        });
        expect(problems.slice(0, 5)).to.deep.equal([]);
      });
    }

    it('publishes each release after its period ends, near its due date and before the seed cutoff', () => {
      const cutoff = Date.parse(SEED_CUTOFF);
      for (const s of smallDatasets) {
        let late = 0;
        for (const release of releasesOf(s.dataset.id)) {
          const period = parsePeriod(release.period, kindOf(s));
          const at = Date.parse(release.publishAt);
          const due = dueDate(period, s.dataset.dueRule).getTime();
          expect(new Date(at).toISOString(), `${s.dataset.id} ${release.period}`).to.equal(release.publishAt);
          expect(at).to.be.at.most(cutoff);
          expect(at).to.be.greaterThan(Date.parse(`${periodEnd(period)}T23:59:59+08:00`));
          expect(at - due).to.be.within(-86_400_000, 11 * 86_400_000);
          if (at > due) late++;
        }
        expect(late, `${s.dataset.id} late releases`).to.be.below(releasesOf(s.dataset.id).length / 4);
      }
    });

    it('is deterministic: iterating twice gives identical releases', () => {
      for (const s of smallDatasets) {
        expect(hashReleases(s.releases()), s.dataset.id).to.equal(hashReleases(releasesOf(s.dataset.id)));
      }
      const agri = sample('agri-prices');
      expect(hashReleases(agri.releases(), 30)).to.equal(hashReleases(agri.releases(), 30));
    });
  });

  describe('fiscal-revenue-expenditure', () => {
    it('keeps year-to-date totals equal to the running sum of monthly amounts, resetting in January', () => {
      const running = new Map<string, number>();
      for (const release of releasesOf('fiscal-revenue-expenditure')) {
        if (release.period.endsWith('-01')) running.clear();
        for (const row of release.rows) {
          const key = `${row.region}|${row.item}`;
          const sum = (running.get(key) ?? 0) + cents(row.amount);
          running.set(key, sum);
          expect(cents(row.cumulative), `${release.period} ${key}`).to.equal(sum);
        }
      }
    });

    it('has tax + non-tax revenue equal to general budget revenue', () => {
      for (const release of releasesOf('fiscal-revenue-expenditure')) {
        const byKey = new Map(release.rows.map((r) => [`${r.region}|${r.item}`, r]));
        for (const region of new Set(release.rows.map((r) => cell(r, 'region')))) {
          const row = (item: string) => byKey.get(`${region}|${item}`) ?? {};
          for (const col of ['amount', 'cumulative']) {
            expect(
              cents(row('税收收入')[col]) + cents(row('非税收入')[col]),
              `${release.period} ${region}`,
            ).to.equal(cents(row('一般公共预算收入')[col]));
          }
        }
      }
    });

    it('computes year-on-year growth against last year’s year-to-date total (empty in 2017)', () => {
      const cumulative = new Map<string, number>();
      for (const release of releasesOf('fiscal-revenue-expenditure')) {
        const [year, month] = release.period.split('-').map(Number) as [number, number];
        for (const row of release.rows) {
          const key = `${row.region}|${row.item}`;
          cumulative.set(`${year}-${month}|${key}`, cents(row.cumulative));
          const base = cumulative.get(`${year - 1}-${month}|${key}`);
          if (year === 2017) expect(row.yoy_growth).to.equal('');
          else
            expect(Number(row.yoy_growth)).to.be.closeTo(
              (cents(row.cumulative) / (base ?? NaN) - 1) * 100,
              0.051,
            );
        }
      }
    });
  });

  describe('water-quality-ranking', () => {
    it('ranks the 11 cities 1..11 each year, in CWQI order (lower is better), flagging best and worst three', () => {
      const releases = releasesOf('water-quality-ranking');
      expect(releases.map((r) => r.period)).to.deep.equal([
        '2017',
        '2018',
        '2019',
        '2020',
        '2021',
        '2022',
        '2023',
        '2024',
        '2025',
      ]);
      for (const release of releases) {
        const rows = [...release.rows].sort((a, b) => Number(a.rank) - Number(b.rank));
        expect(rows.map((r) => Number(r.rank))).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        expect(new Set(rows.map((r) => r.city)).size).to.equal(11);
        for (let i = 1; i < rows.length; i++) {
          expect(Number(rows[i]?.index), release.period).to.be.greaterThan(Number(rows[i - 1]?.index));
        }
        expect(rows.map((r) => r.flag)).to.deep.equal([
          ...Array<string>(3).fill('最好'),
          ...Array<string>(5).fill(''),
          ...Array<string>(3).fill('最差'),
        ]);
      }
    });
  });

  describe('grain-purchase', () => {
    it('accumulates within each Oct–Mar season and resets every October', () => {
      const running = new Map<string, number>();
      let seasons = 0;
      for (const release of releasesOf('grain-purchase')) {
        const month = Number(release.period.slice(5, 7));
        expect(month >= 10 || month <= 3, release.period).to.equal(true);
        if (release.period.endsWith('-10-P1')) {
          seasons++;
          running.clear();
        }
        for (const row of release.rows) {
          const key = `${row.grain}|${row.city}`;
          const sum = (running.get(key) ?? 0) + cents(row.purchased_pentad);
          running.set(key, sum);
          expect(cents(row.purchased_cumulative), `${release.period} ${key}`).to.equal(sum);
          if (release.period.endsWith('-10-P1'))
            expect(row.purchased_cumulative).to.equal(row.purchased_pentad);
        }
      }
      expect(seasons).to.equal(10);
      // The cumulative really grows over a season: end-of-season totals dwarf the first pentad.
      const march = releasesOf('grain-purchase').find((r) => r.period === '2018-03-P6');
      const total = march?.rows.reduce((s, r) => s + cents(r.purchased_cumulative), 0) ?? 0;
      expect(total).to.be.greaterThan(100 * 100);
    });
  });

  describe('land-prices and food-sampling', () => {
    it('derives quarter-on-quarter land price growth from the published series', () => {
      const last = new Map<string, number>();
      for (const release of releasesOf('land-prices')) {
        for (const row of release.rows) {
          const key = `${row.city}|${row.land_use}`;
          const price = Number(row.avg_price);
          const previous = last.get(key);
          if (previous === undefined) expect(row.growth_rate).to.equal('');
          else expect(Number(row.growth_rate)).to.be.closeTo((price / previous - 1) * 100, 0.0051);
          last.set(key, price);
        }
      }
    });

    it('publishes 40–80 samples a month with unique numbers, ~3–5% failing with details only when failing', () => {
      let samples = 0;
      let failing = 0;
      const numbers = new Set<string>();
      for (const release of releasesOf('food-sampling')) {
        expect(release.rows.length).to.be.within(40, 80);
        for (const row of release.rows) {
          samples++;
          numbers.add(cell(row, 'sample_no'));
          expect(row.sample_no?.slice(2, 8)).to.equal(release.period.replace('-', ''));
          const details = [row.failing_item, row.measured_value, row.standard_value, row.measure_unit];
          if (row.result === '不合格') {
            failing++;
            expect(
              details.every((d) => d !== ''),
              JSON.stringify(row),
            ).to.equal(true);
          } else {
            expect(details).to.deep.equal(['', '', '', '']);
          }
        }
      }
      expect(numbers.size).to.equal(samples);
      expect(failing / samples).to.be.within(0.03, 0.05);
    });
  });

  describe('poverty-registry', () => {
    const releases = () => releasesOf('poverty-registry');

    it('holds a few hundred households over three years, with fewer still poor each year', () => {
      expect(releases().map((r) => r.period)).to.deep.equal(['2017', '2018', '2019']);
      const rows = releases().flatMap((r) => r.rows);
      expect(rows.length).to.be.within(200, 600);
      const poorShare = releases().map(
        (r) => r.rows.filter((row) => row.status === '未脱贫').length / r.rows.length,
      );
      expect(poorShare[0]).to.be.greaterThan(poorShare[1] ?? 1);
      expect(poorShare[1]).to.be.greaterThan(poorShare[2] ?? 1);
      for (const row of rows) {
        if (row.status === '已脱贫') expect(Number(row.exit_year)).to.be.at.most(Number(row.period));
        else expect(row.exit_year).to.equal('');
      }
    });

    it('fills the restricted fields with synthetic names and impossible ID numbers', () => {
      const rows = releases().flatMap((r) => r.rows);
      expect(new Set(rows.map((r) => r.head_name))).to.have.members([...new Set(SAMPLE_POVERTY_NAMES)]);
      for (const name of SAMPLE_POVERTY_NAMES) expect(name).to.match(/^[\u4e00-\u9fa5]{2,3}$/);
      // The layout of a resident ID number, but birth month 00: no real person has one.
      for (const id of SAMPLE_POVERTY_ID_NUMBERS)
        expect(id).to.match(/^14\d{4}(19[4-9]\d)00\d{2}\d{3}[\dX]$/);
      expect(new Set(SAMPLE_POVERTY_NAMES).size).to.be.greaterThan(SAMPLE_POVERTY_NAMES.length / 2);
    });
  });
});
