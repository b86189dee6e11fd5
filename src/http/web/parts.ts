import type { Standing } from '../../calendar';
import type { DatasetStatusMark, DatasetSummary } from '../../catalog';
import { REGIONS } from '../../notice';
import { cadenceWord, periodLabel, shanghaiDateTime, shanghaiDay } from './format';
import { html, type Html } from './html';
import { pick, translator, type Lang } from './i18n';

const STATUS_EN = { active: 'In force', repealed: 'Repealed', expired: 'Expired' } as const;

/** The 废止/失效 mark with its date (and reason on the dataset page), wherever a dataset is shown. */
export function statusMark(lang: Lang, s: DatasetStatusMark, withReason = false): Html {
  const label = lang === 'en' ? STATUS_EN[s.status] : s.label;
  const when = s.status === 'active' || !s.date ? '' : lang === 'en' ? ` since ${s.date}` : `（${s.date}）`;
  const why =
    withReason && s.status !== 'active' && s.reason ? `${lang === 'en' ? ': ' : '：'}${s.reason}` : '';
  return html`<span class="mark mark-${s.status}" data-status="${s.status}">${label}${when}${why}</span>`;
}

/** "Late" means the latest period that fell due has not been published. */
export function lateMark(lang: Lang, standing: Standing | undefined): Html | '' {
  const latest = standing?.latest;
  if (!standing?.overdue || !latest) return '';
  const t = translator(lang);
  return html`<span class="mark mark-late" data-late="true"
    >${t('逾期', 'Late')}${t('：', ': ')}${periodLabel(lang, latest.period)} ${t('应于', 'was due')}
    ${shanghaiDateTime(latest.dueAt)}</span
  >`;
}

export function sampleMark(lang: Lang, isSample: boolean): Html | '' {
  return isSample ? html`<span class="mark mark-sample">${lang === 'en' ? 'Sample' : '示例'}</span>` : '';
}

/** One dataset in a list: title, cadence badge, last update, status and late marks. */
export function datasetCard(lang: Lang, s: DatasetSummary, standing: Standing | undefined): Html {
  const t = translator(lang);
  const d = s.dataset;
  const updated = s.stats.lastUpdated;
  return html`<li data-dataset="${d.id}">
    <a class="title" href="/datasets/${d.id}">${pick(lang, d.title)}</a> ${sampleMark(lang, d.isSample)}
    <div class="meta">
      <span class="badge" title="${t('发布周期', 'Cadence')}">${cadenceWord(lang, d.cadence)}</span>
      <span>${d.clause}</span>
      <span
        >${t('最近更新', 'Updated')}${t('：', ': ')}${updated ? shanghaiDay(updated) : t('尚无数据', 'no data yet')}${
          s.stats.lastPeriod ? html` · ${periodLabel(lang, s.stats.lastPeriod)}` : ''
        }</span
      >
      ${d.status.status === 'active' ? '' : statusMark(lang, d.status)} ${lateMark(lang, standing)}
    </div>
  </li>`;
}

const REGION_NAMES = new Map(REGIONS.map((r) => [r.code, r.name]));

/** A division code shown with its name (140100 太原市); any other value as it is. */
export function valueLabel(lang: Lang, value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  const name = REGION_NAMES.get(text);
  return name ? `${text} ${pick(lang, name)}` : text;
}
