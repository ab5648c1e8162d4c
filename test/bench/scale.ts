import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadEnv } from '../../src/config/env.js';
import { GraphDb } from '../../src/db/graph.js';
import { startEmbeddedNeo4j } from '../../src/neo4j/launcher.js';
import { loadSeed } from '../../src/seed/load.js';
import { readSeed } from '../../src/seed/read.js';
import { Q } from '../../src/db/queries.js';
import { planSynth } from '../../src/synth/generate.js';
import { SYNTH_RUN_ID } from '../../src/synth/load.js';
import { countingProxy } from './wire.js';
import { ResponseCache } from '../../src/graphql/cache/response-cache.js';
import { createHttpServer, listen } from '../../src/server/http.js';
import { parseServerTiming } from '../../src/graphql/context.js';
import { loadSynthetic } from '../../src/synth/load.js';
import type { SynthPlan } from '../../src/synth/generate.js';
import { importSynthetic } from '../../src/synth/import/offline.js';
import { FloorRunner, introspect, pickTargets, questions } from './scale-questions.js';
import { GraphQLFloor, withTypenames } from './graphql-floor.js';

/**
 * `npm run bench:scale -- [--sizes 10k,100k,1m]`: for each size a fresh embedded Neo4j (heap and page
 * cache from NEO4J_EMBEDDED_HEAP / NEO4J_EMBEDDED_PAGECACHE_MIB), the curated seed, N synthetic firms;
 * then per question the GraphQL API over HTTP and its floor (hand-written Cypher, same answer),
 * interleaved sample by sample so both see the same machine load. Reports median, p95, the ratio to
 * the floor and the growth from the smallest to the largest size; then, once per question through a
 * byte-counting proxy, the API's Cypher round trips and the bytes Neo4j sent for it and for its floor.
 * NEO4J_URI is ignored: the benchmark uses throw-away embedded databases, unless `--uri` names an
 * existing one (a synthetic store loaded before): then nothing is loaded nor written, the same
 * questions are measured there (one code path: measureStore).
 */
/** From this size the benchmark loads by offline import (minutes instead of a quarter of an hour at 1M). */
const IMPORT_FROM = 100_000;
/** A floor variant whose warm run takes more than this many times the fastest one's is not sampled (it cannot be the floor). */
const SLOW_FLOOR_VARIANT = 5;
const HELP = `Usage: npm run bench:scale -- [--sizes 10k,100k,1m] [--iterations 30] [--seconds 60] [--seed 1] [--workers 2] [--loader auto|online|import] [--keep] [--out file.json]
       npm run bench:scale -- --uri bolt://host:port [--user u --password p] [--database d] [--iterations 30] [--seconds 60] [--out file.json]
  --uri     measure an existing database holding a synthetic load (npm run synth, or a --keep store): read
            only — nothing loaded, nothing written, no Neo4j started; the targets come from its load's
            checkpoint (seed, firms, dense chain) as for a fresh store
  --only    a regular expression: only the questions whose label matches (e.g. 'supplyChain|firmsIn')
  --skip-floors  floor variants not to run (comma-separated names of scale-floors.cypher), unless a
            question has no other: at 1M the subtree walks (firmsPage, firmsTotalAndPage) and the name-index
            walk (firmsPageByNameIndex) take seconds and are never the fastest, only a load on the store
  --keep    leave each size's Neo4j home (printed) instead of deleting it: NEO4J_EMBEDDED_HOME=<home> npm run neo4j
            serves it again, e.g. for npm run bench:plans
  --loader  how the synthetic firms get in: online (batched transactions), import (offline, neo4j-admin;
            npm run synth -- --import), or auto (the default: import from ${IMPORT_FROM.toLocaleString('en')} firms up, online below)`;

