/**
 * The items of 晋政办发〔2017〕50号 that must each be published as a dataset: the clause, the
 * item in the notice's words, and the dataset(s) that carry it. A dataset "has" an item
 * when its clause is the item's and its Chinese title contains the item's words.
 */
export const REQUIRED_ITEMS: readonly { clause: string; item: string; ids: readonly string[] }[] = [
  { clause: '一(一)', item: '去产能企业名单及完成情况', ids: ['overcapacity-enterprises'] },
  { clause: '一(二)', item: '房地产用地供应', ids: ['land-supply'] },
  { clause: '一(二)', item: '城市地价动态监测', ids: ['land-prices'] },
  { clause: '一(三)', item: '行政事业性收费和政府性基金目录清单', ids: ['fee-fund-catalogue'] },
  { clause: '一(三)', item: '社会保险参保和社保基金运行情况', ids: ['social-insurance'] },
  { clause: '一(四)', item: '建档立卡贫困人口名单', ids: ['poverty-registry'] },
  { clause: '二(二)', item: '公共资源交易成交信息', ids: ['public-resource-transactions'] },
  { clause: '二(三)', item: 'PPP项目信息', ids: ['ppp-projects'] },
  { clause: '三(四)', item: '国有企业主要经济效益指标', ids: ['soe-economic-indicators'] },
  { clause: '三(五)', item: '农产品批发市场价格', ids: ['agri-prices'] },
  { clause: '三(五)', item: '粮食收购进度', ids: ['grain-purchase'] },
  { clause: '三(五)', item: '农村土地承包经营权确权登记颁证进展', ids: ['land-contract-certification'] },
  { clause: '三(六)', item: '随机抽查事项清单', ids: ['random-inspection-items'] },
  { clause: '三(六)', item: '随机抽查结果', ids: ['random-inspection-results'] },
  { clause: '三(七)', item: '政府债务', ids: ['government-debt'] },
  { clause: '三(七)', item: '预决算', ids: ['budgets-final-accounts'] },
  { clause: '四(一)', item: '义务教育招生信息', ids: ['compulsory-education-enrolment'] },
  { clause: '四(二)', item: '医疗服务价格', ids: ['medical-service-prices'] },
  { clause: '四(三)', item: '食品抽检结果', ids: ['food-sampling'] },
  { clause: '四(三)', item: '药品召回及撤证信息', ids: ['drug-recalls'] },
  { clause: '四(四)', item: '城市水环境质量排名', ids: ['water-quality-ranking'] },
  { clause: '四(四)', item: '饮用水水源水质监测', ids: ['drinking-water-sources'] },
  { clause: '四(四)', item: '重点排污单位环境信息', ids: ['key-polluters'] },
  { clause: '四(五)', item: '城乡低保等社会救助', ids: ['social-assistance'] },
  { clause: '四(六)', item: '消费市场运行情况', ids: ['consumer-market'] },
  { clause: '四(六)', item: '流通领域商品质量抽检结果', ids: ['circulation-quality-sampling'] },
  { clause: '五(一)', item: '安全生产不良记录“黑名单”', ids: ['work-safety-blacklist'] },
  { clause: '六(三)', item: '全省财政收支', ids: ['fiscal-revenue-expenditure'] },
  { clause: '六(三)', item: '季度国民经济运行主要指标', ids: ['quarterly-economy'] },
  { clause: '七(一)', item: '政府网站季度抽查情况', ids: ['government-website-inspections'] },
  { clause: '八(四)', item: '规范性文件清理结果', ids: ['normative-document-cleanup'] },
  { clause: '八(七)', item: '人大代表建议和政协提案办理结果', ids: ['proposal-handling'] },
];
