import type { Agency } from '../../src/catalog/types';

/**
 * Agencies named by 晋政办发〔2017〕50号 for the clauses the sample datasets cover. Chinese
 * names are the notice's own short forms (several agencies were reorganised in 2018);
 * English names are spelled out. Homepages are left null rather than guessed.
 *
 * 三(五) 农产品价格、收购进度: 省农业厅、省粮食局
 * 一(二) 房地产用地供应、城市地价: 省住房城乡建设厅、省国土资源厅、人行太原中心支行、山西银监局
 * 六(三) 按月公开全省财政收支: 省发展改革委、省人力资源社会保障厅、省财政厅、人行太原中心支行
 * 四(四) 城市水环境质量排名: 省环保厅
 * 四(三) 食品抽检: 省食品药品监管局
 */
export const SAMPLE_AGENCIES: Agency[] = [
  {
    id: 'sx-agriculture',
    name: { zh: '省农业厅', en: 'Shanxi Provincial Department of Agriculture' },
    homepage: null,
  },
  { id: 'sx-grain', name: { zh: '省粮食局', en: 'Shanxi Provincial Grain Bureau' }, homepage: null },
  {
    id: 'sx-land',
    name: { zh: '省国土资源厅', en: 'Shanxi Provincial Department of Land and Resources' },
    homepage: null,
  },
  {
    id: 'sx-housing',
    name: {
      zh: '省住房城乡建设厅',
      en: 'Shanxi Provincial Department of Housing and Urban-Rural Development',
    },
    homepage: null,
  },
  {
    id: 'sx-pbc-taiyuan',
    name: {
      zh: '人行太原中心支行',
      en: "People's Bank of China Taiyuan Central Sub-branch",
    },
    homepage: null,
  },
  {
    id: 'sx-banking-regulator',
    name: { zh: '山西银监局', en: 'China Banking Regulatory Commission Shanxi Office' },
    homepage: null,
  },
  {
    id: 'sx-finance',
    name: { zh: '省财政厅', en: 'Shanxi Provincial Department of Finance' },
    homepage: null,
  },
  {
    id: 'sx-development-reform',
    name: { zh: '省发展改革委', en: 'Shanxi Provincial Development and Reform Commission' },
    homepage: null,
  },
  {
    id: 'sx-human-resources',
    name: {
      zh: '省人力资源社会保障厅',
      en: 'Shanxi Provincial Department of Human Resources and Social Security',
    },
    homepage: null,
  },
  {
    id: 'sx-environment',
    name: { zh: '省环保厅', en: 'Shanxi Provincial Department of Environmental Protection' },
    homepage: null,
  },
  {
    id: 'sx-food-drug',
    name: { zh: '省食品药品监管局', en: 'Shanxi Provincial Food and Drug Administration' },
    homepage: null,
  },
];
