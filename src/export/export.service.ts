import { pipeline, type Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../db';
import {
  assertOffset,
  planRows,
  streamPlan,
  type RawRowQuery,
  type ReleaseScope,
  type RowPlan,
} from '../query';
import { isLabelColumn, withLabelColumns, type FieldDef, type LabelColumn } from '../schemas';
import { CONTENT_TYPES, type ExportOptions } from './options';
import { linesToJsonArray, prefixWith, suffixWith, toGb18030 } from './transforms';

export interface ExportResult {
  /** Opens the COPY only when called, so a 304 or an error never costs a database stream. */
  open(): Promise<Readable>;
  contentType: string;
  filename: string;
  scope: ReleaseScope;
}

const BOM = '\uFEFF';

function columnTitle(f: FieldDef | LabelColumn, style: ExportOptions['header']): string {
  if (style === 'name' || style === 'none') return f.name;
  const title = style === 'zh' ? f.title.zh : f.title.en;
  return !isLabelColumn(f) && f.unit ? `${title}(${f.unit})` : title;
}

function headerLine(fields: readonly (FieldDef | LabelColumn)[], o: ExportOptions): string {
  if (o.header === 'none' || o.format === 'json' || o.format === 'ndjson') return '';
  return stringify([fields.map((f) => columnTitle(f, o.header))], {
    delimiter: o.format === 'tsv' ? '\t' : ',',
  });
}

/** agri-prices_2017-W01_2026-W46.csv: what is in the file, readable from its name. */
export function exportFilename(plan: RowPlan, o: ExportOptions): string {
  const periods = plan.releases.map((r) => r.period).sort();
  const range = periods.length === 0 ? 'empty' : `${periods[0]}_${periods[periods.length - 1]}`;
  return `${plan.scope.dataset.id}_${range}.${o.format}`;
}

/**
 * A bulk download: the same filters, sort, fields and version selectors as `rows`,
 * streamed from COPY through light byte transforms (JSON framing, BOM and header,
 * re-encoding). Destroying the returned stream tears the whole chain down.
 */
export async function exportRows(
  db: Database,
  datasetId: string,
  raw: RawRowQuery,
  o: ExportOptions,
  now: Date,
): Promise<ExportResult> {
  assertOffset(o.offset);
  const plan = await planRows(db.knex, datasetId, raw, now);
  const json = o.format === 'json' || o.format === 'ndjson';
  const gb = o.encoding === 'gb18030';
  const frame = o.format === 'json' ? o.jsonFrame?.(plan.fields) : undefined;
  const columns = o.labels ? withLabelColumns(plan.fields) : plan.fields;
  const open = async (): Promise<Readable> => {
    const source = await streamPlan(db, plan, {
      kind: json ? (o.jsonRows === 'lists' ? 'jsonList' : 'json') : 'text',
      format: json ? 'lines' : o.format === 'tsv' ? 'tsv' : 'csv',
      escapeFormulas: !json && o.escapeFormulas,
      offset: o.offset,
      limit: o.limit,
      labels: o.labels,
    });
    const prefix = (o.bom && !gb ? BOM : '') + (frame?.before ?? '') + headerLine(columns, o);
    const stages: NodeJS.ReadWriteStream[] = [];
    if (o.format === 'json') stages.push(linesToJsonArray());
    if (prefix) stages.push(prefixWith(prefix));
    if (frame?.after) stages.push(suffixWith(frame.after));
    if (gb) stages.push(...toGb18030());
    if (stages.length === 0) return source;
    return pipeline(
      [source, ...stages] as unknown as [Readable, ...NodeJS.ReadWriteStream[]],
      () => undefined,
    ) as unknown as Readable;
  };
  return {
    open,
    contentType: `${CONTENT_TYPES[o.format]}; charset=${gb ? 'gb18030' : 'utf-8'}`,
    filename: exportFilename(plan, o),
    scope: plan.scope,
  };
}
