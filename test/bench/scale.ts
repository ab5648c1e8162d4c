import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadEnv } from '../../src/config/env.js';
import { GraphDb } from '../../src/db/graph.js';
import { startEmbeddedNeo4j } from '../../src/neo4j/launcher.js';
import { loadSeed } from '../../src/seed/load.js';
import { readSeed } from '../../src/seed/read.js';
import { ResponseCache } from '../../src/graphql/cache/response-cache.js';
import { createHttpServer, listen } from '../../src/server/http.js';
import { loadSynthetic } from '../../src/synth/load.js';
import type { SynthPlan } from '../../src/synth/generate.js';
import { importSynthetic } from '../../src/synth/import/offline.js';
import { FloorRunner, introspect, pickTargets, questions } from './scale-questions.js';

/**
 * `npm run bench:scale -- [--sizes 10k,100k,1m]`: for each size a fresh embedded Neo4j (heap and page
 * cache from NEO4J_EMBEDDED_HEAP / NEO4J_EMBEDDED_PAGECACHE_MIB), the curated seed, N synthetic firms;
 * then per question the GraphQL API over HTTP and its floor (hand-written Cypher, same answer),
 * interleaved sample by sample so both see the same machine load. Reports median, p95, the ratio to
 * the floor and the growth from the smallest to the largest size. NEO4J_URI is ignored: the benchmark
 * always uses throw-away embedded databases.
 */
/** From this size the benchmark loads by offline import (minutes instead of a quarter of an hour at 1M). */
const IMPORT_FROM = 100_000;
const HELP = `Usage: npm run bench:scale -- [--sizes 10k,100k,1m] [--iterations 30] [--seconds 60] [--seed 1] [--workers 2] [--loader auto|online|import] [--keep] [--out file.json]
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
  floor: Stat & { variant: string };
}
interface SizeResult {
  firms: number;
  load: { how: 'online' | 'import'; rows: number; millis: number; rowsPerSecond: number; batches: number; generateMillis: number; indexMillis?: number };
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

async function measureSize(firms: number, opts: { iterations: number; seconds: number; seed: number; workers: number; loader: 'auto' | 'online' | 'import'; keep: boolean }): Promise<SizeResult> {
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
  const neo4j = { db: imported?.neo4j?.db ?? GraphDb.connect(embedded.uri, {}), uri: embedded.uri, close: async () => {} };
  neo4j.close = async () => {
    await neo4j.db.close();
    await embedded.stop();
  };
  let server: ReturnType<typeof createHttpServer> | null = null;
  const floor = new FloorRunner(neo4j.uri);
  try {
    let loaded: { plan: SynthPlan; load: SizeResult['load'] };
    if (imported) {
      const m = imported.millis;
      loaded = { plan: imported.plan, load: { how, rows: imported.rows, millis: m.csv + m.import, rowsPerSecond: imported.rowsPerSecond, batches: 0, generateMillis: m.generate, indexMillis: m.indexes } };
    } else {
      await neo4j.db.applySchema();
      await loadSeed(neo4j.db, curated, { reset: true });
      const online = await loadSynthetic(neo4j.db, curated, synthOptions, { log, workers: opts.workers });
      loaded = { plan: online.plan, load: { how, rows: online.rows, millis: online.millis, rowsPerSecond: online.rowsPerSecond, batches: online.batches, generateMillis: online.generateMillis } };
    }
    log(`loaded ${loaded.load.rows.toLocaleString('en')} rows (${how}) in ${(loaded.load.millis / 1000).toFixed(1)} s: ${Math.round(loaded.load.rowsPerSecond).toLocaleString('en')} rows/s`);
    await floor.raw('CALL db.awaitIndexes(600)');

    // Served only once loaded: the server's health probe has nothing to say about a bulk load.
    // The response cache is off: repeated questions would be answered from memory, not by the query.
    server = createHttpServer(neo4j.db, { responseCache: ResponseCache.off() });
    const port = await listen(server, 0, '127.0.0.1');
    const url = `http://127.0.0.1:${port}/graphql`;
    const post = async (query: string, variables: Record<string, unknown> = {}) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as { data?: any; errors?: { message: string }[] };
    };
    const targets = await pickTargets(floor, loaded.plan);
    const schema = await introspect(post);
    log(`targets: ${targets.firms.length} firms, ${targets.parks.length} parks, ${targets.counties.length} counties; producers paged: ${schema.pagedProducers}`);
    const loadavgBefore = loadavg();
    const rows: Row[] = [];
    for (const q of questions(targets, schema)) {
      const api: number[] = [];
      let apiErrors = 0;
      const floors = new Map(q.floors.map((f) => [f, { samples: [] as number[], errors: 0 }]));
      let firstError = '';
      const askApi = async (i: number) => {
        const result = await post(q.query, q.variables(i));
        if (result.errors?.length && !firstError) firstError = result.errors[0].message;
        return !result.errors?.length && result.data != null;
      };
      // Warm-up: plans compiled and pages cached for both sides.
      for (let i = 0; i < 2; i++) {
        await timed(() => askApi(i));
        for (const f of q.floors) await timed(async () => (await floor.run(f, q.floorParams(i))) !== null);
      }
      const started = performance.now();
      for (let i = 0; i < opts.iterations; i++) {
        const a = await timed(() => askApi(i));
        if (a.ok) api.push(a.ms);
        else apiErrors += 1;
        for (const f of q.floors) {
          const r = await timed(async () => (await floor.run(f, q.floorParams(i))) !== null);
          const entry = floors.get(f)!;
          if (r.ok) entry.samples.push(r.ms);
          else entry.errors += 1;
        }
        if (i >= 4 && performance.now() - started > opts.seconds * 1000) break;
      }
      const floorStats = [...floors].map(([variant, s]) => ({ variant, ...stat(s.samples, s.errors) }));
      const best = floorStats.filter((s) => s.samples).sort((a, b) => a.median - b.median)[0] ?? floorStats[0];
      const row: Row = { label: q.label, field: q.field, indexBacked: q.indexBacked, api: stat(api, apiErrors), floor: best };
      rows.push(row);
      log(
        `${q.label.padEnd(44)} api median ${row.api.median.toFixed(1)} ms, p95 ${row.api.p95.toFixed(1)} ms (${row.api.samples} ok, ${row.api.errors} errors)` +
          ` | floor ${best.variant} median ${best.median.toFixed(1)} ms | ratio ${(row.api.median / best.median).toFixed(2)}×` +
          (firstError ? ` | first error: ${firstError.slice(0, 160)}` : ''),
      );
    }
    return {
      firms,
      load: loaded.load,
      chain: { steps: loaded.plan.chain.steps, paths: loaded.plan.chain.paths },
      dense: loaded.plan.denseChain ? { steps: loaded.plan.denseChain.steps, paths: loaded.plan.denseChain.paths } : null,
      loadavgBefore,
      loadavgAfter: loadavg(),
      rows,
    };
  } finally {
    server?.closeAllConnections();
    server?.close();
    await floor.close();
    await neo4j.close();
    if (opts.keep) log(`store kept in ${home}`);
    else rmSync(home, { recursive: true, force: true });
  }
}

