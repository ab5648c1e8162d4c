import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadEnv } from '../../src/config/env.js';
import type { GraphDb } from '../../src/db/graph.js';
import { createGraphQLHandler } from '../../src/graphql/yoga.js';
import { connectNeo4j } from '../../src/neo4j/provision.js';
import { loadSeed } from '../../src/seed/load.js';
import { readSeed } from '../../src/seed/read.js';

/**
 * Benchmarks, reported as ratios to a baseline measured in the same run (machines here are shared
 * and noisy, so absolute times mean little). Uses NEO4J_URI, or a throw-away embedded Neo4j.
 */
const OPERATIONS: Record<string, string> = {
  'documents (baseline)': `{ documents { id } }`,
  'lookup 川恆': `{ lookup(name: "川恆") { id name } }`,
  'search 福泉 (20)': `{ search(text: "福泉", first: 20) { totalCount edges { node { id name } } } }`,
  'firmsIn 贵州省 + placements': `{ firmsIn(place: "贵州", first: 100) { totalCount edges { node { firm { name placements { place { name ancestors { name } } } } } } } }`,
  'supplyChain rock → NEV': `{ supplyChain(from: "磷矿石", to: "新能源汽车") { steps { product { name } producers { producer { name } place { name } sources { quote document { title } } } } } }`,
  'chainGaps 福泉': `{ chainGaps(place: "福泉", from: "磷矿石", to: "新能源汽车") { product { name } candidates { producer { name } place { name } } } }`,
  'path 川恒 → 贵安新区': `{ path(from: "川恒", to: "贵安新区") { length nodes { name } edges { type sources { quote } } } }`,
  'policies 贵安新区': `{ policies(concerning: "贵安新区") { policy { name } via { name } inherited } }`,
  'neighborhood 贵州省 depth 2': `{ neighborhood(id: "place:guizhou", depth: 2, limit: 500) { totalNodes nodes { id } edges { type } } }`,
};

async function time(run: () => Promise<unknown>, iterations: number): Promise<number> {
  for (let i = 0; i < 3; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

/** The same nested answer fetched naively, one Cypher query per entity: what batching avoids. */
async function naivePlacements(db: GraphDb): Promise<void> {
  const [page] = await db.read('firmsInPlace', { placeId: 'place:guizhou', includeSubareas: true, offset: 0, first: 100 });
  for (const row of page.page as { firm: { id: string } }[]) await db.read('entityDetails', { ids: [row.firm.id] });
}
async function batchedPlacements(db: GraphDb): Promise<void> {
  const [page] = await db.read('firmsInPlace', { placeId: 'place:guizhou', includeSubareas: true, offset: 0, first: 100 });
  await db.read('entityDetails', { ids: (page.page as { firm: { id: string } }[]).map((r) => r.firm.id) });
}

async function main(): Promise<void> {
  const env = loadEnv();
  const iterations = Number(process.env.BENCH_ITERATIONS ?? 30);
  const neo4j = await connectNeo4j(env, console.log, { NEO4J_EMBEDDED_HOME: mkdtempSync(path.join(tmpdir(), 'gzkg-bench-')), NEO4J_EMBEDDED_PORT: 0 });
  try {
    await neo4j.db.applySchema();
    const graph = readSeed();
    const first = performance.now();
    await loadSeed(neo4j.db, graph, { reset: true });
    const firstLoad = performance.now() - first;
    const again = performance.now();
    await loadSeed(neo4j.db, graph);
    const reload = performance.now() - again;

    const yoga = createGraphQLHandler(neo4j.db);
    const post = async (query: string) => {
      const response = await yoga.fetch('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      return response.json();
    };
    const results: [string, number][] = [];
    for (const [name, query] of Object.entries(OPERATIONS)) results.push([name, await time(() => post(query), iterations)]);
    const baseline = results[0][1];
    console.log(`\nGraphQL operations, median of ${iterations}, as a multiple of the baseline:`);
    for (const [name, ms] of results) console.log(`  ${name.padEnd(32)} ${(ms / baseline).toFixed(2).padStart(7)}×`);

    const naive = await time(() => naivePlacements(neo4j.db), Math.max(5, iterations / 3));
    const batched = await time(() => batchedPlacements(neo4j.db), Math.max(5, iterations / 3));
    console.log(`\nNested details for up to 100 firms: one query per firm / one batched query = ${(naive / batched).toFixed(1)}×`);
    console.log(`Seed: reloading an unchanged seed / first load into an empty database = ${(reload / firstLoad).toFixed(2)}×`);
  } finally {
    await neo4j.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
