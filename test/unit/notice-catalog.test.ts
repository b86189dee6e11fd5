import { expect } from 'chai';
import { CADENCE_PERIOD_KIND, type Dataset } from '../../src/catalog';
import { normalizeDatasetInput } from '../../src/catalog/dataset-input';
import type { SchemaVersion } from '../../src/catalog';
import { buildSchema } from '../../src/graphql/build-schema';
import { datasetFieldName, typeNameFor } from '../../src/graphql/names';
import { NOTICE_AGENCIES, NOTICE_DATASETS, noticeDataset, type NoticeDataset } from '../../src/notice';
import { dueDate, formatPeriod, parsePeriod, periodEnd, type PeriodKind } from '../../src/periods';
import { REQUIRED_ITEMS } from '../support/notice-items';
import {
  checkSchemaDocument,
  fieldRole,
  periodField,
  publicFields,
  tableSchemaDocument,
} from '../../src/schemas';

/** Agency ids already in use (tokens, releases and audit entries refer to them). */
const EARLIER_AGENCY_IDS = [
  'sx-agriculture',
  'sx-grain',
  'sx-land',
  'sx-housing',
  'sx-pbc-taiyuan',
  'sx-banking-regulator',
  'sx-finance',
  'sx-development-reform',
  'sx-human-resources',
  'sx-environment',
  'sx-food-drug',
];

/** Numeric measures without a unit, and why. */
const UNITLESS_MEASURES = new Set(['water-quality-ranking.index']); // CWQI is a dimensionless index

const CLAUSE = /^[一二三四五六七八九]\([一二三四五六七八九十]+\)$/;
const ids = NOTICE_DATASETS.map((d) => d.dataset.id);
const kindOf = (d: NoticeDataset): PeriodKind => normalizeDatasetInput(d.dataset).periodKind;

/** A dataset as the catalogue would return it right after ensureNoticeCatalog created it. */
function asCreated({ dataset, schema }: NoticeDataset): { dataset: Dataset; version: SchemaVersion } {
  const d = normalizeDatasetInput(dataset);
  const agencies = d.agencies.map((id) => NOTICE_AGENCIES.find((a) => a.id === id)!);
  const now = '2026-11-25T00:00:00.000Z';
  return {
    dataset: {
      ...d,
      season: d.season ?? null,
      agencies,
      status: { status: 'active', label: '有效', date: null, reason: null },
      currentVersion: 1,
      createdAt: now,
      updatedAt: now,
    },
    version: {
      id: 1,
      datasetId: d.id,
      version: 1,
      semver: '1.0.0',
      changeLevel: 'INITIAL',
      changes: [],
      schema: checkSchemaDocument(structuredClone(schema)),
      storageTable: `ds_${d.id}`,
      createdBy: 'test',
      createdAt: now,
    },
  };
}

