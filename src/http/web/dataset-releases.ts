import type { PagedRelease } from '../../catalog';
import { periodLabel, shanghaiDateTime } from './format';
import { html, type Html } from './html';
import { translator, type Lang } from './i18n';

/** Periods per page of the release history; each period brings all its revisions. */
export const RELEASE_PAGE_SIZE = 20;

/** A revision's own bytes: `?revision=n` pins the URL to one immutable release. */
export function revisionUrl(datasetId: string, r: Pick<PagedRelease, 'period' | 'revision'>): string {
  return `/api/v1/datasets/${datasetId}/releases/${r.period}/data.csv?revision=${r.revision}`;
}

function pager(lang: Lang, datasetId: string, page: number, pages: number): Html | '' {
  if (pages <= 1) return '';
  const t = translator(lang);
  const href = (n: number) => `/datasets/${datasetId}?page=${n}#releases`;
  return html`<nav class="pager" aria-label="${t('发布记录分页', 'Release history pages')}">
    ${page > 1 ? html`<a href="${href(page - 1)}" rel="prev">${t('← 较新', '← Newer')}</a>` : ''}
    <span aria-current="page">${t(`第 ${page} / ${pages} 页`, `Page ${page} of ${pages}`)}</span>
    ${page < pages ? html`<a href="${href(page + 1)}" rel="next">${t('较早 →', 'Older →')}</a>` : ''}
    ${page !== 1 ? html`<a href="${href(1)}">${t('最新', 'Newest')}</a>` : ''}
    ${page !== pages ? html`<a href="${href(pages)}">${t('最早', 'Oldest')}</a>` : ''}
  </nav>`;
}

export function releasesSection(
  lang: Lang,
  datasetId: string,
  releases: readonly PagedRelease[],
  page: number,
  totalPeriods: number,
): Html {
  const t = translator(lang);
  const pages = Math.max(1, Math.ceil(totalPeriods / RELEASE_PAGE_SIZE));
  return html`<section aria-labelledby="releases">
    <h2 id="releases">${t('发布记录', 'Releases')}</h2>
    <p class="small muted">
      ${t(
        '每一期的每次修订都有自己的文件；SHA-256 校验值与该文件逐字节一致。更正后旧修订仍可下载。时间为北京时间。',
        'Every revision of every period has its own file, whose SHA-256 is shown. Corrected revisions stay downloadable. Times are Beijing time.',
      )}
    </p>
    ${pager(lang, datasetId, page, pages)}
    <div class="scroll" role="region" aria-labelledby="releases" tabindex="0">
      <table class="wide">
        <thead>
          <tr>
            <th scope="col">${t('统计期', 'Period')}</th>
            <th scope="col">${t('修订', 'Revision')}</th>
            <th scope="col" class="num">${t('行数', 'Rows')}</th>
            <th scope="col">${t('发布时间', 'Published')}</th>
            <th scope="col">${t('下载与 SHA-256', 'Download and SHA-256')}</th>
          </tr>
        </thead>
        <tbody>
          ${releases.map((r) => {
            const withdrawn = r.withdrawal !== null;
            const superseded = !withdrawn && r.latestRevision !== null && r.revision < r.latestRevision;
            return html`<tr
              data-period="${r.period}"
              data-revision="${r.revision}"
              ${superseded ? html`data-superseded="true"` : ''}
              ${withdrawn ? html`data-withdrawn="true"` : ''}
            >
              <td>${periodLabel(lang, r.period)}</td>
              <td>
                ${r.revision}${superseded ? t('（已更正）', ' (superseded)') : ''}${withdrawn ? t('（已撤回）', ' (withdrawn)') : ''}
                ${
                  r.withdrawal
                    ? html`<div class="small muted" data-withdrawal>
                        ${t('撤回时间：', 'Withdrawn: ')}${shanghaiDateTime(r.withdrawal.at)}<br />${t('撤回原因：', 'Reason: ')}${r.withdrawal.reason}
                      </div>`
                    : ''
                }
                ${
                  r.revisionReason
                    ? html`<div class="small muted">${t('更正原因：', 'Reason: ')}${r.revisionReason}</div>`
                    : ''
                }
              </td>
              <td class="num">${r.rowCount}</td>
              <td>${shanghaiDateTime(r.publishAt)}</td>
              <td class="hash">
                ${
                  withdrawn
                    ? ''
                    : html`<a href="${revisionUrl(datasetId, r)}" download
                          >${t(`下载第 ${r.revision} 次修订 CSV`, `CSV, revision ${r.revision}`)}</a
                        ><br />`
                }<code class="hash" data-sha256>${r.sha256}</code>
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
    ${releases.length === 0 ? html`<p>${t('尚未发布数据。', 'Nothing published yet.')}</p>` : ''}
    ${pager(lang, datasetId, page, pages)}
  </section>`;
}
