import type { Request } from 'express';
import { html, type Html } from './html';
import { HTML_LANG, translator, type Lang } from './i18n';

export interface PageShell {
  lang: Lang;
  title: string;
  body: Html;
  /** Extra elements for <head> (JSON-LD). */
  head?: Html;
  /** The Atom feed that follows this page's releases, announced for feed readers to discover. */
  feed?: { href: string; title: string };
  /** Same-origin script files, loaded deferred: no inline script, so a strict CSP can hold. */
  scripts?: readonly string[];
}

/** The current address with `lang` set: the toggle keeps the reader on the same page. */
function withLang(req: Request, lang: Lang): string {
  const url = new URL(req.originalUrl, 'http://x');
  url.searchParams.set('lang', lang);
  return `${url.pathname}${url.search}`;
}

/**
 * Every page's frame. Styles and scripts come from /assets files, never inline, so the
 * pages work under a Content-Security-Policy without 'unsafe-inline'.
 */
export function layout(req: Request, p: PageShell): string {
  const t = translator(p.lang);
  const other: Lang = p.lang === 'en' ? 'zh' : 'en';
  return html`<!doctype html>
    <html lang="${HTML_LANG[p.lang]}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${p.title} · ${t('山西省政务公开数据平台', 'Shanxi Open Government Data')}</title>
        <link rel="stylesheet" href="/assets/site.css" />
        ${p.feed ? html`<link rel="alternate" type="application/atom+xml" title="${p.feed.title}" href="${p.feed.href}" />` : ''}
        ${p.head ?? ''} ${(p.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
      </head>
      <body>
        <a class="skip" href="#main">${t('跳到正文', 'Skip to content')}</a>
        <header class="site">
          <a class="brand" href="/">${t('山西省政务公开数据平台', 'Shanxi Open Government Data')}</a>
          <nav aria-label="${t('网站导航', 'Site')}">
            <a href="/">${t('数据目录', 'Datasets')}</a>
            <a href="/calendar">${t('发布日历', 'Release calendar')}</a>
            <a href="/graphql">GraphQL</a>
            <a href="/docs">${t('API 文档', 'API docs')}</a>
            <a href="${withLang(req, other)}" lang="${HTML_LANG[other]}" hreflang="${HTML_LANG[other]}"
              >${other === 'en' ? 'English' : '中文'}</a
            >
          </nav>
        </header>
        <main id="main">${p.body}</main>
        <footer class="site">
          <p>
            ${t(
              '依据《山西省人民政府办公厅关于印发2017年山西省政务公开工作要点的通知》（晋政办发〔2017〕50号）。时间均为北京时间。',
              'Published under the Shanxi notice 晋政办发〔2017〕50号. All times are Beijing time (UTC+8).',
            )}
          </p>
        </footer>
      </body>
    </html>`.text;
}
