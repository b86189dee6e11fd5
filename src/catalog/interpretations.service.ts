import type { Knex } from 'knex';
import { NotFoundError, ValidationError } from '../errors';
import { formatPeriod, parseDateToDays, parsePeriod, shanghaiDate } from '../periods';
import { longerThan } from '../schemas';
import { actorName, requireManager } from './access.service';
import { actAudited, type Acting } from './acting';
import { findAgency } from './agencies.repo';
import { getDataset } from './datasets.service';
import { interpretationsOf, upsertInterpretation, type Interpretation } from './interpretations.repo';
import { MAX_INTERPRETATION_LENGTH, MAX_URL_LENGTH } from './limits';
import { listReleases, type ReleaseRecord } from './releases.repo';
import { isWithdrawnAt } from './visibility';

type Issue = { path: string; message: string };

/**
 * The release a period names: `revision`, or the newest one. Managers may name an
 * embargoed revision (its interpretation appears when it does); everyone else only public ones.
 */
export async function releaseOfPeriod(
  knex: Knex,
  datasetId: string,
  o: { period: string; revision?: number; includeScheduled: boolean; now: Date },
): Promise<ReleaseRecord> {
  const dataset = await getDataset(knex, datasetId);
  const period = formatPeriod(parsePeriod(o.period, dataset.periodKind));
  const all = await listReleases(knex, dataset.id, {
    includeScheduled: o.includeScheduled,
    now: o.now,
    period,
  });
  // The current revision: a withdrawn one is a tombstone and carries no new interpretation.
  const release =
    o.revision === undefined
      ? all.filter((r) => !isWithdrawnAt(r, o.now)).at(-1)
      : all.find((r) => r.revision === o.revision);
  if (!release) {
    throw new NotFoundError('release_not_found', `No release of ${dataset.id} for ${period}`, {
      dataset: dataset.id,
      period,
      revision: o.revision ?? null,
    });
  }
  return release;
}

function text(issues: Issue[], path: string, value: unknown, max: number): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') issues.push({ path, message: 'must be a string' });
  else if (longerThan(value, max)) issues.push({ path, message: `must be at most ${max} characters` });
  else return value;
  return null;
}

/**
 * Adds or replaces a release's interpretation (解读): bilingual Markdown text, a link, or
 * both, with its author agency (default: the caller's, else the dataset's lead) and date
 * (default: today, Beijing). Only the dataset's agencies and admins may; audited in the
 * same transaction as the write, and audited when refused.
 */
export function setInterpretation(
  knex: Knex,
  a: Acting,
  release: ReleaseRecord,
  input: unknown,
): Promise<Interpretation> {
  const p = a.principal;
  const subject = { action: 'release.interpretation', datasetId: release.datasetId, period: release.period };
  return actAudited(knex, a, subject, async (trx) => {
    const dataset = await getDataset(trx, release.datasetId);
    requireManager(p, dataset);
    const b = (typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {}) as Record<
      string,
      unknown
    >;
    const issues: Issue[] = [];
    const body = (typeof b.text === 'object' && b.text !== null ? b.text : {}) as Record<string, unknown>;
    if (b.text !== undefined && (typeof b.text !== 'object' || b.text === null)) {
      issues.push({ path: '$.text', message: 'must be an object { zh, en }' });
    }
    const bodyZh = text(issues, '$.text.zh', body.zh, MAX_INTERPRETATION_LENGTH);
    const bodyEn = text(issues, '$.text.en', body.en, MAX_INTERPRETATION_LENGTH);
    const url = text(issues, '$.url', b.url, MAX_URL_LENGTH);
    if (url !== null && !/^https?:\/\/[^\s<>"]+$/i.test(url))
      issues.push({ path: '$.url', message: 'must be an http(s) URL' });
    if (
      bodyZh === null &&
      url === null &&
      !issues.some((i) => i.path.startsWith('$.text') || i.path === '$.url')
    ) {
      issues.push({ path: '$.text.zh', message: 'give the Chinese text, a link, or both' });
    }
    if (bodyEn !== null && bodyZh === null)
      issues.push({ path: '$.text.zh', message: 'the Chinese text comes first' });
    const agencyId =
      b.agency === undefined || b.agency === null
        ? (p.kind === 'token' && p.agencyId) || dataset.agencies[0]?.id || ''
        : String(b.agency);
    if (!(await findAgency(trx, agencyId)))
      issues.push({ path: '$.agency', message: `unknown agency ${agencyId}` });
    const today = shanghaiDate(a.now);
    const publishedOn = b.date === undefined || b.date === null ? today : String(b.date);
    if (parseDateToDays(publishedOn) === null)
      issues.push({ path: '$.date', message: 'must be a date, YYYY-MM-DD' });
    if (issues.length > 0)
      throw new ValidationError('invalid_interpretation', 'The interpretation is invalid', issues);

    const created = await upsertInterpretation(trx, {
      releaseId: release.id,
      agencyId,
      publishedOn,
      bodyZh,
      bodyEn,
      url,
      createdBy: actorName(p),
    });
    return {
      value: (await interpretationsOf(trx, [release.id])).get(release.id) as Interpretation,
      audit: {
        action: created ? 'release.interpretation' : 'release.interpretation.update',
        releaseId: release.id,
        detail: { agency: agencyId, text: bodyZh !== null, url: url !== null },
      },
    };
  });
}
