import { expect } from 'chai';
import type { Report } from '../../src/cli/api-types';
import { renderReport } from '../../src/cli/report-table';
import { renderTable } from '../../src/cli/table';
import { displayWidth, truncateToWidth } from '../../src/cli/text';

const tableLines = (text: string) => text.split('\n').filter((l) => /^[|+]/.test(l));
const widths = (lines: string[]) => new Set(lines.map(displayWidth));

const report: Report = {
  valid: false,
  rowCount: 1234,
  errorCount: 250,
  truncated: true,
  errors: [
    { row: 2, column: '价格', value: 'abc', rule: 'type', message: '应为数字（元/公斤）' },
    {
      row: 17,
      column: 'market',
      value: '太原市河西农产品批发市场有限公司第二交易大厅东区',
      rule: 'enum',
      message: 'Not in the code list 不在代码表中',
    },
    { row: 1203, column: '品种', value: 'two\nlines\u001b[31m', rule: 'required', message: '必填' },
    { row: null, column: null, value: null, rule: 'primaryKey', message: '主键重复' },
  ],
  totalsByRule: { type: 120, enum: 100, required: 29, primaryKey: 1 },
};

describe('cli report table', () => {
  it('counts a wide (CJK) character as two columns', () => {
    expect(displayWidth('价格')).to.equal(4);
    expect(displayWidth('ab价')).to.equal(4);
    expect(displayWidth('（')).to.equal(2);
  });

  it('gives every line of a mixed Chinese/ASCII table the same display width', () => {
    const text = renderTable(
      [{ header: 'a' }, { header: '名称' }, { header: 'n', align: 'right' }],
      [
        ['x', '山西省', 1],
        ['长治市', 'b', 12345],
        ['', 'mixed 混合 text', null],
      ],
    );
    const lines = text.split('\n');
    expect(lines).to.have.length(7);
    expect(widths(lines).size).to.equal(1);
    // The wide header sets the column: '名称' is 4 columns, as wide as '山西省' is not (6).
    expect(lines[3]).to.equal('| x      | 山西省          |     1 |');
  });

  it('aligns the validation report table and lists the totals per rule', () => {
    const text = renderReport(report, 100);
    const [errorsPart, totalsPart] = text.split('Errors by rule:');
    const errorLines = tableLines(errorsPart!);
    expect(errorLines).to.have.length(3 + report.errors.length + 1);
    expect(widths(errorLines).size).to.equal(1);
    expect(errorLines[1]).to.match(/\|\s+row \| column\s+\| value\s+\| rule\s+\| message\s+\|/);
    expect(text).to.include('应为数字（元/公斤）');

    const totals = tableLines(totalsPart!);
    expect(widths(totals).size).to.equal(1);
    const rows = totals.filter((l) => l.startsWith('|')).slice(1);
    expect(rows.map((l) => l.split('|').map((c) => c.trim())[1])).to.deep.equal([
      'type',
      'enum',
      'required',
      'primaryKey',
    ]);
    expect(rows[0]).to.match(/\|\s+120 \|$/);
    expect(text).to.include('Only the first 4 of 250 errors are listed.');
  });

  it('truncates long values by display width with an ellipsis', () => {
    const text = renderReport(report, 100);
    const row = tableLines(text).find((l) => l.includes('太原'))!;
    const valueCell = row.split('|')[3]!;
    // Column max is 24 display columns (plus one space of padding each side).
    expect(displayWidth(valueCell)).to.equal(26);
    expect(valueCell.trim().endsWith('…')).to.equal(true);
    expect(valueCell).to.include('太原市河西');
  });

  it('never splits a wide character: it stops short and pads instead', () => {
    const cut = truncateToWidth('一二三四五六', 6);
    expect(cut).to.equal('一二…');
    expect(displayWidth(cut)).to.equal(5);
    expect(truncateToWidth('abcdef', 4)).to.equal('abc…');
    expect(truncateToWidth('短', 4)).to.equal('短');
  });

  it('escapes control characters from the file so they cannot break the table or the terminal', () => {
    const text = renderReport(report, 100);
    expect(text).not.to.include('\u001b');
    expect(text).to.include('two\\nlines\\u001b[31m');
  });

  it('shrinks the widest columns to fit a narrow terminal, keeping lines equal', () => {
    const lines = tableLines(renderReport(report, 60).split('Errors by rule:')[0]!);
    expect(widths(lines).size).to.equal(1);
    expect(displayWidth(lines[0]!)).to.be.at.most(60);
  });

  it('says so plainly when the file is valid', () => {
    const text = renderReport({ ...report, valid: true, errorCount: 0, errors: [], totalsByRule: {} });
    expect(text).to.equal('The file is valid: 1,234 rows.');
  });
});
