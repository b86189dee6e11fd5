import { Router, type Request, type Response } from 'express';
import { currentYear, TIMELINESS_YEARS } from '../../calendar';
import { NotFoundError } from '../../errors';
import {
  adminRequests,
  agencyRequestTimeliness,
  annualReport,
  answerRequest,
  disclosureCandidates,
  extendRequest,
  forwardRequest,
  remedyTemplates,
  markSpam,
  publicPart,
  publicRequest,
  QUEUE_FILTERS,
  receiveClarification,
  requestCase,
  requestClarification,
  requestQueue,
  REQUEST_STATUSES,
  restoreRequest,
  setRemedyTemplate,
  submitRequest,
  type InfoRequest,
} from '../../requests';
import { TRACKING_NUMBER_RE } from '../../submissions';
import type { HttpDeps } from '../deps';
import { principalOf } from '../middleware/auth';
import { submissionRateLimit } from '../middleware/rate-limits';
import { pathParam, queryBool, queryEnum, queryInt, queryString } from '../params';
import { annualReportCsv, annualReportJson } from '../presenters/annual-report';
import {
  candidateJson,
  caseJson,
  publicRequestJson,
  queueItemJson,
  requestLink,
  requestTimelinessJson,
} from '../presenters/requests';
import { actingOf } from '../acting';
import { submissionJson } from '../submission-body';

const BOM = '\ufeff';

/** A tracking number, checked before it reaches SQL; anything else names no request. */
export function trackingParam(req: Request): string {
  const tn = pathParam(req, 'trackingNumber');
  if (!TRACKING_NUMBER_RE.test(tn)) {
    throw new NotFoundError('request_not_found', `No request ${tn.slice(0, 40)}`, {
      trackingNumber: tn.slice(0, 40),
    });
  }
  return tn;
}

/**
 * 依申请公开 over REST: anonymous submission and the public status by tracking number; the
 * agency's queue, case view and handling steps (token); administrators' spam list and remedy
 * template; and per agency the request timeliness, candidates for proactive disclosure and
 * the annual-report table.
 */
