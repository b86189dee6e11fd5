import { expect } from 'chai';
import {
  entryCandidates,
  GB2260,
  MAX_LISTED_VALUES,
  MAX_SUGGESTED_TERM_LENGTH,
  suggestValue,
  valueNotAllowed,
} from '../../src/codelists';
import {
  checkSchemaDocument,
  fromPublishedDocument,
  labelRow,
  tableSchemaDocument,
  withLabelColumns,
  type TableSchema,
} from '../../src/schemas';

const CITIES = entryCandidates(GB2260.entries);
const AGENCIES = [
  {
    value: 'sx-environment',
    names: ['省环保厅', 'Shanxi Provincial Department of Environmental Protection'],
  },
  { value: 'sx-agriculture', names: ['省农业厅', 'Shanxi Provincial Department of Agriculture'] },
  { value: 'sx-audit', names: ['省审计厅', 'Shanxi Provincial Audit Office'] },
];

describe('code lists: what a missed term most likely meant', () => {
  it('names the code for a Chinese name with or without 市, and for the English name in any case', () => {
    for (const term of ['太原', '太原市', 'Taiyuan', '  TAIYUAN ', 'Taiyuan City']) {
      expect(suggestValue(term, CITIES), term).to.deep.equal({ value: '140100', match: 'name' });
    }
    expect(suggestValue('山西', CITIES)).to.deep.equal({ value: '140000', match: 'name' });
  });

  it('looks a term longer than any name up by name only, so a long query string buys no search', () => {
    const long = '太原市小店区' + '街'.repeat(MAX_SUGGESTED_TERM_LENGTH);
    expect(suggestValue('太原市小店区', CITIES)?.value).to.equal('140100');
    expect(suggestValue(long, CITIES)).to.equal(undefined);
    // Many and long allowed values, as an agency's enum may hold: still one answer, the right one.
    const many = Array.from({ length: 5000 }, (_, i) => ({ value: `P${i}`, names: [`产品${i}号`] }));
    expect(suggestValue('产品4321号', many)).to.deep.equal({ value: 'P4321', match: 'name' });
    expect(suggestValue('产品4321好', many)).to.deep.equal({ value: 'P4321', match: 'similar' });
  });

  it('ignores accents, so Luliang and Lvliang both find 吕梁市', () => {
    expect(suggestValue('Luliang', CITIES)?.value).to.equal('141100');
    expect(suggestValue('Lvliang', CITIES)?.value).to.equal('141100');
  });

  it('finds a name from part of it, and a near spelling', () => {
    expect(suggestValue('环保', AGENCIES)).to.deep.equal({ value: 'sx-environment', match: 'partial' });
    expect(suggestValue('太原市小店区', CITIES)).to.deep.equal({ value: '140100', match: 'partial' });
    expect(suggestValue('Taiyaun', CITIES)).to.deep.equal({ value: '140100', match: 'similar' });
    expect(suggestValue('sx-enviroment', AGENCIES)).to.deep.equal({
      value: 'sx-environment',
      match: 'similar',
    });
  });

  it('suggests nothing rather than a guess: far terms, blanks and names shared by two values', () => {
    expect(suggestValue('nope', AGENCIES)).to.equal(undefined);
    expect(suggestValue('   ', CITIES)).to.equal(undefined);
    // 省 is part of every agency's name: no one of them is meant more than another.
    expect(suggestValue('省', AGENCIES)).to.equal(undefined);
    const twins = [
      { value: 'a', names: ['城区'] },
      { value: 'b', names: ['城区'] },
    ];
    expect(suggestValue('城区', twins)).to.equal(undefined);
  });
});

