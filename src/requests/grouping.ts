import type { Knex } from 'knex';
import { findAgency } from '../catalog';
import { NotFoundError } from '../errors';
import { formatDays, parseDateToDays, shanghaiDate } from '../periods';
import type { LocalizedText } from '../schemas';
import { MAX_GROUPED } from './limits';
import { listRequests } from './requests.repo';
import type { InfoRequest } from './types';

/*
 * 八(六) asks agencies to turn information that many people request into proactive
 * disclosure. Requests asking for the same information are grouped:
 *
 * - by dataset, when the request names one (the requester picked it, so it is exact);
 * - otherwise by their subjects' text. Chinese has no spaces between words, so a subject is
 *   compared as the set of its character bigrams (what the catalogue search indexes too),
 *   after normalising (NFKC, lower case, letters and digits only) and dropping the
 *   boilerplate every request shares (申请公开, 请提供, 的, 信息, 数据 …), which would
 *   otherwise make any two requests look alike. Two subjects match when the Jaccard
 *   similarity of their bigram sets, |A∩B| / |A∪B|, reaches the threshold (default 0.5);
 *   groups are the connected components of that relation (single linkage). Word order
 *   barely matters: 太原市2024年空气质量月报 and 2024年太原市空气质量月报 score 0.8, while
 *   two requests about different things in the same city stay well below 0.5.
 */

// Longest first, so 申请公开 goes before 申请 and 公开.
const BOILERPLATE = [
  '依申请公开',
  '申请公开',
  '请求公开',
  '要求公开',
  '请予公开',
  '请提供',
  '请公开',
  '申请',
  '提供',
  '公开',
  '关于',
  '有关',
  '相关',
  '信息',
  '数据',
  '情况',
  '资料',
  '我想',
  '我要',
  '需要',
  '希望',
  '获取',
  '查询',
  '的',
  '请',
].sort((a, b) => b.length - a.length);

export function normaliseSubject(text: string): string {
  let s = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
  for (const w of BOILERPLATE) s = s.split(w).join('');
  return s;
}

export function bigrams(text: string): Set<string> {
  const chars = [...text];
  if (chars.length <= 1) return new Set(chars);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** Groups of indexes into `texts` whose bigram sets are linked by similarity ≥ threshold. */
export function similarGroups(texts: readonly string[], threshold: number): number[][] {
  const sets = texts.map((t) => bigrams(normaliseSubject(t)));
  const parent = texts.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      if (jaccard(sets[i]!, sets[j]!) >= threshold) parent[root(i)] = root(j);
    }
  }
  const groups = new Map<number, number[]>();
  texts.forEach((_, i) => {
    const r = root(i);
    groups.set(r, [...(groups.get(r) ?? []), i]);
  });
  return [...groups.values()];
}

export interface DisclosureCandidate {
  /** `dataset`: requests naming the same dataset; `text`: requests with similar subjects. */
  kind: 'dataset' | 'text';
  dataset: { id: string; title: LocalizedText } | null;
  /** The earliest request's subject: what people keep asking for. */
  subject: string;
  count: number;
  firstReceivedOn: string;
  lastReceivedOn: string;
}

export interface GroupingOptions {
  /** A group with at least this many requests is a candidate. */
  threshold: number;
  /** Jaccard similarity of subjects, 0–1. */
  similarity: number;
  /** Requests received within this many days before today count. */
  windowDays: number;
  now: Date;
}

function candidateOf(kind: DisclosureCandidate['kind'], group: InfoRequest[]): DisclosureCandidate {
  const sorted = [...group].sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.id - b.id);
  const first = sorted[0]!;
  return {
    kind,
    dataset: kind === 'dataset' ? first.dataset : null,
    subject: first.subject,
    count: sorted.length,
    firstReceivedOn: first.receivedOn,
    lastReceivedOn: sorted[sorted.length - 1]!.receivedOn,
  };
}

/** Pure: the candidate groups among an agency's requests, most requested first. */
export function groupCandidates(
  requests: readonly InfoRequest[],
  o: Omit<GroupingOptions, 'windowDays' | 'now'>,
) {
  const counted = requests.filter((r) => r.status !== 'spam');
  const byDataset = new Map<string, InfoRequest[]>();
  const free: InfoRequest[] = [];
  for (const r of counted) {
    if (r.dataset) byDataset.set(r.dataset.id, [...(byDataset.get(r.dataset.id) ?? []), r]);
    else free.push(r);
  }
  const out: DisclosureCandidate[] = [...byDataset.values()].map((g) => candidateOf('dataset', g));
  for (const g of similarGroups(
    free.map((r) => r.subject),
    o.similarity,
  )) {
    out.push(
      candidateOf(
        'text',
        g.map((i) => free[i]!),
      ),
    );
  }
  return out
    .filter((c) => c.count >= o.threshold)
    .sort((a, b) => b.count - a.count || a.firstReceivedOn.localeCompare(b.firstReceivedOn));
}

export async function disclosureCandidates(
  knex: Knex,
  agencyId: string,
  o: GroupingOptions,
): Promise<DisclosureCandidate[]> {
  if (!(await findAgency(knex, agencyId))) {
    throw new NotFoundError('agency_not_found', `No agency with id ${agencyId}`, { agency: agencyId });
  }
  const today = parseDateToDays(shanghaiDate(o.now)) as number;
  const requests = await listRequests(knex, {
    agencyId,
    statuses: ['received', 'awaiting_clarification', 'answered'],
    receivedFrom: formatDays(today - o.windowDays),
    limit: MAX_GROUPED,
  });
  return groupCandidates(requests, o);
}
