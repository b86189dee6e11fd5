import type { Knex } from 'knex';
import { actorName, findAgency, requireAdmin } from '../catalog';
import { withTransaction } from '../db';
import { ValidationError } from '../errors';
import { checkText, type Issue } from '../submissions';
import { auditRequest, type Acting } from './access';
import { MAX_REMEDY_TEMPLATE } from './limits';
import { DEFAULT_REMEDY_KEY, upsertRemedyTemplate, type RemedyTemplate } from './remedy.repo';

/**
 * Sets the remedy paragraph (行政复议 / 行政诉讼) that answers state: the default one, or an
 * agency's own (its reconsideration body may differ). `{agency}` stands for the answering
 * agency's name. Admins only; audited with the change.
 */
export async function setRemedyTemplate(knex: Knex, input: unknown, a: Acting): Promise<RemedyTemplate> {
  requireAdmin(a.principal);
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
  return withTransaction(knex, async (trx) => {
    const saved = await upsertRemedyTemplate(trx, { key, text, updatedBy: actorName(a.principal) });
    await auditRequest(trx, a, 'request.remedy_template', { key });
    return saved;
  });
}
