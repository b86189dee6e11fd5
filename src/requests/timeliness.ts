import type { Knex } from 'knex';
import { findAgency } from '../catalog';
import { NotFoundError } from '../errors';
import { requestTimeliness, type RequestTimelinessState } from './deadline';
import { listRequests } from './requests.repo';
import type { InfoRequest } from './types';

/**
 * 依申请公开 timeliness for one agency and year, next to its datasets' (calendar/). As with
 * datasets, a year counts what fell due in it: the requests whose answer was due that year
 * (Beijing dates), plus the ones received that year whose clock stands still for completion.
 */
export interface RequestTimelinessSummary {
  /** Requests due in the year: onTime + late + overdue + pending. */
  due: number;
  onTime: number;
  late: number;
  /** Due date passed, no answer yet. */
  overdue: number;
  /** Due later, no answer yet. */
  pending: number;
  awaitingClarification: number;
  /** onTime / (onTime + late + overdue): of the requests decided or overdue; null when none. */
  onTimeRate: number | null;
  /** Some due date was computed for a year without a State Council holiday schedule yet. */
  provisional: boolean;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function summariseRequests(
  requests: readonly InfoRequest[],
  year: number,
  now: Date,
): RequestTimelinessSummary {
  const count: Record<RequestTimelinessState, number> = {
    on_time: 0,
    late: 0,
    pending: 0,
    overdue: 0,
    awaiting_clarification: 0,
  };
  let provisional = false;
  const y = String(year);
  for (const r of requests) {
    if (r.status === 'spam') continue;
    const t = requestTimeliness(r, now);
    const inYear = t.deadline ? t.deadline.dueOn.startsWith(y) : r.receivedOn.startsWith(y);
    if (!inYear) continue;
    count[t.state] += 1;
    provisional ||= t.deadline?.provisional ?? false;
  }
  const decided = count.on_time + count.late + count.overdue;
  return {
    due: decided + count.pending,
    onTime: count.on_time,
    late: count.late,
    overdue: count.overdue,
    pending: count.pending,
    awaitingClarification: count.awaiting_clarification,
    onTimeRate: decided === 0 ? null : round4(count.on_time / decided),
    provisional,
  };
}

/**
 * The requests that can fall due in `year`: a clock that started from September of the year
 * before (20 + 20 working days never reach four months), plus those awaiting completion.
 */
async function candidates(knex: Knex, agencyId: string | undefined, year: number): Promise<InfoRequest[]> {
  const [running, waiting] = await Promise.all([
    listRequests(knex, {
      agencyId,
      statuses: ['received', 'answered'],
      clockStart: { from: `${year - 1}-09-01`, to: `${year}-12-31` },
    }),
    listRequests(knex, {
      agencyId,
      statuses: ['awaiting_clarification'],
      receivedFrom: `${year}-01-01`,
    }),
  ]);
  return [...running, ...waiting];
}

export async function agencyRequestTimeliness(
  knex: Knex,
  agencyId: string,
  year: number,
  now: Date,
): Promise<RequestTimelinessSummary> {
  if (!(await findAgency(knex, agencyId))) {
    throw new NotFoundError('agency_not_found', `No agency with id ${agencyId}`, { agency: agencyId });
  }
  return summariseRequests(await candidates(knex, agencyId, year), year, now);
}

/** Every agency's summary for the ranking, from one read. */
export async function requestTimelinessByAgency(
  knex: Knex,
  year: number,
  now: Date,
): Promise<Map<string, RequestTimelinessSummary>> {
  const all = await candidates(knex, undefined, year);
  const byAgency = new Map<string, InfoRequest[]>();
  for (const r of all) {
    const list = byAgency.get(r.agency.id);
    if (list) list.push(r);
    else byAgency.set(r.agency.id, [r]);
  }
  return new Map([...byAgency].map(([id, list]) => [id, summariseRequests(list, year, now)]));
}