interface Stat {
  samples: number;
  errors: number;
  median: number;
  p95: number;
}
interface Row {
  label: string;
  field: string;
  indexBacked: boolean;
  api: Stat;
  /** Where the API's time went (medians of its Server-Timing parts): Cypher, the rest of execution, and outside execution (HTTP, parse, serialise). */
  split: { cypher: number; resolvers: number; outside: number };
  floor: Stat & { variant: string };
  /** The GraphQL floor (test/bench/graphql-floor.ts): the same answer served by yoga over HTTP with no database; null when it could not serve it. */
  graphql: Stat | null;
  /** Once, through the counting proxy: the API's Cypher round trips (their names) and the bytes Neo4j sent for the API's answer and for the fastest floor's. */
  wire: { roundTrips: number; queries: string[]; apiBytes: number; floorBytes: number } | null;
}
interface SizeResult {
  firms: number;
  /** The URI of an existing store measured (--uri), null for a fresh one. */
  store: string | null;
  /** How this run loaded the store (null: an existing store, not loaded by this run). */
  load: { how: 'online' | 'import'; rows: number; millis: number; rowsPerSecond: number; batches: number; generateMillis: number; indexMillis?: number } | null;
  chain: { steps: number; paths: number };
  dense: { steps: number; paths: number } | null;
  loadavgBefore: number[];
  loadavgAfter: number[];
  rows: Row[];
}

const sizeOf = (text: string): number => {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!m) throw new Error(`size "${text}": use a number, 10k or 1m`);
  return Math.round(Number(m[1]) * (m[2].toLowerCase() === 'k' ? 1e3 : m[2].toLowerCase() === 'm' ? 1e6 : 1));
};
const label = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

function stat(samples: number[], errors: number): Stat {
  const sorted = [...samples].sort((a, b) => a - b);
  const q = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN);
  return { samples: sorted.length, errors, median: q(0.5), p95: q(0.95) };
}

async function timed(work: () => Promise<boolean>): Promise<{ ms: number; ok: boolean }> {
  const start = performance.now();
  let ok = false;
  try {
    ok = await work();
  } catch {
    ok = false;
  }
  return { ms: performance.now() - start, ok };
}

/** A database holding the curated seed and a synthetic load, and the plan of that load (its targets). */
interface Store {
  db: GraphDb;
  uri: string;
  auth: { username?: string; password?: string };
  database?: string;
  plan: SynthPlan;
}
type Measured = Pick<SizeResult, 'loadavgBefore' | 'loadavgAfter' | 'rows'>;

async function measureSize(firms: number, opts: MeasureOptions & { seed: number; workers: number; loader: 'auto' | 'online' | 'import'; keep: boolean }): Promise<SizeResult> {
  const env = loadEnv();
  const home = mkdtempSync(path.join(tmpdir(), 'gzkg-bench-scale-'));
  const log = (line: string) => console.log(`[${label(firms)}] ${line}`);
  const how = opts.loader === 'auto' ? (firms >= IMPORT_FROM ? 'import' : 'online') : opts.loader;
  const synthOptions = { firms, seed: opts.seed, dense: { width: 14, hops: 12 } };
  const curated = readSeed();
  let imported: Awaited<ReturnType<typeof importSynthetic>> | null = null;
  if (how === 'import') {
    // Offline: CSV + neo4j-admin into the fresh home, then Neo4j starts, builds its indexes and loads the curated seed.
    imported = await importSynthetic({ home, port: 0, heap: env.NEO4J_EMBEDDED_HEAP, pageCacheMiB: env.NEO4J_EMBEDDED_PAGECACHE_MIB, readyTimeoutMs: 900_000 }, curated, synthOptions, { log, workers: opts.workers, keepRunning: true });
  }
  // A long start-up allowance: on a shared machine the JVM can take minutes to come up.
  const embedded = imported?.neo4j?.embedded ?? (await startEmbeddedNeo4j({ home, port: 0, heap: env.NEO4J_EMBEDDED_HEAP, pageCacheMiB: env.NEO4J_EMBEDDED_PAGECACHE_MIB, log, readyTimeoutMs: 900_000 }));
  log(`neo4j ${embedded.version} (heap ${env.NEO4J_EMBEDDED_HEAP}, page cache ${env.NEO4J_EMBEDDED_PAGECACHE_MIB} MiB) ready in ${(embedded.startMillis / 1000).toFixed(0)} s`);
  const db = imported?.neo4j?.db ?? GraphDb.connect(embedded.uri, {});
  try {
    let loaded: { plan: SynthPlan; load: NonNullable<SizeResult['load']> };
    if (imported) {
      const m = imported.millis;
      loaded = { plan: imported.plan, load: { how, rows: imported.rows, millis: m.csv + m.import, rowsPerSecond: imported.rowsPerSecond, batches: 0, generateMillis: m.generate, indexMillis: m.indexes } };
    } else {
      await db.applySchema();
      await loadSeed(db, curated, { reset: true });
      const online = await loadSynthetic(db, curated, synthOptions, { log, workers: opts.workers });
      loaded = { plan: online.plan, load: { how, rows: online.rows, millis: online.millis, rowsPerSecond: online.rowsPerSecond, batches: online.batches, generateMillis: online.generateMillis } };
    }
    log(`loaded ${loaded.load.rows.toLocaleString('en')} rows (${how}) in ${(loaded.load.millis / 1000).toFixed(1)} s: ${Math.round(loaded.load.rowsPerSecond).toLocaleString('en')} rows/s`);
    const measured = await measureStore({ db, uri: embedded.uri, auth: {}, plan: loaded.plan }, opts, log);
    return { firms, store: null, load: loaded.load, chain: chainOf(loaded.plan), dense: denseOf(loaded.plan), ...measured };
  } finally {
    await db.close();
    await embedded.stop();
    if (opts.keep) log(`store kept in ${home}`);
    else rmSync(home, { recursive: true, force: true });
  }
}

