import type { Command } from 'commander';
import { dataOf, reportFailure } from '../api-errors';
import type { Release } from '../api-types';
import type { CliContext, GlobalOptions } from '../context';
import { ExitCode } from '../exit-codes';
import { printJson } from '../io';
import { renderRelease } from '../render';
import { checkFlags, runUpload, uploadCommand, type UploadFlags } from './upload-command';

export function publishCommand(ctx: CliContext, setExit: (code: number) => void): Command {
  return uploadCommand(
    'publish',
    "upload one period's data and publish it (or schedule it with --publish-at)",
  )
    .option('--publish-at <time>', 'embargo until this ISO 8601 time, e.g. 2026-12-01T09:30:00+08:00')
    .option('--note <text>', 'a note published with the release')
    .action(async (file: string, flags: UploadFlags, cmd: Command) => {
      checkFlags(flags, true);
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const { session, res } = await runUpload(ctx, globals, file, flags, false);
      if (res.status < 200 || res.status >= 300) {
        setExit(
          reportFailure(res, session, ctx.io, {
            charsetGiven: Boolean(flags.charset),
            dataset: flags.dataset,
          }),
        );
        return;
      }
      const release = dataOf<Release>(res);
      if (session.json) printJson(ctx.io, res.body);
      else ctx.io.out(renderRelease(release));
      setExit(ExitCode.ok);
    });
}
