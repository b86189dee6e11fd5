import { countField, countyField, enumField, periodField, textField } from '../fields';
import { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from '../types';

/**
 * 一(四) 乡镇政府和行政村要公示建档立卡贫困人口和脱贫人口名单. The households are published
 * by village and registry number; who they are is personal information, which 八(五)'s
 * 负面清单 keeps out of disclosure: the household head's name and ID number are stored
 * (agencies upload the register as kept) but `restricted`, so no API, export, checksum
 * or Table Schema ever shows them.
 */

export const POVERTY_CAUSES = [
  '因病',
  '因残',
  '因学',
  '因灾',
  '缺土地',
  '缺水',
  '缺技术',
  '缺劳力',
  '缺资金',
  '交通条件落后',
  '自身发展动力不足',
] as const;

export const POVERTY_STATUS_POOR = '未脱贫';
export const POVERTY_STATUS_EXITED = '已脱贫';

export const povertyRegistry: NoticeDataset = {
  dataset: {
    id: 'poverty-registry',
    title: { zh: '建档立卡贫困人口名单', en: 'Registered poor households' },
    description: {
      zh: '扶贫对象公示：各县建档立卡贫困户的乡镇、行政村、户编号、家庭人口、主要致贫原因和脱贫状态，按年度公布。户主姓名、身份证号属个人隐私，依负面清单不予公开。',
      en: 'Poverty alleviation targets: the registered poor households of each county by township, village and registry number, with household size, main cause of poverty and whether the household has exited poverty, published yearly. The household head’s name and ID number are personal information and never disclosed.',
    },
    agencies: ['sx-poverty-alleviation', 'sx-finance'],
    legalBasis: LEGAL_BASIS,
    clause: '一(四)',
    cadence: 'annual',
    periodKind: 'year',
    dueRule: { offset: 'P2M', time: '09:00' },
    firstPeriod: null,
    licence: NOTICE_LICENCE,
    themes: ['扶贫', '社会保障'],
    tags: ['精准扶贫', '建档立卡', '扶贫对象', '脱贫'],
    disclosure: 'proactive',
    graphqlName: 'povertyRegistrations',
  },
  schema: {
    fields: [
      periodField('year', { zh: '年度', en: 'Year' }),
      countyField(),
      textField('township', ['乡（镇）', 'Township'], { required: true, role: 'dimension' }),
      textField('village', ['行政村', 'Administrative village'], { required: true, role: 'dimension' }),
      textField('household_no', ['户编号', 'Household number'], {
        required: true,
        role: 'dimension',
        description: {
          zh: '建档立卡户在本村的顺序编号，不含个人信息',
          en: 'Sequence number of the household within its village; carries no personal information',
        },
        constraints: { pattern: '^\\d{4}$' },
      }),
      textField('head_name', ['户主姓名', 'Name of household head'], {
        required: true,
        disclosure: 'restricted',
        description: {
          zh: '个人隐私，仅存储，不予公开',
          en: 'Personal information: stored, never disclosed',
        },
      }),
      textField('head_id_number', ['户主身份证号', 'ID number of household head'], {
        disclosure: 'restricted',
        description: {
          zh: '个人隐私，仅存储，不予公开',
          en: 'Personal information: stored, never disclosed',
        },
        constraints: { pattern: '^\\d{17}[\\dX]$' },
      }),
      countField('household_size', ['家庭人口', 'Household size'], '人', {
        required: true,
        constraints: { minimum: 1, maximum: 30 },
      }),
      enumField('main_cause', ['主要致贫原因', 'Main cause of poverty'], POVERTY_CAUSES),
      enumField('status', ['脱贫状态', 'Poverty status'], [POVERTY_STATUS_POOR, POVERTY_STATUS_EXITED]),
      {
        name: 'exit_year',
        type: 'year',
        title: { zh: '脱贫年度', en: 'Year of exit' },
        description: { zh: '未脱贫户为空', en: 'Empty while the household is still poor' },
        role: 'attribute',
      },
    ],
    primaryKey: ['period', 'county', 'township', 'village', 'household_no'],
    missingValues: [''],
  },
};
