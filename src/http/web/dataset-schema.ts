import type { FieldDef } from '../../schemas';
import { html, type Html } from './html';
import { translator, type Lang } from './i18n';

const TYPE_ZH: Record<string, string> = {
  string: '文本',
  integer: '整数',
  number: '数值',
  boolean: '是/否',
  date: '日期',
  year: '年份',
  yearmonth: '年月',
  period: '统计期',
};

/** The public fields only: restricted ones are never shown, not even by name. */
export function schemaSection(lang: Lang, fields: readonly FieldDef[]): Html {
  const t = translator(lang);
  return html`<section aria-labelledby="schema">
    <h2 id="schema">${t('字段说明', 'Schema')}</h2>
    <div class="scroll" role="region" aria-labelledby="schema" tabindex="0">
      <table>
        <thead>
          <tr>
            <th scope="col">${t('字段', 'Field')}</th>
            <th scope="col">${t('类型', 'Type')}</th>
            <th scope="col">${t('单位', 'Unit')}</th>
            <th scope="col">${t('说明', 'Description')}</th>
          </tr>
        </thead>
        <tbody>
          ${fields.map(
            (f) =>
              html`<tr>
                <th scope="row">
                  ${lang === 'en' ? f.title.en : f.title.zh}<br /><code class="small">${f.name}</code>
                </th>
                <td>${lang === 'en' ? f.type : (TYPE_ZH[f.type] ?? f.type)}</td>
                <td>${f.unit ?? ''}</td>
                <td>
                  ${(lang === 'en' ? f.description?.en : f.description?.zh) ?? ''}${
                    f.constraints?.enum && f.constraints.enum.length <= 30
                      ? html`<div class="small muted">
                          ${t('取值：', 'Values: ')}${f.constraints.enum.join(t('、', ', '))}
                        </div>`
                      : ''
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}
