import type { NoticeDataset } from '../types';
import { affordableHousingProgress } from './affordable-housing-progress';
import { agriPrices } from './agri-prices';
import { budgetsFinalAccounts } from './budgets-final-accounts';
import { circulationQualitySampling } from './circulation-quality-sampling';
import { compulsoryEducationEnrolment } from './compulsory-education-enrolment';
import { consumerComplaints } from './consumer-complaints';
import { consumerMarket } from './consumer-market';
import { drinkingWaterSources } from './drinking-water-sources';
import { drugRecalls } from './drug-recalls';
import { feeFundCatalogue } from './fee-fund-catalogue';
import { fiscalRevenueExpenditure } from './fiscal-revenue-expenditure';
import { foodDrugPenalties } from './food-drug-penalties';
import { foodSampling } from './food-sampling';
import { governmentDebt } from './government-debt';
import { governmentServiceCatalogue } from './government-service-catalogue';
import { governmentWebsiteInspections } from './government-website-inspections';
import { graduateEmployment } from './graduate-employment';
import { grainPurchase } from './grain-purchase';
import { keyPolluters } from './key-polluters';
import { landContractCertification } from './land-contract-certification';
import { landExpropriation } from './land-expropriation';
import { landPrices } from './land-prices';
import { landSupply } from './land-supply';
import { medicalServicePrices } from './medical-service-prices';
import { normativeDocumentCleanup } from './normative-document-cleanup';
import { overcapacityEnterprises } from './overcapacity-enterprises';
import { policyAuditFindings } from './policy-audit-findings';
import { povertyAlleviationProjects } from './poverty-alleviation-projects';
import { povertyRegistry } from './poverty-registry';
import { powerResponsibilityList } from './power-responsibility-list';
import { pppProjects } from './ppp-projects';
import { proposalHandling } from './proposal-handling';
import { publicResourceTransactions } from './public-resource-transactions';
import { quarterlyEconomy } from './quarterly-economy';
import { randomInspectionItems } from './random-inspection-items';
import { randomInspectionResults } from './random-inspection-results';
import { socialAssistance } from './social-assistance';
import { socialInsurance } from './social-insurance';
import { soeEconomicIndicators } from './soe-economic-indicators';
import { waterQualityRanking } from './water-quality-ranking';
import { workSafetyBlacklist } from './work-safety-blacklist';

/** Every periodic or list-type item of the notice, in the notice's order of clauses. */
export const NOTICE_DATASETS: readonly NoticeDataset[] = [
  // 一、围绕“三去一降一补”
  overcapacityEnterprises,
  landSupply,
  landPrices,
  affordableHousingProgress,
  landExpropriation,
  feeFundCatalogue,
  socialInsurance,
  povertyRegistry,
  povertyAlleviationProjects,
  // 二、围绕实体经济
  publicResourceTransactions,
  pppProjects,
  // 三、围绕重点领域改革
  soeEconomicIndicators,
  agriPrices,
  grainPurchase,
  landContractCertification,
  powerResponsibilityList,
  randomInspectionItems,
  randomInspectionResults,
  governmentServiceCatalogue,
  governmentDebt,
  budgetsFinalAccounts,
  // 四、围绕民生改善
  compulsoryEducationEnrolment,
  graduateEmployment,
  medicalServicePrices,
  foodSampling,
  drugRecalls,
  foodDrugPenalties,
  waterQualityRanking,
  drinkingWaterSources,
  keyPolluters,
  socialAssistance,
  consumerMarket,
  circulationQualitySampling,
  consumerComplaints,
  // 五、围绕安全稳定
  workSafetyBlacklist,
  // 六、政策解读和预期引导
  fiscalRevenueExpenditure,
  quarterlyEconomy,
  policyAuditFindings,
  // 七、公开平台建设
  governmentWebsiteInspections,
  // 八、制度化标准化
  normativeDocumentCleanup,
  proposalHandling,
];

/** The definition of one notice dataset by id; throws for an id the notice does not define. */
export function noticeDataset(id: string): NoticeDataset {
  const found = NOTICE_DATASETS.find((d) => d.dataset.id === id);
  if (!found) throw new RangeError(`The notice defines no dataset ${id}`);
  return found;
}
