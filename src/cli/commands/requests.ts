import { Command, Option } from 'commander';
import { dataOf, reportFailure } from '../api-errors';
import type { QueuedRequest } from '../api-types';
import { openSession, type CliContext, type GlobalOptions } from '../context';
import { ExitCode } from '../exit-codes';
import { printJson } from '../io';
import { renderTable } from '../table';

/** The due date with what qualifies it: extended (延期) and provisional (no holiday schedule yet). */
function due(r: QueuedRequest): string {
  if (!r.timeliness.dueOn) return '-';
  const marks = [r.timeliness.extended ? '延期' : '', r.timeliness.provisional ? '暂定' : ''].filter(Boolean);
  return marks.length ? `${r.timeliness.dueOn} (${marks.join(',')})` : r.timeliness.dueOn;
}

export function renderRequests(requests: QueuedRequest[], width?: number): string {
  return renderTable(
    [
      { header: 'Tracking 查询号' },
      { header: 'Received 收到' },
      { header: 'Due 答复期限' },
      { header: 'State 状态' },
      { header: 'Subject 信息名称', max: 40, min: 10 },
    ],
    requests.map((r) => [r.trackingNumber, r.receivedOn, due(r), r.timeliness.state, r.subject]),
    width,
  );
}

export function requestsCommand(ctx: CliContext, setExit: (code: number) => void): Command {
  return new Command('requests')
    .description("list your agency's 依申请公开 queue: open requests soonest due first, with their deadlines")
    .addOption(
      new Option('--status <which>', 'which requests').choices(['open', 'answered', 'all']).default('open'),
    )
    .option('--agency <id>', 'another agency (admins, whose token has no agency)')
    .action(async (opts: { status: string; agency?: string }, cmd: Command) => {
      const session = openSession(ctx, cmd.optsWithGlobals<GlobalOptions>());
      const res = await session.api.request('GET', '/api/v1/requests/queue', {
        status: opts.status,
        ...(opts.agency ? { agency: opts.agency } : {}),
      });
      if (res.status !== 200) return setExit(reportFailure(res, session, ctx.io));
      const requests = dataOf<QueuedRequest[]>(res);
      if (session.json) printJson(ctx.io, res.body);
      else if (requests.length === 0) ctx.io.out('No requests.');
      else {
        const overdue = requests.filter((r) => r.timeliness.state === 'overdue').length;
        ctx.io.out(
          `${requests.length} request${requests.length === 1 ? '' : 's'}${overdue ? `, ${overdue} overdue` : ''}`,
        );
        ctx.io.out(renderRequests(requests, ctx.io.columns));
      }
      setExit(ExitCode.ok);
    });
}
