import type { Knex } from 'knex';
import { actAudited, actorName, findAgency, refusalAudited, requireAdmin } from '../catalog';
import { ValidationError } from '../errors';
import { checkText, type Issue } from '../submissions';
import type { Acting } from './access';
import { MAX_REMEDY_TEMPLATE } from './limits';
import {
  DEFAULT_REMEDY_KEY,
  listRemedyTemplates,
  upsertRemedyTemplate,
  type RemedyTemplate,
} from './remedy.repo';

/** The remedy templates, for an administrator; a refusal is audited. */
export function remedyTemplates(knex: Knex, a: Acting): Promise<RemedyTemplate[]> {
  return refusalAudited(knex, a, { action: 'request.remedy_template.read' }, async () => {
    requireAdmin(a.principal);
    return listRemedyTemplates(knex);
  });
}

/**
 * Sets the remedy paragraph (行政复议 / 行政诉讼) that answers state: the default one, or an
 * agency's own (its reconsideration body may differ). `{agency}` stands for the answering
 * agency's name. Admins only; audited with the change, and when refused.
 */
export function setRemedyTemplate(knex: Knex, input: unknown, a: Acting): Promise<RemedyTemplate> {
  return actAudited(knex, a, { action: 'request.remedy_template' }, async (trx) => {
    requireAdmin(a.principal);
    const saved = await checkedTemplate(trx, input);
    return {
      value: await upsertRemedyTemplate(trx, { ...saved, updatedBy: actorName(a.principal) }),
      audit: { detail: { key: saved.key } },
    };
  });
}

/** The template as sent, checked; every problem named by its path. */
async function checkedTemplate(knex: Knex, input: unknown): Promise<{ key: string; text: string }> {
  const b = (typeof input === 'object' && input !== null ? input : {}) as {
    agency?: unknown;
    text?: unknown;
  };
  const issues: Issue[] = [];
  const text = checkText(issues, '$.text', b.text, MAX_REMEDY_TEMPLATE);
  if (text !== undefined && !/行政复议/.test(text) && !/行政诉讼/.test(text)) {
    issues.push({ path: '$.text', message: 'must name the remedy channels (行政复议, 行政诉讼)' });
  }
  let key = DEFAULT_REMEDY_KEY;
  if (b.agency !== undefined && b.agency !== null) {
    if (typeof b.agency !== 'string' || !(await findAgency(knex, b.agency))) {
      issues.push({ path: '$.agency', message: 'must be an agency id, or null for the default' });
    } else key = b.agency;
  }
  if (issues.length > 0 || text === undefined) {
    throw new ValidationError('invalid_remedy_template', 'The remedy template is invalid', issues);
  }
  return { key, text };
}
