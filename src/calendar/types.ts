import type { Agency, Cadence, DatasetStatusMark } from '../catalog';
import type { LocalizedText } from '../schemas';
import type { Period } from '../periods';

/**
 * Where one expected period stands at a given instant:
 * - on_time: first published no later than its due instant
 * - late: first published after it (delaySeconds says by how much)
 * - missing: due, and nothing published or scheduled
 * - scheduled: a release is stored but embargoed until publishedAt
 * - upcoming: not due yet and nothing stored
 * - incomplete: published, but the dataset requires an interpretation (解读) and none is public
 *   yet; once one is, the period counts as published when both are (on_time or late)
 */
export type PeriodState = 'on_time' | 'late' | 'missing' | 'scheduled' | 'upcoming' | 'incomplete';
export const PERIOD_STATES: readonly PeriodState[] = [
  'on_time',
  'late',
  'missing',
  'scheduled',
  'upcoming',
  'incomplete',
];

/** When a period first became (or, if embargoed, becomes) public; only times, never contents. */
export interface FirstPublication {
  publishAt: Date;
  revisions: number;
  /** When the first interpretation of any of its revisions was added; null: none. */
  interpretedAt?: Date | null;
}

export interface ExpectedPeriod {
  period: Period;
  dueAt: Date;
  state: PeriodState;
  /** First publication instant, or the embargo's end for a scheduled period. */
  publishedAt: Date | null;
  /** publishedAt − dueAt in whole seconds when positive; null when on time or unpublished. */
  delaySeconds: number | null;
  revisions: number;
}

export interface TimelinessSummary {
  /** Periods whose due instant has passed: onTime + late + missing + overdue scheduled ones. */
  due: number;
  onTime: number;
  late: number;
  missing: number;
  scheduled: number;
  upcoming: number;
  /** Published without the interpretation the dataset requires. */
  incomplete: number;
  /** onTime / due, or null when nothing was due. */
  onTimeRate: number | null;
  averageDelaySeconds: number | null;
  maxDelaySeconds: number | null;
}

export interface DatasetRef {
  id: string;
  title: LocalizedText;
  clause: string;
  cadence: Cadence;
  agencies: Agency[];
  /** 废止/失效 marks travel with every reference, so no answer hides them. */
  status: DatasetStatusMark;
}

export interface DatasetTimeliness {
  dataset: DatasetRef;
  /** Calendar year of the due instants counted (Beijing time), or null for the whole history. */
  year: number | null;
  summary: TimelinessSummary;
  periods: ExpectedPeriod[];
}

export type AgencyRole = 'lead' | 'partner';

export interface AgencyRanking {
  rank: number | null;
  agency: Agency;
  summary: TimelinessSummary;
}

export interface AgencyTimeliness {
  agency: Agency;
  year: number;
  /** Over the datasets the agency leads (牵头), which is what its assessment counts. */
  summary: TimelinessSummary;
  rank: number | null;
  rankedAgencies: number;
  datasets: Array<{ role: AgencyRole; timeliness: DatasetTimeliness }>;
}

export type CalendarEventKind = 'due' | 'scheduled';

export interface CalendarEvent {
  kind: CalendarEventKind;
  dataset: DatasetRef;
  period: Period;
  /** Null for a scheduled release of an irregular dataset, which has no due rule to keep. */
  dueAt: Date | null;
  /** The event's own instant: the due instant, or the embargo's end for a scheduled release. */
  at: Date;
  state: PeriodState;
  publishedAt: Date | null;
  delaySeconds: number | null;
  revisions: number;
}
