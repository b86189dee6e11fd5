import type autocannon from 'autocannon';
import { fmt } from './stats';

/** One load run as autocannon reports it. */
export interface LoadResult {
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** What the reports keep of an autocannon run. */
export function loadResultOf(r: autocannon.Result): LoadResult {
  return {
    reqPerSec: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}

/**
 * Runs every measurement once, round `round` starting with the next one in turn, so on a
 * machine whose speed drifts no server always goes first (or last).
 */
export async function rotatingRound<K extends string>(
  runs: Record<K, () => Promise<LoadResult>>,
  round: number,
): Promise<{ order: K[]; results: Record<K, LoadResult> }> {
  const names = Object.keys(runs) as K[];
  const order = names.map((_, k) => names[(k + round) % names.length]!);
  const results = {} as Record<K, LoadResult>;
  for (const name of order) results[name] = await runs[name]();
  return { order, results };
}

/** A report table row: round, server, the run's figures and its ratio. */
export const roundRow = (round: number, server: string, r: LoadResult, ratio: string) =>
  `| ${round} | ${server} | ${fmt(r.reqPerSec, 0)} | ${r.p50} | ${r.p99} | ${r.errors} / ${r.non2xx} | ${ratio} |`;
