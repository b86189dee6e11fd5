import { expect } from 'chai';
import { ESLint } from 'eslint';

/**
 * A Database bound to a transaction comes only from withDatabaseTransaction: a copy with
 * another knex keeps its read() on the outside pool, so the lint refuses every way of
 * writing one, in src and in tests alike.
 */
describe('lint: no Database copied with another knex', function () {
  this.timeout(60_000);
  const eslint = new ESLint();

  async function refusals(code: string, filePath: string): Promise<number> {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.filter((m) => m.message.includes('withDatabaseTransaction')).length;
  }

  const copies = [
    'const tx = { ...db, knex: trx };',
    'const tx = { ...db, knex };',
    "const tx = { ...db, 'knex': trx };",
    "const tx = { ...db, ['knex']: trx };",
    'const tx = Object.assign({}, db, { knex: trx });',
  ];

  for (const file of ['src/notice/example.ts', 'test/integration/example.test.ts', 'bench/example.ts']) {
    it(`refuses each spelling of a copy in ${file.split('/')[0]}/`, async () => {
      for (const copy of copies) {
        const code = `declare const db: object; declare const trx: object; const knex = trx;\n${copy}\nexport { tx, knex };\n`;
        expect(await refusals(code, file), copy).to.equal(1);
      }
    });
  }

  it('lets a test wrap read() while keeping the knex (read-plans, plan-cache)', async () => {
    const code =
      'declare const db: { read: (s: unknown) => unknown };\nexport const recorded = { ...db, read: (s: unknown) => db.read(s) };\n';
    expect(await refusals(code, 'test/integration/example.test.ts')).to.equal(0);
  });
});
