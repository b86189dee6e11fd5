import type { Request, Response } from 'express';
import {
  agencyRecord,
  currentYear,
  TIMELINESS_YEARS,
  type AgencyYear,
  type DatasetTimeliness,
} from '../../calendar';
import { agencyRequestTimeliness, disclosureCandidates } from '../../requests';
import type { HttpDeps } from '../deps';
import { agencyRequestsSection } from './engagement';
import { queryInt } from '../params';
import { cadenceWord, delayWords, percent, periodLabel, shanghaiDateTime } from './format';
import { html, type Html } from './html';
import { pageLang, pick, translator, type Lang } from './i18n';
import { layout } from './layout';
import { statusMark } from './parts';

function yearsTable(lang: Lang, agencyId: string, years: readonly AgencyYear[], selected: number): Html {
  const t = translator(lang);
  return html`<div class="scroll" role="region" aria-labelledby="record" tabindex="0">
    <table data-record>
      <caption>
        ${t('按应发布时间所在年份统计其牵头的公开事项。', 'Items the agency leads, counted by the year each period fell due.')}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t('年份', 'Year')}</th>
          <th scope="col" class="num">${t('应发布', 'Due')}</th>
          <th scope="col" class="num">${t('按时', 'On time')}</th>
          <th scope="col" class="num">${t('逾期', 'Late')}</th>
          <th scope="col" class="num">${t('缺失', 'Missing')}</th>
          <th scope="col" class="num">${t('按时率', 'On-time rate')}</th>
          <th scope="col" class="num">${t('排名', 'Rank')}</th>
        </tr>
      </thead>
      <tbody>
        ${years.map(
          (y) =>
            html`<tr data-year="${y.year}" ${y.year === selected ? html`aria-current="true"` : ''}>
              <th scope="row"><a href="/agencies/${agencyId}?year=${y.year}#detail">${y.year}</a></th>
              <td class="num">${y.summary.due}</td>
              <td class="num" data-on-time>${y.summary.onTime}</td>
              <td class="num" data-late>${y.summary.late}</td>
              <td class="num" data-missing>${y.summary.missing}</td>
              <td class="num">${percent(y.summary.onTimeRate)}</td>
              <td class="num">${y.rank === null ? '—' : `${y.rank} / ${y.rankedAgencies}`}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function datasetDetail(lang: Lang, role: 'lead' | 'partner', tl: DatasetTimeliness): Html {
  const t = translator(lang);
  const d = tl.dataset;
  const s = tl.summary;
  const overdue = tl.periods.filter(
    (p) => p.state === 'late' || p.state === 'missing' || p.state === 'incomplete',
  );
  return html`<li data-dataset="${d.id}">
    <a class="title" href="/datasets/${d.id}">${pick(lang, d.title)}</a>
    <div class="meta">
      <span class="badge">${cadenceWord(lang, d.cadence)}</span>
      <span>${d.clause}</span>
      <span>${role === 'lead' ? t('牵头', 'lead') : t('配合', 'partner')}</span>
      ${d.status.status === 'active' ? '' : statusMark(lang, d.status)}
    </div>
    <p class="small">
      ${t(
        `应发布 ${s.due}，按时 ${s.onTime}，逾期 ${s.late}，缺失 ${s.missing}${s.incomplete ? `，缺少解读 ${s.incomplete}` : ''}`,
        `${s.due} due, ${s.onTime} on time, ${s.late} late, ${s.missing} missing${s.incomplete ? `, ${s.incomplete} without interpretation` : ''}`,
      )}
    </p>
    ${
      overdue.length > 0
        ? html`<details>
            <summary>${t(`逾期与缺失（${overdue.length}）`, `Late and missing (${overdue.length})`)}</summary>
            <ul class="small">
              ${overdue.map(
                (p) =>
                  html`<li>
                    ${periodLabel(lang, p.period)}${t('：', ': ')}${
                      p.state === 'missing'
                        ? html`<span class="mark mark-late">${t('缺失', 'missing')}</span>`
                        : p.state === 'incomplete'
                          ? html`<span class="mark mark-late">${t('缺少解读', 'no interpretation')}</span>`
                          : html`${t('逾期', 'late by')} ${delayWords(lang, p.delaySeconds ?? 0)}`
                    }
                    <span class="muted">(${t('应于', 'due')} ${shanghaiDateTime(p.dueAt)})</span>
                  </li>`,
              )}
            </ul>
          </details>`
        : ''
    }
  </li>`;
}

export async function agencyPage(
  deps: HttpDeps,
  req: Request,
  res: Response,
  agencyId: string,
): Promise<void> {
  const lang = pageLang(req, res);
  const t = translator(lang);
  const now = deps.now();
  const year = queryInt(req, 'year', currentYear(now), TIMELINESS_YEARS.min, TIMELINESS_YEARS.max);
  const { detail, years } = await agencyRecord(deps.db.knex, agencyId, { now, year });
  const c = deps.config;
  const [requestSummary, candidates] = await Promise.all([
    agencyRequestTimeliness(deps.db.knex, agencyId, year, now),
    disclosureCandidates(deps.db.knex, agencyId, {
      threshold: c.requestDisclosureThreshold,
      similarity: c.requestSimilarityPercent / 100,
      windowDays: c.requestDisclosureWindowDays,
      now,
    }),
  ]);
  const a = detail.agency;
  const lead = detail.datasets.filter((x) => x.role === 'lead');
  const partner = detail.datasets.filter((x) => x.role === 'partner');
  const body = html`<h1>${pick(lang, a.name)}</h1>
    ${a.homepage ? html`<p><a href="${a.homepage}" rel="external">${a.homepage}</a></p>` : ''}
    <section aria-labelledby="record">
      <h2 id="record">${t('时效考核', 'Timeliness record')}</h2>
      ${yearsTable(lang, a.id, years, year)}
      <p class="small muted">
        ${t(
          '按时：在应发布时间前首次发布；逾期：晚于应发布时间；缺失：已过应发布时间仍未发布。',
          'On time: first published by the due time; late: published after it; missing: due and not published.',
        )}
        <a href="/api/v1/agencies/${a.id}/timeliness?year=${year}">JSON</a>
      </p>
    </section>
    <section aria-labelledby="detail">
      <h2 id="detail">${t(`${year}年各数据集`, `Datasets in ${year}`)}</h2>
      <form class="search" method="get" action="/agencies/${a.id}">
        <label for="year">${t('年份', 'Year')}</label>
        <select id="year" name="year">
          ${years.map((y) => html`<option value="${y.year}" ${y.year === year ? html`selected` : ''}>${y.year}</option>`)}
        </select>
        <button type="submit">${t('查看', 'Show')}</button>
      </form>
      <h3>${t('牵头事项', 'Items it leads')}</h3>
      ${
        lead.length > 0
          ? html`<ul class="cards">
              ${lead.map((x) => datasetDetail(lang, x.role, x.timeliness))}
            </ul>`
          : html`<p>${t('无', 'None')}</p>`
      }
      ${
        partner.length > 0
          ? html`<h3>${t('配合事项', 'Items it supports')}</h3>
              <ul class="cards">
                ${partner.map((x) => datasetDetail(lang, x.role, x.timeliness))}
              </ul>`
          : ''
      }
    </section>
    ${agencyRequestsSection(lang, a.id, year, requestSummary, candidates)}`;
  res.type('html').send(
    layout(req, {
      lang,
      title: pick(lang, a.name),
      body,
      feed: {
        href: `/feeds/agencies/${encodeURIComponent(a.id)}.atom`,
        title: `${pick(lang, a.name)} · ${lang === 'en' ? 'releases (Atom)' : '数据发布（Atom）'}`,
      },
    }),
  );
}
