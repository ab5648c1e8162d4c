import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { GraphDb } from '../../db/graph.js';
import { Q } from '../../db/queries.js';
import { adminImport, storeExists, type AdminImportTotals } from '../../neo4j/admin-import.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j, type Log } from '../../neo4j/launcher.js';
import type { BulkBatch } from '../../seed/bulk.js';
import { entityRow, loadSeed, relationRow } from '../../seed/load.js';
import { DEFAULT_SEED_DIR, type SeedGraph } from '../../seed/read.js';
import { byteStrings } from '../batch-file.js';
import { cacheFolder, DEFAULT_CACHE_DIR, generateBatches } from '../cache.js';
import { planSynth, SYNTH_ORIGIN, type SynthOptions, type SynthPlan } from '../generate.js';
import { startBundledWorker } from '../threads.js';
import { loadParams, SYNTH_RUN_ID } from '../load.js';
import { ARRAY_DELIMITER, CsvImportWriter, ID_TYPE, mergeSources, type CsvSource } from './csv.js';
import { EntityNumbers } from './numbers.js';
import { entityProps, relationProps, writeShard, type ShardJob, type ShardResult } from './shard.js';

/** The import would destroy records it does not write back, or cannot reach the store: refused, nothing changed. */
export class ImportRefusedError extends Error {}

export interface EmbeddedTarget {
  /** NEO4J_EMBEDDED_HOME: the store is `<home>/data/databases/neo4j`. */
  home: string;
  port: number;
  heap: string;
  pageCacheMiB: number;
  readyTimeoutMs?: number;
}

export interface ImportResult {
  plan: SynthPlan;
  /** Synthetic nodes + relationships, name keys, IN_AREA links and PRODUCER_RANK rows apart: the figure the online loader reports. */
  rows: number;
  nameKeys: number;
  /** IN_AREA links (links['IN_AREA']). */
  areaLinks: number;
  /** PRODUCER_RANK rows (links['PRODUCER_RANK']). */
  rankLinks: number;
  /** Maintained-index links written, per relationship type (LINK_MAKERS). */
  links: Record<string, number>;
  /** What neo4j-admin wrote (from its own totals): every node and relationship — name keys, links and the curated places included. */
  store: AdminImportTotals;
  /** Phases in ms: generate (batch files, reused when cached), csv, import (neo4j-admin), start, indexes (schema + population), seed (the curated seed online), total. */
  millis: { generate: number; csv: number; import: number; start: number; indexes: number; seed: number; total: number };
  /** rows / (csv + import): the offline counterpart of the online loader's rows/s. */
  rowsPerSecond: number;
  /** CPU time of the CSV writing (this process) and of neo4j-admin (its JVM): rows per CPU second do not depend on how busy the machine is. */
  cpuMillis: { csv: number; import: number };
  loadavg: { before: number; after: number };
}

/**
 * Writes the CSV files of a synthetic load: the curated places it hangs from (as the seed loader
 * writes them, so loading the seed afterwards only confirms them), then, in `workers` threads side
 * by side (each a share of the batches, into files of its own), every batch's entities, their name
 * keys, relations and the maintained-index links (IN_AREA, PRODUCER_RANK: LINK_MAKERS in links.ts).
 */
