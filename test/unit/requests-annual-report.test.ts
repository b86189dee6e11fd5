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
  it('has every row of the format: 2 + 1 + 1 + 8 + 3 + 5 + 3 + 1 + 1 lines', () => {
    expect(REPORT_ROWS).to.have.length(25);
    expect(REPORT_ROWS.map((r) => r.label)).to.include.members([
      '一、本年新收政府信息公开申请数量',
      '二、上年结转政府信息公开申请数量',
      '三、本年度办理结果 （二）部分公开',
      '三、本年度办理结果 （三）不予公开 3.危及“三安全一稳定”',
      '三、本年度办理结果 （三）不予公开 8.属于行政查询事项',
      '三、本年度办理结果 （四）无法提供 2.没有现成信息需要另行制作',
      '三、本年度办理结果 （五）不予处理 5.要求行政机关确认或重新出具已获取信息',
      '三、本年度办理结果 （六）其他处理 3.其他',
      '三、本年度办理结果 （七）总计',
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
