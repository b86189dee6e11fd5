import { Router, type Request } from 'express';
import {
  countReports,
  datasetReports,
  FEEDBACK_QUEUE_FILTERS,
  feedbackQueue,
  markFeedbackSpam,
  publicReport,
  respondToFeedback,
  submitFeedback,
} from '../../feedback';
import { NotFoundError } from '../../errors';
import { TRACKING_NUMBER_RE } from '../../submissions';
import type { HttpDeps } from '../deps';
import { principalOf } from '../middleware/auth';
import { submissionRateLimit } from '../middleware/rate-limits';
import { pathParam, queryEnum, queryString } from '../params';
import { feedbackCaseJson, feedbackJson } from '../presenters/feedback';
import { submissionJson } from '../submission-body';
import { actingOf } from '../acting';

function reportParam(req: Request): string {
  const tn = pathParam(req, 'trackingNumber');
  if (!TRACKING_NUMBER_RE.test(tn)) {
    throw new NotFoundError('feedback_not_found', `No report ${tn.slice(0, 40)}`, {
      trackingNumber: tn.slice(0, 40),
    });
  }
  return tn;
}

/** 纠错 over REST: anyone reports, everyone sees the status and the public answer, the agency answers. */
export function feedbackRouter(deps: HttpDeps): Router {
  const { knex } = deps.db;
  const r = Router();
  const json = submissionJson();

  r.post('/datasets/:datasetId/feedback', submissionRateLimit(deps), json, async (req, res) => {
    const report = await submitFeedback(
      knex,
      pathParam(req, 'datasetId'),
      req.body,
      actingOf(req, res, deps),
    );
    res
      .status(201)
      .location(`/api/v1/feedback/${report.trackingNumber}`)
      .json({ data: feedbackJson(report) });
  });

  r.get('/datasets/:datasetId/feedback', async (req, res) => {
    const datasetId = pathParam(req, 'datasetId');
    const reports = await datasetReports(knex, datasetId);
    const { spam: _spam, ...counts } = await countReports(knex, datasetId);
    res.set('Cache-Control', 'no-cache');
    res.json({ data: reports.map(feedbackJson), meta: { total: reports.length, counts } });
  });

  r.get('/feedback/queue', async (req, res) => {
    const items = await feedbackQueue(knex, principalOf(res), {
      filter: queryEnum(req, 'status', FEEDBACK_QUEUE_FILTERS) ?? 'open',
      agency: queryString(req, 'agency') || undefined,
    });
    res.set('Cache-Control', 'private, no-store');
    res.json({ data: items.map((i) => feedbackCaseJson(i.report, i.email)), meta: { total: items.length } });
  });

  r.get('/feedback/:trackingNumber', async (req, res) => {
    res.set('Cache-Control', 'no-cache');
    res.json({ data: feedbackJson(await publicReport(knex, reportParam(req))) });
  });

  r.post('/feedback/:trackingNumber/response', json, async (req, res) => {
    const report = await respondToFeedback(knex, reportParam(req), req.body, actingOf(req, res, deps));
    res.json({ data: feedbackJson(report) });
  });

  r.post('/feedback/:trackingNumber/spam', async (req, res) => {
    await markFeedbackSpam(knex, reportParam(req), actingOf(req, res, deps));
    res.status(204).end();
  });

  return r;
}
