import { Router, type ErrorRequestHandler } from 'express';
import { isAppError } from '../../errors';
import type { HttpDeps } from '../deps';
import { pathParam } from '../params';
import { agencyPage } from './agency.page';
import { assetsRouter } from './assets.router';
import { calendarPage } from './calendar.page';
import { datasetPage } from './dataset.page';
import { homePage } from './home.page';
import { html } from './html';
import { pageLang, translator } from './i18n';
import { layout } from './layout';
import { pagePolicy } from '../security-headers';

/** Status of the errors a page can meet; anything else falls through to the JSON handler (500). */
const PAGE_ERRORS: Readonly<Record<string, { status: number; zh: string; en: string }>> = {
  not_found: { status: 404, zh: '找不到这个页面', en: 'Page not found' },
  validation: { status: 400, zh: '请求有误', en: 'Bad request' },
};

/**
 * A person gets an HTML error page; a program that asked for JSON (or anything) still gets
 * the API's `{ error: { code, … } }` from the shared handler, with the same code.
 */
const htmlErrors: ErrorRequestHandler = (err, req, res, next) => {
  const known = isAppError(err) ? PAGE_ERRORS[err.kind] : undefined;
  if (!known || res.headersSent || req.accepts(['json', 'html']) !== 'html' || !isAppError(err)) {
    next(err);
    return;
  }
  const lang = pageLang(req, res);
  const t = translator(lang);
  const body = html`<h1>${t(known.zh, known.en)}</h1>
    <p>${err.message}</p>
    <p class="small muted">${t('错误代码', 'Error code')}：<code data-error-code>${err.code}</code></p>
    <p><a href="/">${t('返回数据目录', 'Back to the catalogue')}</a></p>`;
  res
    .status(known.status)
    .type('html')
    .send(layout(req, { lang, title: t(known.zh, known.en), body }));
};

/** The human pages: server-rendered, Chinese by default, English with ?lang=en. */
export function webPages(deps: HttpDeps): Router {
  const r = Router();
  // What the pages load: their stylesheet and scripts from /assets, the chart's requests to
  // the aggregate API, and search forms sent here. Nothing inline runs; JSON blocks are data.
  const policy = pagePolicy({
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'form-action': ["'self'"],
  });
  r.use(assetsRouter());
  r.get('/', policy, (req, res) => homePage(deps, req, res));
  r.get('/datasets/:datasetId', policy, (req, res) =>
    datasetPage(deps, req, res, pathParam(req, 'datasetId')),
  );
  r.get('/agencies/:agencyId', policy, (req, res) => agencyPage(deps, req, res, pathParam(req, 'agencyId')));
  r.get('/calendar', policy, (req, res) => calendarPage(deps, req, res));

  // The first pages lived under /catalog; their links keep working, permanently moved.
  r.get('/catalog', (req, res) => {
    const query = req.originalUrl.indexOf('?');
    res.redirect(301, `/${query === -1 ? '' : req.originalUrl.slice(query)}`);
  });
  r.get('/catalog/:datasetId', (req, res) =>
    res.redirect(301, `/datasets/${encodeURIComponent(pathParam(req, 'datasetId'))}`),
  );
  r.use(htmlErrors);
  return r;
}
