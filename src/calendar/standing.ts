import type { Knex } from 'knex';
import { firstPublications, type Dataset } from '../catalog';
import { formatPeriod } from '../periods';
import { periodState } from './period-state';
import { expectedPeriods, type ScheduledPeriod } from './schedule';
import type { ExpectedPeriod, FirstPublication } from './types';

/** Far enough ahead to reach the next due date of any cadence (annual items due months after year end). */
const LOOKAHEAD_MS = 800 * 86_400_000;

/** Where a dataset stands today: its latest due period and the next one. */
export interface Standing {
  /** The most recent period whose due instant has passed, with its state; null when none has. */
  latest: ExpectedPeriod | null;
  /** The next period to fall due; null for irregular, repealed or expired items. */
  next: ScheduledPeriod | null;
  /** The latest due period has not been published: the agency is late right now. */
  overdue: boolean;
}

export function standingOf(d: Dataset, pubs: ReadonlyMap<string, FirstPublication>, now: Date): Standing {
  const periods = expectedPeriods(d, new Date(now.getTime() + LOOKAHEAD_MS));
  const nextIndex = periods.findIndex((p) => p.dueAt > now);
  const lastDue = periods[(nextIndex === -1 ? periods.length : nextIndex) - 1];
  const latest = lastDue ? periodState(lastDue, pubs.get(formatPeriod(lastDue.period)), now) : null;
  return {
    latest,
    next: nextIndex === -1 ? null : (periods[nextIndex] ?? null),
    overdue: latest?.state === 'missing',
  };
}

/** Every given dataset's standing, reading first publications in one round trip. */
export async function datasetStandings(
  knex: Knex,
  datasets: readonly Dataset[],
  now: Date,
): Promise<Map<string, Standing>> {
  const pubs = await firstPublications(
    knex,
    datasets.map((d) => d.id),
  );
  return new Map(datasets.map((d) => [d.id, standingOf(d, pubs.get(d.id) ?? new Map(), now)]));
}
