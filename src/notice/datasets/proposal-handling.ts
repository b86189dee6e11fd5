import { dateField, enumField, periodField, textField, urlField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/**
 * 八(七) 进一步做好省人大代表建议和省政协提案办理结果公开工作 … 原则上都要公开答复全文.
 * One row per suggestion or proposal of the year's session; the reply is linked in full.
 */
export const proposalHandling: NoticeDataset = {
  dataset: {
    id: 'proposal-handling',
    title: {
      zh: '人大代表建议和政协提案办理结果',
      en: 'Replies to deputies’ suggestions and CPPCC proposals',
    },
    description: {
      zh: '省人大代表建议和省政协提案的办理结果：建议（提案）号、标题、主办单位、办理结果类别、答复日期和答复全文网址。',
      en: 'How the provincial government handled the suggestions of provincial people’s congress deputies and the proposals of provincial CPPCC members: number, title, lead department, outcome, date of reply and address of the full reply.',
    },
    agencies: ['sx-general-office'],
    legalBasis: LEGAL_BASIS,
    clause: '八(七)',
    cadence: 'annual',
    periodKind: 'year',
    dueRule: { offset: 'P1M', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['政务公开', '民主监督'],
    tags: ['人大代表建议', '政协提案', '办理结果', '答复'],
    disclosure: 'proactive',
    graphqlName: 'proposalReplies',
  },
  schema: {
    fields: [
      periodField('year', { zh: '会议年度', en: 'Session year' }),
      enumField('kind', ['类型', 'Kind'], ['人大代表建议', '政协提案']),
      textField('number', ['建议（提案）号', 'Number'], { required: true, role: 'dimension' }),
      textField('title', ['标题', 'Title'], { required: true, role: 'attribute' }),
      textField('lead_unit', ['主办单位', 'Lead department'], { required: true, role: 'dimension' }),
      enumField(
        'outcome',
        ['办理结果', 'Outcome'],
        ['A类（已解决或采纳）', 'B类（正在解决或列入计划）', 'C类（因条件限制暂时不能解决）', '留作参考'],
      ),
      dateField('replied_on', ['答复日期', 'Date of reply'], { required: true }),
      urlField('reply_url', ['答复全文', 'Full reply']),
    ],
    primaryKey: ['period', 'kind', 'number'],
    missingValues: [''],
  },
};