/**
 * `--uri`: an existing database, read only. Its synthetic load's checkpoint (BulkLoad 'synth': seed,
 * firms, dense chain) rebuilds the load's plan — the generator is deterministic — so the targets are
 * picked exactly as for a fresh store; the chain's ends are checked against the data before any timing.
 */
async function measureExisting(uri: string, auth: { username?: string; password?: string }, database: string | undefined, opts: MeasureOptions): Promise<SizeResult> {
  const db = GraphDb.connect(uri, auth, database);
  try {
    const [row] = await db.read(Q.bulkLoadState, { runId: SYNTH_RUN_ID });
    const state = StoredLoadModel.safeParse(row?.state);
    if (!state.success) {
      throw new Error(`${uri} holds no complete synthetic load (no BulkLoad '${SYNTH_RUN_ID}' checkpoint with seed, firms and dense, complete): load one with npm run synth first (${state.error.issues[0]?.message ?? 'no checkpoint'})`);
    }
    const { seed, firms, dense } = state.data;
    const [width, hops] = dense === 'none' ? [0, 0] : dense.split('x').map(Number);
    const plan = planSynth(readSeed(), { firms, seed, dense: dense === 'none' ? null : { width, hops } });
    const log = (line: string) => console.log(`[${label(firms)} @ ${uri}] ${line}`);
    const ends = await db.read(Q.entitiesByIds, { ids: [plan.chain.fromId, plan.chain.toId] });
    const names = new Map(ends.map((e) => [e.node.id, e.node.name]));
    if (names.get(plan.chain.fromId) !== plan.chain.from || names.get(plan.chain.toId) !== plan.chain.to) {
      throw new Error(`${uri}: the chain ${plan.chain.from} → ${plan.chain.to} of the load's plan (seed ${seed}, ${firms} firms) is not in the data: the store was loaded by another generator version or curated seed`);
    }
    log(`existing store: ${firms.toLocaleString('en')} synthetic firms (seed ${seed}, dense ${dense}); read only, nothing loaded`);
    const measured = await measureStore({ db, uri, auth, database, plan }, opts, log);
    return { firms, store: uri, load: null, chain: chainOf(plan), dense: denseOf(plan), ...measured };
  } finally {
    await db.close();
  }
}
/** What a synthetic load's checkpoint says about it (loadParams in src/synth/load.ts). */
const StoredLoadModel = z.object({
  seed: z.number().int(),
  firms: z.number().int().positive(),
  dense: z.string().regex(/^(none|\d+x\d+)$/),
  complete: z.literal(true),
});
const chainOf = (plan: SynthPlan) => ({ steps: plan.chain.steps, paths: plan.chain.paths });
const denseOf = (plan: SynthPlan) => (plan.denseChain ? { steps: plan.denseChain.steps, paths: plan.denseChain.paths } : null);

