import path from 'node:path';
import { Command } from 'commander';
import type { CliContext, GlobalOptions, Session } from '../context';
import { openSession } from '../context';
import { usageError } from '../exit-codes';
import type { ApiResponse } from '../http-client';
import { createProgress } from '../progress';
import { estimateRows, planUpload, streamFile, type UploadPlan } from '../upload';

export interface UploadFlags {
  dataset: string;
  period: string;
  charset?: string;
  format?: string;
  revise?: boolean;
  reason?: string;
  note?: string;
  publishAt?: string;
}

/** Options publish and validate share: which dataset and period, and how to read the file. */
export function uploadCommand(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .argument('<file>', 'the data file: .csv, .json (an array of objects), .ndjson or .jsonl')
    .requiredOption('--dataset <id>', 'dataset id, e.g. agri-prices')
    .requiredOption(
      '--period <period>',
      'period id, e.g. 2017-W19, 2017-10-P1, 2017-05, 2017-Q2, 2017-H1, 2017',
    )
    .option('--charset <name>', 'charset of a CSV file that is not UTF-8, e.g. gbk')
    .option('--format <format>', 'csv, json or ndjson, when the file name does not say')
    .option('--revise', 'replace an already published period with a new revision (needs --reason)')
    .option('--reason <text>', 'why the revision corrects the earlier data');
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

export function checkFlags(flags: UploadFlags, requireReason: boolean): void {
  if (!flags.dataset.trim()) throw usageError('--dataset must not be empty');
  if (!flags.period.trim()) throw usageError('--period must not be empty');
  if (flags.reason !== undefined && !flags.revise)
    throw usageError('--reason only makes sense with --revise');
  if (requireReason && flags.revise && !flags.reason?.trim()) {
    throw usageError('--revise needs --reason "<why>": the reason is published with the revision');
  }
  // A time without a zone would be read in the server's zone, silently shifting the embargo.
  if (
    flags.publishAt !== undefined &&
    (!ISO_WITH_ZONE.test(flags.publishAt) || Number.isNaN(Date.parse(flags.publishAt)))
  ) {
    throw usageError(`--publish-at must be an ISO 8601 time with a zone, e.g. 2026-12-01T09:30:00+08:00`);
  }
}

export interface UploadResult {
  session: Session;
  plan: UploadPlan;
  res: ApiResponse;
}

export async function runUpload(
  ctx: CliContext,
  globals: GlobalOptions,
  file: string,
  flags: UploadFlags,
  dryRun: boolean,
): Promise<UploadResult> {
  const plan = planUpload(path.resolve(ctx.cwd, file), flags);
  const session = openSession(ctx, globals);
  const progress = createProgress(ctx.io.progress, path.basename(file), plan.length);
  const body = streamFile(plan, (sent) =>
    progress.update(sent.bytes, estimateRows(plan.format, sent, false)),
  );
  body.on('end', () => progress.sent(estimateRows(plan.format, body.sent, true)));
  try {
    const res = await session.api.request(
      'POST',
      `/api/v1/datasets/${encodeURIComponent(flags.dataset.trim())}/releases`,
      {
        period: flags.period.trim(),
        publishAt: flags.publishAt,
        note: flags.note,
        revise: flags.revise ? 'true' : undefined,
        reason: flags.revise ? flags.reason : undefined,
        dryRun: dryRun ? 'true' : undefined,
      },
      { stream: body, contentType: plan.contentType, length: plan.length },
    );
    return { session, plan, res };
  } finally {
    progress.done();
    if (!body.destroyed) body.destroy();
  }
}
