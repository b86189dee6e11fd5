import { expect } from 'chai';
import { Params } from '../../src/db';
import { isAppError } from '../../src/errors';
import { compileFilters } from '../../src/query/compile-filters';
import { decodeCursor, encodeCursor, queryFingerprint } from '../../src/query/cursor';
import { MAX_IN_VALUES, MAX_SEARCH_WORDS, MAX_SORT_KEYS } from '../../src/query/limits';
import { keysetCondition, orderColumns, orderSql, parseSort } from '../../src/query/order';
import { keyValues, pageStatement } from '../../src/query/page-statement';
import type { RowPlan } from '../../src/query/row-plan';
import { filterConditions, searchConditions } from '../../src/query/where';
import { servableFields } from '../../src/query';
import type { FieldDef, TableSchema } from '../../src/schemas';

const t = (zh: string, en: string) => ({ zh, en });

/** The weekly price schema, as agencies publish it, with one restricted field. */
const PRICES: TableSchema = {
  fields: [
    { name: 'period', type: 'period', periodKind: 'week', title: t('周', 'Week'), role: 'dimension' },
    { name: 'city', type: 'string', title: t('城市', 'City'), role: 'dimension' },
    { name: 'product', type: 'string', title: t('品种', 'Product'), role: 'dimension' },
    {
      name: 'avg_price',
      type: 'number',
      title: t('均价', 'Average price'),
      unit: '元/公斤',
      role: 'measure',
    },
    { name: 'volume', type: 'integer', title: t('成交量', 'Volume'), role: 'measure' },
    {
      name: 'inspector',
      type: 'string',
      title: t('检查员', 'Inspector'),
      disclosure: 'restricted',
    },
  ] as FieldDef[],
  primaryKey: ['period', 'city', 'product'],
};

