/**
 * Compile-time check (run by `npm run typecheck`): every shape the CLI reads from the server
 * (src/cli/api-types.ts, kept free of imports from the rest of src/ because the CLI is a
 * separate program that speaks HTTP) accepts whatever openapi.yaml says the server sends.
 * If the contract renames, drops or retypes a field the CLI relies on, tsc fails here.
 */
import type * as Cli from '../../src/cli/api-types';
import type { ApiSchemas } from '../../src/http/contract';

type Accepts<CliShape, Contract extends CliShape> = Contract;

export type CliReadsTheContract = [
  Accepts<Cli.Release, ApiSchemas['Release']>,
  Accepts<Cli.Report, ApiSchemas['ValidationReport']>,
  Accepts<Cli.WhoAmI, ApiSchemas['Whoami']>,
  Accepts<Cli.DatasetSummary, ApiSchemas['Dataset']>,
  Accepts<Cli.CalendarEntry, ApiSchemas['CalendarEvent']>,
  Accepts<Cli.ApiErrorBody, ApiSchemas['Error']>,
  Accepts<Cli.QueuedRequest, ApiSchemas['QueuedRequest']>,
];
