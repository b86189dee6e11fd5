import type { DatasetInput } from '../catalog';
import type { TableSchema } from '../schemas';

/** The document every dataset here is required by. */
export const LEGAL_BASIS = '晋政办发〔2017〕50号';
/** Open licence for every notice dataset (Creative Commons Attribution 4.0). */
export const NOTICE_LICENCE = 'CC-BY-4.0';

/**
 * One item of the notice as the platform publishes it: the dataset definition and the
 * Table Schema of its version 1. Later versions are registered through the API; this
 * definition is only ever used to create a dataset that does not exist yet.
 */
export interface NoticeDataset {
  dataset: DatasetInput;
  schema: TableSchema;
}
