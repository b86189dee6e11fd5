/**
 * Synthetic sample data for seven datasets under 晋政办发〔2017〕50号. Everything here is
 * invented (see SAMPLE_NOTE) and deterministic: the same releases, byte for byte, on every run.
 */
import { agriPrices } from './agri-prices';
import { fiscalRevenueExpenditure } from './fiscal-revenue-expenditure';
import { foodSampling } from './food-sampling';
import { grainPurchase } from './grain-purchase';
import { landPrices } from './land-prices';
import { landSupply } from './land-supply';
import type { SampleDataset } from './types';
import { waterQualityRanking } from './water-quality-ranking';

export { SAMPLE_NOTE, SEED_CUTOFF } from './common';
export { SAMPLE_AGENCIES } from './agencies';
export type { SampleDataset, SampleRelease } from './types';

export const SAMPLE_DATASETS: SampleDataset[] = [
  agriPrices,
  grainPurchase,
  landSupply,
  landPrices,
  fiscalRevenueExpenditure,
  waterQualityRanking,
  foodSampling,
];
