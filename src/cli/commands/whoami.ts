import { Command } from 'commander';
import { dataOf, reportFailure } from '../api-errors';
import type { WhoAmI } from '../api-types';
import { openSession, type CliContext, type GlobalOptions } from '../context';
import { ExitCode } from '../exit-codes';
import { printJson } from '../io';
import { renderWhoAmI } from '../render';

export function whoamiCommand(ctx: CliContext, setExit: (code: number) => void): Command {
  return new Command('whoami')
    .description('show which token, role and agency the server sees (never the token itself)')
    .action(async (_opts: unknown, cmd: Command) => {
      const session = openSession(ctx, cmd.optsWithGlobals<GlobalOptions>());
      const res = await session.api.request('GET', '/api/v1/whoami');
      if (res.status !== 200) {
        setExit(reportFailure(res, session, ctx.io));
        return;
      }
      const me = dataOf<WhoAmI>(res);
      if (session.json) printJson(ctx.io, res.body);
      else ctx.io.out(renderWhoAmI(me, session.config));
      setExit(ExitCode.ok);
    });
}
