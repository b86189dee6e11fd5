import { Router } from 'express';
import { datasetTimeliness } from '../../calendar';
import {
  CADENCES,
  DATASET_STATUSES,
  findSchemaVersion,
  getDatasetSummary,
  listReleases,
  releaseStatus,
  searchDatasets,
  type DatasetStatusMark,
  type DatasetSummary,
} from '../../catalog';
import { periodLabelZh, parsePeriod, shanghaiDate } from '../../periods';
import { publicFields } from '../../schemas';
import { statusMarkHeader } from '../conditional';
import type { HttpDeps } from '../deps';
import { pathParam, queryEnum, queryInt, queryString } from '../params';
import { pagePolicy } from '../security-headers';
import { html, page, STYLE_HASH, type Html } from './html';

const CADENCE_ZH: Record<string, string> = {
  weekly: '每周',
  pentad: '每五日（候）',
  monthly: '每月',
  quarterly: '每季度',
  half_yearly: '每半年',
  annual: '每年',
  irregular: '不定期',
};

/** The 废止/失效 mark with its date and reason, wherever a dataset is shown. */
export function statusMark(s: DatasetStatusMark): Html {
  const detail = s.status === 'active' ? '' : `（${s.date ?? ''}${s.reason ? `：${s.reason}` : ''}）`;
  return html`<span class="mark mark-${s.status}" data-status="${s.status}">${s.label}${detail}</span>`;
}

function periodText(p: string | null): string {
  return p ? periodLabelZh(parsePeriod(p)) : '—';
}

function datasetRow({ dataset: d, stats }: DatasetSummary): Html {
  return html`<tr>
    <td>
      <a href="/catalog/${d.id}">${d.title.zh}</a><br /><span class="en">${d.title.en}</span
      >${d.isSample ? html` <span class="mark">示例</span>` : ''}
    </td>
    <td>${d.clause}</td>
    <td>${CADENCE_ZH[d.cadence] ?? d.cadence}</td>
    <td>${d.agencies.map((a) => a.name.zh).join('、')}</td>
    <td>${statusMark(d.status)}</td>
    <td>${periodText(stats.lastPeriod)}</td>
  </tr>`;
}

