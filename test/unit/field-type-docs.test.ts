import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { FIELD_TYPE_RULES, FILTER_OPERATORS, type FieldType } from '../../src/schemas';

/*
 * The contract and the README say in words what field-type-rules.ts says in code; a reader
 * of either must not be told an operator or a type the server refuses (or not told one it
 * takes). The words are checked against the one rule, so a change to the rule fails here
 * until the documents follow.
 */
const ROOT = path.resolve(__dirname, '../..');
const openapi = fs.readFileSync(path.join(ROOT, 'openapi.yaml'), 'utf8');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
const types = (pick: (t: FieldType) => boolean) =>
  (Object.keys(FIELD_TYPE_RULES) as FieldType[]).filter(pick).sort();
const listed = (words: string) =>
  words
    .split(/,\s*|\s+and\s+/)
    .map((w) => w.trim())
    .filter(Boolean)
    .sort();

describe('the documents state the one rule per field type', () => {
  it('openapi.yaml names every filter operator, and the types that take ranges', () => {
    const ops = /`field\[op\]` with op in ([a-z, ]+)/.exec(openapi)?.[1];
    expect(listed(ops ?? ''), 'the operator list').to.deep.equal([...FILTER_OPERATORS].sort());
    const ranges = /\| ranges on ([a-z, ]+?) fields \|/.exec(openapi)?.[1];
    expect(listed(ranges ?? ''), 'the ordered types').to.deep.equal(
      types((t) => FIELD_TYPE_RULES[t].ordered),
    );
  });

  it('the README names the ordered and the numeric types as the rule has them', () => {
    const ordered = /ordered types \(([a-z, ]+)\)/.exec(readme)?.[1];
    expect(listed(ordered ?? ''), 'ordered').to.deep.equal(types((t) => FIELD_TYPE_RULES[t].ordered));
    const numeric = /`avg`\/`sum` on ([a-z, ]+?) fields|([a-z]+ and [a-z]+) also `avg`\/`sum`/.exec(readme);
    expect(listed(numeric?.[1] ?? numeric?.[2] ?? ''), 'numeric').to.deep.equal(
      types((t) => FIELD_TYPE_RULES[t].numeric),
    );
  });
});