/**
 * Every question on one store: the API (in-process HTTP server, response cache off) against its
 * floors, interleaved; then once per question through a byte-counting proxy, the API's round trips and
 * the bytes Neo4j sent for the API's answer and for the floor's.
 */
interface MeasureOptions {
  iterations: number;
  seconds: number;
  only?: RegExp | null;
  skipFloors: string[];
}

async function measureStore(store: Store, opts: MeasureOptions, log: (line: string) => void): Promise<Measured> {
  const floor = new FloorRunner(store.uri, store.auth, store.database);
  const servers: http.Server[] = [];
  const serve = async (db: GraphDb) => {
    // The response cache is off: repeated questions would be answered from memory, not by the query.
    const server = createHttpServer(db, { responseCache: ResponseCache.off() });
    servers.push(server);
    const port = await listen(server, 0, '127.0.0.1');
    const url = `http://127.0.0.1:${port}/graphql`;
    return async (query: string, variables: Record<string, unknown> = {}) => {
      const response = await postJson(url, JSON.stringify({ query, variables }));
      const body = JSON.parse(response.body) as { data?: any; errors?: { message: string }[]; extensions?: { cypher?: { roundTrips: number; queries: string[] } } };
      return Object.assign(body, { timing: serverTiming(response.serverTiming) });
    };
  };
  // The GraphQL floor over HTTP as the API is: its own server, the same client.
  const graphqlFloor = new GraphQLFloor();
  const floorServer = http.createServer(graphqlFloor.yoga);
  servers.push(floorServer);
  const floorUrl = `http://127.0.0.1:${await listen(floorServer, 0, '127.0.0.1')}/graphql`;
  const proxy = await countingProxy(store.uri);
  const wireDb = GraphDb.connect(proxy.uri, store.auth, store.database);
  const wireFloor = new FloorRunner(proxy.uri, store.auth, store.database);
  try {
    await floor.raw('CALL db.awaitIndexes(600)');
    const post = await serve(store.db);
    const targets = await pickTargets(floor, store.plan);
    const schema = await introspect(post);
    log(`targets: ${targets.firms.length} firms, ${targets.parks.length} parks, ${targets.counties.length} counties; producers paged: ${schema.pagedProducers}`);
    const loadavgBefore = loadavg();
    const rows: Row[] = [];
    // --only and --skip-floors narrow a run (a by-hand run on a shared store: floors that cannot be the fastest at this size only load it).
    const asked = questions(targets, schema)
      .filter((q) => !opts.only || opts.only.test(q.label))
      .map((q) => ({ ...q, floors: q.floors.filter((f) => !opts.skipFloors.includes(f) || q.floors.every((g) => opts.skipFloors.includes(g))) }));
    for (const q of asked) {
      const api: number[] = [];
      const parts = { cypher: [] as number[], resolvers: [] as number[], outside: [] as number[] };
      let apiErrors = 0;
      const floors = new Map(q.floors.map((f) => [f, { samples: [] as number[], errors: 0 }]));
      const dropped = new Set<string>();
      let firstError = '';
      let lastTiming: ReturnType<typeof serverTiming> = null;
      let lastData: unknown = null;
      // The GraphQL floor serves sample i the API's answer to sample i: asked once per set of variables, with
      // typenames, before any timing; each must come back from the GraphQL floor as the API gives it, or it is no floor.
      const typed = new Map<string, Record<string, unknown>>();
      let graphqlFloorServes = true;
      for (let i = 0; i < opts.iterations && graphqlFloorServes; i++) {
        const key = JSON.stringify(q.variables(i));
        if (typed.has(key)) continue;
        const withTypes = await post(withTypenames(q.query), q.variables(i));
        const plain = await post(q.query, q.variables(i));
        graphqlFloor.serve(withTypes.data);
        const served = JSON.parse((await postJson(floorUrl, JSON.stringify({ query: q.query, variables: q.variables(i) }))).body) as { data?: unknown };
        graphqlFloorServes = !withTypes.errors?.length && !plain.errors?.length && JSON.stringify(served.data) === JSON.stringify(plain.data);
        typed.set(key, withTypes.data);
      }
      if (!graphqlFloorServes) log(`${q.label}: the GraphQL floor does not serve the API's answer: not sampled`);
      const graphqlSamples: number[] = [];
      const askGraphQLFloor = async (i: number): Promise<void> => {
        if (!graphqlFloorServes) return;
        graphqlFloor.serve(typed.get(JSON.stringify(q.variables(i)))!);
        const r = await timed(async () => (await postJson(floorUrl, JSON.stringify({ query: q.query, variables: q.variables(i) }))).body.length > 0);
        if (r.ok) graphqlSamples.push(r.ms);
      };
      const askApi = async (i: number) => {
        const result = await post(q.query, q.variables(i));
        lastTiming = result.timing;
        lastData = result.data;
        if (result.errors?.length && !firstError) firstError = result.errors[0].message;
        return !result.errors?.length && result.data != null;
      };
      // Warm-up: plans compiled and pages cached for both sides.
      const warm = new Map<string, number>();
      const otherAnswer = new Set<string>();
      for (let i = 0; i < 2; i++) {
        await timed(() => askApi(i));
        const data = lastData;
        await askGraphQLFloor(i);
        for (const f of q.floors) {
          let rows: Record<string, unknown>[] = [];
          const r = await timed(async () => (rows = await floor.run(f, q.floorParams(i))) !== null);
          if (r.ok) warm.set(f, r.ms);
          // Checked where the question can say (sameAnswer): a variant with another answer is no floor.
          if (r.ok && data && q.sameAnswer && !q.sameAnswer(data, rows)) otherAnswer.add(f);
        }
      }
      for (const f of otherAnswer) {
        log(`${q.label}: floor ${f} does not give the API's answer: not sampled`);
        warm.delete(f);
        dropped.add(f);
      }
      // A variant many times slower than the fastest (its warm, second run) cannot be the floor: it is not
      // sampled, so it does not spend the question's time budget (the province's floor without the area
      // index scans every firm for seconds, and left the API 5 samples at 1M, each after caches it had cooled).
      const fastestWarm = Math.min(...warm.values());
      for (const [f, ms] of warm) if (warm.size > 1 && ms > SLOW_FLOOR_VARIANT * fastestWarm) dropped.add(f);
      graphqlSamples.length = 0;
      const started = performance.now();
      for (let i = 0; i < opts.iterations; i++) {
        const a = await timed(() => askApi(i));
        if (a.ok) {
          api.push(a.ms);
          const t = lastTiming as ReturnType<typeof serverTiming>;
          if (t) {
            parts.cypher.push(t.cypher);
            parts.resolvers.push(t.execute - t.cypher);
            parts.outside.push(a.ms - t.execute);
          }
        } else apiErrors += 1;
        await askGraphQLFloor(i);
        for (const f of q.floors) {
          if (dropped.has(f)) continue;
          const r = await timed(async () => (await floor.run(f, q.floorParams(i))) !== null);
          const entry = floors.get(f)!;
          if (r.ok) entry.samples.push(r.ms);
          else entry.errors += 1;
        }
        if (i >= 4 && performance.now() - started > opts.seconds * 1000) break;
      }
      const floorStats = [...floors].map(([variant, s]) => ({ variant, ...stat(s.samples, s.errors) }));
      const best = floorStats.filter((s) => s.samples).sort((a, b) => a.median - b.median)[0] ?? floorStats[0];
      const split = { cypher: stat(parts.cypher, 0).median, resolvers: stat(parts.resolvers, 0).median, outside: stat(parts.outside, 0).median };
      const graphql = graphqlFloorServes && graphqlSamples.length ? stat(graphqlSamples, 0) : null;
      const row: Row = { label: q.label, field: q.field, indexBacked: q.indexBacked, api: stat(api, apiErrors), split, floor: best, graphql, wire: null };
      rows.push(row);
      log(
        `${q.label.padEnd(44)} api median ${row.api.median.toFixed(1)} ms, p95 ${row.api.p95.toFixed(1)} ms (${row.api.samples} ok, ${row.api.errors} errors)` +
          ` [cypher ${split.cypher.toFixed(1)}, resolvers ${split.resolvers.toFixed(1)}, outside ${split.outside.toFixed(1)}]` +
          ` | floor ${best.variant} median ${best.median.toFixed(1)} ms | ratio ${(row.api.median / best.median).toFixed(2)}×` +
          (graphql ? ` | GraphQL floor ${graphql.median.toFixed(1)} ms: best possible ${bestPossible(row)}, API / both floors ${overBoth(row)}` : '') +
          (firstError ? ` | first error: ${firstError.slice(0, 160)}` : ''),
      );
    }
    const loadavgAfter = loadavg();

    // What crosses the wire, once per question (sample 0, after one unmeasured ask that compiles the plans).
    const postWire = await serve(wireDb);
    for (const [k, q] of asked.entries()) {
      const row = rows[k];
      await postWire(q.query, q.variables(0));
      await wireFloor.run(row.floor.variant, q.floorParams(0));
      // On a loaded store the API may refuse (its health probe's breaker): asked again, a few times, until it answers.
      let result: Awaited<ReturnType<typeof postWire>> = { timing: null };
      let apiBytes = NaN;
      for (let attempt = 1; attempt <= 5; attempt++) {
        const before = proxy.bytes();
        result = await postWire(q.query, q.variables(0));
        apiBytes = proxy.bytes() - before;
        if (!result.errors?.length) break;
        apiBytes = NaN;
        await new Promise((resolve) => setTimeout(resolve, 3_000));
      }
      const between = proxy.bytes();
      await wireFloor.run(row.floor.variant, q.floorParams(0));
      const floorBytes = proxy.bytes() - between;
      row.wire = { roundTrips: result.extensions?.cypher?.roundTrips ?? NaN, queries: result.extensions?.cypher?.queries ?? [], apiBytes, floorBytes };
      log(`${q.label.padEnd(44)} ${row.wire.roundTrips} round trip(s) [${row.wire.queries.join(', ')}], Neo4j sent ${kb(apiBytes)} KB (floor ${row.floor.variant}: ${kb(floorBytes)} KB, 1 trip)`);
    }
    return { loadavgBefore, loadavgAfter, rows };
  } finally {
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
    await floor.close();
    await wireFloor.close();
    await wireDb.close();
    await proxy.close();
  }
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
/** The best ratio the architecture allows: (Cypher floor + GraphQL floor) / Cypher floor. */
const bestPossible = (row: Row) => (row.graphql ? `${((row.floor.median + row.graphql.median) / row.floor.median).toFixed(2)}×` : '–');
/** What the API's own code adds: API / (Cypher floor + GraphQL floor). */
const overBoth = (row: Row) => (row.graphql ? `${(row.api.median / (row.floor.median + row.graphql.median)).toFixed(2)}×` : '–');

/**
 * One POST over a kept-alive connection with node:http. Not fetch: the client runs in the server's own
 * process (one event loop), and undici's fetch cost ~0.7–1.5 ms a request more than node:http in an A/B
 * on the 1M store (lookup, 300 requests each) — client time the benchmark would charge to the API.
 */
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 4 });
function postJson(url: string, body: string): Promise<{ body: string; serverTiming: string | null }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent: keepAlive, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ body: Buffer.concat(chunks).toString('utf8'), serverTiming: (response.headers['server-timing'] as string | undefined) ?? null }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** The parts of the API's Server-Timing header the split reports, in ms; null when absent. */
function serverTiming(header: string | null): { execute: number; cypher: number } | null {
  const t = parseServerTiming(header);
  return t && typeof t.execute === 'number' && typeof t.cypher === 'number' ? { execute: t.execute, cypher: t.cypher } : null;
}