export function requestsRouter(deps: HttpDeps): Router {
  const { knex } = deps.db;
  const r = Router();
  const json = submissionJson();
  const limited = submissionRateLimit(deps);
  const privateAnswer = (res: Response) => res.set('Cache-Control', 'private, no-store');
  const handled = (res: Response, request: InfoRequest, now: Date) => {
    privateAnswer(res);
    res.json({ data: queueItemJson({ request, timeliness: publicPart(request, [], now).timeliness }) });
  };

  r.post('/requests', limited, json, async (req, res) => {
    const a = actingOf(req, res, deps);
    const created = await submitRequest(knex, req.body, a);
    res
      .status(201)
      .location(requestLink(created.trackingNumber))
      .json({ data: publicRequestJson(await publicRequest(knex, created.trackingNumber, a.now)) });
  });

  r.get('/requests/queue', async (req, res) => {
    const now = deps.now();
    const items = await requestQueue(knex, principalOf(res), {
      filter: queryEnum(req, 'status', QUEUE_FILTERS) ?? 'open',
      agency: queryString(req, 'agency') || undefined,
      now,
    });
    privateAnswer(res);
    res.json({ data: items.map(queueItemJson), meta: { total: items.length, asOf: now.toISOString() } });
  });

  r.get('/requests/:trackingNumber', async (req, res) => {
    const view = await publicRequest(knex, trackingParam(req), deps.now());
    res.set('Cache-Control', 'no-cache');
    res.json({ data: publicRequestJson(view) });
  });

  r.get('/requests/:trackingNumber/case', async (req, res) => {
    const c = await requestCase(knex, principalOf(res), trackingParam(req), deps.now());
    privateAnswer(res);
    res.json({ data: caseJson(c) });
  });

  const steps = {
    forward: forwardRequest,
    clarification: requestClarification,
    'clarification/received': receiveClarification,
    extension: extendRequest,
    answer: answerRequest,
  } as const;
  for (const [path, run] of Object.entries(steps)) {
    r.post(`/requests/:trackingNumber/${path}`, json, async (req, res) => {
      const a = actingOf(req, res, deps);
      handled(res, await run(knex, trackingParam(req), req.body, a), a.now);
    });
  }
  r.post('/requests/:trackingNumber/spam', async (req, res) => {
    const a = actingOf(req, res, deps);
    handled(res, await markSpam(knex, trackingParam(req), a), a.now);
  });

  r.get('/admin/requests', async (req, res) => {
    const now = deps.now();
    const { items, counts } = await adminRequests(knex, principalOf(res), {
      status: queryEnum(req, 'status', REQUEST_STATUSES) ?? 'spam',
      agency: queryString(req, 'agency') || undefined,
      now,
    });
    privateAnswer(res);
    res.json({ data: items.map(queueItemJson), meta: { total: items.length, counts } });
  });

  r.post('/admin/requests/:trackingNumber/restore', async (req, res) => {
    const a = actingOf(req, res, deps);
    handled(res, await restoreRequest(knex, trackingParam(req), a), a.now);
  });

  const templateJson = (t: { key: string; text: string; updatedAt: Date; updatedBy: string }) => ({
    agency: t.key === 'default' ? null : t.key,
    text: t.text,
    updatedAt: t.updatedAt.toISOString(),
    updatedBy: t.updatedBy,
  });
  r.get('/admin/request-remedy', async (req, res) => {
    res.json({ data: (await remedyTemplates(knex, actingOf(req, res, deps))).map(templateJson) });
  });
  r.put('/admin/request-remedy', json, async (req, res) => {
    res.json({ data: templateJson(await setRemedyTemplate(knex, req.body, actingOf(req, res, deps))) });
  });

  const yearOf = (req: Request, now: Date) =>
    queryInt(req, 'year', currentYear(now), TIMELINESS_YEARS.min, TIMELINESS_YEARS.max);

  r.get('/agencies/:agencyId/requests/timeliness', async (req, res) => {
    const now = deps.now();
    const year = yearOf(req, now);
    const agencyId = pathParam(req, 'agencyId');
    const summary = await agencyRequestTimeliness(knex, agencyId, year, now);
    res.json({
      data: requestTimelinessJson(summary),
      meta: { agency: agencyId, year, asOf: now.toISOString() },
    });
  });

  r.get('/agencies/:agencyId/requests/disclosure-candidates', async (req, res) => {
    const now = deps.now();
    const c = deps.config;
    const windowDays = queryInt(req, 'days', c.requestDisclosureWindowDays, 1, 3660);
    const candidates = await disclosureCandidates(knex, pathParam(req, 'agencyId'), {
      threshold: c.requestDisclosureThreshold,
      similarity: c.requestSimilarityPercent / 100,
      windowDays,
      now,
    });
    res.json({
      data: candidates.map(candidateJson),
      meta: {
        threshold: c.requestDisclosureThreshold,
        similarity: c.requestSimilarityPercent / 100,
        windowDays,
        total: candidates.length,
        asOf: now.toISOString(),
      },
    });
  });

  r.get(
    ['/agencies/:agencyId/requests/annual-report', '/agencies/:agencyId/requests/annual-report.csv'],
    async (req, res) => {
      const now = deps.now();
      const report = await annualReport(knex, pathParam(req, 'agencyId'), yearOf(req, now));
      if (req.path.endsWith('.csv')) {
        const bom = queryBool(req, 'bom', false);
        res.type('text/csv; charset=utf-8');
        res.set('Content-Disposition', `attachment; filename="${report.agency.id}-${report.year}-ysqgk.csv"`);
        res.send((bom ? BOM : '') + annualReportCsv(report));
        return;
      }
      res.json({ data: annualReportJson(report), meta: { asOf: now.toISOString() } });
    },
  );

  return r;
}