export function catalogPages(deps: HttpDeps): Router {
  const { knex } = deps.db;
  const r = Router();
  // The pages load one inline stylesheet and submit one GET form; no script, no frame.
  const policy = pagePolicy({
    'style-src': [STYLE_HASH],
    'img-src': ["'self'"],
    'form-action': ["'self'"],
  });

  r.get('/', (_req, res) => res.redirect(302, '/catalog'));

  r.get('/catalog', policy, async (req, res) => {
    const asked = queryString(req, 'q');
    const q = asked?.trim() || undefined;
    const status = queryEnum(req, 'status', DATASET_STATUSES);
    const cadence = queryEnum(req, 'cadence', CADENCES);
    const offset = queryInt(req, 'offset', 0, 0, 1_000_000);
    const { items, total } = await searchDatasets(
      knex,
      { q: asked, status, cadence, limit: 100, offset },
      deps.now(),
    );
    const body = html`<h1>数据目录 <span class="en">Dataset catalog</span></h1>
      <form method="get" action="/catalog">
        <input name="q" value="${q ?? ''}" placeholder="搜索 search" /> <button>搜索</button>
      </form>
      <p>共 ${total} 个数据集 <span class="en">${total} datasets</span></p>
      <table>
        <thead>
          <tr>
            <th>数据集 Dataset</th>
            <th>条款 Clause</th>
            <th>周期 Cadence</th>
            <th>责任单位 Agencies</th>
            <th>状态 Status</th>
            <th>最新期 Latest</th>
          </tr>
        </thead>
        <tbody>
          ${items.map(datasetRow)}
        </tbody>
      </table>`;
    res.type('html').send(page('数据目录', body));
  });

  r.get('/catalog/:datasetId', policy, async (req, res) => {
    const now = deps.now();
    const summary = await getDatasetSummary(knex, pathParam(req, 'datasetId'), now);
    const d = summary.dataset;
    const [version, releases, timeliness] = await Promise.all([
      d.currentVersion === null ? undefined : findSchemaVersion(knex, d.id, d.currentVersion),
      listReleases(knex, d.id, { includeScheduled: false, now }),
      datasetTimeliness(knex, d.id, { now, year: Number(shanghaiDate(now).slice(0, 4)) }),
    ]);
    const t = timeliness.summary;
    const inactive = d.status.status !== 'active';
    const api = `/api/v1/datasets/${d.id}`;
    const body = html`<h1>${d.title.zh} <span class="en">${d.title.en}</span></h1>
      ${inactive ? html`<div class="banner" role="alert">本项公开要求已${d.status.label}（${d.status.date ?? ''}）：${d.status.reason ?? ''}。已发布的数据仍可下载。<br /><span class="en">This item was marked ${d.status.status} on ${d.status.date ?? ''}. Published data remains downloadable.</span></div>` : ''}
      ${d.isSample ? html`<div class="sample">示例数据（合成），非官方统计 <span class="en">Synthetic sample data, not official statistics</span></div>` : ''}
      <p>${d.description.zh}<br /><span class="en">${d.description.en}</span></p>
      <dl>
        <dt>状态 Status</dt>
        <dd>${statusMark(d.status)}</dd>
        <dt>依据 Legal basis</dt>
        <dd>${d.legalBasis} ${d.clause}</dd>
        <dt>责任单位 Agencies</dt>
        <dd>${d.agencies.map((a, i) => html`${i ? '、' : ''}${a.name.zh}${i === 0 ? '（牵头）' : ''}`)}</dd>
        <dt>发布周期 Cadence</dt>
        <dd>
          ${CADENCE_ZH[d.cadence] ?? d.cadence}，期末后 ${d.dueRule.offset} ${d.dueRule.time}（北京时间）
        </dd>
        <dt>时效 Timeliness ${timeliness.year}</dt>
        <dd>
          应发布 ${t.due} 期，按时 ${t.onTime}，逾期 ${t.late}，缺失
          ${t.missing}${t.onTimeRate === null ? '' : `，按时率 ${(t.onTimeRate * 100).toFixed(1)}%`} ·
          <a href="${api}/timeliness">详情 JSON</a>
        </dd>
        <dt>数据量 Rows</dt>
        <dd>
          ${summary.stats.rowCount}（${summary.stats.releaseCount}
          期，${periodText(summary.stats.firstPeriod)} – ${periodText(summary.stats.lastPeriod)}）
        </dd>
        <dt>下载 Download</dt>
        <dd>
          <a href="${api}/export.csv?bom=1">CSV（Excel）</a> · <a href="${api}/export.csv">CSV</a> ·
          <a href="${api}/export.json">JSON</a> · <a href="${api}/export.ndjson">NDJSON</a>
        </dd>
      </dl>
      <h2>字段 Fields</h2>
      <table>
        <thead>
          <tr>
            <th>名称 Name</th>
            <th>标题 Title</th>
            <th>类型 Type</th>
            <th>单位 Unit</th>
          </tr>
        </thead>
        <tbody>
          ${(version ? publicFields(version.schema) : []).map(
            (f) =>
              html`<tr>
                <td><code>${f.name}</code></td>
                <td>${f.title.zh} <span class="en">${f.title.en}</span></td>
                <td>${f.type}</td>
                <td>${f.unit ?? ''}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>发布记录 Releases</h2>
      <table>
        <thead>
          <tr>
            <th>期 Period</th>
            <th>修订 Revision</th>
            <th>行数 Rows</th>
            <th>发布时间 Published</th>
            <th>SHA-256</th>
          </tr>
        </thead>
        <tbody>
          ${releases
            .slice(-50)
            .reverse()
            .map(
              (rel) =>
                html`<tr>
                  <td>${periodText(rel.period)}</td>
                  <td>
                    ${rel.revision}${releaseStatus(rel, releases, now) === 'superseded' ? '（已更正）' : ''}
                  </td>
                  <td>${rel.rowCount}</td>
                  <td>${rel.publishAt.toISOString()}</td>
                  <td>
                    <a href="${api}/releases/${rel.period}/data.csv"
                      ><code>${rel.sha256.slice(0, 12)}…</code></a
                    >
                  </td>
                </tr>`,
            )}
        </tbody>
      </table>`;
    res.set('X-Dataset-Status', statusMarkHeader(d.status));
    res.type('html').send(page(d.title.zh, body));
  });

  return r;
}