export async function writeImportCsv(
  curated: SeedGraph,
  plan: SynthPlan,
  batchFolder: string,
  csvFolder: string,
  log: Log,
  workers = 2,
): Promise<{ rows: number; nameKeys: number; links: Record<string, number>; sources: CsvSource[] }> {
  rmSync(csvFolder, { recursive: true, force: true });
  const curatedRows: BulkBatch = { entities: curated.entities.map(entityRow), relations: curated.relations.map(relationRow) };
  // The curated rows are learned first by every writer: the same numbers here (numbers.ts).
  const numbers = new EntityNumbers();
  numbers.learn(curatedRows);
  const out = new CsvImportWriter(csvFolder, numbers, 'curated-');
  let nameKeys = 0;
  const writeCurated = () => {
    for (const e of curatedRows.entities) if (e.kind === 'Place') out.entity(e.kind, entityProps(e, 'seed'));
    // Their WITHIN edges too: the seed load that follows then finds the tree it declares, moves no
    // area and leaves the synthetic firms' IN_AREA links as written (else it rewrites them all in its one transaction).
    for (const r of curatedRows.relations) if (r.type === 'WITHIN') out.relationship('WITHIN', r.from, r.to, relationProps(r, 'seed'));
  };
  out.prime(writeCurated); // one header per table
  writeCurated();
  const curatedSources = out.close();

  // Converted once here rather than in every writer (the form they read the batch files in).
  const curatedBytes = byteStrings(curatedRows);
  const count = Math.max(1, Math.min(workers, plan.batches.length));
  const reference = plan.batches.flatMap((b, k) => (b.phase === 'firms' ? [] : [k]));
  const firstFirms = plan.batches.findIndex((b) => b.phase === 'firms');
  const sample = firstFirms < 0 ? reference : [...reference, firstFirms];
  const jobs: ShardJob[] = Array.from({ length: count }, (_, w) => ({
    batchFolder,
    csvFolder,
    prefix: `w${w}-`,
    indexes: plan.batches.map((_, k) => k).filter((k) => k % count === w),
    reference,
    sample,
    origin: SYNTH_ORIGIN,
    curated: curatedBytes,
  }));
  let done = 0;
  let rows = 0;
  let lastLog = 0;
  const started = Date.now();
  const progress = (_index: number, written: number) => {
    done += 1;
    rows += written;
    const now = Date.now();
    if (now - lastLog >= 1000 || done === plan.batches.length) {
      lastLog = now;
      log(`import: CSV ${done}/${plan.batches.length} batches, ${rows.toLocaleString('en')} rows (${Math.round(rows / Math.max(0.001, (now - started) / 1000)).toLocaleString('en')} rows/s)`);
    }
  };
  const results = count === 1 ? [await writeShard(jobs[0], progress)] : await runShardWorkers(jobs, progress);
  const links: Record<string, number> = {};
  for (const r of results) for (const [type, n] of Object.entries(r.links)) links[type] = (links[type] ?? 0) + n;
  for (const r of results) nameKeys += r.nameKeys;
  return { rows: results.reduce((n, r) => n + r.rows, 0), nameKeys, links, sources: mergeSources([...curatedSources, ...results.flatMap((r) => r.sources)]) };
}