const fmt = (ms: number) => (Number.isNaN(ms) ? '–' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

function report(results: SizeResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(
      `\n### ${label(r.firms)} firms — ${r.load.rows.toLocaleString('en')} rows loaded in ${(r.load.millis / 1000).toFixed(1)} s (${Math.round(r.load.rowsPerSecond).toLocaleString('en')} rows/s, ${r.load.how === 'import' ? `offline import: CSV + neo4j-admin; index population ${((r.load.indexMillis ?? 0) / 1000).toFixed(1)} s apart` : `${r.load.batches} transactions`}); load average ${r.loadavgBefore[0].toFixed(1)} → ${r.loadavgAfter[0].toFixed(1)}\n`,
    );
    lines.push('| question | API median ms | API p95 ms | errors | floor median ms | floor p95 ms | ratio (median) | ratio (p95) |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const row of r.rows) {
      lines.push(
        `| ${row.label} | ${fmt(row.api.median)} | ${fmt(row.api.p95)} | ${row.api.errors}/${row.api.samples + row.api.errors} | ${fmt(row.floor.median)} | ${fmt(row.floor.p95)} | ${(row.api.median / row.floor.median).toFixed(2)}× | ${(row.api.p95 / row.floor.p95).toFixed(2)}× |`,
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
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const sizes = values.sizes!.split(',').map(sizeOf);
  if (!['auto', 'online', 'import'].includes(values.loader!)) throw new Error(`--loader must be auto, online or import (got "${values.loader}")`);
  const opts = { iterations: Number(values.iterations), seconds: Number(values.seconds), seed: Number(values.seed), workers: Number(values.workers), loader: values.loader as 'auto' | 'online' | 'import', keep: values.keep! };
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(0)} GB (${(freemem() / 2 ** 30).toFixed(0)} GB free), load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const results: SizeResult[] = [];
  for (const firms of sizes) results.push(await measureSize(firms, opts));
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
