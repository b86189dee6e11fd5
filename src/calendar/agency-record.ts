import type { Knex } from 'knex';
import { findAgency, firstPublications, listAgencies, listDatasetRecords } from '../catalog';
import { NotFoundError } from '../errors';
import { periodStart, shanghaiDate } from '../periods';
import { rankAgencies } from './ranking';
import { trackingStart } from './schedule';
import { summarise } from './summary';
import { agencyView, currentYear, timelinessOf } from './timeliness.service';
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
 * Reads the catalogue and first publications once and derives every year from them, each
 * period's state computed once. A year's due, on-time, late and missing counts and rank are
 * those of `agencyTimeliness(…, { year })`; periods not yet due are left out.
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
  // Each dataset's periods by the Beijing year they fall due in.
  const byYear = history.map((t) => {
    const years = new Map<number, ExpectedPeriod[]>();
    for (const p of t.periods) {
      const year = Number(shanghaiDate(p.dueAt).slice(0, 4));
      const list = years.get(year);
      if (list) list.push(p);
      else years.set(year, [p]);
    }
    return years;
  });
  const inYear = (i: number, year: number) => byYear[i]?.get(year) ?? [];
  const ledBy = (agencyIdOf: string) =>
    history.flatMap((t, i) => (t.dataset.agencies[0]?.id === agencyIdOf ? [i] : []));
  const led = new Map(agencies.map((a) => [a.id, ledBy(a.id)]));
  const rankingOf = (year: number) =>
    rankAgencies(
      agencies.map((a) => ({
        agency: a,
        summary: summarise(
          (led.get(a.id) ?? []).flatMap((i) => inYear(i, year)),
          o.now,
        ),
      })),
    );

  const thisYear = currentYear(o.now);
  const mineLed = datasets.filter((d) => d.agencies[0]?.id === agencyId && d.cadence !== 'irregular');
  const firstYear = Math.min(
    thisYear,
    ...mineLed.map((d) => Number(periodStart(trackingStart(d)).slice(0, 4))),
  );
  const years: AgencyYear[] = [];
  for (let year = thisYear; year >= firstYear; year--) {
    const ranking = rankingOf(year);
    const mine = ranking.find((r) => r.agency.id === agencyId);
    years.push({
      year,
      summary: mine?.summary ?? summarise([], o.now),
      rank: mine?.rank ?? null,
      rankedAgencies: ranking.filter((r) => r.rank !== null).length,
    });
  }

  const all = history.map((t, i) => {
    const periods = inYear(i, o.year);
    return { ...t, year: o.year, periods, summary: summarise(periods, o.now) };
  });
  return {
    detail: agencyView({ year: o.year, datasets: all, ranking: rankingOf(o.year) }, agency, o.now),
    years,
  };
}
