import type { DatasetInput } from '../../src/catalog/types';
import type { TableSchema } from '../../src/schemas/types';

/** One period's data as an agency would upload it. */
export interface SampleRelease {
  /** Canonical period text, e.g. '2017-W01'. */
  period: string;
  /** ISO 8601 instant at which the release becomes public. */
  publishAt: string;
  /** Cells as text, exactly like CSV cells, keyed by field name ('' = missing value). */
  rows: Record<string, string>[];
}

/** 解读 published with a release: what changed and why, in zh and en (Markdown). */
export interface SampleInterpretation {
  zh: string;
  en: string;
}

export interface SampleDataset {
  dataset: DatasetInput;
  schema: TableSchema;
  /** Deterministic: every call yields byte-identical releases, in period order. */
  releases(): Iterable<SampleRelease>;
  /** The interpretation the agency publishes with a release, for datasets that require one (六(三)). */
  interpretation?(release: SampleRelease): SampleInterpretation | null;
}
