import { Command, CommanderError } from 'commander';
import { publishCommand } from './commands/publish';
import { requestsCommand } from './commands/requests';
import { statusCommand } from './commands/status';
import { validateCommand } from './commands/validate';
import { whoamiCommand } from './commands/whoami';
import type { CliContext } from './context';
import { CliError, EXIT_CODES_HELP, ExitCode } from './exit-codes';
import { printJson } from './io';

const DESCRIPTION = 'Publish periodic statistics to the Shanxi open-data platform (晋政办发〔2017〕50号).';

const CONFIGURATION = `
Configuration, strongest first:
  flags (--server, --token)  >  environment (OPENDATA_SERVER, OPENDATA_TOKEN)
  >  config file: --config FILE, else ./.opendatarc.json over ~/.config/opendata/config.json,
     holding {"server": "https://...", "token": "..."}
  >  default server http://localhost:3000
`;

const EXAMPLES = `
Examples:
  opendata validate --dataset agri-prices --period 2017-W19 prices.csv
  opendata publish --dataset agri-prices --period 2017-W19 prices.csv --charset gbk
  opendata publish --dataset agri-prices --period 2017-W19 prices.csv --revise --reason "更正价格"
  opendata status --json
  opendata requests --status all
`;

export function buildProgram(ctx: CliContext, setExit: (code: number) => void): Command {
  const program = new Command('opendata')
    .description(DESCRIPTION)
    .version(ctx.version, '-V, --version')
    .option('--server <url>', 'server base URL')
    .option('--token <token>', 'API token (prefer OPENDATA_TOKEN or the config file: flags show in `ps`)')
    .option('--config <file>', 'read server and token from this JSON file')
    .option('--json', "print the server's JSON instead of tables")
    .showHelpAfterError('(run opendata --help for usage)')
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) })
    .exitOverride()
    .addHelpText('after', CONFIGURATION + EXAMPLES + EXIT_CODES_HELP);
  // Subcommands inherit exitOverride and the output settings only when added after them.
  for (const make of [publishCommand, validateCommand, statusCommand, whoamiCommand, requestsCommand]) {
    program.addCommand(
      make(ctx, setExit)
        .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) })
        .showHelpAfterError('(run opendata --help for usage)')
        .exitOverride()
        .addHelpText('after', EXIT_CODES_HELP),
    );
  }
  return program;
}

/** Runs one command line and resolves to the exit code; never calls process.exit. */
export async function run(argv: string[], ctx: CliContext): Promise<number> {
  let exitCode: number = ExitCode.ok;
  if (ctx.env.OPENDATA_TOKEN) ctx.io.addSecret(ctx.env.OPENDATA_TOKEN);
  const program = buildProgram(ctx, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are successes; everything else commander refuses is a usage error.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return ExitCode.ok;
      // Commander has already explained on stderr; --json callers still get a parsable answer.
      if (program.opts().json) {
        printJson(ctx.io, {
          error: {
            code: 'usage_error',
            message: err.message.replace(/^error: /, ''),
            details: { reason: err.code },
          },
        });
      }
      return ExitCode.usage;
    }
    if (err instanceof CliError) {
      if (program.opts().json)
        printJson(ctx.io, { error: { code: err.code, message: err.message, details: err.details } });
      else ctx.io.err(`error: ${err.message}`);
      return err.exitCode;
    }
    ctx.io.err(`error: ${(err as Error)?.stack ?? String(err)}`);
    return ExitCode.serverOrNetwork;
  }
}
