import type { DueRuleSpec } from '../../src/catalog/types';
import type { NoticeDataset } from '../../src/notice';
import { dueDate, formatPeriod, type Period } from '../../src/periods';
import type { LocalizedText } from '../../src/schemas/types';
import { rngFor } from './random';
import type { SampleDataset, SampleRelease } from './types';

export const SAMPLE_NOTE = '示例数据（合成），非官方统计 / Synthetic sample data, not official statistics';
/** Tag that marks every sample dataset in search and facets. */
export const SAMPLE_TAG = '示例数据';

/** All sample data is public at seed time: releases that would publish later are dropped. */
export const SEED_CUTOFF = '2026-11-20T00:00:00+08:00';
const CUTOFF_MS = Date.parse(SEED_CUTOFF);

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Dataset description that always starts by saying the data is synthetic. */
export function sampleDescription({ zh, en }: LocalizedText): LocalizedText {
  return {
    zh: `示例数据（合成），非官方统计，仅用于演示平台功能。${zh}`,
    en: `Synthetic sample data, not official statistics; for demonstrating the platform only. ${en}`,
  };
}

/**
 * A notice dataset as the sample catalogue creates it: the definition and schema from
 * src/notice unchanged, but labelled as synthetic (isSample, description, tag) so that no
 * reader mistakes the generated history for official statistics.
 */
export function sampleOf(
  { dataset, schema }: NoticeDataset,
  releases: SampleDataset['releases'],
  history: { firstPeriod?: string } = {},
): SampleDataset {
  return {
    dataset: {
      ...dataset,
      description: sampleDescription(dataset.description),
      tags: [...dataset.tags, SAMPLE_TAG],
      isSample: true,
      // A definition-only dataset (firstPeriod null) gets the start of its synthetic history.
      ...(history.firstPeriod && { firstPeriod: history.firstPeriod }),
    },
    schema,
    releases,
  };
}

/**
 * When an agency would have published the period, always within office-like hours around
 * the due time: a quarter exactly on schedule, most a couple of hours or a working day
 * early, about one in ten late by 1–10 days. Null when that instant is after SEED_CUTOFF
 * (the release has not happened yet at seed time).
 */
export function samplePublishAt(datasetId: string, period: Period, rule: DueRuleSpec): string | null {
  const due = dueDate(period, rule).getTime();
  const rng = rngFor(datasetId, 'publishAt', formatPeriod(period));
  const u = rng();
  const steps = (n: number) => Math.floor(rng() * n) * 10 * MINUTE_MS;
  let at: number;
  if (u < 0.1)
    at = due + (1 + Math.floor(rng() * 10)) * DAY_MS + steps(48); // late: 1–10 days
  else if (u < 0.35) at = due;
  else if (u < 0.7)
    at = due - 30 * MINUTE_MS - steps(7); // early the same morning
  else at = due - DAY_MS + steps(48); // early: the working day before
  return at > CUTOFF_MS ? null : new Date(at).toISOString();
}

export interface ReleasePlan {
  datasetId: string;
  dueRule: DueRuleSpec;
  /** Every period of the history, in order. */
  periods: readonly Period[];
  /** Periods the agency deliberately never published (gaps for timeliness reports). */
  omit?: ReadonlySet<string>;
  /**
   * Rows build on earlier periods (running totals): rowsFor is called for every period in
   * order, and the history stops at the first period that is not yet public, because a
   * later running total cannot be published before the one it builds on.
   */
  cumulative?: boolean;
}

export function* planReleases(
  plan: ReleasePlan,
  rowsFor: (period: Period, text: string, index: number) => Record<string, string>[],
): Generator<SampleRelease> {
  if (plan.cumulative && plan.omit && plan.omit.size > 0) {
    throw new Error(`${plan.datasetId}: cumulative sample data cannot omit periods`);
  }
  for (const [index, period] of plan.periods.entries()) {
    const text = formatPeriod(period);
    if (plan.omit?.has(text)) continue;
    const publishAt = samplePublishAt(plan.datasetId, period, plan.dueRule);
    if (publishAt === null) {
      if (plan.cumulative) return;
      continue;
    }
    yield { period: text, publishAt, rows: rowsFor(period, text, index) };
  }
}

/** Exact text for an integer number of hundredths, e.g. 12345 → '123.45'. */
export function centsText(cents: number): string {
  const abs = Math.abs(cents);
  const frac = abs % 100;
  return `${cents < 0 ? '-' : ''}${(abs - frac) / 100}.${frac < 10 ? '0' : ''}${frac}`;
}

/** toFixed without a '-0.0' for values that round to zero. */
export function fixed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** Percentage change from `previous` to `current`, one decimal, '' when there is no base. */
export function growthPercent(current: number, previous: number | undefined, digits = 1): string {
  if (previous === undefined || previous === 0) return '';
  return fixed((current / previous - 1) * 100, digits);
}

/**
 * The notice's vocabulary (grains, land uses, …) in its order, each name joined with the
 * sample model that generates its numbers. A name without a model is a programming error.
 */
export function withModels<M extends object>(
  datasetId: string,
  names: readonly string[],
  models: Readonly<Record<string, M>>,
): (M & { name: string })[] {
  return names.map((name) => {
    const model = models[name];
    if (!model) throw new Error(`${datasetId}: no sample model for ${name}`);
    return { name, ...model };
  });
}
