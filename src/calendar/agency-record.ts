import type { Knex } from 'knex';
import { findAgency, firstPublications, listAgencies, listDatasetRecords } from '../catalog';
import { NotFoundError } from '../errors';
import { periodStart } from '../periods';
import { rankAgencies } from './ranking';
import { trackingStart } from './schedule';
import { summarise } from './summary';
import { agencyView, currentYear, timelinessOf, yearBounds } from './timeliness.service';
import type { AgencyTimeliness, ExpectedPeriod, TimelinessSummary } from './types';

export interface AgencyYear {
  year: number;
  /** Over the items the agency leads, as the ranking counts them. */
  summary: TimelinessSummary;
  rank: number | null;
  rankedAgencies: number;
}

/** An agency's assessment (考核): one year in detail, and its record for every year it was tracked. */
export interface AgencyRecord {
  detail: AgencyTimeliness;
  /** Newest first, from the current year back to the first year any item it leads was due. */
  years: AgencyYear[];
}

/**
 * Reads the catalogue and first publications once and derives every year from them: a
 * year's figures are the same as `agencyTimeliness(…, { year })` would give, without
 * reading the database again per year.
 */
export async function agencyRecord(
  knex: Knex,
  agencyId: string,
  o: { now: Date; year: number },
): Promise<AgencyRecord> {
  const agency = await findAgency(knex, agencyId);
  if (!agency) {
    throw new NotFoundError('agency_not_found', `No agency with id ${agencyId}`, { agency: agencyId });
  }
  const [datasets, agencies] = await Promise.all([listDatasetRecords(knex), listAgencies(knex)]);
  const pubs = await firstPublications(
    knex,
    datasets.map((d) => d.id),
  );
  const history = datasets.map((d) => timelinessOf(d, pubs.get(d.id) ?? new Map(), o.now, null));
  const thisYear = currentYear(o.now);
  const led = datasets.filter((d) => d.agencies[0]?.id === agencyId && d.cadence !== 'irregular');
  const firstYear = Math.min(thisYear, ...led.map((d) => Number(periodStart(trackingStart(d)).slice(0, 4))));

  const periodsIn = (periods: readonly ExpectedPeriod[], year: number) => {
    const { start, end } = yearBounds(year);
    return periods.filter((p) => p.dueAt >= start && p.dueAt < end);
  };
  const years: AgencyYear[] = [];
  for (let year = thisYear; year >= firstYear; year--) {
    const ranking = rankAgencies(
      agencies.map((a) => ({
        agency: a,
        summary: summarise(
          history
            .filter((t) => t.dataset.agencies[0]?.id === a.id)
            .flatMap((t) => periodsIn(t.periods, year)),
          o.now,
        ),
      })),
    );
    const mine = ranking.find((r) => r.agency.id === agencyId);
    years.push({
      year,
      summary: mine?.summary ?? summarise([], o.now),
      rank: mine?.rank ?? null,
      rankedAgencies: ranking.filter((r) => r.rank !== null).length,
    });
  }

  const all = datasets.map((d) => timelinessOf(d, pubs.get(d.id) ?? new Map(), o.now, o.year));
  const ranking = rankAgencies(
    agencies.map((a) => ({
      agency: a,
      summary: summarise(
        all.filter((t) => t.dataset.agencies[0]?.id === a.id).flatMap((t) => t.periods),
        o.now,
      ),
    })),
  );
  return { detail: agencyView({ year: o.year, datasets: all, ranking }, agency, o.now), years };
}
