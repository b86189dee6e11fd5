import type { PeriodKind } from '../periods';
import type { LocalizedText } from '../schemas';

export type Cadence = 'weekly' | 'pentad' | 'monthly' | 'quarterly' | 'half_yearly' | 'annual' | 'irregular';
export const CADENCES: readonly Cadence[] = [
  'weekly',
  'pentad',
  'monthly',
  'quarterly',
  'half_yearly',
  'annual',
  'irregular',
];

/** Each cadence in words, as the catalog pages and the `cadences` code list name it. */
export const CADENCE_LABELS: Record<Cadence, LocalizedText> = {
  weekly: { zh: '每周', en: 'Weekly' },
  pentad: { zh: '每五日（候）', en: 'Every five days (pentad)' },
  monthly: { zh: '每月', en: 'Monthly' },
  quarterly: { zh: '每季度', en: 'Quarterly' },
  half_yearly: { zh: '每半年', en: 'Half-yearly' },
  annual: { zh: '每年', en: 'Annual' },
  irregular: { zh: '不定期', en: 'Irregular' },
};

/** The period grain that a regular cadence implies; irregular datasets declare their own. */
export const CADENCE_PERIOD_KIND: Record<Exclude<Cadence, 'irregular'>, PeriodKind> = {
  weekly: 'week',
  pentad: 'pentad',
  monthly: 'month',
  quarterly: 'quarter',
  half_yearly: 'half',
  annual: 'year',
};

export type DatasetStatus = 'active' | 'repealed' | 'expired';
export const DATASET_STATUSES: readonly DatasetStatus[] = ['active', 'repealed', 'expired'];
/** The notice's own words for the marks (废止 = repealed, 失效 = expired). */
export const STATUS_LABEL_ZH = {
  active: '有效',
  repealed: '废止',
  expired: '失效',
} as const satisfies Record<DatasetStatus, string>;
export type DatasetStatusLabel = (typeof STATUS_LABEL_ZH)[DatasetStatus];

export const STATUS_LABELS: Record<DatasetStatus, LocalizedText> = {
  active: { zh: STATUS_LABEL_ZH.active, en: 'Active' },
  repealed: { zh: STATUS_LABEL_ZH.repealed, en: 'Repealed' },
  expired: { zh: STATUS_LABEL_ZH.expired, en: 'Expired' },
};

/** 主动公开 (proactive) or 依申请公开 (on request); undisclosable items never become datasets. */
export type DatasetDisclosure = 'proactive' | 'on_request';

export interface Agency {
  id: string;
  name: LocalizedText;
  homepage: string | null;
}

export interface DueRuleSpec {
  /** ISO 8601 duration after the period ends, e.g. 'P3D'. */
  offset: string;
  /** Release time of day in Asia/Shanghai, 'HH:MM'. */
  time: string;
}

/** Months of a recurring season, e.g. grain purchase Oct (10) – Mar (3), wrapping the new year. */
export interface Season {
  startMonth: number;
  endMonth: number;
}

export interface DatasetInput {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  /** Agency ids, lead agency first (the notice's 牵头落实). */
  agencies: string[];
  /** The issuing document, e.g. '晋政办发〔2017〕50号'. */
  legalBasis: string;
  /** The clause within it, e.g. '三(五)'. */
  clause: string;
  cadence: Cadence;
  periodKind?: PeriodKind;
  season?: Season | null;
  dueRule: DueRuleSpec;
  firstPeriod?: string | null;
  /**
   * An ISO 8601 duration: how long before its period ends a release may be published
   * (budgets come out before their year ends). Absent: only once the period has ended.
   */
  leadTime?: string | null;
  /** Releases must come with an interpretation (解读), e.g. 六(三)'s monthly fiscal figures. */
  requiresInterpretation?: boolean;
  licence: string;
  themes: string[];
  tags: string[];
  disclosure?: DatasetDisclosure;
  isSample?: boolean;
  graphqlName?: string | null;
}

export interface DatasetStatusMark {
  status: DatasetStatus;
  label: DatasetStatusLabel;
  date: string | null;
  reason: string | null;
}

export interface Dataset {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  agencies: Agency[];
  legalBasis: string;
  clause: string;
  cadence: Cadence;
  periodKind: PeriodKind;
  season: Season | null;
  dueRule: DueRuleSpec;
  firstPeriod: string | null;
  leadTime: string | null;
  /** Releases must come with an interpretation (解读); absent reads as false. */
  requiresInterpretation?: boolean;
  licence: string;
  themes: string[];
  tags: string[];
  disclosure: DatasetDisclosure;
  status: DatasetStatusMark;
  isSample: boolean;
  graphqlName: string | null;
  currentVersion: number | null;
  createdAt: string;
  updatedAt: string;
}
