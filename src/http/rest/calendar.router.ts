import { Router, type Request } from 'express';
import {
  agencyTimeliness,
  calendarEvents,
  currentYear,
  datasetTimeliness,
  MAX_CALENDAR_DAYS,
  provinceTimeliness,
  TIMELINESS_YEARS,
} from '../../calendar';
import { ValidationError } from '../../errors';
import { formatDays, parseDateToDays, shanghaiDate } from '../../periods';
import { baseUrl } from '../base-url';
import type { HttpDeps } from '../deps';
import { pathParam, queryInt, queryString } from '../params';
import {
  agencyTimelinessJson,
  calendarEventJson,
  datasetTimelinessJson,
  rankingJson,
} from '../presenters/calendar';
import { icalendarFeed } from '../presenters/icalendar';
import { agencyRequestTimeliness, requestTimelinessByAgency, summariseRequests } from '../../requests';

const DEFAULT_CALENDAR_DAYS = 90;

function dateParam(req: Request, name: string): number | undefined {
  const raw = queryString(req, name);
  if (raw === undefined || raw === '') return undefined;
  const days = parseDateToDays(raw);
  if (days === null) {
    throw new ValidationError('invalid_parameter', `Parameter ${name} must be a date, YYYY-MM-DD`, {
      parameter: name,
      value: raw,
      expected: 'YYYY-MM-DD',
    });
  }
  return days;
}

/** Defaults: from today (Beijing) for 90 days; `to` alone counts back from it. */
function windowParams(req: Request, now: Date): { from: string; to: string } {
  const today = parseDateToDays(shanghaiDate(now)) as number;
  const fromDays = dateParam(req, 'from');
  const toDays = dateParam(req, 'to');
  const from = fromDays ?? (toDays !== undefined ? toDays - DEFAULT_CALENDAR_DAYS + 1 : today);
  const to = toDays ?? from + DEFAULT_CALENDAR_DAYS - 1;
  return { from: formatDays(from), to: formatDays(to) };
}

function yearParam(req: Request, now: Date): number {
  return queryInt(req, 'year', currentYear(now), TIMELINESS_YEARS.min, TIMELINESS_YEARS.max);
}

/** text/calendar when asked for by path or preferred in Accept; JSON otherwise. */
function wantsICalendar(req: Request): boolean {
  return req.path.endsWith('.ics') || req.accepts(['application/json', 'text/calendar']) === 'text/calendar';
}

export function calendarRouter(deps: HttpDeps): Router {
  const { knex } = deps.db;
  const r = Router();

  r.get(['/calendar', '/calendar.ics'], async (req, res) => {
    const now = deps.now();
    const { from, to } = windowParams(req, now);
    const agency = queryString(req, 'agency') || undefined;
    const events = await calendarEvents(knex, { from, to, agency, now });
    res.set('Cache-Control', 'public, max-age=60');
    if (wantsICalendar(req)) {
      const name = `opendata-calendar${agency ? `-${agency}` : ''}-${from}-${to}.ics`;
      res.type('text/calendar; charset=utf-8');
      res.set('Content-Disposition', `inline; filename="${name}"`);
      res.send(icalendarFeed(events, { baseUrl: baseUrl(req, deps), now }));
      return;
    }
    res.json({
      data: events.map(calendarEventJson),
      meta: {
        from,
        to,
        agency: agency ?? null,
        timeZone: 'Asia/Shanghai',
        total: events.length,
        maxDays: MAX_CALENDAR_DAYS,
      },
      links: {
        ics: `/api/v1/calendar.ics?${new URLSearchParams({ from, to, ...(agency ? { agency } : {}) })}`,
      },
    });
  });

  r.get('/timeliness', async (req, res) => {
    const now = deps.now();
    const year = yearParam(req, now);
    const [{ ranking }, requests] = await Promise.all([
      provinceTimeliness(knex, { now, year }),
      requestTimelinessByAgency(knex, year, now),
    ]);
    // 依申请公开 answers sit next to the datasets' record; they do not change the rank.
    const none = summariseRequests([], year, now);
    res.json({
      data: ranking.map((r) => ({ ...rankingJson(r), requests: requests.get(r.agency.id) ?? none })),
      meta: { year, asOf: now.toISOString(), total: ranking.length },
    });
  });

  r.get('/agencies/:agencyId/timeliness', async (req, res) => {
    const now = deps.now();
    const year = yearParam(req, now);
    const t = await agencyTimeliness(knex, pathParam(req, 'agencyId'), { now, year });
    const requests = await agencyRequestTimeliness(knex, t.agency.id, year, now);
    res.json({ data: { ...agencyTimelinessJson(t), requests }, meta: { year, asOf: now.toISOString() } });
  });

  r.get('/datasets/:datasetId/timeliness', async (req, res) => {
    const now = deps.now();
    const hasYear = (queryString(req, 'year') ?? '') !== '';
    const year = hasYear ? yearParam(req, now) : null;
    const t = await datasetTimeliness(knex, pathParam(req, 'datasetId'), { now, year });
    res.json({
      data: datasetTimelinessJson(t),
      meta: { year, asOf: now.toISOString(), datasetStatus: t.dataset.status },
    });
  });

  return r;
}
