import { expect } from 'chai';
import { buildReport, REPORT_ROWS } from '../../src/requests';
import type { ReportRow } from '../../src/requests/requests.repo';

const agency = { id: 'sx-test', name: { zh: '测试厅', en: 'Test' }, homepage: null };
const row = (p: Partial<ReportRow>): ReportRow => ({
  requesterType: 'natural_person',
  organisationKind: null,
  receivedOn: '2025-03-01',
  answeredOn: null,
  answerType: null,
  answerReason: null,
  ...p,
});

describe('annual report section 三 (国办公开办函〔2021〕30号)', () => {
  it('has every row of the format, in its order and its words: 2 + 1 + 1 + 8 + 3 + 5 + 3 + 1 + 1 lines', () => {
    const r = '三、本年度办理结果 ';
    expect(REPORT_ROWS.map((row) => row.label)).to.deep.equal([
      '一、本年新收政府信息公开申请数量',
      '二、上年结转政府信息公开申请数量',
      `${r}（一）予以公开`,
      `${r}（二）部分公开（区分处理的，只计这一情形，不计其他情形）`,
      `${r}（三）不予公开 1.属于国家秘密`,
      `${r}（三）不予公开 2.其他法律行政法规禁止公开`,
      `${r}（三）不予公开 3.危及“三安全一稳定”`,
      `${r}（三）不予公开 4.保护第三方合法权益`,
      `${r}（三）不予公开 5.属于三类内部事务信息`,
      `${r}（三）不予公开 6.属于四类过程性信息`,
      `${r}（三）不予公开 7.属于行政执法案卷`,
      `${r}（三）不予公开 8.属于行政查询事项`,
      `${r}（四）无法提供 1.本机关不掌握相关政府信息`,
      `${r}（四）无法提供 2.没有现成信息需要另行制作`,
      `${r}（四）无法提供 3.补正后申请内容仍不明确`,
      `${r}（五）不予处理 1.信访举报投诉类申请`,
      `${r}（五）不予处理 2.重复申请`,
      `${r}（五）不予处理 3.要求提供公开出版物`,
      `${r}（五）不予处理 4.无正当理由大量反复申请`,
      `${r}（五）不予处理 5.要求行政机关确认或重新出具已获取信息`,
      `${r}（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请`,
      `${r}（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请`,
      `${r}（六）其他处理 3.其他`,
      `${r}（七）总计`,
      '四、结转下年度继续办理',
    ]);
  });

  it('counts by requester column and keeps 一 + 二 = 三(七) + 四', () => {
    const report = buildReport(agency, 2025, [
      // carried over from 2024, answered in 2025
      row({ receivedOn: '2024-12-20', answeredOn: '2025-01-10', answerType: 'disclose' }),
      // carried over from 2024, still open at the end of 2025
      row({ receivedOn: '2024-12-28', requesterType: 'legal_person', organisationKind: 'legal_services' }),
      // answered in 2024: not in 2025 at all
      row({ receivedOn: '2024-11-01', answeredOn: '2024-11-20', answerType: 'disclose' }),
      row({ answeredOn: '2025-03-10', answerType: 'withhold', answerReason: 'third_party' }),
      row({
        requesterType: 'legal_person',
        organisationKind: 'research',
        answeredOn: '2025-04-01',
        answerType: 'partial',
        answerReason: 'process_information',
      }),
      row({
        requesterType: 'legal_person',
        organisationKind: 'commercial',
        answeredOn: '2025-04-02',
        answerType: 'other',
        answerReason: 'no_clarification',
      }),
      // received in December, answered in January: carried forward
      row({
        receivedOn: '2025-12-29',
        answeredOn: '2026-01-05',
        answerType: 'unable',
        answerReason: 'not_held',
      }),
    ]);
    const line = (id: string) => report.rows.find((r) => r.id === id)!.counts;
    expect(line('new')).to.deep.include({ natural_person: 2, commercial: 1, research: 1, total: 4 });
    expect(line('carried_over')).to.deep.include({ natural_person: 1, legal_services: 1, total: 2 });
    expect(line('result.disclose').total).to.equal(1);
    expect(line('result.partial')).to.deep.include({ research: 1, total: 1 });
    expect(line('result.withhold.third_party').total).to.equal(1);
    expect(line('result.other.no_clarification')).to.deep.include({ commercial: 1, total: 1 });
    expect(line('result.total').total).to.equal(4);
    expect(line('carried_forward')).to.deep.include({ natural_person: 1, legal_services: 1, total: 2 });
    expect(report.balanced).to.equal(true);
  });
});