describe('code lists: the clear-miss error', () => {
  it('names the parameter, lists a bounded number of allowed values, and gives the labelled suggestion', () => {
    const allowed = GB2260.entries.map((e) => ({ ...entryCandidates([e])[0]!, label: e.name }));
    const e = valueNotAllowed({
      parameter: 'city',
      field: 'city',
      value: '太原',
      allowed,
      codelist: 'gb2260',
    });
    expect(e.code).to.equal('filter_value_not_allowed');
    expect(e.kind).to.equal('validation');
    expect(e.details).to.deep.include({ parameter: 'city', field: 'city', value: '太原', allowedCount: 12 });
    expect((e.details as any).suggestion).to.deep.equal({
      value: '140100',
      label: { zh: '太原市', en: 'Taiyuan' },
      match: 'name',
    });
    expect(e.message).to.contain('140100').and.contain('Taiyuan');

    const many = Array.from({ length: 120 }, (_, i) => ({ value: `v${i}`, names: [] }));
    const big = valueNotAllowed({ parameter: 'x', value: 'zzz', allowed: many });
    expect((big.details as any).allowed).to.have.length(MAX_LISTED_VALUES);
    expect((big.details as any).allowedCount).to.equal(120);
    expect((big.details as any).suggestion).to.equal(null);
  });
});

describe('code lists in the Table Schema', () => {
  const period = { name: 'period', type: 'period', periodKind: 'month', title: { zh: '月份', en: 'Month' } };
  const city = (extra: object) => ({
    name: 'city',
    type: 'string',
    title: { zh: '城市代码', en: 'City code' },
    'x-codelist': 'gb2260',
    constraints: { enum: ['140100', '141100'] },
    ...extra,
  });
  const doc = (...fields: object[]) => ({ fields: [period, ...fields], primaryKey: ['period'] });
  const issues = (d: object): { path: string; message: string }[] => {
    try {
      checkSchemaDocument(d);
    } catch (e) {
      return (e as { details: { path: string; message: string }[] }).details;
    }
    return [];
  };

  it('refuses an unknown list, a non-string field, a missing enum and codes the list lacks, by path', () => {
    expect(issues(doc(city({ 'x-codelist': 'gb9999' })))[0]).to.deep.include({
      path: '$.fields[1].x-codelist',
    });
    expect(issues(doc(city({ type: 'integer', constraints: { enum: [140100] } })))[0]!.path).to.equal(
      '$.fields[1].x-codelist',
    );
    expect(issues(doc(city({ constraints: undefined })))[0]!.message).to.contain('constraints.enum');
    const stray = issues(doc(city({ constraints: { enum: ['140100', '999999'] } })));
    expect(stray[0]).to.deep.include({ path: '$.fields[1].constraints.enum' });
    expect(stray[0]!.message).to.contain('999999');
  });

  it('keeps the name columns of labels=true free: no field may be called city_name_zh', () => {
    const clash = issues(
      doc(city({}), { name: 'city_name_zh', type: 'string', title: { zh: '名称', en: 'Name' } }),
    );
    expect(clash[0]).to.deep.include({ path: '$.fields[2].name' });
  });

  it('publishes categories with Chinese labels and English in x-label-en, and takes the document back', () => {
    const schema = checkSchemaDocument(doc(city({})));
    const published = tableSchemaDocument(schema) as { fields: Record<string, unknown>[] };
    expect(published.fields[1]!.categories).to.deep.equal([
      { value: '140100', label: '太原市', 'x-label-en': 'Taiyuan' },
      { value: '141100', label: '吕梁市', 'x-label-en': 'Lüliang' },
    ]);
    expect(published.fields[1]!['x-codelist']).to.equal('gb2260');
    // The categories are derived, so the published document comes back with the list, not a copy.
    const back = checkSchemaDocument(fromPublishedDocument(published)).fields[1]!;
    expect(back).to.not.have.property('categories');
    expect(back['x-codelist']).to.equal('gb2260');
    expect(back.constraints?.enum).to.deep.equal(['140100', '141100']);
  });

  it('puts each code’s names right after it in a labelled row, null for a missing value', () => {
    const schema: TableSchema = checkSchemaDocument(doc(city({})));
    const columns = withLabelColumns(schema.fields);
    expect(columns.map((c) => c.name)).to.deep.equal(['period', 'city', 'city_name_zh', 'city_name_en']);
    expect(columns.slice(2).map((c) => c.title.zh)).to.deep.equal(['城市名称', '城市英文名称']);
    expect(labelRow({ period: '2024-01', city: '141100' }, columns)).to.deep.equal({
      period: '2024-01',
      city: '141100',
      city_name_zh: '吕梁市',
      city_name_en: 'Lüliang',
    });
    expect(labelRow({ period: '2024-01', city: null }, columns).city_name_zh).to.equal(null);
  });
});
