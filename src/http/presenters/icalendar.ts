import ical, { ICalEventStatus } from 'ical-generator';
import type { CalendarEvent, PeriodState } from '../../calendar';
import { formatPeriod, periodLabelEn, periodLabelZh } from '../../periods';

const STATE_TEXT: Record<PeriodState, string> = {
  on_time: '按时发布 published on time',
  late: '逾期发布 published late',
  missing: '逾期未发布 overdue, not published',
  scheduled: '已排期 scheduled',
  upcoming: '待发布 due',
  incomplete: '缺少解读 published without the required interpretation',
};

/** UIDs stay the same across fetches so calendar apps update events instead of duplicating them. */
function uid(e: CalendarEvent, host: string): string {
  return `${e.kind}-${e.dataset.id}-${formatPeriod(e.period)}@${host}`;
}

function hours(seconds: number): string {
  return (seconds / 3600).toFixed(1);
}

function describe(e: CalendarEvent, baseUrl: string): string {
  const lines = [
    `${e.dataset.title.zh} / ${e.dataset.title.en}`,
    `${periodLabelZh(e.period)} / ${periodLabelEn(e.period)}`,
    `依据 Legal basis: 晋政办发〔2017〕50号 ${e.dataset.clause}`,
    `责任单位 Agencies: ${e.dataset.agencies.map((a) => `${a.name.zh} (${a.id})`).join('、')}`,
    `状态 State: ${STATE_TEXT[e.state]}`,
  ];
  if (e.dueAt) lines.push(`截止 Due: ${e.dueAt.toISOString()}`);
  if (e.delaySeconds) lines.push(`延迟 Delay: ${hours(e.delaySeconds)} h`);
  lines.push(`${baseUrl}/api/v1/datasets/${e.dataset.id}`);
  return lines.join('\n');
}

/**
 * One VEVENT per due date and per scheduled release, in UTC so no VTIMEZONE is needed.
 * A deadline is an instant; the half hour of duration only makes it visible in day views.
 */
export function icalendarFeed(events: readonly CalendarEvent[], o: { baseUrl: string; now: Date }): string {
  const host = new URL(o.baseUrl).hostname || 'localhost';
  const cal = ical({
    name: '山西省政务公开数据发布日历 Shanxi open-data release calendar',
    description: '晋政办发〔2017〕50号 periodic disclosures: due dates and scheduled releases',
    prodId: { company: 'shanxi-open-data', product: 'release-calendar', language: 'ZH' },
    url: `${o.baseUrl}/api/v1/calendar.ics`,
    ttl: 60 * 60,
  });
  for (const e of events) {
    const tag = e.kind === 'due' ? '截止 Due' : '预定发布 Scheduled';
    cal.createEvent({
      id: uid(e, host),
      start: e.at,
      end: new Date(e.at.getTime() + 30 * 60_000),
      stamp: o.now,
      summary: `${tag}: ${e.dataset.title.zh} ${periodLabelZh(e.period)}`,
      description: describe(e, o.baseUrl),
      url: `${o.baseUrl}/api/v1/datasets/${e.dataset.id}`,
      categories: [{ name: e.kind === 'due' ? 'due' : 'scheduled' }, { name: e.state }],
      status: ICalEventStatus.CONFIRMED,
      x: { 'X-OPENDATA-STATE': e.state, 'X-OPENDATA-PERIOD': formatPeriod(e.period) },
    });
  }
  return cal.toString();
}
