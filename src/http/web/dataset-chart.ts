import type { Dataset } from '../../catalog';
import { fieldRole, type FieldDef, type TableSchema } from '../../schemas';
import { html, jsonScript, type Html } from './html';
import { translator, type Lang } from './i18n';
import { valueLabel } from './parts';

/** A select longer than this is no way to pick a line; finer cuts are for the API. */
const MAX_SELECTOR_VALUES = 20;

export interface ChartPlan {
  measure: FieldDef;
  dimensions: FieldDef[];
}

/**
 * The main measure is the schema's first numeric measure; selectors are its enumerated
 * dimensions (not the period, which is the x axis). No measure, no chart.
 */
export function chartPlan(schema: TableSchema, fields: readonly FieldDef[]): ChartPlan | undefined {
  const measure = fields.find(
    (f) => (f.type === 'number' || f.type === 'integer') && fieldRole(schema, f) === 'measure',
  );
  if (!measure) return undefined;
  const dimensions = fields.filter(
    (f) =>
      f.type !== 'period' &&
      fieldRole(schema, f) === 'dimension' &&
      (f.constraints?.enum?.length ?? 0) > 0 &&
      (f.constraints?.enum?.length ?? 0) <= MAX_SELECTOR_VALUES,
  );
  return { measure, dimensions };
}

const title = (lang: Lang, f: FieldDef) => (lang === 'en' ? f.title.en : f.title.zh);

/** Weeks and pentads can be shown by month; coarser periods are already readable. */
const ROLLS_UP = new Set(['week', 'pentad']);

/**
 * The chart's controls are ordinary labelled selects, hidden until the script shows them
 * (without JavaScript they could do nothing); the script (a served file) reads
 * its settings from a JSON block and draws from the aggregate API, never the whole table.
 */
export function chartSection(lang: Lang, d: Dataset, plan: ChartPlan | undefined): Html {
  const t = translator(lang);
  if (!plan) {
    return html`<section aria-labelledby="chart">
      <h2 id="chart">${t('趋势图', 'Chart')}</h2>
      <p>${t('本数据集没有可作图的数值指标。', 'This dataset has no numeric measure to chart.')}</p>
    </section>`;
  }
  const { measure } = plan;
  const measureLabel = `${title(lang, measure)}${measure.unit ? t(`（${measure.unit}）`, ` (${measure.unit})`) : ''}`;
  const rollup = ROLLS_UP.has(d.periodKind);
  const config = {
    api: `/api/v1/datasets/${d.id}/aggregate`,
    measure: measure.name,
    measureLabel,
    periodKind: d.periodKind,
    lang,
    text: {
      loading: t('正在加载…', 'Loading…'),
      empty: t('所选组合没有数据。', 'No data for this selection.'),
      error: t('图表数据加载失败。', 'Could not load the chart data.'),
      summary: t('{n} 个数据点，{from} 至 {to}', '{n} points, {from} to {to}'),
    },
  };
  return html`<section aria-labelledby="chart">
    <h2 id="chart">${t('趋势图', 'Chart')}${t('：', ': ')}${measureLabel}</h2>
    <form
      id="chart-controls"
      class="chart-controls"
      hidden
      action="#chart"
      aria-label="${t('图表选项', 'Chart options')}"
    >
      ${plan.dimensions.map(
        (f) =>
          html`<label
            >${title(lang, f)}
            <select name="${f.name}" data-field="${f.name}">
              <option value="">${t('全部（平均）', 'All (average)')}</option>
              ${(f.constraints?.enum ?? []).map(
                (v, i) =>
                  html`<option value="${v}" ${i === 0 ? html`selected` : ''}>${valueLabel(lang, v)}</option>`,
              )}
            </select></label
          >`,
      )}
      ${
        rollup
          ? html`<label
              >${t('时间粒度', 'Time grain')}
              <select name="grain" data-grain>
                <option value="period" selected>
                  ${d.periodKind === 'week' ? t('按周', 'Weekly') : t('按候', 'By pentad')}
                </option>
                <option value="month">${t('按月汇总', 'Monthly')}</option>
              </select></label
            >`
          : ''
      }
    </form>
    <div
      id="chart-canvas"
      class="chart"
      role="img"
      aria-label="${measureLabel}"
      data-state="idle"
      hidden
    ></div>
    <p id="chart-status" class="small muted" aria-live="polite"></p>
    <noscript
      ><p>
        ${t('图表需要 JavaScript；数据可在下方下载。', 'The chart needs JavaScript; the data can be downloaded below.')}
      </p></noscript
    >
    <p class="small muted">
      ${t(
        `每个点是所选范围内各行“${title(lang, measure)}”的平均值，来自聚合接口。`,
        `Each point is the average of “${title(lang, measure)}” over the selected rows, from the aggregate API.`,
      )}
      ${
        d.periodKind === 'week'
          ? t(
              '按月汇总在浏览器中计算：每周按其周四所在的月份归入（ISO 8601 规则），取该月各周平均值的平均。',
              'Monthly figures are computed in the browser: each week counts in the month of its Thursday (the ISO 8601 rule), and a month is the mean of its weekly averages.',
            )
          : d.periodKind === 'pentad'
            ? t(
                '按月汇总在浏览器中计算：取该月各候平均值的平均。',
                'Monthly figures are computed in the browser: a month is the mean of its pentad averages.',
              )
            : ''
      }
    </p>
    ${jsonScript('chart-config', 'application/json', config)}
  </section>`;
}
