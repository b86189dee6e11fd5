import type { Interpretation } from '../../catalog';
import {
  FEEDBACK_KINDS,
  MAX_FEEDBACK_DESCRIPTION,
  MAX_FEEDBACK_EMAIL,
  type FeedbackReport,
} from '../../feedback';
import type { DisclosureCandidate, RequestTimelinessSummary } from '../../requests';
import { periodLabel, percent } from './format';
import { html, type Html } from './html';
import { pick, translator, type Lang } from './i18n';

/**
 * Markdown as text: escaped (html`` escapes every value), blank lines make paragraphs and
 * single line breaks stay. Nothing an agency writes becomes markup.
 */
export function markdownAsText(markdown: string): Html {
  const paragraphs = markdown.split(/\n\s*\n/).filter((p) => p.trim() !== '');
  return html`${paragraphs.map(
    (p) => html`<p>${p.split('\n').map((line, i) => (i === 0 ? html`${line}` : html`<br />${line}`))}</p>`,
  )}`;
}

/** 解读 of the releases shown on the page, newest first. */
export function interpretationsSection(
  lang: Lang,
  items: ReadonlyArray<{ period: string; revision: number; interpretation: Interpretation }>,
  required: boolean,
): Html | '' {
  const t = translator(lang);
  if (items.length === 0 && !required) return '';
  return html`<section aria-labelledby="interpretations">
    <h2 id="interpretations">${t('解读', 'Interpretations')}</h2>
    ${
      required
        ? html`<p class="small muted">
            ${t(
              '本数据集每期须同时发布解读（晋政办发〔2017〕50号 六(三)）；未附解读的期次在时效考核中计为“不完整”。',
              'Each release of this dataset must come with an interpretation; periods without one count as incomplete.',
            )}
          </p>`
        : ''
    }
    ${items.length === 0 ? html`<p>${t('本页所列发布尚无解读。', 'No interpretation for the releases listed.')}</p>` : ''}
    ${items.map(
      ({ period, revision, interpretation: i }) =>
        html`<article data-interpretation="${period}">
          <h3>
            ${periodLabel(lang, period)}
            <span class="small muted">(${t('第', 'revision ')}${revision}${t(' 次修订', '')})</span>
          </h3>
          <p class="small muted">${pick(lang, i.agency.name)} · ${i.publishedOn}</p>
          ${i.body.zh !== null ? markdownAsText(lang === 'en' && i.body.en ? i.body.en : i.body.zh) : ''}
          ${i.url ? html`<p><a href="${i.url}" rel="external nofollow">${t('阅读解读全文', 'Read the interpretation')}</a></p>` : ''}
        </article>`,
    )}
  </section>`;
}

const KIND_WORDS: Record<string, { zh: string; en: string }> = {
  wrong_value: { zh: '数值有误', en: 'Wrong value' },
  missing_period: { zh: '缺少期次', en: 'Missing period' },
  broken_download: { zh: '下载失败', en: 'Broken download' },
  other: { zh: '其他', en: 'Other' },
};

const STATUS_WORDS: Record<string, { zh: string; en: string }> = {
  open: { zh: '待处理', en: 'open' },
  acknowledged: { zh: '核实中', en: 'being checked' },
  resolved: { zh: '已更正', en: 'resolved' },
  rejected: { zh: '经核实无误', en: 'not an error' },
};

