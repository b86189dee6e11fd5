import type { Knex } from 'knex';
import {
  actAudited,
  actorName,
  findAgency,
  findRelease,
  getDataset,
  isPublicAt,
  requireAdmin,
} from '../catalog';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { parseDateToDays, shanghaiDate } from '../periods';
import { checkText, optionalText, type Issue } from '../submissions';
import { requireHandler, type Acting } from './access';
import { checkAnswerInput } from './answer-input';
import { answerDeadline, clarificationWindowEnd, MAX_EXTENSION_WORKING_DAYS } from './deadline';
import { MAX_APPROVED_BY, MAX_DESCRIPTION, MAX_NOTE } from './limits';
import { remedyTemplateFor } from './remedy.repo';
import { findRequest, insertEvent, insertLinks, updateRequest } from './requests.repo';
import type { InfoRequest, RequestStatus } from './types';

type Body = Record<string, unknown>;

function bodyOf(input: unknown): Body {
  return (typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {}) as Body;
}

function invalid(issues: Issue[]): void {
  if (issues.length > 0)
    throw new ValidationError('invalid_request_action', 'The request action is invalid', issues);
}

function requireStatus(r: InfoRequest, allowed: readonly RequestStatus[], action: string): void {
  if (!allowed.includes(r.status)) {
    throw new ConflictError('request_state', `Request ${r.trackingNumber} is ${r.status}; cannot ${action}`, {
      trackingNumber: r.trackingNumber,
      status: r.status,
      allowed,
    });
  }
}

/**
 * Runs one handling step: lock the request, check who may act and in which state, change
 * it, add its public event and its audit entry, all in one transaction (actAudited, which
 * also audits a refusal); then read it back.
 */
async function step(
  knex: Knex,
  trackingNumber: string,
  a: Acting,
  action: string,
  work: (trx: Knex.Transaction, r: InfoRequest, today: string) => Promise<Record<string, unknown>>,
  authorize: (r: InfoRequest) => void = (r) => requireHandler(a.principal, r),
): Promise<InfoRequest> {
  await actAudited(knex, a, { action }, async (trx) => {
    const r = await findRequest(trx, trackingNumber, { forUpdate: true });
    if (!r) throw new NotFoundError('request_not_found', `No request ${trackingNumber}`, { trackingNumber });
    authorize(r);
    const detail = await work(trx, r, shanghaiDate(a.now));
    return { value: undefined, audit: { detail: { trackingNumber, ...detail } } };
  });
  return (await findRequest(knex, trackingNumber)) as InfoRequest;
}

const OPEN: readonly RequestStatus[] = ['received', 'awaiting_clarification'];

/**
 * Sends the request on to another agency, recorded on its timeline. The clock keeps
 * running from the original receipt: the requester used the province's one channel and
 * should not lose time because the request was routed to the wrong desk.
 */
export function forwardRequest(knex: Knex, tn: string, input: unknown, a: Acting): Promise<InfoRequest> {
  const b = bodyOf(input);
  const issues: Issue[] = [];
  const to = checkText(issues, '$.agency', b.agency, 50);
  const note = optionalText(issues, '$.note', b.note, MAX_NOTE);
  invalid(issues);
  return step(knex, tn, a, 'request.forward', async (trx, r, today) => {
    requireStatus(r, OPEN, 'forward it');
    if (to === r.agency.id)
      invalid([{ path: '$.agency', message: 'the request is already with this agency' }]);
    if (!(await findAgency(trx, to as string)))
      invalid([{ path: '$.agency', message: `unknown agency ${to}` }]);
    await updateRequest(trx, r.id, { agency_id: to as string });
    await insertEvent(trx, {
      requestId: r.id,
      kind: 'forwarded',
      on: today,
      fromAgency: r.agency.id,
      toAgency: to,
      note,
    });
    return { from: r.agency.id, to };
  });
}

/**
 * Asks the requester to complete an unclear request (补正, art. 30): once, within 7 working
 * days of receipt, saying what is missing. The note is public: it is how the requester,
 * who has no account, learns what to add. The clock stands still until the completion.
 */
export function requestClarification(
  knex: Knex,
  tn: string,
  input: unknown,
  a: Acting,
): Promise<InfoRequest> {
  const issues: Issue[] = [];
  const note = checkText(issues, '$.note', bodyOf(input).note, MAX_NOTE);
  invalid(issues);
  return step(knex, tn, a, 'request.clarification', async (trx, r, today) => {
    requireStatus(r, ['received'], 'ask for completion');
    if (r.clarificationRequestedOn !== null) {
      throw new ConflictError(
        'clarification_already_requested',
        'Completion may be asked for only once (art. 30)',
        {
          requestedOn: r.clarificationRequestedOn,
        },
      );
    }
    const window = clarificationWindowEnd(r.receivedOn);
    if (today > window.on) {
      throw new ConflictError(
        'clarification_window_passed',
        'Completion must be asked for within 7 working days of receipt (art. 30)',
        { receivedOn: r.receivedOn, lastDay: window.on },
      );
    }
    await updateRequest(trx, r.id, { status: 'awaiting_clarification', clarification_requested_on: today });
    await insertEvent(trx, { requestId: r.id, kind: 'clarification_requested', on: today, note });
    return { lastDay: window.on };
  });
}

/**
 * Records the completed request: the answer period starts again from the day it was
 * received (art. 30), and the completed description replaces the unclear one.
 */
