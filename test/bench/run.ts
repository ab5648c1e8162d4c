import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import neo4j from 'neo4j-driver';
import { loadEnv } from '../../src/config/env.js';
import { CYPHER_TOKENS } from '../../src/db/queries.js';
import { readCypherBlocks } from '../../src/db/catalogue.js';
import { ResponseCache } from '../../src/graphql/cache/response-cache.js';
import { createGraphQLHandler } from '../../src/graphql/yoga.js';
import { DEFAULT_LIMITS } from '../../src/graphql/limits/guard.js';
import { connectNeo4j } from '../../src/neo4j/provision.js';
import { loadSeed } from '../../src/seed/load.js';
import { readSeed } from '../../src/seed/read.js';
import { GraphQLFloor, withTypenames } from './graphql-floor.js';

/**
 * Benchmarks, reported as ratios measured in the same run (machines here are shared and noisy, so
 * absolute times mean little): each root field against its floor, the fastest hand-written Cypher
 * for the same answer (test/bench/floors.cypher), samples interleaved so both see the same load.
 * Uses NEO4J_URI, or a throw-away embedded Neo4j.
 */
interface Operation {
  field: string;
  query: string;
  floor: string;
  params: Record<string, unknown>;
  /** Where answers are easy to compare: whether the floor's rows are the API's answer (its `data`). A floor that answers otherwise is no floor: the run stops. */
  sameAnswer?(data: any, rows: Record<string, any>[]): boolean;
}

/** Per step, keyed by product name (the steps' order aside: the API's is topological), what `list` gives, in order. */
const byStep = <T>(items: T[], name: (item: T) => string, list: (item: T) => unknown[]) =>
  JSON.stringify(Object.fromEntries(items.map((item) => [name(item), list(item)]).sort(([a], [b]) => String(a).localeCompare(String(b)))));

const OPERATIONS: Operation[] = [
  { field: 'lookup 川恆', query: `{ lookup(name: "川恆") { id name } }`, floor: 'lookup', params: { key: '川恒' } },
  { field: 'search 福泉 (20)', query: `{ search(text: "福泉", first: 20) { totalCount edges { node { id name } } } }`, floor: 'search', params: { key: '福泉', first: 20 } },
  {
    field: 'firmsIn 贵州 (100) + placements',
    query: `{ firmsIn(place: "贵州", first: 100) { totalCount edges { node { firm { name placements { place { name ancestors { name } } } } } } } }`,
    floor: 'firmsIn',
    params: { placeId: 'place:guizhou', first: 100 },
  },
  {
    field: 'supplyChain 磷矿石 → 新能源汽车',
    query: `{ supplyChain(from: "磷矿石", to: "新能源汽车") { steps { product { name } producers { edges { node { producer { name } place { name } sources { quote document { title } } } } } } } }`,
    floor: 'supplyChain',
    params: { fromId: 'product:phosphate-rock', toId: 'product:nev' },
    sameAnswer: (data, rows) =>
      byStep(data.supplyChain.steps, (s: any) => s.product.name, (s) => s.producers.edges.map((e: any) => [e.node.producer.name, e.node.place?.name ?? null, e.node.sources.map((x: any) => [x.quote, x.document?.title ?? null])])) ===
      // A quote not stated is '' in the store and null in the API.
      byStep(rows, (r) => r.product, (r) => r.producers.map((p: any) => [p.producer, p.place ?? null, p.sources.map((x: any) => [x.quote || null, x.title[0] ?? null])])),
  },
  {
    field: 'chainGaps 福泉',
    query: `{ chainGaps(place: "福泉", from: "磷矿石", to: "新能源汽车") { product { name } candidates { edges { node { producer { name } place { name } } } } } }`,
    floor: 'chainGaps',
    params: { placeId: 'place:fuquan', fromId: 'product:phosphate-rock', toId: 'product:nev' },
    sameAnswer: (data, rows) =>
      byStep(data.chainGaps, (g: any) => g.product.name, (g) => g.candidates.edges.map((e: any) => [e.node.producer.name, e.node.place?.name ?? null])) ===
      byStep(rows, (r) => r.product, (r) => r.candidates.map((c: any) => [c.producer, c.place ?? null])),
  },
  {
    field: 'path 川恒 → 贵安新区',
    query: `{ path(from: "川恒", to: "贵安新区") { length nodes { name } edges { type sources { quote } } } }`,
    floor: 'path',
    params: { fromId: 'firm:chuanheng', toId: 'place:guian' },
  },
  {
    field: 'policies 贵安新区',
    query: `{ policies(concerning: "贵安新区") { policy { name } via { name } inherited } }`,
    floor: 'policies',
    params: { id: 'place:guian' },
    sameAnswer: (data, rows) => JSON.stringify(data.policies.map((p: any) => [p.policy.name, p.via.name, p.inherited])) === JSON.stringify(rows.map((r) => [r.policy, r.via, r.inherited])),
  },
  {
    field: 'neighborhood 贵州省 d2 (100)',
    query: `{ neighborhood(id: "place:guizhou", depth: 2, limit: 100) { totalNodes nodes { id } edges { type } } }`,
    floor: 'neighbourhood',
    params: { id: 'place:guizhou', limit: 100 },
  },
  {
    field: 'neighborhood 贵州省 d2 (500)',
    query: `{ neighborhood(id: "place:guizhou", depth: 2, limit: 500) { totalNodes nodes { id } edges { type } } }`,
    floor: 'neighbourhood',
    params: { id: 'place:guizhou', limit: 500 },
  },
  { field: 'documents', query: `{ documents { id } }`, floor: 'documents', params: {} },
];

