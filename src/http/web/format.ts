import { CADENCE_LABELS, type Cadence, type Dataset } from '../../catalog';
import { parseIsoDuration, parsePeriod, periodLabelEn, periodLabelZh, type Period } from '../../periods';
import type { Lang } from './i18n';

/** Beijing time is UTC+08:00 all year (no DST since 1991), as src/periods assumes. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** '2026-11-20 09:30' in Beijing time; pages say "Beijing time" once in each heading. */
export function shanghaiDateTime(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

export function shanghaiDay(instant: Date): string {
  return shanghaiDateTime(instant).slice(0, 10);
}

export function periodLabel(lang: Lang, p: Period | string | null): string {
  if (p === null) return '—';
  const period = typeof p === 'string' ? parsePeriod(p) : p;
  return lang === 'en' ? periodLabelEn(period) : periodLabelZh(period);
}

/** The badge: the cadence alone, in words. */
export function cadenceWord(lang: Lang, c: Cadence): string {
  return CADENCE_LABELS[c][lang];
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'P1M10D' → '1个月10天' / '1 month 10 days'; the time-of-day part (PT…) is read too. */
function durationWords(lang: Lang, iso: string): string {
  const d = parseIsoDuration(iso);
  const parts: Array<[number, string, string]> = [
    [d.years, '年', 'year'],
    [d.months, '个月', 'month'],
    [d.weeks, '周', 'week'],
    [d.days, '天', 'day'],
    [d.hours, '小时', 'hour'],
    [d.minutes, '分钟', 'minute'],
  ];
  const used = parts.filter(([n]) => n > 0);
  if (lang === 'zh') return used.map(([n, zh]) => `${n}${zh}`).join('') || '0天';
  return used.map(([n, , en]) => `${n} ${en}${n === 1 ? '' : 's'}`).join(' ') || '0 days';
}

/**
 * The publication rule in words: "每周，周期结束后2天内 09:30前" / "Weekly, within 2 days
 * after the period ends, by 09:30 Beijing time", with the season when there is one.
 */
export function cadenceRule(lang: Lang, d: Pick<Dataset, 'cadence' | 'dueRule' | 'season'>): string {
  const word = cadenceWord(lang, d.cadence);
  if (d.cadence === 'irregular') return lang === 'en' ? 'Irregular, as items arise' : '不定期，随时发布';
  const within = durationWords(lang, d.dueRule.offset);
  const season = d.season
    ? lang === 'en'
      ? ` (${MONTHS_EN[d.season.startMonth - 1]}–${MONTHS_EN[d.season.endMonth - 1]} only)`
      : `（${d.season.startMonth}月至${d.season.endMonth < d.season.startMonth ? '次年' : ''}${d.season.endMonth}月）`
    : '';
  return lang === 'en'
    ? `${word}${season}, within ${within} after the period ends, by ${d.dueRule.time} Beijing time`
    : `${word}${season}，周期结束后${within}内 ${d.dueRule.time}前`;
}

/** A delay in seconds, rounded to what a reader needs: days and hours. */
export function delayWords(lang: Lang, seconds: number): string {
  const hours = Math.round(seconds / 3600);
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  if (lang === 'en') return days > 0 ? `${days} d ${rest} h` : `${Math.max(hours, 1)} h`;
  return days > 0 ? `${days}天${rest}小时` : `${Math.max(hours, 1)}小时`;
}

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}
