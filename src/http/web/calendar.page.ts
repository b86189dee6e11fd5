import type { Request, Response } from 'express';
import { calendarEvents, type CalendarEvent } from '../../calendar';
import { listAgencies } from '../../catalog';
import { formatDays, parseDateToDays, shanghaiDate } from '../../periods';
import type { HttpDeps } from '../deps';
import { queryString } from '../params';
import { periodLabel, shanghaiDateTime, shanghaiDay } from './format';
import { html } from './html';
import { pageLang, pick, translator, type Lang } from './i18n';
import { layout } from './layout';

/** What "upcoming" covers: the same window as the iCal feed's default. */
const DAYS_AHEAD = 90;

const STATE: Record<string, { zh: string; en: string }> = {
  upcoming: { zh: '待发布', en: 'upcoming' },
  scheduled: { zh: '已定时', en: 'scheduled' },
  on_time: { zh: '已按时发布', en: 'published on time' },
  late: { zh: '逾期发布', en: 'published late' },
  missing: { zh: '逾期未发布', en: 'overdue' },
  incomplete: { zh: '已发布，缺少解读', en: 'published without its interpretation' },
};

function eventRow(lang: Lang, e: CalendarEvent) {
  const state = STATE[e.state] ?? { zh: e.state, en: e.state };
  return html`<tr data-state="${e.state}">
    <td>${shanghaiDateTime(e.at).slice(11)}</td>
    <td><a href="/datasets/${e.dataset.id}">${pick(lang, e.dataset.title)}</a></td>
    <td>${periodLabel(lang, e.period)}</td>
    <td>
      ${e.dataset.agencies[0] ? html`<a href="/agencies/${e.dataset.agencies[0].id}">${pick(lang, e.dataset.agencies[0].name)}</a>` : ''}
    </td>
    <td><span class="${e.state === 'missing' ? 'mark mark-late' : ''}">${state[lang]}</span></td>
  </tr>`;
}

export async function calendarPage(deps: HttpDeps, req: Request, res: Response): Promise<void> {
  const lang = pageLang(req, res);
  const t = translator(lang);
  const now = deps.now();
  const agency = queryString(req, 'agency') || undefined;
  const today = parseDateToDays(shanghaiDate(now)) as number;
  const from = formatDays(today);
  const to = formatDays(today + DAYS_AHEAD - 1);
  const [events, agencies] = await Promise.all([
    calendarEvents(deps.db.knex, { from, to, agency, now }),
    listAgencies(deps.db.knex),
  ]);
  const byDay = new Map<string, CalendarEvent[]>();
  for (const e of events) {
    const day = shanghaiDay(e.at);
    byDay.set(day, [...(byDay.get(day) ?? []), e]);
  }
  const ics = `/api/v1/calendar.ics${agency ? `?agency=${encodeURIComponent(agency)}` : ''}`;
  const body = html`<h1>${t('发布日历', 'Release calendar')}</h1>
    <p>
      ${t(`${from} 至 ${to} 应发布和已定时发布的数据（北京时间）。`, `Releases due or scheduled from ${from} to ${to} (Beijing time).`)}
    </p>
    <p>
      <a class="button" href="${ics}" data-ical type="text/calendar"
        >${t('订阅日历（iCal）', 'Subscribe (iCal feed)')}</a
      >
      <span class="small muted"
        >${t('可在 Outlook、苹果日历或 Google 日历中按网址订阅。', 'Add it by URL in Outlook, Apple Calendar or Google Calendar.')}</span
      >
    </p>
    <form class="search" method="get" action="/calendar">
      <label for="agency">${t('责任单位', 'Agency')}</label>
      <select id="agency" name="agency">
        <option value="">${t('全部', 'All')}</option>
        ${agencies.map((a) => html`<option value="${a.id}" ${a.id === agency ? html`selected` : ''}>${pick(lang, a.name)}</option>`)}
      </select>
      <button type="submit">${t('筛选', 'Filter')}</button>
    </form>
    ${events.length === 0 ? html`<p>${t('这段时间没有应发布的数据。', 'Nothing is due in this window.')}</p>` : ''}
    ${[...byDay].map(
      ([day, list], i) =>
        html`<section aria-labelledby="d${i}">
          <h2 id="d${i}"><time datetime="${day}">${day}</time></h2>
          <div class="scroll" role="region" aria-labelledby="d${i}" tabindex="0">
            <table class="events">
              <thead>
                <tr>
                  <th scope="col">${t('时间', 'Time')}</th>
                  <th scope="col">${t('数据集', 'Dataset')}</th>
                  <th scope="col">${t('统计期', 'Period')}</th>
                  <th scope="col">${t('责任单位', 'Agency')}</th>
                  <th scope="col">${t('状态', 'State')}</th>
                </tr>
              </thead>
              <tbody>
                ${list.map((e) => eventRow(lang, e))}
              </tbody>
            </table>
          </div>
        </section>`,
    )}`;
  res.type('html').send(layout(req, { lang, title: t('发布日历', 'Release calendar'), body }));
}
