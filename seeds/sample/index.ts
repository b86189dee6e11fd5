/**
 * Synthetic sample data for eight datasets under 晋政办发〔2017〕50号. The definitions and
 * schemas are the notice catalogue's (src/notice); everything here is invented (see
 * SAMPLE_NOTE) and deterministic: the same releases, byte for byte, on every run.
 */
import { agriPrices } from './agri-prices';
import { fiscalRevenueExpenditure } from './fiscal-revenue-expenditure';
import { foodSampling } from './food-sampling';
import { grainPurchase } from './grain-purchase';
import { landPrices } from './land-prices';
import { landSupply } from './land-supply';
import { povertyRegistry } from './poverty-registry';
import type { SampleDataset } from './types';
import { waterQualityRanking } from './water-quality-ranking';

export { SAMPLE_NOTE, SEED_CUTOFF } from './common';
/** The seeds create every agency the notice names, not only those of the sample datasets. */
export { NOTICE_AGENCIES as SAMPLE_AGENCIES } from '../../src/notice';
export { SAMPLE_POVERTY_ID_NUMBERS, SAMPLE_POVERTY_NAMES } from './poverty-registry';
export type { SampleDataset, SampleRelease } from './types';

export const SAMPLE_DATASETS: SampleDataset[] = [
  agriPrices,
  grainPurchase,
  landSupply,
  landPrices,
  fiscalRevenueExpenditure,
  waterQualityRanking,
  foodSampling,
  povertyRegistry,
];