export function receiveClarification(
  knex: Knex,
  tn: string,
  input: unknown,
  a: Acting,
): Promise<InfoRequest> {
  const b = bodyOf(input);
  const issues: Issue[] = [];
  const receivedOn =
    typeof b.receivedOn === 'string' && parseDateToDays(b.receivedOn) !== null ? b.receivedOn : null;
  if (receivedOn === null) issues.push({ path: '$.receivedOn', message: 'must be a date, YYYY-MM-DD' });
  const description = optionalText(issues, '$.description', b.description, MAX_DESCRIPTION);
  invalid(issues);
  return step(knex, tn, a, 'request.clarification_received', async (trx, r, today) => {
    requireStatus(r, ['awaiting_clarification'], 'record a completion');
    const on = receivedOn as string;
    if (on > today || on < (r.clarificationRequestedOn ?? r.receivedOn)) {
      invalid([{ path: '$.receivedOn', message: `between ${r.clarificationRequestedOn} and today` }]);
    }
    await updateRequest(trx, r.id, {
      status: 'received',
      clock_start_on: on,
      ...(description === null ? {} : { description }),
    });
    await insertEvent(trx, { requestId: r.id, kind: 'clarification_received', on });
    return { clockStartOn: on };
  });
}

/**
 * Extends the answer period once, by at most 20 working days, with the consent of the head
 * of the information disclosure office, before the period runs out (art. 33 para. 2). The
 * reason is public: the requester must be told.
 */
export function extendRequest(knex: Knex, tn: string, input: unknown, a: Acting): Promise<InfoRequest> {
  const b = bodyOf(input);
  const issues: Issue[] = [];
  const days = b.workingDays;
  if (!Number.isInteger(days) || (days as number) < 1 || (days as number) > MAX_EXTENSION_WORKING_DAYS) {
    issues.push({ path: '$.workingDays', message: `an integer from 1 to ${MAX_EXTENSION_WORKING_DAYS}` });
  }
  const reason = checkText(issues, '$.reason', b.reason, MAX_NOTE);
  const approvedBy = checkText(issues, '$.approvedBy', b.approvedBy, MAX_APPROVED_BY);
  invalid(issues);
  return step(knex, tn, a, 'request.extend', async (trx, r, today) => {
    requireStatus(r, ['received'], 'extend it');
    if (r.extension) {
      throw new ConflictError('already_extended', 'The answer period may be extended only once (art. 33)', {
        extendedOn: r.extension.extendedOn,
      });
    }
    const deadline = answerDeadline(r.clockStartOn, null);
    if (today > deadline.baseDueOn) {
      throw new ConflictError('deadline_passed', 'An extension must be decided before the period runs out', {
        dueOn: deadline.baseDueOn,
      });
    }
    await updateRequest(trx, r.id, {
      extension_working_days: days as number,
      extended_on: today,
      extension_reason: reason as string,
      extension_approved_by: approvedBy as string,
    });
    await insertEvent(trx, { requestId: r.id, kind: 'extended', on: today, note: reason });
    return { workingDays: days, dueOn: answerDeadline(r.clockStartOn, days as number).dueOn };
  });
}

/**
 * Answers the request with one of the regulation's answer types. The remedy paragraph comes
 * from the template an administrator keeps (the agency's own, else the default) and is
 * stored with the answer, as the requester was told it. Linked datasets must exist, and a
 * linked release must be published (an embargoed one cannot satisfy anyone yet).
 */
export function answerRequest(knex: Knex, tn: string, input: unknown, a: Acting): Promise<InfoRequest> {
  const answer = checkAnswerInput(input);
  return step(knex, tn, a, 'request.answer', async (trx, r, today) => {
    requireStatus(r, OPEN, 'answer it');
    for (const [n, link] of answer.links.entries()) {
      await getDataset(trx, link.datasetId);
      if (link.releaseId === null) continue;
      const rel = await findRelease(trx, link.releaseId);
      if (!rel || rel.datasetId !== link.datasetId || !isPublicAt(rel, a.now)) {
        invalid([
          {
            path: `$.links[${n}].release`,
            message: `no published release ${link.releaseId} of ${link.datasetId}`,
          },
        ]);
      }
    }
    const template = await remedyTemplateFor(trx, r.agency.id);
    if (!template)
      throw new ConflictError('no_remedy_template', 'An administrator must set the remedy template first');
    await updateRequest(trx, r.id, {
      status: 'answered',
      answered_on: today,
      answered_at: a.now,
      answer_type: answer.type,
      answer_reason: answer.reason,
      answer_legal_basis: answer.legalBasis,
      answer_reply: answer.reply,
      remedy: template.text.replaceAll('{agency}', r.agency.name.zh),
    });
    await insertLinks(trx, r.id, answer.links);
    await insertEvent(trx, { requestId: r.id, kind: 'answered', on: today });
    return { type: answer.type, reason: answer.reason, links: answer.links.length };
  });
}

/** Takes a request out of the queue as spam, by hand; it stays stored and counted. */
export function markSpam(knex: Knex, tn: string, a: Acting): Promise<InfoRequest> {
  return step(knex, tn, a, 'request.spam', async (trx, r, today) => {
    requireStatus(r, OPEN, 'mark it as spam');
    await updateRequest(trx, r.id, { status: 'spam', spam_reasons: JSON.stringify(['manual']) });
    await insertEvent(trx, { requestId: r.id, kind: 'marked_spam', on: today });
    return { by: actorName(a.principal) };
  });
}

/** An administrator puts a request wrongly taken for spam back in its agency's queue. */
export function restoreRequest(knex: Knex, tn: string, a: Acting): Promise<InfoRequest> {
  return step(
    knex,
    tn,
    a,
    'request.restore',
    async (trx, r, today) => {
      requireStatus(r, ['spam'], 'restore it');
      await updateRequest(trx, r.id, { status: 'received', spam_reasons: '[]' });
      await insertEvent(trx, { requestId: r.id, kind: 'restored', on: today, toAgency: r.agency.id });
      return { reasons: r.spamReasons };
    },
    () => requireAdmin(a.principal),
  );
}
