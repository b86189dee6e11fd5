import type { Command } from 'commander';
import { dataOf, reportFailure } from '../api-errors';
import type { Report } from '../api-types';
import type { CliContext, GlobalOptions } from '../context';
import { CliError, ExitCode } from '../exit-codes';
import { printJson } from '../io';
import { renderReport } from '../report-table';
import { checkFlags, runUpload, uploadCommand, type UploadFlags } from './upload-command';

export function validateCommand(ctx: CliContext, setExit: (code: number) => void): Command {
  return uploadCommand(
    'validate',
    'check a file against the dataset schema without publishing it (dry run)',
  ).action(async (file: string, flags: UploadFlags, cmd: Command) => {
    checkFlags(flags, false);
    const globals = cmd.optsWithGlobals<GlobalOptions>();
    const { session, res } = await runUpload(ctx, globals, file, flags, true);
    if (res.status < 200 || res.status >= 300) {
      setExit(
        reportFailure(res, session, ctx.io, { charsetGiven: Boolean(flags.charset), dataset: flags.dataset }),
      );
      return;
    }
    const report = dataOf<{ report?: Report }>(res).report;
    if (!report)
      throw new CliError(ExitCode.serverOrNetwork, 'unexpected_response', 'The dry run answer has no report');
    if (session.json) printJson(ctx.io, res.body);
    else ctx.io.out(renderReport(report, ctx.io.columns));
    setExit(report.valid ? ExitCode.ok : ExitCode.validationFailed);
  });
}
