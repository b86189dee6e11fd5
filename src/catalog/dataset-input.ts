import { parseIsoDuration, parsePeriod, PERIOD_KINDS, type PeriodKind } from '../periods';
import { ValidationError } from '../errors';
import { longerThan } from '../schemas';
import { MAX_DATASET_AGENCIES, MAX_DATASET_LABELS, MAX_NAME_LENGTH, MAX_TEXT_LENGTH } from './limits';
import { CADENCES, CADENCE_PERIOD_KIND, type DatasetInput } from './types';

export type NormalizedDatasetInput = Required<Omit<DatasetInput, 'season'>> & Pick<DatasetInput, 'season'>;

const SLUG = /^[a-z][a-z0-9-]{1,48}$/;
const GRAPHQL_NAME = /^[a-z][A-Za-z0-9]{1,60}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

type Issue = { path: string; message: string };

function checkText(issues: Issue[], path: string, value: unknown, max = MAX_NAME_LENGTH): void {
  if (typeof value !== 'string' || value.trim() === '')
    issues.push({ path, message: 'must be a non-empty string' });
  else if (longerThan(value, max)) issues.push({ path, message: `must be at most ${max} characters` });
}

function checkDescription(issues: Issue[], path: string, value: unknown): void {
  if (typeof value !== 'string') issues.push({ path, message: 'must be a string' });
  else if (longerThan(value, MAX_TEXT_LENGTH))
    issues.push({ path, message: `must be at most ${MAX_TEXT_LENGTH} characters` });
}

function checkLabels(issues: Issue[], path: string, value: unknown): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) issues.push({ path, message: 'must be an array of strings' });
  else if (value.length > MAX_DATASET_LABELS)
    issues.push({ path, message: `must have at most ${MAX_DATASET_LABELS} entries` });
  else value.forEach((v, i) => checkText(issues, `${path}[${i}]`, v));
}

/** Validates a dataset definition and fills defaults; every problem is reported with its JSON path. */
export function normalizeDatasetInput(input: DatasetInput): NormalizedDatasetInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ValidationError('invalid_dataset', 'The dataset definition must be a JSON object', [
      { path: '$', message: 'must be an object' },
    ]);
  }
  const issues: Issue[] = [];
  if (typeof input.id !== 'string' || !SLUG.test(input.id))
    issues.push({ path: '$.id', message: 'must match ^[a-z][a-z0-9-]{1,48}$' });
  checkText(issues, '$.title.zh', input.title?.zh);
  checkText(issues, '$.title.en', input.title?.en);
  checkDescription(issues, '$.description.zh', input.description?.zh);
  checkDescription(issues, '$.description.en', input.description?.en);
  checkText(issues, '$.legalBasis', input.legalBasis);
  checkText(issues, '$.clause', input.clause);
  checkText(issues, '$.licence', input.licence);
  if (
    !Array.isArray(input.agencies) ||
    input.agencies.length === 0 ||
    !input.agencies.every((a) => typeof a === 'string')
  ) {
    issues.push({ path: '$.agencies', message: 'at least one responsible agency is required' });
  } else if (input.agencies.length > MAX_DATASET_AGENCIES) {
    // Each one is looked up before the dataset is stored.
    issues.push({ path: '$.agencies', message: `at most ${MAX_DATASET_AGENCIES} agencies` });
  }
  checkLabels(issues, '$.themes', input.themes);
  checkLabels(issues, '$.tags', input.tags);
  if (!CADENCES.includes(input.cadence))
    issues.push({ path: '$.cadence', message: `must be one of ${CADENCES.join(', ')}` });
  let periodKind: PeriodKind | undefined = input.periodKind;
  if (input.cadence !== 'irregular' && CADENCES.includes(input.cadence)) {
    const implied = CADENCE_PERIOD_KIND[input.cadence];
    if (periodKind && periodKind !== implied) {
      issues.push({
        path: '$.periodKind',
        message: `cadence ${input.cadence} implies period kind ${implied}`,
      });
    }
    periodKind = implied;
  } else if (!periodKind || !PERIOD_KINDS.includes(periodKind)) {
    issues.push({ path: '$.periodKind', message: 'an irregular dataset must declare its period kind' });
  }
  try {
    parseIsoDuration(input.dueRule?.offset ?? '');
  } catch {
    issues.push({ path: '$.dueRule.offset', message: 'must be an ISO 8601 duration such as P3D' });
  }
  if (!TIME.test(input.dueRule?.time ?? ''))
    issues.push({ path: '$.dueRule.time', message: 'must be HH:MM' });
  if (input.season) {
    for (const key of ['startMonth', 'endMonth'] as const) {
      const m = input.season[key];
      if (!Number.isInteger(m) || m < 1 || m > 12)
        issues.push({ path: `$.season.${key}`, message: 'must be a month 1–12' });
    }
  }
  if (input.firstPeriod && periodKind) {
    try {
      parsePeriod(input.firstPeriod, periodKind);
    } catch {
      issues.push({ path: '$.firstPeriod', message: `must be a ${periodKind} period` });
    }
  }
  if (input.leadTime !== undefined && input.leadTime !== null) {
    try {
      parseIsoDuration(input.leadTime);
    } catch {
      issues.push({
        path: '$.leadTime',
        message: 'must be an ISO 8601 duration such as P1Y or P3M, or null',
      });
    }
  }
  if (input.requiresInterpretation !== undefined && typeof input.requiresInterpretation !== 'boolean') {
    issues.push({ path: '$.requiresInterpretation', message: 'must be true or false' });
  }
  if (input.graphqlName && !GRAPHQL_NAME.test(input.graphqlName)) {
    issues.push({ path: '$.graphqlName', message: 'must be lowerCamelCase ASCII' });
  }
  if (issues.length > 0 || !periodKind)
    throw new ValidationError('invalid_dataset', 'The dataset definition is invalid', issues);
  return {
    ...input,
    periodKind,
    season: input.season ?? null,
    firstPeriod: input.firstPeriod ?? null,
    leadTime: input.leadTime ?? null,
    requiresInterpretation: input.requiresInterpretation ?? false,
    themes: input.themes ?? [],
    tags: input.tags ?? [],
    disclosure: input.disclosure ?? 'proactive',
    isSample: input.isSample ?? false,
    graphqlName: input.graphqlName ?? null,
  };
}
