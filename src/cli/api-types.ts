/** Shapes of the server's JSON, as far as the CLI reads them; everything else passes through. */

export interface Label {
  zh: string;
  en: string;
}

export interface PeriodRef {
  id: string;
  label: Label;
}

export interface ReportError {
  row: number | null;
  column: string | null;
  value: unknown;
  rule: string;
  message: string;
  /** Both languages (servers since the Chinese-first errors). */
  messages?: { zh: string; en: string };
}

export interface Report {
  valid: boolean;
  rowCount: number;
  errorCount: number;
  errors: ReportError[];
  totalsByRule: Record<string, number>;
  truncated: boolean;
}

export interface Release {
  id: number | string;
  datasetId: string;
  period: PeriodRef;
  revision: number;
  schemaVersion: number | string;
  rowCount: number;
  sha256: string;
  status: 'published' | 'scheduled' | 'superseded' | 'withdrawn';
  publishAt: string | null;
  publishedAt: string | null;
  note: string | null;
  revisionReason: string | null;
  createdAt: string;
  createdBy: string;
}

export interface WhoAmI {
  role: 'admin' | 'publisher';
  agency: { id: string; name: Label } | null;
  tokenName: string;
}

export interface DatasetSummary {
  id: string;
  title: Label;
  cadence: string;
  periodKind: string;
  periodRange: { first: PeriodRef | null; last: PeriodRef | null };
  lastUpdated: string | null;
  status: { status: string; label: string | Label } | string;
}

export interface CalendarEntry {
  datasetId: string;
  period: PeriodRef;
  /** Null for a scheduled release of an irregular dataset. */
  dueAt: string | null;
  /** The event's instant: the due time, or when a scheduled release lifts. */
  at?: string;
  kind: 'due' | 'scheduled' | string;
  state?: string;
}

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    /** Both languages (servers since the Chinese-first errors); Chinese is shown first. */
    messages?: { zh: string; en: string };
    details?: unknown;
  };
}

export function isApiErrorBody(body: unknown): body is ApiErrorBody {
  const e = (body as { error?: { code?: unknown } } | null)?.error;
  return typeof e === 'object' && e !== null && typeof e.code === 'string';
}

/** A request in the agency's queue (GET /api/v1/requests/queue), as far as `requests` prints it. */
export interface QueuedRequest {
  trackingNumber: string;
  status: string;
  subject: string;
  receivedOn: string;
  timeliness: { state: string; dueOn: string | null; extended: boolean; provisional: boolean };
}