/** The floors, read as the API's own statements are (readCypherBlocks: tokens such as FACT_TYPES, comments stripped). */
const readFloors = (): Map<string, string> => readCypherBlocks([path.join(path.dirname(fileURLToPath(import.meta.url)), 'floors.cypher')], CYPHER_TOKENS);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

/**
 * Runs of each question before sampling: plans compiled and Neo4j's own JIT warm for every statement (with
 * 5, a fresh store's floors were still at twice their steady time for the first half of the samples).
 */
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 30);

/** Interleaved samples of several runs (one of each per iteration, in turn), after a warm-up. */
async function timeInterleaved(runs: (() => Promise<unknown>)[], iterations: number): Promise<number[][]> {
  for (let i = 0; i < WARM_UP; i++) for (const run of runs) await run();
  const samples = runs.map(() => [] as number[]);
  for (let i = 0; i < iterations; i++) {
    for (const [k, run] of runs.entries()) {
      const start = performance.now();
      await run();
      samples[k].push(performance.now() - start);
    }
  }
  return samples;
}

async function main(): Promise<void> {
  const env = loadEnv();
  const iterations = Number(process.env.BENCH_ITERATIONS ?? 40);
  // A throw-away store unless NEO4J_URI names one; removed afterwards (~520 MB a run).
  const home = mkdtempSync(path.join(tmpdir(), 'gzkg-bench-'));
  const handle = await connectNeo4j(env, console.log, { NEO4J_EMBEDDED_HOME: home, NEO4J_EMBEDDED_PORT: 0 });
  const token = env.NEO4J_USERNAME ? neo4j.auth.basic(env.NEO4J_USERNAME, env.NEO4J_PASSWORD ?? '') : undefined;
  const raw = neo4j.driver(handle.uri, token, { disableLosslessIntegers: true });
  try {
    await handle.db.applySchema();
    const graph = readSeed();
    const first = performance.now();
    await loadSeed(handle.db, graph, { reset: true });
    const firstLoad = performance.now() - first;
    const again = performance.now();
    await loadSeed(handle.db, graph);
    const reload = performance.now() - again;

    // The query path itself: no response cache, and no public cost budget (a 100-firm page with every
    // placement's ancestry, a 500-node neighbourhood are over it; test/limits.int.test.ts covers the budget).
    const yoga = createGraphQLHandler(handle.db, { responseCache: ResponseCache.off(), limits: { ...DEFAULT_LIMITS, cost: Number.MAX_SAFE_INTEGER } });
    const post = async (query: string) => {
      const response = await yoga.fetch('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      const body = (await response.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
      return body;
    };
    // The GraphQL floor (test/bench/graphql-floor.ts): the API's answer served by yoga alone, in process as the API is here.
    const graphqlFloor = new GraphQLFloor();
    const serveAnswer = async (query: string) => {
      const response = await graphqlFloor.yoga.fetch('http://floor/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      return (await response.json()) as { data?: unknown; errors?: unknown[] };
    };
    const floors = readFloors();
    const floor = async (name: string, params: Record<string, unknown>) => {
      const session = raw.session({ database: env.NEO4J_DATABASE, defaultAccessMode: neo4j.session.READ });
      try {
        // An auto-commit read, as the API's reads are (autoCommitRead in src/db/graph.ts): the fastest way to run it.
        return await session.run(floors.get(name)!, params);
      } finally {
        await session.close();
      }
    };

    console.log(`\nRoot fields against their floor (hand-written Cypher, same answer), ${iterations} interleaved samples each:`);
    console.log(`  ${'field'.padEnd(34)} ${'API p50'.padStart(8)} ${'floor p50'.padStart(9)} ${'API p95'.padStart(8)} ${'ratio'.padStart(7)} ${'GraphQL floor'.padStart(13)} ${'best possible'.padStart(13)} ${'API / both'.padStart(10)}`);
    for (const op of OPERATIONS) {
      const answer = (await post(withTypenames(op.query))) as { data: Record<string, unknown> };
      graphqlFloor.serve(answer.data);
      const served = await serveAnswer(op.query);
      const expected = (await post(op.query)) as { data: unknown };
      if (served.errors || JSON.stringify(served.data) !== JSON.stringify(expected.data)) throw new Error(`${op.field}: the GraphQL floor does not serve the API's answer: ${JSON.stringify(served.errors ?? '')}`);
      if (op.sameAnswer && !op.sameAnswer(expected.data, (await floor(op.floor, op.params)).records.map((r) => r.toObject()))) {
        throw new Error(`${op.field}: the floor ${op.floor} does not give the API's answer (test/bench/floors.cypher)`);
      }
      const [api, base, graphql] = await timeInterleaved([() => post(op.query), () => floor(op.floor, op.params), () => serveAnswer(op.query)], iterations);
      const ratio = median(api) / median(base);
      const best = (median(base) + median(graphql)) / median(base);
      const overBoth = median(api) / (median(base) + median(graphql));
      console.log(
        `  ${op.field.padEnd(34)} ${median(api).toFixed(2).padStart(8)} ${median(base).toFixed(2).padStart(9)} ${p95(api).toFixed(2).padStart(8)} ${ratio.toFixed(2).padStart(6)}×` +
          ` ${median(graphql).toFixed(2).padStart(13)} ${best.toFixed(2).padStart(12)}× ${overBoth.toFixed(2).padStart(9)}×`,
      );
    }
    console.log('  (milliseconds; ratio = API median / floor median; best possible = (floor + GraphQL floor) / floor; API / both = API / (floor + GraphQL floor))');
    console.log(`\nSeed: reloading an unchanged seed / first load into an empty database = ${(reload / firstLoad).toFixed(2)}×`);
  } finally {
    await raw.close();
    await handle.close();
    rmSync(home, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
