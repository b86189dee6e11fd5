import type { Knex } from 'knex';
import { actorName, findAgency, getDataset } from '../catalog';
import { withTransaction } from '../db';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { shanghaiDate } from '../periods';
import { newTrackingNumber, spamVerdict } from '../submissions';
import { auditRequest, type Acting } from './access';
import { checkRequestInput } from './request-input';
import { findRequest, insertEvent, insertRequest } from './requests.repo';
import type { InfoRequest } from './types';

/** The 2019 revision, whose time limits this platform applies, took effect on 2019-05-15. */
export const REGULATION_IN_FORCE = '2019-05-15';

export const TRACKING_PREFIX = 'YSQ';

/** Where a request goes: the agency named, else the lead agency of the dataset named. */
async function route(knex: Knex, agencyId: string | null, datasetId: string | null) {
  const dataset = datasetId === null ? null : await getDataset(knex, datasetId);
  if (agencyId === null) return { agencyId: dataset?.agencies[0]?.id ?? '', datasetId: dataset?.id ?? null };
  if (!(await findAgency(knex, agencyId))) {
    throw new ValidationError('invalid_request', `Unknown agency ${agencyId}`, [
      { path: '$.agency', message: `unknown agency ${agencyId}` },
    ]);
  }
  if (dataset && !dataset.agencies.some((a) => a.id === agencyId)) {
    throw new ValidationError('invalid_request', `${agencyId} is not responsible for ${dataset.id}`, [
      { path: '$.agency', message: `not one of the agencies responsible for ${dataset.id}` },
    ]);
  }
  return { agencyId, datasetId: dataset?.id ?? null };
}

/**
 * Takes a request in. Anyone may submit online (no account): it counts as received today,
 * Beijing time (art. 31 (三), see deadline.ts). An agency's publisher (or an admin) may also
 * record a paper request it received in person or by mail, with the day it received it.
 * Spam is stored with status `spam` and its reasons: counted, visible to administrators,
 * never in a queue. Request, contact, first event and audit entry are one transaction.
 */
export async function submitRequest(knex: Knex, input: unknown, a: Acting): Promise<InfoRequest> {
  const checked = checkRequestInput(input);
  const p = a.principal;
  const today = shanghaiDate(a.now);
  const paper = checked.channel !== 'online';
  if (paper || checked.receivedOn !== null) {
    if (p.kind === 'anonymous') {
      throw new ForbiddenError(
        'agency_only',
        'Only an agency records paper requests and their day of receipt',
        {
          parameter: paper ? 'channel' : 'receivedOn',
        },
      );
    }
    const issues = [];
    if (!paper) issues.push({ path: '$.channel', message: 'a recorded request came in_person or by mail' });
    if (checked.receivedOn === null)
      issues.push({ path: '$.receivedOn', message: 'the day the agency received it' });
    else if (checked.receivedOn > today)
      issues.push({ path: '$.receivedOn', message: 'must not be in the future' });
    else if (checked.receivedOn < REGULATION_IN_FORCE)
      issues.push({ path: '$.receivedOn', message: `must be on or after ${REGULATION_IN_FORCE}` });
    if (issues.length > 0)
      throw new ValidationError('invalid_request', 'The recorded request is invalid', issues);
  }
  if (p.kind === 'token' && p.role === 'publisher' && paper && checked.agencyId !== null) {
    // An agency records what it received itself; it forwards anything else afterwards.
    if (checked.agencyId !== p.agencyId) {
      throw new ForbiddenError('not_responsible', 'A publisher records requests for its own agency', {
        agency: checked.agencyId,
      });
    }
  }
  const asked = p.kind === 'token' && p.role === 'publisher' && paper ? p.agencyId : checked.agencyId;
  const { agencyId, datasetId } = await route(knex, asked, checked.datasetId);
  const verdict = spamVerdict({
    honeypot: checked.honeypot,
    texts: [checked.subject, checked.description, checked.purpose],
  });
  const receivedOn = checked.receivedOn ?? today;
  const trackingNumber = newTrackingNumber(TRACKING_PREFIX, Number(receivedOn.slice(0, 4)));
  await withTransaction(knex, async (trx) => {
    const id = await insertRequest(
      trx,
      {
        trackingNumber,
        channel: checked.channel,
        subject: checked.subject,
        description: checked.description,
        purpose: checked.purpose,
        requesterType: checked.requesterType,
        organisationKind: checked.organisationKind,
        agencyId,
        datasetId,
        status: verdict.spam ? 'spam' : 'received',
        spamReasons: verdict.reasons,
        receivedOn,
        createdBy: actorName(p),
      },
      checked.contact,
    );
    await insertEvent(trx, { requestId: id, kind: 'submitted', on: receivedOn, toAgency: agencyId });
    await auditRequest(trx, a, 'request.submit', {
      trackingNumber,
      channel: checked.channel,
      agency: agencyId,
      dataset: datasetId,
      receivedOn,
      ...(verdict.spam ? { spam: verdict.reasons } : {}),
    });
  });
  const stored = await findRequest(knex, trackingNumber);
  if (!stored) throw new NotFoundError('request_not_found', `No request ${trackingNumber}`);
  return stored;
}