/** The error a call throws, for asserting its code and details. */
function refusal(f: () => unknown): { code: string; details: Record<string, unknown> } {
  try {
    f();
  } catch (err) {
    if (isAppError(err)) return { code: err.code, details: (err.details ?? {}) as Record<string, unknown> };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('read planner: filters', () => {
  it('casts each value to its field type, a decimal kept exact as text (no float rounding)', () => {
    const [price, volume, period] = compileFilters(PRICES, [
      { field: 'avg_price', op: 'gte', value: '12.50' },
      { field: 'volume', op: 'lt', value: '300' },
      { field: 'period', op: 'eq', value: '2017-W19' },
    ]);
    expect(price).to.deep.equal({ field: 'avg_price', op: 'gte', values: ['12.50'] });
    expect(volume!.values).to.deep.equal([300]);
    expect(period!.values).to.deep.equal(['2017-W19']);
  });

  it('refuses a value that is not of the field’s type, naming field, operator and value', () => {
    const r = refusal(() => compileFilters(PRICES, [{ field: 'avg_price', op: 'gte', value: '十二' }]));
    expect(r.code).to.equal('invalid_filter_value');
    expect(r.details).to.include({
      field: 'avg_price',
      operator: 'gte',
      value: '十二',
      expectedType: 'number',
    });
  });

  it('answers a restricted field exactly as an unknown one, and lists only public fields', () => {
    const restricted = refusal(() => compileFilters(PRICES, [{ field: 'inspector', op: 'eq', value: 'x' }]));
    const unknown = refusal(() => compileFilters(PRICES, [{ field: 'nosuch', op: 'eq', value: 'x' }]));
    expect(restricted.code).to.equal('unknown_field');
    expect(unknown.code).to.equal('unknown_field');
    expect(restricted.details.allowed).to.deep.equal(unknown.details.allowed);
    expect(restricted.details.allowed).to.not.include('inspector');
  });

  it('refuses an operator the type has no meaning for, listing the ones it has', () => {
    const r = refusal(() => compileFilters(PRICES, [{ field: 'volume', op: 'contains', value: '3' }]));
    expect(r.code).to.equal('unknown_operator');
    expect(r.details.allowed).to.include('gte');
  });

  it('takes only true or false for [null]', () => {
    expect(
      compileFilters(PRICES, [{ field: 'avg_price', op: 'null', value: 'true' }])[0]!.values,
    ).to.deep.equal([true]);
    expect(
      refusal(() => compileFilters(PRICES, [{ field: 'avg_price', op: 'null', value: 'yes' }])).code,
    ).to.equal('invalid_filter_value');
  });

  it('bounds an in list before casting any value, naming the parameter it came from', () => {
    const many = Array.from({ length: MAX_IN_VALUES + 1 }, (_, i) => String(i)).join(',');
    const r = refusal(() =>
      compileFilters(PRICES, [{ field: 'volume', op: 'in', value: many, parameter: 'volume[in]' }]),
    );
    expect(r.code).to.equal('invalid_filter_value');
    expect(r.details).to.include({ parameter: 'volume[in]', maxItems: MAX_IN_VALUES });
  });
});

describe('read planner: filter and search conditions', () => {
  it('binds every value and quotes every column', () => {
    const p = new Params('pg');
    const sql = filterConditions(
      [
        { field: 'city', op: 'eq', values: ['太原市'] },
        { field: 'product', op: 'in', values: ['猪肉', '牛肉'] },
      ],
      p,
    );
    expect(sql).to.deep.equal(['"city" = $1', '"product" in ($2, $3)']);
    expect(p.values).to.deep.equal(['太原市', '猪肉', '牛肉']);
  });

  it('lets ne match rows where the field is empty, as a reader means it', () => {
    expect(
      filterConditions([{ field: 'city', op: 'ne', values: ['太原市'] }], new Params('pg')),
    ).to.deep.equal(['("city" <> $1 or "city" is null)']);
  });

  it('treats %, _ and \\ in contains and prefix as the characters themselves', () => {
    const p = new Params('pg');
    filterConditions(
      [
        { field: 'product', op: 'contains', values: ['50%_off'] },
        { field: 'product', op: 'prefix', values: ['a\\b'] },
      ],
      p,
    );
    expect(p.values).to.deep.equal(['%50\\%\\_off%', 'a\\\\b%']);
  });

  it('needs every word of q somewhere, matching each word field by field', () => {
    const p = new Params('pg');
    const text = [...servableFields(PRICES).values()].filter((f) => f.type === 'string');
    expect(searchConditions('太原 猪肉', text, p)).to.deep.equal([
      `("city" ILIKE $1 ESCAPE '\\' or "product" ILIKE $2 ESCAPE '\\')`,
      `("city" ILIKE $3 ESCAPE '\\' or "product" ILIKE $4 ESCAPE '\\')`,
    ]);
    expect(p.values).to.deep.equal(['%太原%', '%太原%', '%猪肉%', '%猪肉%']);
  });

  it('matches nothing when there is no public text to search, and caps the words', () => {
    expect(searchConditions('猪肉', [], new Params('pg'))).to.deep.equal(['false']);
    const words = Array.from({ length: MAX_SEARCH_WORDS + 5 }, (_, i) => `w${i}`).join(' ');
    const text = [PRICES.fields[1]!];
    expect(searchConditions(words, text, new Params('pg'))).to.have.length(MAX_SEARCH_WORDS);
    expect(searchConditions('   ', text, new Params('pg'))).to.deep.equal([]);
  });
});

describe('read planner: order and keyset', () => {
  const fields = servableFields(PRICES);

  it('ends every order with period and upload order, so pages never skip or repeat a row', () => {
    const cols = orderColumns(PRICES, 'period', parseSort('-avg_price', fields));
    expect(cols.map((c) => c.column)).to.deep.equal(['avg_price', 'period', '_release_id', '_row']);
    expect(orderSql(cols)).to.equal(
      '"avg_price" DESC NULLS FIRST, "period" ASC NULLS LAST, "_release_id" ASC NULLS LAST, "_row" ASC NULLS LAST',
    );
    expect(orderColumns(PRICES, 'period', parseSort('-period', fields)).map((c) => c.column)).to.deep.equal([
      'period',
      '_release_id',
      '_row',
    ]);
  });

  it('refuses a sort key given twice, a restricted one, and too many', () => {
    expect(refusal(() => parseSort('city,-city', fields)).code).to.equal('invalid_parameter');
    expect(refusal(() => parseSort('inspector', fields)).code).to.equal('unknown_field');
    const many = Array.from({ length: MAX_SORT_KEYS + 1 }, () => 'city').join(',');
    expect(refusal(() => parseSort(many, fields)).details).to.include({ maxItems: MAX_SORT_KEYS });
  });

  it('continues an ascending order on non-null keys with one row comparison an index can walk', () => {
    const p = new Params('pg');
    const cols = orderColumns(PRICES, 'period', []);
    expect(keysetCondition(cols, ['2017-W19', '12', '7'], p)).to.equal(
      '("period", "_release_id", "_row") > ($1, $2, $3)',
    );
  });

  it('continues a descending order on a nullable measure past its NULLs, which sort first', () => {
    const cols = orderColumns(PRICES, 'period', parseSort('-avg_price', fields));
    const p = new Params('pg');
    const sql = keysetCondition(cols, ['12.5', '2017-W19', '12', '7'], p);
    expect(sql.startsWith('(("avg_price" < $1) or ("avg_price" = $2 and "period" > $3)')).to.equal(true);
    // After the last NULL price, every row with a price is still to come.
    const fromNull = keysetCondition(cols, [null, '2017-W19', '12', '7'], new Params('pg'));
    expect(fromNull.startsWith('(("avg_price" is not null) or ("avg_price" is null and')).to.equal(true);
  });
});

describe('read planner: cursors', () => {
  const f = queryFingerprint(['prices', 'v1', ['city=太原市']]);

  it('round-trips the position it was made from', () => {
    expect(decodeCursor(encodeCursor(f, ['2017-W19', null, '7']), f, 3)).to.deep.equal([
      '2017-W19',
      null,
      '7',
    ]);
  });

  it('refuses a cursor of another query or data version instead of skipping rows', () => {
    const other = queryFingerprint(['prices', 'v2', ['city=太原市']]);
    const r = refusal(() => decodeCursor(encodeCursor(other, ['a']), f, 1));
    expect(r.code).to.equal('invalid_cursor');
    expect(r.details.reason).to.match(/different query or data version/);
  });

  it('refuses a tampered or malformed cursor, naming the parameter', () => {
    for (const bad of [
      'not base64!',
      encodeCursor(f, ['a', 'b']),
      Buffer.from('[1]').toString('base64url'),
    ]) {
      const r = refusal(() => decodeCursor(bad, f, 3));
      expect(r.code).to.equal('invalid_cursor');
      expect(r.details.parameter).to.equal('cursor');
    }
  });
});

describe('read planner: the page statement', () => {
  const fields = [...servableFields(PRICES).values()];
  const core = {
    releases: [],
    fields,
    filters: [{ field: 'city', op: 'eq' as const, values: ['太原市'] }],
    order: orderColumns(PRICES, 'period', []),
    q: undefined,
    fingerprint: 'f',
  };
  const plan = {
    ...core,
    core,
    scope: {
      version: { schema: PRICES, storageTable: 'prices__g1' },
      releases: [{ id: 1 }, { id: 2 }],
      coversStorage: true,
      storedIds: [1, 2],
    },
  } as unknown as RowPlan;

  it('does not read back a text field an eq filter fixes, and reads the upload order as one column', () => {
    const s = pageStatement(plan, undefined, 100);
    expect(s.text).to.equal(
      'select "period", "product", "avg_price", "volume", "_release_id"::text || \',\' || "_row"::text as __k4' +
        ' from "datastore"."prices__g1" where "_release_id" <= $1 and "city" = $2' +
        ' order by "period" ASC NULLS LAST, "_release_id" ASC NULLS LAST, "_row" ASC NULLS LAST limit $3',
    );
    expect(s.values).to.deep.equal([2, '太原市', 101]);
    expect(s.fields[1]).to.deep.equal({ pinned: '太原市' });
    expect(keyValues(s.keys, ['2017-W19', '猪肉', 12.5, 300, '2,7'])).to.deep.equal(['2017-W19', '2', '7']);
  });

  it('keeps the same text for the next page apart from the keyset, and skips rows only with an offset', () => {
    const first = pageStatement(plan, undefined, 100);
    const next = pageStatement(plan, ['2017-W19', '2', '7'], 100);
    expect(next.text).to.equal(
      first.text
        .replace(' order by', ' and ("period", "_release_id", "_row") > ($3, $4, $5) order by')
        .replace('limit $3', 'limit $6'),
    );
    const skipped = pageStatement(plan, undefined, 100, true, 200);
    expect(skipped.text).to.equal(first.text.replace('limit $3', 'limit $4 offset $3'));
    expect(skipped.values).to.deep.equal([2, '太原市', 200, 101]);
  });

  it('reads no key columns when no cursor is wanted', () => {
    expect(pageStatement(plan, undefined, 10, false).text).to.not.contain('__k');
  });
});
