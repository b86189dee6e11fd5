/**
 * The notice 晋政办发〔2017〕50号 as data: the agencies it names and, for every periodic or
 * list-type item, a dataset definition with the Table Schema of its version 1. This is the
 * single source of truth for those definitions; the sample seeds only add synthetic
 * releases to some of them.
 */
export { NOTICE_AGENCIES } from './agencies';
export { NOTICE_DATASETS, noticeDataset } from './datasets';
export { ensureNoticeCatalog, type EnsureResult } from './ensure';
export { CITIES, CITY_CODES, PROVINCE, REGION_CODES, REGIONS, type Division } from './regions';
export { LEGAL_BASIS, NOTICE_LICENCE, type NoticeDataset } from './types';
export { AGRI_CATEGORIES, AGRI_MARKETS, AGRI_PRODUCTS, type AgriCategory } from './datasets/agri-prices';
export { FOOD_CATEGORIES, FOOD_MEASURE_UNITS, RESULT_FAIL, RESULT_PASS } from './datasets/food-sampling';
export { FISCAL_ITEMS } from './datasets/fiscal-revenue-expenditure';
export { GRAIN_TYPES } from './datasets/grain-purchase';
export { LAND_PRICE_USES } from './datasets/land-prices';
export { LAND_SUPPLY_USES } from './datasets/land-supply';
export { POVERTY_CAUSES, POVERTY_STATUS_EXITED, POVERTY_STATUS_POOR } from './datasets/poverty-registry';
export { FLAG_BEST, FLAG_WORST, FLAGGED_CITIES } from './datasets/water-quality-ranking';
