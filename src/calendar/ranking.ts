import type { Agency } from '../catalog';
import type { AgencyRanking, TimelinessSummary } from './types';

/**
 * Best first: higher on-time rate, then fewer missing periods, then a shorter average
 * delay. Agencies with nothing due in the year are listed last, unranked. Equal keys share
 * a rank (standard competition ranking: 1, 2, 2, 4).
 */
export function rankAgencies(
  entries: ReadonlyArray<{ agency: Agency; summary: TimelinessSummary }>,
): AgencyRanking[] {
  const key = (s: TimelinessSummary) => [-(s.onTimeRate ?? 0), s.missing, s.averageDelaySeconds ?? 0];
  const cmp = (a: TimelinessSummary, b: TimelinessSummary) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return (ka[i] as number) - (kb[i] as number);
    return 0;
  };
  const ranked = entries.filter((e) => e.summary.due > 0);
  const unranked = entries.filter((e) => e.summary.due === 0);
  ranked.sort((a, b) => cmp(a.summary, b.summary) || a.agency.id.localeCompare(b.agency.id));
  unranked.sort((a, b) => a.agency.id.localeCompare(b.agency.id));
  const out: AgencyRanking[] = [];
  ranked.forEach((e, i) => {
    const prev = out[i - 1];
    const tied = prev && cmp(prev.summary, e.summary) === 0;
    out.push({ rank: tied ? prev.rank : i + 1, agency: e.agency, summary: e.summary });
  });
  for (const e of unranked) out.push({ rank: null, agency: e.agency, summary: e.summary });
  return out;
}