/** 纠错: the reports on this dataset with the agency's public answers, and a form for a new one. */
export function feedbackSection(lang: Lang, datasetId: string, reports: readonly FeedbackReport[]): Html {
  const t = translator(lang);
  return html`<section aria-labelledby="feedback">
    <h2 id="feedback">${t('纠错与反馈', 'Report a problem')}</h2>
    ${
      reports.length === 0
        ? html`<p>${t('暂无纠错。', 'No reports yet.')}</p>`
        : html`<ul class="small">
            ${reports.slice(0, 20).map(
              (r) =>
                html`<li data-feedback="${r.trackingNumber}" data-status="${r.status}">
                  <strong>${pick(lang, KIND_WORDS[r.kind] ?? { zh: r.kind, en: r.kind })}</strong>
                  ${r.period ? html`· ${periodLabel(lang, r.period)}` : ''}
                  ${r.field ? html`· <code>${r.field}</code>` : ''} ·
                  ${pick(lang, STATUS_WORDS[r.status] ?? { zh: r.status, en: r.status })}：${r.description}
                  ${r.publicResponse ? html`<br /><span class="muted">${t('答复：', 'Answer: ')}${r.publicResponse}</span>` : ''}
                  ${r.fixedBy ? html`<br /><span class="muted">${t(`已由第 ${r.fixedBy.revision} 次修订更正`, `Fixed by revision ${r.fixedBy.revision}`)}</span>` : ''}
                </li>`,
            )}
          </ul>`
    }
    <form method="post" action="/feedback/new">
      <input type="hidden" name="dataset" value="${datasetId}" />
      <p>
        <label
          >${t('问题类型', 'What is wrong')}
          <select name="kind">
            ${FEEDBACK_KINDS.map((k) => html`<option value="${k}">${pick(lang, KIND_WORDS[k] ?? { zh: k, en: k })}</option>`)}
          </select></label
        >
        <label>${t('统计期（选填）', 'Period (optional)')} <input name="period" size="10" /></label>
        <label>${t('字段（选填）', 'Field (optional)')} <input name="field" size="14" /></label>
      </p>
      <p>
        <label
          >${t('说明（公开显示）', 'Description (shown publicly)')}<br /><textarea
            name="description"
            required
            maxlength="${MAX_FEEDBACK_DESCRIPTION}"
            rows="3"
            cols="60"
          ></textarea>
        </label>
      </p>
      <p>
        <label
          >${t('电子邮箱（选填，仅责任单位可见）', 'Email (optional, only the agency sees it)')}
          <input name="email" type="email" maxlength="${MAX_FEEDBACK_EMAIL}"
        /></label>
      </p>
      <div hidden>
        <label>Leave this empty <input name="website" tabindex="-1" autocomplete="off" /></label>
      </div>
      <p><button type="submit">${t('提交纠错', 'Send')}</button></p>
    </form>
    <p class="small">
      ${t('需要尚未公开的信息？', 'Need information that is not published?')}
      <a href="/requests/new?dataset=${datasetId}">${t('申请政府信息公开', 'Request it')}</a>
    </p>
  </section>`;
}

/** 依申请公开 on the agency's page: its answers' timeliness and what people keep asking for. */
export function agencyRequestsSection(
  lang: Lang,
  agencyId: string,
  year: number,
  s: RequestTimelinessSummary,
  candidates: readonly DisclosureCandidate[],
): Html {
  const t = translator(lang);
  return html`<section aria-labelledby="requests">
    <h2 id="requests">${t('依申请公开', 'Requests for information')}</h2>
    <p data-request-timeliness>
      ${t(
        `${year}年应答复 ${s.due} 件：按期 ${s.onTime}，逾期答复 ${s.late}，逾期未答复 ${s.overdue}，未到期 ${s.pending}；待补正 ${s.awaitingClarification}。按期率 ${percent(s.onTimeRate)}。`,
        `${s.due} answers due in ${year}: ${s.onTime} on time, ${s.late} late, ${s.overdue} overdue, ${s.pending} pending; ${s.awaitingClarification} awaiting completion. On-time rate ${percent(s.onTimeRate)}.`,
      )}
      ${s.provisional ? t('（部分期限待国务院公布节假日安排后确定）', ' (some due dates are provisional)') : ''}
    </p>
    <h3>${t('建议转为主动公开', 'Candidates for proactive disclosure')}</h3>
    ${
      candidates.length === 0
        ? html`<p>${t('暂无。', 'None.')}</p>`
        : html`<ul>
            ${candidates.map(
              (c) =>
                html`<li data-candidate="${c.kind}">
                  ${c.dataset ? html`<a href="/datasets/${c.dataset.id}">${pick(lang, c.dataset.title)}</a>` : c.subject}
                  — ${t(`${c.count} 件申请`, `${c.count} requests`)} (${c.firstReceivedOn} –
                  ${c.lastReceivedOn})
                </li>`,
            )}
          </ul>`
    }
    <p class="small">
      <a href="/api/v1/agencies/${agencyId}/requests/annual-report?year=${year}"
        >${t('年度报告统计（JSON）', 'Annual-report table (JSON)')}</a
      >
      · <a href="/api/v1/agencies/${agencyId}/requests/annual-report.csv?year=${year}&amp;bom=1">CSV</a> ·
      <a href="/requests/new?agency=${agencyId}">${t('申请政府信息公开', 'Request information')}</a>
    </p>
  </section>`;
}
