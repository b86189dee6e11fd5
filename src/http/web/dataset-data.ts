import type { Dataset } from '../../catalog';
import type { FieldDef } from '../../schemas';
import { periodLabel } from './format';
import { html, type Html } from './html';
import { translator, type Lang } from './i18n';
import { valueLabel } from './parts';

export const PREVIEW_ROWS = 20;

export function previewSection(
  lang: Lang,
  fields: readonly FieldDef[],
  rows: ReadonlyArray<Record<string, unknown>>,
  period: string | null,
): Html {
  const t = translator(lang);
  return html`<section aria-labelledby="preview">
    <h2 id="preview">${t('数据预览', 'Preview')}</h2>
    ${
      period === null
        ? html`<p>${t('尚未发布数据。', 'Nothing published yet.')}</p>`
        : html`<div class="scroll" role="region" aria-labelledby="preview" tabindex="0">
            <table>
              <caption>
                ${t(
                  `最新一期（${periodLabel(lang, period)}）的前 ${rows.length} 行`,
                  `First ${rows.length} rows of the latest period (${periodLabel(lang, period)})`,
                )}
              </caption>
              <thead>
                <tr>
                  ${fields.map(
                    (f) =>
                      html`<th
                        scope="col"
                        class="${f.type === 'number' || f.type === 'integer' ? 'num' : ''}"
                      >
                        ${lang === 'en' ? f.title.en : f.title.zh}${f.unit ? html`<br /><span class="small muted">${f.unit}</span>` : ''}
                      </th>`,
                  )}
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  (row) =>
                    html`<tr>
                      ${fields.map(
                        (f) =>
                          html`<td class="${f.type === 'number' || f.type === 'integer' ? 'num' : ''}">
                            ${
                              f.type === 'period' && typeof row[f.name] === 'string'
                                ? periodLabel(lang, row[f.name] as string)
                                : valueLabel(lang, row[f.name])
                            }
                          </td>`,
                      )}
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
  </section>`;
}

export function downloadsSection(lang: Lang, d: Dataset): Html {
  const t = translator(lang);
  const api = `/api/v1/datasets/${d.id}`;
  // Chinese Excel users get Chinese column titles; the plain CSV keeps the field names for programs.
  const header = lang === 'en' ? 'en' : 'zh';
  return html`<section aria-labelledby="downloads">
    <h2 id="downloads">${t('下载', 'Downloads')}</h2>
    <p class="small muted">
      ${t('完整数据（所有已发布期的最新修订）。', 'The whole dataset (the latest revision of every published period).')}
    </p>
    <ul class="downloads">
      <li>
        <a href="${api}/export.csv?bom=1&header=${header}" data-download="excel"
          >${t('CSV（Excel 适用，UTF-8 带 BOM）', 'CSV for Excel (UTF-8 with BOM)')}</a
        >
      </li>
      <li>
        <a href="${api}/export.csv?encoding=gb18030&header=${header}" data-download="gb18030"
          >${t('CSV（GB18030 编码，旧版 Excel/WPS）', 'CSV in GB18030 (older Chinese Excel/WPS)')}</a
        >
      </li>
      <li>
        <a href="${api}/export.csv" data-download="csv"
          >${t('CSV（UTF-8，字段名表头）', 'Plain CSV (UTF-8, field names)')}</a
        >
      </li>
      <li><a href="${api}/export.json" data-download="json">JSON</a></li>
      <li>
        <a href="${api}/schema" data-download="schema"
          >${t('表结构（Table Schema JSON）', 'Table Schema (JSON)')}</a
        >
      </li>
      <li>
        <a href="${api}/openapi.json" data-download="openapi"
          >${t('本数据集的接口说明（OpenAPI，按字段列出筛选参数）', 'This dataset’s API (OpenAPI, with a filter per field)')}</a
        >
      </li>
      <li>
        <a href="${api}/datapackage.json" data-download="datapackage"
          >${t('数据包（Frictionless datapackage.json，含每期文件及校验值）', 'Data Package (Frictionless datapackage.json: every release file with its checksum)')}</a
        >
      </li>
      <li>
        <a href="/feeds/datasets/${d.id}.atom" data-download="atom"
          >${t('订阅发布与更正（Atom）', 'Follow releases and revisions (Atom feed)')}</a
        >
      </li>
    </ul>
  </section>`;
}