describe('notice catalogue (src/notice)', () => {
  describe('coverage of the notice', () => {
    for (const { clause, item, ids: itemIds } of REQUIRED_ITEMS) {
      it(`${clause} ${item}`, () => {
        for (const id of itemIds) {
          const { dataset } = noticeDataset(id);
          expect(dataset.clause, id).to.equal(clause);
          expect(dataset.title.zh, id).to.contain(item);
        }
      });
    }

    it('has one dataset per id and cites every dataset to a clause of the notice', () => {
      expect(new Set(ids).size).to.equal(ids.length);
      for (const { dataset } of NOTICE_DATASETS) {
        expect(dataset.legalBasis, dataset.id).to.equal('晋政办发〔2017〕50号');
        expect(dataset.clause, dataset.id).to.match(CLAUSE);
        expect(dataset.licence, dataset.id).to.equal('CC-BY-4.0');
        expect(dataset.disclosure, dataset.id).to.equal('proactive');
        expect(dataset.isSample ?? false, dataset.id).to.equal(false);
        expect(dataset.description.zh, dataset.id).to.not.contain('示例');
        expect(dataset.themes.length, dataset.id).to.be.greaterThan(0);
        expect(dataset.tags.length, dataset.id).to.be.greaterThan(0);
      }
      // Every required item is covered, and the catalogue also holds the further list-type items.
      expect(ids).to.include.members(REQUIRED_ITEMS.flatMap((r) => r.ids));
      expect(ids.length).to.be.greaterThan(REQUIRED_ITEMS.length);
    });

    it('tracks every item from its registration, so no agency is late for periods before the platform', () => {
      // Sample histories (seeds) bring their own first period; the definitions declare none.
      for (const { dataset } of NOTICE_DATASETS)
        expect(dataset.firstPeriod ?? null, dataset.id).to.equal(null);
    });
  });

  describe('dataset definitions', () => {
    it('pass the platform’s own validation with a cadence, period kind and due rule', () => {
      for (const d of NOTICE_DATASETS) {
        const normalized = normalizeDatasetInput(d.dataset);
        if (normalized.cadence !== 'irregular') {
          expect(normalized.periodKind, d.dataset.id).to.equal(CADENCE_PERIOD_KIND[normalized.cadence]);
        }
        // The due date of a period lies after it ends, within a year, in Beijing office hours.
        const period = parsePeriod(d.dataset.firstPeriod ?? samplePeriod(normalized.periodKind));
        const due = dueDate(period, normalized.dueRule);
        const end = Date.parse(`${periodEnd(period)}T23:59:59+08:00`);
        expect(due.getTime(), d.dataset.id).to.be.greaterThan(end);
        expect(due.getTime() - end, d.dataset.id).to.be.below(366 * 86_400_000);
        expect(normalized.dueRule.time, d.dataset.id).to.match(/^(0[89]|1[0-7]):[0-5]\d$/);
      }
    });

    it('name agencies the notice names, lead first, and keep the agency ids already in use', () => {
      const agencyIds = NOTICE_AGENCIES.map((a) => a.id);
      expect(new Set(agencyIds).size).to.equal(agencyIds.length);
      expect(agencyIds).to.include.members(EARLIER_AGENCY_IDS);
      for (const a of NOTICE_AGENCIES) {
        expect(a.id).to.match(/^sx-[a-z0-9-]+$/);
        expect(a.name.zh.trim(), a.id).to.not.equal('');
        expect(a.name.en.trim(), a.id).to.not.equal('');
        expect(a.homepage, a.id).to.equal(null);
      }
      for (const { dataset } of NOTICE_DATASETS) {
        expect(new Set(dataset.agencies).size, dataset.id).to.equal(dataset.agencies.length);
        for (const id of dataset.agencies) expect(agencyIds, `${dataset.id} → ${id}`).to.include(id);
      }
      expect(noticeDataset('poverty-registry').dataset.agencies[0]).to.equal('sx-poverty-alleviation');
      expect(noticeDataset('quarterly-economy').dataset.agencies[0]).to.equal('sx-statistics');
    });

    it('have unique, valid GraphQL names that build into one schema without clashes', () => {
      const names = NOTICE_DATASETS.map((d) => d.dataset.graphqlName ?? '');
      for (const n of names) expect(n).to.match(/^[a-z][A-Za-z0-9]{1,60}$/);
      expect(new Set(names).size).to.equal(names.length);
      expect(new Set(names.map(typeNameFor)).size).to.equal(names.length);

      const warnings: string[] = [];
      const schema = buildSchema(NOTICE_DATASETS.map(asCreated), (m) => warnings.push(m));
      expect(warnings).to.deep.equal([]);
      const rootFields = Object.keys(schema.getQueryType()!.getFields());
      for (const d of NOTICE_DATASETS) {
        const root = datasetFieldName({ id: d.dataset.id, graphqlName: d.dataset.graphqlName ?? null });
        expect(rootFields, d.dataset.id).to.include.members([root, `${root}Aggregate`]);
      }
    });
  });

  describe('schemas (version 1)', () => {
    it('pass checkSchemaDocument with a period field of the dataset’s kind in the primary key', () => {
      for (const d of NOTICE_DATASETS) {
        const schema = checkSchemaDocument(structuredClone(d.schema));
        const period = periodField(schema);
        expect(period.periodKind, d.dataset.id).to.equal(kindOf(d));
        expect(schema.primaryKey, d.dataset.id).to.include(period.name);
        expect(schema.fields.length, d.dataset.id).to.be.within(5, 12);
      }
    });

    it('give every field Chinese and English titles and every numeric measure a unit', () => {
      for (const d of NOTICE_DATASETS) {
        const schema = checkSchemaDocument(structuredClone(d.schema));
        for (const f of schema.fields) {
          const where = `${d.dataset.id}.${f.name}`;
          expect(f.title.zh.trim(), where).to.not.equal('');
          expect(f.title.en.trim(), where).to.not.equal('');
          if (fieldRole(schema, f) === 'measure' && !UNITLESS_MEASURES.has(where)) {
            expect(f.unit, where).to.be.a('string');
          }
        }
        expect(
          schema.fields.some((f) => fieldRole(schema, f) === 'measure' || f.role === 'attribute'),
          d.dataset.id,
        ).to.equal(true);
      }
    });

    it('keep the poverty register’s household heads out of everything served', () => {
      const schema = checkSchemaDocument(structuredClone(noticeDataset('poverty-registry').schema));
      const restricted = schema.fields.filter((f) => f.disclosure === 'restricted').map((f) => f.name);
      expect(restricted).to.have.members(['head_name', 'head_id_number']);
      expect(publicFields(schema).map((f) => f.name)).to.not.include.members(restricted);
      const published = JSON.stringify(tableSchemaDocument(schema));
      for (const text of ['head_name', 'head_id_number', '户主姓名', '户主身份证号']) {
        expect(published).to.not.contain(text);
      }
    });

    it('restrict no field of any other dataset (only personal data is withheld)', () => {
      for (const d of NOTICE_DATASETS.filter((x) => x.dataset.id !== 'poverty-registry')) {
        expect(
          d.schema.fields.filter((f) => f.disclosure === 'restricted').map((f) => f.name),
          d.dataset.id,
        ).to.deep.equal([]);
      }
    });
  });
});

/** A representative period of a kind, for datasets that start tracking only when created. */
function samplePeriod(kind: PeriodKind): string {
  const samples: Record<PeriodKind, string> = {
    week: '2024-W10',
    pentad: '2024-10-P1',
    month: '2024-05',
    quarter: '2024-Q2',
    half: '2024-H1',
    year: '2024',
  };
  return formatPeriod(parsePeriod(samples[kind], kind));
}
