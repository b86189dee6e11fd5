import { Command } from 'commander';
import { dataOf, reportFailure } from '../api-errors';
import type { CalendarEntry, DatasetSummary, WhoAmI } from '../api-types';
import { openSession, type CliContext, type GlobalOptions, type Session } from '../context';
import { ExitCode, usageError } from '../exit-codes';
import { printJson } from '../io';
import { renderCalendar, renderDatasets } from '../render';
import { sanitize } from '../text';

/**
 * The calendar endpoint is newer than this CLI may be: a 404 means "not offered here"
 * and the section is left out; any other failure is mentioned but does not fail status.
 */
const DAY_MS = 86_400_000;
const BEIJING_MS = 8 * 3_600_000;
/** A Beijing calendar day `days` from today, as the server's calendar expects. */
const beijingDay = (days: number) =>
  new Date(Date.now() + BEIJING_MS + days * DAY_MS).toISOString().slice(0, 10);

/** The last 60 days show what is late or missing; the next 60 what is coming up. */
async function fetchCalendar(session: Session, agencyId: string, warn: (s: string) => void) {
  const res = await session.api.request('GET', '/api/v1/calendar', {
    agency: agencyId,
    from: beijingDay(-60),
    to: beijingDay(60),
  });
  if (res.status === 404) return null;
  const data = (res.body as { data?: unknown } | undefined)?.data;
  if (res.status !== 200 || !Array.isArray(data)) {
    warn(`note: the due-date calendar is unavailable (HTTP ${res.status}); showing datasets only`);
    return null;
  }
  return data as CalendarEntry[];
}

export function statusCommand(ctx: CliContext, setExit: (code: number) => void): Command {
  return new Command('status')
    .description("list what your agency publishes: each dataset's last period, last update and due dates")
    .option('--agency <id>', 'another agency (admins, whose token has no agency)')
    .action(async (opts: { agency?: string }, cmd: Command) => {
      const session = openSession(ctx, cmd.optsWithGlobals<GlobalOptions>());
      const who = await session.api.request('GET', '/api/v1/whoami');
      if (who.status !== 200) return setExit(reportFailure(who, session, ctx.io));
      const me = dataOf<WhoAmI>(who);
      const agencyId = opts.agency ?? me.agency?.id;
      if (!agencyId) throw usageError('This token belongs to no agency; name one with --agency <id>');

      const list = await session.api.request('GET', '/api/v1/datasets', { agency: agencyId, limit: '500' });
      if (list.status !== 200) return setExit(reportFailure(list, session, ctx.io));
      const datasets = dataOf<DatasetSummary[]>(list);
      const total = (list.body as { meta?: { total?: number } }).meta?.total;
      if (typeof total === 'number' && total > datasets.length) {
        ctx.io.err(`note: showing ${datasets.length} of ${total} datasets`);
      }
      const calendar = await fetchCalendar(session, agencyId, (s) => ctx.io.err(s));

      if (session.json) {
        // Three answers make one report, so --json wraps their data members under one envelope.
        printJson(ctx.io, {
          data: { agency: me.agency?.id === agencyId ? me.agency : { id: agencyId }, datasets, calendar },
        });
        return setExit(ExitCode.ok);
      }
      const name =
        me.agency?.id === agencyId ? `${me.agency.name?.zh ?? ''} ${me.agency.name?.en ?? ''}`.trim() : '';
      ctx.io.out(
        `${sanitize(name || agencyId)} (${sanitize(agencyId)}): ${datasets.length} dataset${datasets.length === 1 ? '' : 's'}`,
      );
      ctx.io.out(renderDatasets(datasets, ctx.io.columns));
      if (calendar?.length) {
        ctx.io.out('\nDue and scheduled:');
        ctx.io.out(renderCalendar(calendar, ctx.io.columns));
      } else if (calendar) {
        ctx.io.out('\nNothing due.');
      }
      setExit(ExitCode.ok);
    });
}
