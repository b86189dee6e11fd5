import type { Knex } from 'knex';
import {
  findAgency,
  firstPublications,
  getDataset,
  listAgencies,
  listDatasetRecords,
  type Agency,
  type Dataset,
} from '../catalog';
import { NotFoundError } from '../errors';
import { dueDate, formatPeriod, parsePeriod, shanghaiDate } from '../periods';
import { periodState } from './period-state';
import { rankAgencies } from './ranking';
import { expectedPeriods } from './schedule';
import { summarise } from './summary';
import type {
  AgencyRanking,
  AgencyTimeliness,
  DatasetRef,
  DatasetTimeliness,
  ExpectedPeriod,
  FirstPublication,
} from './types';

type Publications = Map<string, FirstPublication>;

/** Years a timeliness question may ask about; the platform's data starts in the 2010s. */
export const TIMELINESS_YEARS = { min: 2000, max: 2100 } as const;

/** The Beijing calendar year `now` falls in: the default year of every timeliness answer. */
export function currentYear(now: Date): number {
  return Number(shanghaiDate(now).slice(0, 4));
}

/** Beijing-time calendar year as a half-open instant range. */
export function yearBounds(year: number): { start: Date; end: Date } {
  const at = (y: number) => new Date(`${String(y).padStart(4, '0')}-01-01T00:00:00+08:00`);
  return { start: at(year), end: at(year + 1) };
}

export function datasetRef(d: Dataset): DatasetRef {
  return {
    id: d.id,
    title: d.title,
    clause: d.clause,
    cadence: d.cadence,
    agencies: d.agencies,
    status: d.status,
  };
}

/**
 * Expected periods with their state at `now`. Without a year the list runs from the
 * tracking start to now, plus any later period that already has a scheduled release.
 */
export function timelinessOf(
  d: Dataset,
  pubs: Publications,
  now: Date,
  year: number | null,
): DatasetTimeliness {
  let horizon = year === null ? now : yearBounds(year).end;
  if (year === null && d.cadence !== 'irregular') {
    for (const period of pubs.keys()) {
      const due = dueDate(parsePeriod(period, d.periodKind), d.dueRule);
      if (due > horizon) horizon = due;
    }
  }
  let scheduled = expectedPeriods(d, horizon);
  if (year !== null) {
    const { start, end } = yearBounds(year);
    scheduled = scheduled.filter((s) => s.dueAt >= start && s.dueAt < end);
  }
  const periods: ExpectedPeriod[] = scheduled.map((s) =>
    periodState(s, pubs.get(formatPeriod(s.period)), now, {
      requiresInterpretation: d.requiresInterpretation,
    }),
  );
  return { dataset: datasetRef(d), year, summary: summarise(periods, now), periods };
}

export async function datasetTimeliness(
  knex: Knex,
  datasetId: string,
  o: { now: Date; year: number | null },
): Promise<DatasetTimeliness> {
  const d = await getDataset(knex, datasetId);
  const pubs = await firstPublications(knex, [d.id]);
  return timelinessOf(d, pubs.get(d.id) ?? new Map(), o.now, o.year);
}

/** Every dataset's timeliness for one year and the ranking built from it, computed together. */
export interface ProvinceTimeliness {
  year: number;
  datasets: DatasetTimeliness[];
  ranking: AgencyRanking[];
}

/**
 * The province-wide ranking. An agency answers for the items it leads (牵头落实); partner
 * agencies are listed on those items but the lead carries the schedule.
 */
export async function provinceTimeliness(
  knex: Knex,
  o: { now: Date; year: number },
): Promise<ProvinceTimeliness> {
  const [datasets, agencies] = await Promise.all([listDatasetRecords(knex), listAgencies(knex)]);
  const pubs = await firstPublications(
    knex,
    datasets.map((d) => d.id),
  );
  const all = datasets.map((d) => timelinessOf(d, pubs.get(d.id) ?? new Map(), o.now, o.year));
  const ranking = rankAgencies(
    agencies.map((agency) => ({
      agency,
      summary: summarise(
        all.filter((t) => t.dataset.agencies[0]?.id === agency.id).flatMap((t) => t.periods),
        o.now,
      ),
    })),
  );
  return { year: o.year, datasets: all, ranking };
}

/** One agency's view of the province figures: its rank, and every item it is named on. */
export function agencyView(p: ProvinceTimeliness, agency: Agency, now: Date): AgencyTimeliness {
  const mine = p.ranking.find((r) => r.agency.id === agency.id);
  const datasets = p.datasets
    .filter((t) => t.dataset.agencies.some((a) => a.id === agency.id))
    .map((t) => ({
      role: t.dataset.agencies[0]?.id === agency.id ? ('lead' as const) : ('partner' as const),
      timeliness: t,
    }));
  return {
    agency,
    year: p.year,
    summary: mine?.summary ?? summarise([], now),
    rank: mine?.rank ?? null,
    rankedAgencies: p.ranking.filter((r) => r.rank !== null).length,
    datasets,
  };
}

export async function agencyTimeliness(
  knex: Knex,
  agencyId: string,
  o: { now: Date; year: number },
): Promise<AgencyTimeliness> {
  const agency = await findAgency(knex, agencyId);
  if (!agency) {
    throw new NotFoundError('agency_not_found', `No agency with id ${agencyId}`, { agency: agencyId });
  }
  return agencyView(await provinceTimeliness(knex, o), agency, o.now);
}
