import { ValidationError } from '../errors';
import { checkText, optionalText, type Issue } from '../submissions';
import { ANSWER_TYPES, ANSWERS, answerReason, type AnswerType } from './answer-types';
import { MAX_ANSWER_LINKS, MAX_LEGAL_BASIS, MAX_REPLY } from './limits';

export interface CheckedAnswer {
  type: AnswerType;
  reason: string | null;
  legalBasis: string | null;
  reply: string | null;
  links: Array<{ datasetId: string; releaseId: number | null }>;
}

const SLUG = /^[a-z][a-z0-9-]{1,48}$/;

/**
 * An answer names its type and, where the report format has sub-rows, the one it falls
 * under; a refusal (不予公开, or the refused part of 部分公开) states its legal basis.
 */
export function checkAnswerInput(input: unknown): CheckedAnswer {
  const i = (typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {}) as Record<
    string,
    unknown
  >;
  const issues: Issue[] = [];
  const type = (ANSWER_TYPES as readonly unknown[]).includes(i.type) ? (i.type as AnswerType) : undefined;
  if (!type) issues.push({ path: '$.type', message: `must be one of ${ANSWER_TYPES.join(', ')}` });
  let reason: string | null = null;
  let legalBasis: string | null = null;
  if (type) {
    const spec = ANSWERS[type];
    if (spec.reasons.length > 0) {
      const found = answerReason(type, typeof i.reason === 'string' ? i.reason : null);
      if (!found) {
        issues.push({
          path: '$.reason',
          message: `must be one of ${spec.reasons.map((r) => r.id).join(', ')}`,
        });
      }
      reason = found?.id ?? null;
    } else if (i.reason !== undefined && i.reason !== null) {
      issues.push({ path: '$.reason', message: `a ${type} answer has no sub-reason` });
    }
    legalBasis = spec.needsLegalBasis
      ? (checkText(issues, '$.legalBasis', i.legalBasis, MAX_LEGAL_BASIS) ?? null)
      : optionalText(issues, '$.legalBasis', i.legalBasis, MAX_LEGAL_BASIS);
  }
  const reply = optionalText(issues, '$.reply', i.reply, MAX_REPLY);
  const links: CheckedAnswer['links'] = [];
  if (i.links !== undefined && i.links !== null) {
    if (!Array.isArray(i.links)) issues.push({ path: '$.links', message: 'must be an array' });
    else if (i.links.length > MAX_ANSWER_LINKS)
      issues.push({ path: '$.links', message: `at most ${MAX_ANSWER_LINKS} links` });
    else {
      i.links.forEach((l: unknown, n) => {
        const link = (typeof l === 'object' && l !== null ? l : {}) as {
          dataset?: unknown;
          release?: unknown;
        };
        if (typeof link.dataset !== 'string' || !SLUG.test(link.dataset)) {
          issues.push({ path: `$.links[${n}].dataset`, message: 'must be a dataset id' });
          return;
        }
        const release = link.release;
        if (
          release !== undefined &&
          release !== null &&
          !(Number.isInteger(release) && (release as number) > 0)
        ) {
          issues.push({ path: `$.links[${n}].release`, message: 'must be a release id' });
          return;
        }
        links.push({ datasetId: link.dataset, releaseId: (release as number | undefined) ?? null });
      });
    }
  }
  if (issues.length > 0 || !type)
    throw new ValidationError('invalid_answer', 'The answer is invalid', issues);
  return { type, reason, legalBasis, reply, links };
}
