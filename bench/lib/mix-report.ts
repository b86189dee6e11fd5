import { fmt } from './stats';
import { MIX_SHAPES } from './mix-shapes';
import { geomean, medianReqs, shapeRatio, type ShapeResult } from '../mix.bench';

type Pair = [
  ours: 'restOff' | 'restOn' | 'gqlOff' | 'gqlOn' | 'restTwo' | 'gqlTwo' | 'floor',
  peer: 'base' | 'peer' | 'restOff' | 'gqlOff' | 'floor',
];

function table(
  results: ShapeResult[],
  [ours, peer]: Pair,
  perShape: number | null,
  names: [string, string] = ['ours', 'peer'],
): string {
  const rows = results.map((r) => {
    const ratio = shapeRatio(r, ours, peer);
    const mark = perShape === null || !Number.isFinite(ratio) ? '' : ratio >= perShape ? ' ✓' : ' ✗';
    const skip = peer === 'peer' && r.shape.peerSkip ? ' (skipped: no aggregates plugin)' : '';
    return `| ${r.dataset} | ${r.shape.id} | ${fmt(medianReqs(r, ours), 0)} | ${fmt(medianReqs(r, peer), 0)} | ${fmt(ratio)}${mark}${skip} |`;
  });
  return `| dataset | shape | ${names[0]} req/s | ${names[1]} req/s | ratio |\n| --- | --- | --- | --- | --- |\n${rows.join('\n')}`;
}

const mean = (results: ShapeResult[], [ours, peer]: Pair) =>
  geomean(results.map((r) => shapeRatio(r, ours, peer)));
const worstShape = (results: ShapeResult[], pair: Pair) =>
  Math.min(...results.map((r) => shapeRatio(r, ...pair)).filter(Number.isFinite));
const check = (x: number, target: number) => (Number.isFinite(x) ? (x >= target ? '✓' : '✗') : '');

export function mixSection(results: ShapeResult[], measured: string, params: string): string {
  const restOff = mean(results, ['restOff', 'base']);
  const gqlOff = mean(results, ['gqlOff', 'peer']);
  const restOn = mean(results, ['restOn', 'base']);
  const gqlOn = mean(results, ['gqlOn', 'peer']);
  const restCached = mean(results, ['restOn', 'restOff']);
  const gqlCached = mean(results, ['gqlOn', 'gqlOff']);
  const floorRuns = results.some((r) => r.rounds.some((x) => x.floor));
  const floorPeer = mean(results, ['floor', 'peer']);
  const toFloor = mean(results, ['gqlOff', 'floor']);
  const workers = results.some((r) => r.rounds.some((x) => x.restTwo));
  const restTwo = mean(results, ['restTwo', 'base']);
  const gqlTwo = mean(results, ['gqlTwo', 'peer']);
  const worst = (pair: Pair) => worstShape(results, pair);
  const examples = results.map((r) => {
    const sql = r.example.sql.map(
      (s) => `  - SQL: \`${s.text}\` with \`${JSON.stringify(s.values).slice(0, 300)}\``,
    );
    return [
      `- **${r.dataset} · ${r.shape.id}** (${r.shape.title}): \`GET /api/v1/datasets/${r.dataset}/${decodeURIComponent(r.example.rest)}\``,
      ...sql,
      `  - ours GraphQL: \`${(JSON.parse(r.example.ours) as { query: string }).query}\``,
      r.example.peer && !r.shape.peerSkip
        ? `  - PostGraphile: \`${(JSON.parse(r.example.peer) as { query: string }).query}\``
        : `  - PostGraphile: skipped — ${r.shape.peerSkip ?? 'this era is not a prefix of the release ids; connection-filter cannot spell it'}`,
      ...(r.disagreements.length
        ? [
            `  - ⚠ probe: ${r.disagreements.length} answer(s) differed or failed, e.g. ${r.disagreements[0]!.slice(0, 200)}`,
          ]
        : []),
    ].join('\n');
  });
  return `### Workload mix (issue 15)

${measured}

Parameters: ${params}.

${MIX_SHAPES.length} query shapes × ${new Set(results.map((r) => r.dataset)).size} datasets. Each shape's
request list holds distinct parameter draws from a fixed seed over the dataset's own values
(autocannon cycles through it, 20 connections). All servers stay up for the whole run; for each
shape the runs rotate which server goes first from shape to shape and round to round; each run
follows one pass over its requests (so caches hold them) and a warm-up, and waits until no statement from the run before is still active. A shape's ratio is the median over rounds of ours / peer req/s; the summary is
the geometric mean over shapes. "base" is bench/mix-baseline-server.ts (express + a pg pool of the same size as ours
running the hand-written SQL below; a page and its total run concurrently); PostGraphile 5 +
postgraphile-plugin-connection-filter serves the same tables. Ours runs with both response caches
off (REST_RESPONSE_CACHE=false, GRAPHQL_RESPONSE_CACHE=false) and, as a second process, with both on.

| comparison | geometric mean | target | worst shape | target |
| --- | --- | --- | --- | --- |
| REST, no cache / bare express + pg | **${fmt(restOff)}** ${check(restOff, 0.9)} | ≥ 0.9 | ${fmt(worst(['restOff', 'base']))} ${check(worst(['restOff', 'base']), 0.7)} | ≥ 0.7 |
| GraphQL, no response cache / PostGraphile | **${fmt(gqlOff)}** ${check(gqlOff, 1.8)} | ≥ 1.8 | ${fmt(worst(['gqlOff', 'peer']))} ${check(worst(['gqlOff', 'peer']), 1.3)} | ≥ 1.3 |
| REST, response cache on / bare express + pg | **${fmt(restOn)}** ${check(restOn, 3)} | ≥ 3 | ${fmt(worst(['restOn', 'base']))} | — |
| GraphQL, response cache on / PostGraphile | **${fmt(gqlOn)}** ${check(gqlOn, 3)} | ≥ 3 | ${fmt(worst(['gqlOn', 'peer']))} | — |
| REST, response cache on / ours with it off | **${fmt(restCached)}** ${check(restCached, 3)} | ≥ 3 | ${fmt(worst(['restOn', 'restOff']))} | — |
| GraphQL, response cache on / ours with it off | **${fmt(gqlCached)}** ${check(gqlCached, 3)} | ≥ 3 | ${fmt(worst(['gqlOn', 'gqlOff']))} | — |
${
  floorRuns
    ? `
${apolloFloor(results, floorPeer, toFloor)}
`
    : ''
}${
    workers
      ? `
${twoWorkers(results, restTwo, gqlTwo)}
`
      : ''
  }
#### REST, no cache, vs bare express + pg

${table(results, ['restOff', 'base'], 0.7)}

#### GraphQL, no response cache, vs PostGraphile 5

${table(results, ['gqlOff', 'peer'], 1.3)}

#### REST with its response cache vs bare express + pg (uncached)

${table(results, ['restOn', 'base'], null)}

#### GraphQL with its response cache vs PostGraphile 5 (uncached)

${table(results, ['gqlOn', 'peer'], null)}

#### The requests (first draw of each shape)

${examples.join('\n')}
`;
}

