import type { CalendarEntry, DatasetSummary, Label, Release, WhoAmI } from './api-types';
import type { CliConfig } from './config';
import { renderPairs, renderTable } from './table';
import { formatBeijing, formatInt, sanitize } from './text';

const zh = (label: Label | string | null | undefined): string =>
  typeof label === 'string' ? label : (label?.zh ?? label?.en ?? '');

export function renderRelease(r: Release): string {
  const verb = r.status === 'scheduled' ? 'Scheduled' : 'Published';
  const pairs: Array<[string, string]> = [
    ['period', `${sanitize(r.period?.id)} ${sanitize(zh(r.period?.label))}`],
    ['revision', String(r.revision)],
    ['rows', formatInt(r.rowCount)],
    ['sha256', sanitize(r.sha256)],
    ['status', sanitize(r.status)],
    [r.status === 'scheduled' ? 'publishes at' : 'published at', formatBeijing(r.publishedAt ?? r.publishAt)],
  ];
  if (r.revisionReason) pairs.push(['reason', sanitize(r.revisionReason)]);
  if (r.note) pairs.push(['note', sanitize(r.note)]);
  pairs.push(['release id', sanitize(r.id)]);
  return `${verb} ${sanitize(r.datasetId)} ${sanitize(r.period?.id)} (${sanitize(zh(r.period?.label))}), revision ${r.revision}\n${renderPairs(pairs)}`;
}

/** Says where the token came from, never what it is. */
export function renderWhoAmI(me: WhoAmI, config: CliConfig): string {
  return renderPairs([
    ['token name', sanitize(me.tokenName)],
    ['role', sanitize(me.role)],
    [
      'agency',
      me.agency
        ? `${sanitize(zh(me.agency.name))} ${sanitize(me.agency.name?.en)} (${sanitize(me.agency.id)})`
        : '-',
    ],
    ['server', `${config.server} (from ${config.origins.server})`],
    ['token from', config.origins.token ?? 'not set'],
  ]);
}

export function renderDatasets(datasets: DatasetSummary[], width?: number): string {
  if (!datasets.length) return 'This agency has no datasets.';
  return renderTable(
    [
      { header: 'dataset', max: 28 },
      { header: 'title', max: 30, min: 10 },
      { header: 'cadence', max: 10 },
      { header: 'last period', max: 24 },
      { header: 'last updated', max: 26 },
      { header: 'status', max: 10 },
    ],
    datasets.map((d) => [
      d.id,
      zh(d.title),
      d.cadence,
      d.periodRange?.last ? `${d.periodRange.last.id} ${zh(d.periodRange.last.label)}` : '-',
      formatBeijing(d.lastUpdated),
      typeof d.status === 'string' ? d.status : zh(d.status?.label) || d.status?.status,
    ]),
    width,
  );
}

const CALENDAR_LIMIT = 50;

export function renderCalendar(entries: CalendarEntry[], width?: number): string {
  const when = (e: CalendarEntry) => e.at ?? e.dueAt ?? '';
  const sorted = [...entries].sort((a, b) => Date.parse(when(a)) - Date.parse(when(b)));
  const shown = sorted.slice(0, CALENDAR_LIMIT);
  const table = renderTable(
    [
      { header: 'dataset', max: 28 },
      { header: 'period', max: 24 },
      { header: 'due', max: 26 },
      { header: 'kind', max: 10 },
      { header: 'state', max: 12 },
    ],
    shown.map((e) => [
      e.datasetId,
      `${e.period?.id} ${zh(e.period?.label)}`,
      formatBeijing(when(e)),
      e.kind,
      e.state ?? '',
    ]),
    width,
  );
  const more = sorted.length - shown.length;
  return more > 0 ? `${table}\n... and ${formatInt(more)} more (see --json)` : table;
}
