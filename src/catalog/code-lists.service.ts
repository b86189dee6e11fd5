import type { Knex } from 'knex';
import { FIELD_CODE_LISTS, valueNotAllowed, type CodeList } from '../codelists';
import { listAgencies } from './agencies.repo';
import {
  CADENCE_LABELS,
  CADENCES,
  DATASET_STATUSES,
  STATUS_LABELS,
  type Agency,
  type DatasetStatus,
  type Cadence,
} from './types';

/** The register each catalog list follows. */
const CATALOG_SOURCE = '晋政办发〔2017〕50号 dataset catalog';

function agencyList(agencies: readonly Agency[]): CodeList {
  return {
    name: 'agencies',
    title: { zh: '责任机构', en: 'Responsible agencies' },
    source: CATALOG_SOURCE,
    entries: agencies.map((a) => ({ code: a.id, name: { ...a.name } })),
  };
}

const labelled = <T extends string>(codes: readonly T[], labels: Record<T, { zh: string; en: string }>) =>
  codes.map((code) => ({ code, name: { ...labels[code] } }));

const CADENCE_LIST: CodeList = {
  name: 'cadences',
  title: { zh: '更新频率', en: 'Cadences' },
  source: CATALOG_SOURCE,
  entries: labelled<Cadence>(CADENCES, CADENCE_LABELS),
};

const STATUS_LIST: CodeList = {
  name: 'dataset-statuses',
  title: { zh: '数据集状态', en: 'Dataset statuses' },
  source: CATALOG_SOURCE,
  entries: labelled<DatasetStatus>(DATASET_STATUSES, STATUS_LABELS),
};

/**
 * Every code list the platform serves: those a schema field may reference (GB/T 2260),
 * then the catalog's own codes (agencies by id, cadences, statuses), read fresh because
 * an admin can add an agency.
 */
export async function listCodeLists(knex: Knex): Promise<CodeList[]> {
  const agencies = await listAgencies(knex);
  return [...FIELD_CODE_LISTS.values(), agencyList(agencies), CADENCE_LIST, STATUS_LIST];
}

export async function findCodeList(knex: Knex, name: string): Promise<CodeList | undefined> {
  return (await listCodeLists(knex)).find((l) => l.name === name);
}

/**
 * A catalog `agency` filter that names no agency: 400 with the agency ids and the one
 * probably meant (省环保厅 → sx-environment), instead of an empty list.
 */
export async function assertAgencyFilter(knex: Knex, id: string, parameter = 'agency'): Promise<void> {
  const agencies = await listAgencies(knex);
  if (agencies.some((a) => a.id === id)) return;
  throw valueNotAllowed({
    parameter,
    value: id,
    allowed: agencies.map((a) => ({ value: a.id, names: [a.name.zh, a.name.en], label: a.name })),
    codelist: 'agencies',
  });
}
