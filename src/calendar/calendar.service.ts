import type { Knex } from 'knex';
import { findAgency, firstPublications, isPublishedBy, listDatasetRecords } from '../catalog';
import { NotFoundError, ValidationError } from '../errors';
import { dueDate, formatPeriod, parsePeriod } from '../periods';
import { delayOf, periodState } from './period-state';
import { expectedPeriods } from './schedule';
import { datasetRef } from './timeliness.service';
import type { CalendarEvent } from './types';

/** Two years is plenty for a subscription and keeps a feed to a few thousand events. */
export const MAX_CALENDAR_DAYS = 731;
const DAY_MS = 86_400_000;

export interface CalendarQuery {
  /** Beijing calendar dates, inclusive. */
  from: string;
  to: string;
  agency?: string;
  now: Date;
}

/** Instants covering Beijing days `from`..`to` inclusive. */
export function calendarWindow(from: string, to: string): { start: Date; end: Date } {
  const start = new Date(`${from}T00:00:00+08:00`);
  const end = new Date(new Date(`${to}T00:00:00+08:00`).getTime() + DAY_MS);
  if (end <= start) {
    throw new ValidationError('invalid_date_range', 'from must not be after to', { from, to });
  }
  const days = (end.getTime() - start.getTime()) / DAY_MS;
  if (days > MAX_CALENDAR_DAYS) {
    throw new ValidationError(
      'calendar_range_too_large',
      `A calendar covers at most ${MAX_CALENDAR_DAYS} days`,
      {
        from,
        to,
        days,
        maximum: MAX_CALENDAR_DAYS,
      },
    );
  }
  return { start, end };
}

/**
 * Due dates in the window, each with where it stands now, and releases still under embargo
 * that lift inside the window. A scheduled release appears with its time only: nothing
 * here reads its rows, row count, checksum or note.
 */
export async function calendarEvents(knex: Knex, q: CalendarQuery): Promise<CalendarEvent[]> {
  const { start, end } = calendarWindow(q.from, q.to);
  if (q.agency && !(await findAgency(knex, q.agency))) {
    throw new NotFoundError('agency_not_found', `No agency with id ${q.agency}`, { agency: q.agency });
  }
  const datasets = await listDatasetRecords(knex, { agency: q.agency });
  const pubs = await firstPublications(
    knex,
    datasets.map((d) => d.id),
  );
  const events: CalendarEvent[] = [];
  for (const d of datasets) {
    const mine = pubs.get(d.id) ?? new Map();
    const ref = datasetRef(d);
    for (const s of expectedPeriods(d, new Date(end.getTime() - 1))) {
      if (s.dueAt < start) continue;
      const e = periodState(s, mine.get(formatPeriod(s.period)), q.now, {
        requiresInterpretation: d.requiresInterpretation,
      });
      events.push({ kind: 'due', dataset: ref, ...e, at: e.dueAt });
    }
    for (const [period, pub] of mine) {
      if (isPublishedBy(pub.publishAt, q.now) || pub.publishAt < start || pub.publishAt >= end) continue;
      const p = parsePeriod(period, d.periodKind);
      const dueAt = d.cadence === 'irregular' ? null : dueDate(p, d.dueRule);
      events.push({
        kind: 'scheduled',
        dataset: ref,
        period: p,
        dueAt,
        at: pub.publishAt,
        state: 'scheduled',
        publishedAt: pub.publishAt,
        delaySeconds: dueAt ? delayOf(pub.publishAt, dueAt) : null,
        revisions: pub.revisions,
      });
    }
  }
  return events.sort((a, b) => a.at.getTime() - b.at.getTime() || a.dataset.id.localeCompare(b.dataset.id));
}
