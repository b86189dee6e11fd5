import type { Knex } from 'knex';
import { findAgency, type Agency } from '../catalog';
import { NotFoundError } from '../errors';
import { ANSWER_TYPES, ANSWERS } from './answer-types';
import { reportRows, type ReportRow } from './requests.repo';

/**
 * Section 三 (收到和处理政府信息公开申请情况) of the national annual report on government
 * information disclosure, in the format of 国务院办公厅政府信息与政务公开办公室《关于印发〈中华人民共和国
 * 政府信息公开工作年度报告格式〉的通知》(国办公开办函〔2021〕30号, 2021-09-26): every column
 * (申请人情况) and every row, with the format's identity 一 + 二 = 三(七) + 四.
 *
 * - 一 本年新收: received (art. 31 day) in the year
 * - 二 上年结转: received before the year and not answered before it began
 * - 三 办理结果: answered in the year, by answer type and sub-reason; (七) 总计 their sum
 * - 四 结转下年度继续办理: received by the year's end and not answered by it
 *
 * A request counts for the agency that holds it: forwarded requests count once, for the
 * agency they were forwarded to. Spam is not a request and is not counted.
 *
 * The row and column words were checked against published reports in this format (e.g. a
 * 2025 municipal report's section 三 table): 25 rows, 7 columns, and the three 其他处理
 * sub-rows as written below. test/unit/requests-annual-report.test.ts pins every label.
 */
export const REPORT_SOURCE = {
  title: '中华人民共和国政府信息公开工作年度报告格式',
  issuer: '国务院办公厅政府信息与政务公开办公室',
  document: '国办公开办函〔2021〕30号',
  section: '三、收到和处理政府信息公开申请情况',
  identity: '第一项加第二项之和，等于第三项加第四项之和',
} as const;

export const REPORT_COLUMNS = [
  { id: 'natural_person', zh: '自然人', group: null },
  { id: 'commercial', zh: '商业企业', group: '法人或其他组织' },
  { id: 'research', zh: '科研机构', group: '法人或其他组织' },
  { id: 'public_interest', zh: '社会公益组织', group: '法人或其他组织' },
  { id: 'legal_services', zh: '法律服务机构', group: '法人或其他组织' },
  { id: 'other', zh: '其他', group: '法人或其他组织' },
  { id: 'total', zh: '总计', group: null },
] as const;
export type ReportColumn = (typeof REPORT_COLUMNS)[number]['id'];

export interface ReportLine {
  id: string;
  /** The row's words in the format, with its numbering. */
  label: string;
  counts: Record<ReportColumn, number>;
}

export interface AnnualReport {
  agency: Agency;
  year: number;
  rows: ReportLine[];
  /** 一 + 二 = 三(七) + 四 holds (it always should; the answer says so rather than assume). */
  balanced: boolean;
}

interface RowSpec {
  id: string;
  label: string;
  counts: (r: ReportRow, year: Bounds) => boolean;
}

interface Bounds {
  start: string;
  end: string;
}

const answered = (r: ReportRow, y: Bounds) =>
  r.answeredOn !== null && r.answeredOn >= y.start && r.answeredOn <= y.end;

/** The rows in the format's order, derived from the answer types (answer-types.ts). */
const RESULT_ROWS: RowSpec[] = ANSWER_TYPES.flatMap((type): RowSpec[] => {
  const spec = ANSWERS[type];
  const head = `三、本年度办理结果 ${spec.row}${spec.zh}`;
  // 部分公开 counts once, whatever its refused part's reason; the format's row says so in its words.
  if (spec.reasons.length === 0 || type === 'partial') {
    const label = type === 'partial' ? `${head}（区分处理的，只计这一情形，不计其他情形）` : head;
    return [{ id: `result.${type}`, label, counts: (r, y) => answered(r, y) && r.answerType === type }];
  }
  return spec.reasons.map((reason, i) => ({
    id: `result.${type}.${reason.id}`,
    label: `${head} ${i + 1}.${reason.zh}`,
    counts: (r, y) => answered(r, y) && r.answerType === type && r.answerReason === reason.id,
  }));
});

export const REPORT_ROWS: RowSpec[] = [
  {
    id: 'new',
    label: '一、本年新收政府信息公开申请数量',
    counts: (r, y) => r.receivedOn >= y.start && r.receivedOn <= y.end,
  },
  {
    id: 'carried_over',
    label: '二、上年结转政府信息公开申请数量',
    counts: (r, y) => r.receivedOn < y.start && (r.answeredOn === null || r.answeredOn >= y.start),
  },
  ...RESULT_ROWS,
  { id: 'result.total', label: '三、本年度办理结果 （七）总计', counts: answered },
  {
    id: 'carried_forward',
    label: '四、结转下年度继续办理',
    counts: (r, y) => r.receivedOn <= y.end && (r.answeredOn === null || r.answeredOn > y.end),
  },
];

function columnOf(r: ReportRow): ReportColumn {
  return r.requesterType === 'natural_person' ? 'natural_person' : (r.organisationKind ?? 'other');
}

/** Pure: the table from the agency's requests. */
export function buildReport(agency: Agency, year: number, rows: readonly ReportRow[]): AnnualReport {
  const bounds = { start: `${year}-01-01`, end: `${year}-12-31` };
  const lines = REPORT_ROWS.map((spec) => {
    const counts = Object.fromEntries(REPORT_COLUMNS.map((c) => [c.id, 0])) as Record<ReportColumn, number>;
    for (const r of rows) {
      if (!spec.counts(r, bounds)) continue;
      counts[columnOf(r)] += 1;
      counts.total += 1;
    }
    return { id: spec.id, label: spec.label, counts };
  });
  const total = (id: string) => lines.find((l) => l.id === id)?.counts.total ?? 0;
  return {
    agency,
    year,
    rows: lines,
    balanced: total('new') + total('carried_over') === total('result.total') + total('carried_forward'),
  };
}

export async function annualReport(knex: Knex, agencyId: string, year: number): Promise<AnnualReport> {
  const agency = await findAgency(knex, agencyId);
  if (!agency)
    throw new NotFoundError('agency_not_found', `No agency with id ${agencyId}`, { agency: agencyId });
  return buildReport(agency, year, await reportRows(knex, agencyId, `${year}-12-31`));
}
