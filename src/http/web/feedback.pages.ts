import { Router } from 'express';
import { isAppError } from '../../errors';
import { submitFeedback } from '../../feedback';
import { actingOf } from '../acting';
import type { HttpDeps } from '../deps';
import { submissionRateLimit } from '../middleware/rate-limits';
import { submissionForm } from '../submission-body';
import { html } from './html';
import { pageLang, translator } from './i18n';
import { layout } from './layout';
import { pagePolicy } from '../security-headers';

/** POST /feedback/new: the dataset page's 纠错 form, the same rules as the API. */
export function feedbackPages(deps: HttpDeps): Router {
  const r = Router();
  const policy = pagePolicy({ 'style-src': ["'self'"], 'img-src': ["'self'"], 'form-action': ["'self'"] });
  r.post('/feedback/new', policy, submissionRateLimit(deps), submissionForm(), async (req, res) => {
    const lang = pageLang(req, res);
    const t = translator(lang);
    const b = (req.body ?? {}) as Record<string, string | undefined>;
    const dataset = typeof b.dataset === 'string' ? b.dataset : '';
    const back = html`<p>
      <a href="/datasets/${dataset}#feedback">${t('返回数据集', 'Back to the dataset')}</a>
    </p>`;
    const send = (status: number, title: string, body: ReturnType<typeof html>) =>
      res
        .status(status)
        .set('Cache-Control', 'no-store')
        .type('html')
        .send(layout(req, { lang, title, body }));
    try {
      const report = await submitFeedback(
        deps.db.knex,
        dataset,
        {
          kind: b.kind,
          period: b.period || undefined,
          field: b.field || undefined,
          description: b.description,
          email: b.email || undefined,
          website: b.website,
        },
        actingOf(req, res, deps),
      );
      send(
        201,
        t('已收到纠错', 'Report received'),
        html`<h1>${t('已收到纠错', 'Report received')}</h1>
          <p role="status">
            ${t('编号', 'Number')} <strong data-tracking-number>${report.trackingNumber}</strong>。${t(
              '责任单位的答复将显示在数据集页面。',
              'The agency’s answer will appear on the dataset page.',
            )}
          </p>
          ${back}`,
      );
    } catch (err) {
      if (!isAppError(err) || (err.kind !== 'validation' && err.kind !== 'not_found')) throw err;
      const issues = Array.isArray(err.details)
        ? (err.details as Array<{ path: string; message: string }>)
        : [];
      send(
        err.kind === 'not_found' ? 404 : 400,
        t('纠错未提交', 'Report not sent'),
        html`<h1>${t('纠错未提交', 'Report not sent')}</h1>
          <ul role="alert">
            ${issues.length > 0 ? issues.map((i) => html`<li><code>${i.path}</code> ${i.message}</li>`) : html`<li>${err.message}</li>`}
          </ul>
          ${back}`,
      );
    }
  });
  return r;
}