/** One worker thread per job; the first failure stops the others and is thrown. */
async function runShardWorkers(jobs: ShardJob[], progress: (index: number, rows: number) => void): Promise<ShardResult[]> {
  const workers = await Promise.all(jobs.map((job) => startBundledWorker(new URL('./csv-worker.ts', import.meta.url), job)));
  try {
    return await Promise.all(
      workers.map(
        (worker, w) =>
          new Promise<ShardResult>((resolve, reject) => {
            let result: ShardResult | null = null;
            worker.on('message', (m: { batch: number; rows: number } | { done: ShardResult }) => ('done' in m ? (result = m.done) : progress(m.batch, m.rows)));
            worker.on('error', reject);
            worker.on('exit', (code) => (result && code === 0 ? resolve(result) : reject(new Error(`CSV writer ${w} exited with ${code} before finishing`))));
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * The offline path of `npm run synth -- --import`: check the embedded store, generate (or reuse)
 * the batch files, write CSV, `neo4j-admin database import full` while Neo4j is stopped, start it,
 * build the schema (reported apart: index population), load the curated seed online on top, and
 * leave a complete checkpoint so `--remove` and a later online run see the usual state.
 * Refuses, changing nothing, when the store holds records the import would not write back.
 */
export async function importSynthetic(
  target: EmbeddedTarget,
  curated: SeedGraph,
  options: SynthOptions,
  extra: { overwrite?: boolean; log?: Log; cacheRoot?: string; workers?: number; seedDir?: string; keepRunning?: boolean } = {},
): Promise<ImportResult & { neo4j: { embedded: EmbeddedNeo4j; db: GraphDb } | null }> {
  const log = extra.log ?? (() => {});
  const started = Date.now();
  const loadBefore = loadavg()[0];
  const plan = planSynth(curated, options);
  const home = path.resolve(target.home);
  const start = () => startEmbeddedNeo4j({ home, port: target.port, heap: target.heap, pageCacheMiB: target.pageCacheMiB, log, readyTimeoutMs: target.readyTimeoutMs });

  if (storeExists(home)) {
    log(`import: ${home} holds a database; checking that it holds only curated and synthetic records`);
    const running = await start();
    const db = GraphDb.connect(running.uri, {});
    try {
      const [foreign] = await db.read(Q.bulkImportForeignData, {});
      if ((foreign.nodes > 0 || foreign.relationships > 0) && !extra.overwrite) {
        throw new ImportRefusedError(
          `the database in ${home} holds ${foreign.nodes.toLocaleString('en')} nodes and ${foreign.relationships.toLocaleString('en')} relationships that are neither curated nor synthetic (contributed facts, candidates, audits); the import would delete them. Nothing was changed. Add --overwrite to replace them, or load online without --import`,
        );
      }
      if (foreign.nodes > 0 || foreign.relationships > 0) log(`import: --overwrite: ${foreign.nodes} nodes and ${foreign.relationships} relationships that are neither curated nor synthetic will be deleted`);
    } finally {
      await db.close();
      await running.stop();
    }
  }

  const folder = cacheFolder(plan, extra.cacheRoot ?? DEFAULT_CACHE_DIR);
  const generated = await generateBatches(plan, folder, { workers: extra.workers ?? 2, seedDir: extra.seedDir ?? DEFAULT_SEED_DIR, log });
  const csvFolder = path.join(home, 'import-csv');
  const csvStarted = Date.now();
  // process.cpuUsage counts every thread of this process: the CSV workers included.
  const csvCpu = process.cpuUsage();
  const workers = extra.workers ?? 2;
  let csv: Awaited<ReturnType<typeof writeImportCsv>>;
  let csvMillis: number;
  let csvCpuMillis: number;
  let imported: Awaited<ReturnType<typeof adminImport>>;
  try {
    csv = await writeImportCsv(curated, plan, folder, csvFolder, log, workers);
    csvMillis = Date.now() - csvStarted;
    const csvCpuUsed = process.cpuUsage(csvCpu);
    csvCpuMillis = (csvCpuUsed.user + csvCpuUsed.system) / 1000;
    const linkText = Object.entries(csv.links).map(([type, n]) => `${n.toLocaleString('en')} ${type} links`).join(', ');
    log(`import: CSV written in ${(csvMillis / 1000).toFixed(1)} s by ${workers} thread${workers === 1 ? '' : 's'} (${csv.rows.toLocaleString('en')} rows, ${csv.nameKeys.toLocaleString('en')} name keys, ${linkText}); running neo4j-admin database import full`);
    imported = await adminImport({ home, sources: csv.sources, arrayDelimiter: ARRAY_DELIMITER, idType: ID_TYPE, workDir: path.join(home, 'import-work'), heap: target.heap, log });
  } finally {
    rmSync(csvFolder, { recursive: true, force: true });
  }
  const storeSeconds = (csvMillis + imported.millis) / 1000;
  const records = imported.totals.nodes + imported.totals.relationships;
  log(
    `import: store written in ${storeSeconds.toFixed(1)} s (CSV ${(csvMillis / 1000).toFixed(1)} s + neo4j-admin ${(imported.millis / 1000).toFixed(1)} s): ${Math.round(csv.rows / storeSeconds).toLocaleString('en')} rows/s; ` +
      `${records.toLocaleString('en')} records in all (name keys and index links included): ${Math.round(records / storeSeconds).toLocaleString('en')} records/s`,
  );

  const startStarted = Date.now();
  const embedded = await start();
  const startMillis = Date.now() - startStarted;
  const db = GraphDb.connect(embedded.uri, {});
  try {
    const indexStarted = Date.now();
    log('import: creating constraints and indexes and waiting for their population');
    await db.applySchema(3_600);
    const indexMillis = Date.now() - indexStarted;
    log(`import: indexes online in ${(indexMillis / 1000).toFixed(1)} s`);
    // The CSV's PRODUCER_RANK rows carry their production's place (the TS twin): no rebuild at start.
    await db.write(Q.producerIndexPlaced, {});
    const seedStarted = Date.now();
    await loadSeed(db, curated, { log });
    const seedMillis = Date.now() - seedStarted;
    await db.write(Q.bulkLoadImported, { runId: SYNTH_RUN_ID, params: loadParams(options, folder), origin: SYNTH_ORIGIN, batches: plan.batches.length, rows: csv.rows });
    const result: ImportResult = {
      plan,
      rows: csv.rows,
      nameKeys: csv.nameKeys,
      areaLinks: csv.links.IN_AREA ?? 0,
      rankLinks: csv.links.PRODUCER_RANK ?? 0,
      links: csv.links,
      store: imported.totals,
      millis: { generate: generated.millis, csv: csvMillis, import: imported.millis, start: startMillis, indexes: indexMillis, seed: seedMillis, total: Date.now() - started },
      rowsPerSecond: csv.rows / ((csvMillis + imported.millis) / 1000),
      cpuMillis: { csv: csvCpuMillis, import: imported.cpuMillis },
      loadavg: { before: loadBefore, after: loadavg()[0] },
    };
    if (extra.keepRunning) return { ...result, neo4j: { embedded, db } };
    await db.close();
    await embedded.stop();
    return { ...result, neo4j: null };
  } catch (error) {
    await db.close();
    await embedded.stop();
    throw error;
  }
}
