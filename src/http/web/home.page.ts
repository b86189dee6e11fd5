import type { Request, Response } from 'express';
import { datasetStandings, type Standing } from '../../calendar';
import { searchDatasets, type DatasetSummary } from '../../catalog';
import type { HttpDeps } from '../deps';
import { queryString } from '../params';
import { html, type Html } from './html';
import { pageLang, pick, translator, type Lang } from './i18n';
import { layout } from './layout';
import { datasetCard } from './parts';

/** The notice has 41 items; one page shows every dataset, so no paging is needed here. */
const MAX_LISTED = 500;

type Grouping = 'theme' | 'agency';

interface Group {
  key: string;
  label: string;
  heading: Html | string;
  items: DatasetSummary[];
}

function groups(lang: Lang, items: DatasetSummary[], by: Grouping): Group[] {
  const out = new Map<string, Group>();
  const add = (key: string, label: string, heading: Html | string, s: DatasetSummary) => {
    let g = out.get(key);
    if (!g) out.set(key, (g = { key, label, heading, items: [] }));
    g.items.push(s);
  };
  for (const s of items) {
    const d = s.dataset;
    if (by === 'theme') {
      // Under its first (main) theme only: listing it under each of its themes made a page of
      // forty one-item groups. Search still finds it by any theme.
      const theme = d.themes[0] ?? (lang === 'en' ? 'Other' : '其他');
      add(theme, theme, theme, s);
    } else {
      const lead = d.agencies[0];
      if (lead)
        add(
          lead.id,
          pick(lang, lead.name),
          html`<a href="/agencies/${lead.id}">${pick(lang, lead.name)}</a>`,
          s,
        );
    }
  }
  return [...out.values()].sort(
    (a, b) => b.items.length - a.items.length || a.key.localeCompare(b.key, 'zh'),
  );
}

function cards(lang: Lang, items: DatasetSummary[], standings: Map<string, Standing>): Html {
  return html`<ul class="cards">
    ${items.map((s) => datasetCard(lang, s, standings.get(s.dataset.id)))}
  </ul>`;
}

export async function homePage(deps: HttpDeps, req: Request, res: Response): Promise<void> {
  const lang = pageLang(req, res);
  const t = translator(lang);
  const q = queryString(req, 'q');
  const by: Grouping = queryString(req, 'by') === 'agency' ? 'agency' : 'theme';
  const now = deps.now();
  const { items, total } = await searchDatasets(deps.db.knex, { q, limit: MAX_LISTED, offset: 0 }, now);
  const standings = await datasetStandings(
    deps.db.knex,
    items.map((s) => s.dataset),
    now,
  );
  const searching = Boolean(q?.trim());
  const grouped = groups(lang, items, by);
  const listing = searching
    ? html`<section aria-labelledby="results">
        <h2 id="results">${t('搜索结果', 'Results')}</h2>
        <p role="status">
          ${t(`“${q?.trim() ?? ''}”共找到 ${total} 个数据集`, `${total} datasets match “${q?.trim() ?? ''}”`)}
          · <a href="/">${t('查看全部', 'Show all')}</a>
        </p>
        ${cards(lang, items, standings)}
      </section>`
    : html`<nav class="tabs" aria-label="${t('分组方式', 'Group by')}">
          <a href="/?by=theme" ${by === 'theme' ? html`aria-current="page"` : ''}
            >${t('按主题', 'By theme')}</a
          >
          <a href="/?by=agency" ${by === 'agency' ? html`aria-current="page"` : ''}
            >${t('按责任单位', 'By agency')}</a
          >
        </nav>
        <p class="muted">${t(`共 ${total} 个数据集`, `${total} datasets`)}</p>
        <nav class="toc" aria-label="${t('分组', 'Groups')}">
          <ul>
            ${grouped.map((g, i) => html`<li><a href="#g${i}">${g.label} (${g.items.length})</a></li>`)}
          </ul>
        </nav>
        ${grouped.map(
          (g, i) =>
            html`<section aria-labelledby="g${i}">
              <h2 id="g${i}">${g.heading} <span class="muted small">${g.items.length}</span></h2>
              ${cards(lang, g.items, standings)}
            </section>`,
        )}`;
  const body = html`<h1>${t('政务公开数据目录', 'Open government data catalogue')}</h1>
    <p>
      ${t(
        '按《2017年山西省政务公开工作要点》定期公开的统计数据：查找、了解、查看趋势、下载。',
        'Periodic statistics published under the 2017 Shanxi open-government work plan: find, understand, see the trend, download.',
      )}
    </p>
    <form class="search" method="get" action="/" role="search">
      <label for="q">${t('搜索数据集', 'Search datasets')}</label>
      <input id="q" name="q" type="search" value="${q ?? ''}" maxlength="200" />
      <button type="submit">${t('搜索', 'Search')}</button>
    </form>
    ${listing}`;
  res.type('html').send(
    layout(req, {
      lang,
      title: t('数据目录', 'Datasets'),
      body,
      feed: { href: '/feeds/releases.atom', title: t('全部数据发布（Atom）', 'All releases (Atom)') },
    }),
  );
}
