import type { Request, Response } from 'express';
import { currentYear, standingOf, timelinessOf } from '../../calendar';
import {
  currentSchemaOf,
  datasetSnapshot,
  firstPublications,
  getDatasetSummary,
  interpretationsOf,
  listedPeriodCount,
  releasePage,
} from '../../catalog';
import { datasetReports } from '../../feedback';
import { queryRows } from '../../query';
import { publicFields, periodField } from '../../schemas';
import { baseUrl } from '../base-url';
import { statusMarkHeader } from '../conditional';
import { schemaOrgDataset } from '../linked-data/schema-org';
import type { HttpDeps } from '../deps';
import { queryInt } from '../params';
import { aboutSection, statusBanner } from './dataset-about';
import { chartPlan, chartSection } from './dataset-chart';
import { downloadsSection, PREVIEW_ROWS, previewSection } from './dataset-data';
import { exampleQuery, graphqlSection } from './dataset-graphql';
import { RELEASE_PAGE_SIZE, releasesSection } from './dataset-releases';
import { schemaSection } from './dataset-schema';
import { feedbackSection, interpretationsSection } from './engagement';
import { html, jsonScript } from './html';
import { pageLang, pick, translator } from './i18n';
import { layout } from './layout';
import { sampleMark } from './parts';

/** ECharts' prebuilt "common" bundle (line charts, tooltip, canvas and SVG renderers). */
export const ECHARTS_URL = '/assets/echarts.min.js';
export const CHART_SCRIPT_URL = '/assets/dataset-chart.js';

export async function datasetPage(deps: HttpDeps, req: Request, res: Response, id: string): Promise<void> {
  const lang = pageLang(req, res);
  const t = translator(lang);
  const { knex } = deps.db;
  const now = deps.now();
  const page = queryInt(req, 'page', 1, 1, 100_000);
  const summary = await getDatasetSummary(knex, id, now);
  const d = summary.dataset;
  const [version, releases, pubs, periods] = await Promise.all([
    datasetSnapshot(knex, d.id).then(currentSchemaOf),
    releasePage(knex, d.id, { now, limit: RELEASE_PAGE_SIZE, offset: (page - 1) * RELEASE_PAGE_SIZE }),
    firstPublications(knex, [d.id]),
    listedPeriodCount(knex, d.id, now),
  ]);
  const [interpretations, reports] = await Promise.all([
    interpretationsOf(
      knex,
      releases.map((r) => r.id),
    ),
    datasetReports(knex, d.id),
  ]);
  const interpreted = releases.flatMap((r) => {
    const interpretation = interpretations.get(r.id);
    return interpretation ? [{ period: r.period, revision: r.revision, interpretation }] : [];
  });
  const fields = version ? publicFields(version.schema) : [];
  const lastPeriod = summary.stats.lastPeriod;
  const preview =
    version && lastPeriod
      ? await queryRows(
          deps.db,
          d.id,
          {
            filters: [{ field: periodField(version.schema).name, op: 'eq', value: lastPeriod }],
            limit: PREVIEW_ROWS,
            includeTotal: false,
            withCursor: false,
          },
          now,
        )
      : undefined;
  const mine = pubs.get(d.id) ?? new Map();
  const standing = standingOf(d, mine, now);
  const timeliness = timelinessOf(d, mine, now, currentYear(now));
  const plan = version ? chartPlan(version.schema, fields) : undefined;

  const body = html`<h1>${pick(lang, d.title)} ${sampleMark(lang, d.isSample)}</h1>
    ${statusBanner(lang, summary)}
    <nav class="toc" aria-label="${t('本页目录', 'On this page')}">
      <ul>
        <li><a href="#about">${t('关于', 'About')}</a></li>
        <li><a href="#chart">${t('趋势图', 'Chart')}</a></li>
        <li><a href="#preview">${t('预览', 'Preview')}</a></li>
        <li><a href="#downloads">${t('下载', 'Downloads')}</a></li>
        <li><a href="#releases">${t('发布记录', 'Releases')}</a></li>
        ${
          interpreted.length > 0 || d.requiresInterpretation
            ? html`<li><a href="#interpretations">${t('解读', 'Interpretations')}</a></li>`
            : ''
        }
        <li><a href="#feedback">${t('纠错', 'Report a problem')}</a></li>
        <li><a href="#schema">${t('字段', 'Schema')}</a></li>
        <li><a href="#graphql">GraphQL</a></li>
      </ul>
    </nav>
    ${aboutSection(lang, summary, standing, timeliness)} ${chartSection(lang, d, plan)}
    ${previewSection(lang, fields, preview?.rows ?? [], lastPeriod)} ${downloadsSection(lang, d)}
    ${releasesSection(lang, d.id, releases, page, periods)}
    ${interpretationsSection(lang, interpreted, d.requiresInterpretation === true)}
    ${schemaSection(lang, fields)} ${version ? graphqlSection(lang, exampleQuery(lang, d, fields)) : ''}
    ${feedbackSection(lang, d.id, reports)}`;

  res.set('X-Dataset-Status', statusMarkHeader(d.status));
  res.type('html').send(
    layout(req, {
      lang,
      title: pick(lang, d.title),
      body,
      // The same document /api/v1/datasets/{id}.jsonld serves, for search engines.
      head: jsonScript(
        null,
        'application/ld+json',
        schemaOrgDataset(summary, fields, baseUrl(req, deps), lang),
      ),
      feed: {
        href: `/feeds/datasets/${encodeURIComponent(d.id)}.atom`,
        title: `${pick(lang, d.title)} · ${lang === 'en' ? 'releases (Atom)' : '数据发布（Atom）'}`,
      },
      scripts: plan ? [ECHARTS_URL, CHART_SCRIPT_URL] : [],
    }),
  );
}