/** Ours as several worker processes (BENCH_MIX_WORKERS), caches off, against the same peers. */
function twoWorkers(results: ShapeResult[], rest: number, gql: number): string {
  return `With several worker processes (\`WORKERS\`, caches off, the same total pool), against the
same single-process peers:

| comparison | geometric mean |
| --- | --- |
| REST, no cache, workers / bare express + pg | **${fmt(rest)}** |
| GraphQL, no response cache, workers / PostGraphile | **${fmt(gql)}** |

#### REST, no cache, worker processes, vs bare express + pg

${table(results, ['restTwo', 'base'], null)}

#### GraphQL, no response cache, worker processes, vs PostGraphile 5

${table(results, ['gqlTwo', 'peer'], null)}`;
}

/**
 * The Apollo floor (bench/mix-apollo-floor-server.ts): @apollo/server on our own schema, its
 * resolvers running the bare SQL; the GraphQL target cannot exceed floor / PostGraphile.
 */
function apolloFloor(results: ShapeResult[], floorPeer: number, toFloor: number): string {
  return `**The Apollo floor.** bench/mix-apollo-floor-server.ts serves our own GraphQL schema with
@apollo/server, the same express integration, gateway and executor (graphql-jit), but its
dataset resolvers only run the bare handler's SQL for each request and hand the rows over:
what any server built on Apollo costs for the same documents on this machine.

| comparison | geometric mean | worst shape |
| --- | --- | --- |
| Apollo floor / PostGraphile | **${fmt(floorPeer)}** | ${fmt(worstShape(results, ['floor', 'peer']))} |
| GraphQL, no response cache / Apollo floor | **${fmt(toFloor)}** | ${fmt(worstShape(results, ['gqlOff', 'floor']))} |

#### The Apollo floor vs PostGraphile 5

${table(results, ['floor', 'peer'], null, ['Apollo floor', 'PostGraphile'])}

#### GraphQL, no response cache, vs the Apollo floor (aggregates included)

${table(results, ['gqlOff', 'floor'], null, ['ours', 'Apollo floor'])}`;
}
