import type { Knex } from 'knex';
import { firstPublications, type Dataset } from '../catalog';
import { formatPeriod, shanghaiDate } from '../periods';
import { periodState } from './period-state';
import { expectedPeriods, type ScheduledPeriod } from './schedule';
import type { ExpectedPeriod, FirstPublication } from './types';

const DAY_MS = 86_400_000;
/** Far enough back to reach the latest due period of any cadence (an annual item due months after its year). */
const LOOKBACK_MS = 800 * DAY_MS;
/** Far enough ahead to reach the next one (a season's first pentad half a year away, the next year's report). */
const LOOKAHEAD_MS = 400 * DAY_MS;

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
  // Only the periods near now matter: a dataset tracked weekly since 2017 has 500 before them.
  const periods = expectedPeriods(
    d,
    new Date(now.getTime() + LOOKAHEAD_MS),
    shanghaiDate(new Date(now.getTime() - LOOKBACK_MS)),
  );
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
