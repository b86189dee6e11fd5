import type { Agency } from '../catalog';

/**
 * Every agency 晋政办发〔2017〕50号 names as 牵头落实 (responsible for carrying out a clause).
 * Chinese names are the notice's own short forms (several agencies were reorganised in
 * 2018, but the legal basis still names them so); English names are spelled out.
 * Homepages are left null rather than guessed. Ids are permanent: releases, tokens and
 * audit entries refer to them.
 *
 * The notice gives several clauses to 各市、县人民政府，省直各部门 (every government and
 * department) without a lead; for the provincial datasets of those clauses the lead is
 * 省政府办公厅, which the notice makes 第一责任主体 for government websites (七(一)) and
 * for supervision of disclosure (八(四)).
 */
const agency = (id: string, zh: string, en: string): Agency => ({ id, name: { zh, en }, homepage: null });

export const NOTICE_AGENCIES: readonly Agency[] = [
  agency('sx-agriculture', '省农业厅', 'Shanxi Provincial Department of Agriculture'),
  agency('sx-grain', '省粮食局', 'Shanxi Provincial Grain Bureau'),
  agency('sx-land', '省国土资源厅', 'Shanxi Provincial Department of Land and Resources'),
  agency(
    'sx-housing',
    '省住房城乡建设厅',
    'Shanxi Provincial Department of Housing and Urban-Rural Development',
  ),
  agency('sx-pbc-taiyuan', '人行太原中心支行', "People's Bank of China Taiyuan Central Sub-branch"),
  agency('sx-banking-regulator', '山西银监局', 'China Banking Regulatory Commission Shanxi Office'),
  agency('sx-finance', '省财政厅', 'Shanxi Provincial Department of Finance'),
  agency('sx-development-reform', '省发展改革委', 'Shanxi Provincial Development and Reform Commission'),
  agency(
    'sx-human-resources',
    '省人力资源社会保障厅',
    'Shanxi Provincial Department of Human Resources and Social Security',
  ),
  agency('sx-environment', '省环保厅', 'Shanxi Provincial Department of Environmental Protection'),
  agency('sx-food-drug', '省食品药品监管局', 'Shanxi Provincial Food and Drug Administration'),
  agency('sx-economy-it', '省经信委', 'Shanxi Provincial Commission of Economy and Information Technology'),
  agency('sx-coal', '省煤炭厅', 'Shanxi Provincial Department of Coal Industry'),
  agency(
    'sx-sasac',
    '省国资委',
    'Shanxi Provincial State-owned Assets Supervision and Administration Commission',
  ),
  agency('sx-state-tax', '省国税局', 'Shanxi Provincial Office, State Administration of Taxation'),
  agency('sx-local-tax', '省地税局', 'Shanxi Provincial Local Taxation Bureau'),
  agency(
    'sx-poverty-alleviation',
    '省扶贫开发办',
    'Shanxi Provincial Poverty Alleviation and Development Office',
  ),
  agency('sx-public-resources', '省公共资源交易中心', 'Shanxi Provincial Public Resources Trading Center'),
  agency('sx-government-services', '省政务办', 'Shanxi Provincial Government Services Administration Office'),
  agency('sx-commerce', '省商务厅', 'Shanxi Provincial Department of Commerce'),
  agency(
    'sx-transformation-zone',
    '省转型综改示范区管委会',
    'Administrative Committee of the Shanxi Transformation and Comprehensive Reform Demonstration Zone',
  ),
  agency(
    'sx-approval-reform',
    '省审改办',
    'Shanxi Provincial Office for the Reform of the Administrative Approval System',
  ),
  agency('sx-industry-commerce', '省工商局', 'Shanxi Provincial Administration for Industry and Commerce'),
  agency('sx-education', '省教育厅', 'Shanxi Provincial Department of Education'),
  agency('sx-health', '省卫生计生委', 'Shanxi Provincial Health and Family Planning Commission'),
  agency('sx-water-resources', '省水利厅', 'Shanxi Provincial Department of Water Resources'),
  agency('sx-civil-affairs', '省民政厅', 'Shanxi Provincial Department of Civil Affairs'),
  agency(
    'sx-quality-supervision',
    '省质监局',
    'Shanxi Provincial Bureau of Quality and Technical Supervision',
  ),
  agency('sx-work-safety', '省安监局', 'Shanxi Provincial Administration of Work Safety'),
  agency('sx-financial-affairs', '省金融办', 'Shanxi Provincial Financial Affairs Office'),
  agency('sx-securities-regulator', '山西证监局', 'China Securities Regulatory Commission Shanxi Bureau'),
  agency('sx-insurance-regulator', '山西保监局', 'China Insurance Regulatory Commission Shanxi Bureau'),
  agency('sx-statistics', '省统计局', 'Shanxi Provincial Bureau of Statistics'),
  agency('sx-audit', '省审计厅', 'Shanxi Provincial Audit Office'),
  agency('sx-general-office', '省政府办公厅', 'General Office of the Shanxi Provincial People’s Government'),
];
