import type {
  AgencyRanking,
  AgencyTimeliness,
  CalendarEvent,
  DatasetRef,
  DatasetTimeliness,
  ExpectedPeriod,
} from '../../calendar';
import { formatPeriod, type Period } from '../../periods';
import type { ApiSchemas } from '../contract';
import { agencyJson, periodJson } from './catalog';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function periodRefJson(p: Period): ApiSchemas['Period'] {
  return periodJson(formatPeriod(p));
}

export function datasetRefJson(d: DatasetRef): ApiSchemas['DatasetRef'] {
  return {
    id: d.id,
    title: d.title,
    clause: d.clause,
    cadence: d.cadence,
    agencies: d.agencies.map((a, i) => ({ id: a.id, name: a.name, role: i === 0 ? 'lead' : 'partner' })),
    status: d.status,
    links: { self: `/api/v1/datasets/${d.id}`, timeliness: `/api/v1/datasets/${d.id}/timeliness` },
  };
}

export function expectedPeriodJson(p: ExpectedPeriod): ApiSchemas['ExpectedPeriod'] {
  return {
    period: periodRefJson(p.period),
    dueAt: p.dueAt.toISOString(),
    state: p.state,
    publishedAt: iso(p.publishedAt),
    delaySeconds: p.delaySeconds,
    revisions: p.revisions,
  };
}

export function datasetTimelinessJson(t: DatasetTimeliness): ApiSchemas['DatasetTimeliness'] {
  return {
    dataset: datasetRefJson(t.dataset),
    year: t.year,
    summary: t.summary,
    periods: t.periods.map(expectedPeriodJson),
  };
}

export function rankingJson(r: AgencyRanking): ApiSchemas['AgencyRanking'] {
  return { rank: r.rank, agency: agencyJson(r.agency), summary: r.summary };
}

/** Per dataset the summary plus only the periods that need attention, to keep it readable. */
export function agencyTimelinessJson(t: AgencyTimeliness): ApiSchemas['AgencyTimeliness'] {
  return {
    agency: agencyJson(t.agency),
    year: t.year,
    rank: t.rank,
    rankedAgencies: t.rankedAgencies,
    summary: t.summary,
    datasets: t.datasets.map(({ role, timeliness }) => ({
      dataset: datasetRefJson(timeliness.dataset),
      role,
      summary: timeliness.summary,
      missingPeriods: timeliness.periods.filter((p) => p.state === 'missing').map(expectedPeriodJson),
      latePeriods: timeliness.periods.filter((p) => p.state === 'late').map(expectedPeriodJson),
    })),
  };
}

/** Field names the agency CLI's `status` command reads (datasetId, period, dueAt, kind, state). */
export function calendarEventJson(e: CalendarEvent): ApiSchemas['CalendarEvent'] {
  return {
    kind: e.kind,
    datasetId: e.dataset.id,
    dataset: datasetRefJson(e.dataset),
    period: periodRefJson(e.period),
    at: e.at.toISOString(),
    dueAt: iso(e.dueAt),
    state: e.state,
    publishedAt: iso(e.publishedAt),
    delaySeconds: e.delaySeconds,
  };
}
