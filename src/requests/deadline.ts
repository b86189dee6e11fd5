import { addWorkingDays, formatDays, parseDateToDays, shanghaiDate, workingDaysBetween } from '../periods';
import type { InfoRequest } from './types';

/*
 * The time limits of 《中华人民共和国政府信息公开条例》(2019 revision):
 *
 * Art. 31: a request counts as received (一) in person: the day it is handed in; (二) by mail:
 * the day the agency signs for it; (三) online or by fax: the day both sides confirm it. This
 * platform confirms an online request at once, with its tracking number, so the submission
 * day (Beijing time) is the day of receipt. Paper requests are recorded by the agency with
 * the day it received them.
 *
 * Art. 33 para. 2: an answer is due within 20 working days of receipt. It may be extended
 * once, by at most 20 working days, with the consent of the head of the agency's information
 * disclosure office (政府信息公开工作机构负责人), and the requester must be told.
 * (Para. 3, time spent consulting third parties not counted, is not modelled.)
 *
 * Art. 30: an unclear request is sent back for completion (补正) once, within 7 working days
 * of receipt; the answer period then counts from the day the completed request is received,
 * and while the agency waits the clock stands still.
 */
export const ANSWER_WORKING_DAYS = 20;
export const MAX_EXTENSION_WORKING_DAYS = 20;
export const CLARIFICATION_WINDOW_WORKING_DAYS = 7;

export interface Deadline {
  /** The day the working days count from (not itself counted). */
  clockStartOn: string;
  /** 20 working days after clockStartOn. */
  baseDueOn: string;
  /** baseDueOn plus the extension, when there is one. */
  dueOn: string;
  extended: boolean;
  /**
   * A year in the count has no State Council holiday schedule yet (not in the holiday data),
   * so Monday–Friday was assumed; the date may move once the schedule is published.
   */
  provisional: boolean;
}

function days(date: string): number {
  const d = parseDateToDays(date);
  if (d === null) throw new Error(`not a date: ${date}`);
  return d;
}

export function answerDeadline(clockStartOn: string, extensionWorkingDays: number | null): Deadline {
  const base = addWorkingDays(days(clockStartOn), ANSWER_WORKING_DAYS);
  const extended = extensionWorkingDays ? addWorkingDays(base.days, extensionWorkingDays) : undefined;
  return {
    clockStartOn,
    baseDueOn: formatDays(base.days),
    dueOn: formatDays((extended ?? base).days),
    extended: extended !== undefined,
    provisional: base.provisional || (extended?.provisional ?? false),
  };
}

/** The last day on which the agency may still ask for completion (art. 30). */
export function clarificationWindowEnd(receivedOn: string): { on: string; provisional: boolean } {
  const end = addWorkingDays(days(receivedOn), CLARIFICATION_WINDOW_WORKING_DAYS);
  return { on: formatDays(end.days), provisional: end.provisional };
}

/**
 * Where a request stands against its deadline, as of Beijing date `today`:
 * - on_time / late: answered by / after the due date (late: by how many working days)
 * - pending: open, due date not passed
 * - overdue: open, due date passed
 * - awaiting_clarification: the clock stands still (art. 30); no due date
 */
export const REQUEST_TIMELINESS_STATES = [
  'on_time',
  'late',
  'pending',
  'overdue',
  'awaiting_clarification',
] as const;
export type RequestTimelinessState = (typeof REQUEST_TIMELINESS_STATES)[number];

export interface RequestTimeliness {
  state: RequestTimelinessState;
  /** Null while the clock stands still for completion. */
  deadline: Deadline | null;
  /** Working days past the due date: at answer time (late) or today (overdue). */
  workingDaysLate: number | null;
}

export function requestTimeliness(r: InfoRequest, now: Date): RequestTimeliness {
  if (r.status === 'awaiting_clarification') {
    return { state: 'awaiting_clarification', deadline: null, workingDaysLate: null };
  }
  const deadline = answerDeadline(r.clockStartOn, r.extension?.workingDays ?? null);
  const until = r.answer ? r.answer.answeredOn : shanghaiDate(now);
  const late = workingDaysBetween(days(deadline.dueOn), days(until));
  const after = until > deadline.dueOn;
  if (r.answer) return { state: after ? 'late' : 'on_time', deadline, workingDaysLate: after ? late : null };
  return { state: after ? 'overdue' : 'pending', deadline, workingDaysLate: after ? late : null };
}