const fmt = (ms: number) => (Number.isNaN(ms) ? '–' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

/** What was measured: a store this run loaded (how), or an existing one (--uri, read only). */
function heading(r: SizeResult): string {
  const where = r.store
    ? `existing store ${r.store} (read only; loaded before this run, not by it)`
    : `${r.load!.rows.toLocaleString('en')} rows loaded in ${(r.load!.millis / 1000).toFixed(1)} s (${Math.round(r.load!.rowsPerSecond).toLocaleString('en')} rows/s, ${r.load!.how === 'import' ? `offline import: CSV + neo4j-admin; index population ${((r.load!.indexMillis ?? 0) / 1000).toFixed(1)} s apart` : `${r.load!.batches} transactions`})`;
  return `\n### ${label(r.firms)} firms — ${where}; load average ${r.loadavgBefore[0].toFixed(1)} → ${r.loadavgAfter[0].toFixed(1)}\n`;
}

function report(results: SizeResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(heading(r));
    lines.push('| question | API median ms | API p95 ms | errors | floor median ms | floor p95 ms | ratio (median) | ratio (p95) | GraphQL floor ms | best possible ratio | API / both floors | round trips | KB from Neo4j: API / floor | API median split: Cypher / resolvers / outside ms |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const row of r.rows) {
      const wire = row.wire ? `| ${row.wire.roundTrips} | ${kb(row.wire.apiBytes)} / ${kb(row.wire.floorBytes)} |` : '| – | – |';
      lines.push(
        `| ${row.label} | ${fmt(row.api.median)} | ${fmt(row.api.p95)} | ${row.api.errors}/${row.api.samples + row.api.errors} | ${fmt(row.floor.median)} | ${fmt(row.floor.p95)} | ${(row.api.median / row.floor.median).toFixed(2)}× | ${(row.api.p95 / row.floor.p95).toFixed(2)}× | ${row.graphql ? fmt(row.graphql.median) : '–'} | ${bestPossible(row)} | ${overBoth(row)} ${wire} ${fmt(row.split.cypher)} / ${fmt(row.split.resolvers)} / ${fmt(row.split.outside)} |`,
      );
    }
  }
  if (results.length > 1) {
    const first = results[0];
    const last = results[results.length - 1];
    lines.push(`\n### Growth ${label(first.firms)} → ${label(last.firms)} (median at ${label(last.firms)} / median at ${label(first.firms)})\n`);
    lines.push('| question | index-backed | API growth | floor growth |');
    lines.push('|---|---|---:|---:|');
    for (const row of first.rows) {
      const other = last.rows.find((x) => x.label === row.label);
      if (!other) continue;
      lines.push(`| ${row.label} | ${row.indexBacked ? 'yes' : 'no'} | ${(other.api.median / row.api.median).toFixed(2)}× | ${(other.floor.median / row.floor.median).toFixed(2)}× |`);
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10k' },
      iterations: { type: 'string', default: '30' },
      seconds: { type: 'string', default: '60' },
      seed: { type: 'string', default: '1' },
      workers: { type: 'string', default: '2' },
      loader: { type: 'string', default: 'auto' },
      out: { type: 'string' },
      keep: { type: 'boolean', default: false },
      uri: { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      database: { type: 'string' },
      only: { type: 'string' },
      'skip-floors': { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const sizes = values.sizes!.split(',').map(sizeOf);
  if (values.password !== undefined && !values.user) throw new Error('--password needs --user');
  if (!['auto', 'online', 'import'].includes(values.loader!)) throw new Error(`--loader must be auto, online or import (got "${values.loader}")`);
  const opts = { iterations: Number(values.iterations), seconds: Number(values.seconds), seed: Number(values.seed), workers: Number(values.workers), loader: values.loader as 'auto' | 'online' | 'import', keep: values.keep!, only: values.only ? new RegExp(values.only) : null, skipFloors: values['skip-floors']!.split(',').filter(Boolean) };
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(0)} GB (${(freemem() / 2 ** 30).toFixed(0)} GB free), load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const results: SizeResult[] = [];
  if (values.uri) {
    console.log(`measuring the existing store at ${values.uri}: read only (--sizes, --seed, --loader, --workers and --keep do not apply)`);
    results.push(await measureExisting(values.uri, { username: values.user, password: values.password }, values.database, opts));
  } else {
    for (const firms of sizes) results.push(await measureSize(firms, opts));
  }
  const text = report(results);
  console.log(text);
  if (values.out) writeFileSync(values.out, JSON.stringify({ machine: { cores: cpus().length, totalGiB: totalmem() / 2 ** 30 }, results }, null, 2));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
