import fs from 'node:fs';
import path from 'node:path';

/** The committed corpus of broken uploads, one small file per case. */
export const BROKEN_DIR = path.resolve(__dirname, '../fixtures/broken');

export function brokenFixture(name: string): Buffer {
  return fs.readFileSync(path.join(BROKEN_DIR, name));
}

/** The agri-prices header by field name, and valid rows for 2026-W48 (the fixtures use the same ones). */
export const AGRI_HEADER = 'period,city,market,product,category,avg_price,min_price,max_price';
export const AGRI_ROWS = [
  '2026-W48,140100,太原市河西农产品批发市场,猪肉,畜禽产品,22.50,20.10,24.80',
  '2026-W48,140100,太原市河西农产品批发市场,鸡蛋,畜禽产品,8.20,7.60,8.90',
  '2026-W48,140200,大同市御东农产品批发市场,大白菜,蔬菜,1.35,1.10,1.60',
] as const;

export const MIB = 1024 * 1024;

/**
 * A CSV whose line 3 carries a `product` cell of `fieldBytes` ASCII bytes: too big to commit,
 * cheap to build. Lines 2 and 4 are valid.
 */
export function csvWithHugeField(fieldBytes: number): Buffer {
  const [r1, , r3] = AGRI_ROWS;
  const head = `${AGRI_HEADER}\n${r1}\n2026-W48,140100,太原市河西农产品批发市场,`;
  const tail = `,畜禽产品,8.20,7.60,8.90\n${r3}\n`;
  return Buffer.concat([Buffer.from(head), Buffer.alloc(fieldBytes, 'A'), Buffer.from(tail)]);
}

const AGRI_FIELDS = AGRI_HEADER.split(',');

/** An AGRI_ROWS row as a JSON record; `override` replaces members with raw JSON text. */
export function agriJsonRecord(row: string, override: Record<string, string> = {}): string {
  const cells = row.split(',');
  const members = AGRI_FIELDS.map(
    (f, i) => `${JSON.stringify(f)}:${override[f] ?? JSON.stringify(cells[i])}`,
  );
  return `{${members.join(',')}}`;
}

/**
 * The text of a JSON record whose `avg_price` is `value` (raw JSON), cut just before the
 * value: the place a parser reaches the value is `prefix.length` characters into its line.
 */
export function agriJsonPrefix(row: string): string {
  const whole = agriJsonRecord(row, { avg_price: '\u0000' });
  return whole.slice(0, whole.indexOf('\u0000'));
}

/** A JSON array upload of three records, the second one's `avg_price` replaced by raw JSON `value`, one record a line. */
export function jsonWithValue(value: string): Buffer {
  const [r1, r2, r3] = AGRI_ROWS;
  const records = [agriJsonRecord(r1), agriJsonRecord(r2, { avg_price: value }), agriJsonRecord(r3)];
  return Buffer.from(`[\n${records.join(',\n')}\n]\n`);
}

/** The same records as NDJSON. */
export function ndjsonWithValue(value: string): Buffer {
  const [r1, r2, r3] = AGRI_ROWS;
  return Buffer.from(
    `${[agriJsonRecord(r1), agriJsonRecord(r2, { avg_price: value }), agriJsonRecord(r3)].join('\n')}\n`,
  );
}

/** A valid agri-prices CSV whose header carries `blank` extra empty columns. */
export function csvWithBlankColumns(blank: number): Buffer {
  const pad = ','.repeat(blank);
  return Buffer.from(`${[`${AGRI_HEADER}${pad}`, ...AGRI_ROWS.map((r) => `${r}${pad}`)].join('\n')}\n`);
}
