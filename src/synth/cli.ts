import { parseArgs } from 'node:util';
import { loadEnv } from '../config/env.js';
import { connectNeo4j, defaultBoltPort } from '../neo4j/provision.js';
import { ensureProducerRanks } from '../producers/refresh.js';
import { AdminImportError } from '../neo4j/admin-import.js';
import { ImportRefusedError, importSynthetic } from './import/offline.js';
import { DEFAULT_SEED_DIR, readSeed } from '../seed/read.js';
import { cacheFolder, generateBatches } from './cache.js';
import { MAX_FIRMS, planSynth, SYNTH_ORIGIN, type SynthOptions } from './generate.js';
import { DEFAULT_CONCURRENCY, loadSynthetic, removeSynthetic } from './load.js';
import { runCli, UsageError } from '../cli/run.js';

const HELP = `Usage: npm run synth -- --firms N [--seed S] [--dense] [--workers W] [--batch B] [--concurrency C]
       npm run synth -- --firms N [--seed S] [--dense] --import [--overwrite]
       npm run synth -- --remove
  Adds a deterministic synthetic graph shaped like the curated one (the seed's prefectures and
  counties, parks under counties, an 8-layer product chain, firms with places and production,
  policies). Its records have origin '${SYNTH_ORIGIN}' and ids like firm:syn-0000001; curated records are
  never changed. Batches are generated into .synth-cache/ (reused), then loaded one transaction
  each; an interrupted load resumes where it stopped when the same command is run again.
  --firms    number of firms (1…${MAX_FIRMS})
  --seed     random seed (default 1); the same seed and size give the same graph
  --dense    also add a dense test chain (14 products wide, 12 steps: 14^11 ≈ 4·10^12 paths)
  --workers  generator threads, and with --import CSV writer threads (default 2)
  --batch    firms per transaction (default 5000; part of the batch files' identity)
  --concurrency  batch transactions in flight at once within a phase (default ${DEFAULT_CONCURRENCY})
  --import   offline bulk import instead (embedded Neo4j only, stopped while it runs): the same records
             as CSV (written by --workers threads) into neo4j-admin database import full, then the indexes are built and the curated
             seed loaded on top. Replaces the whole database: refused when it holds anything but
             curated and synthetic records (contributed facts, candidates, audits) unless --overwrite
  --overwrite  with --import: replace such records too
  --remove   delete every synthetic record (batched), and the load's checkpoint
  --generate-only  write the batch files to .synth-cache/ without touching Neo4j
Neo4j: NEO4J_URI (+ NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE), else the embedded launcher.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      firms: { type: 'string' },
      seed: { type: 'string', default: '1' },
      dense: { type: 'boolean', default: false },
      workers: { type: 'string', default: '2' },
      batch: { type: 'string', default: '5000' },
      concurrency: { type: 'string', default: String(DEFAULT_CONCURRENCY) },
      remove: { type: 'boolean', default: false },
      'generate-only': { type: 'boolean', default: false },
      import: { type: 'boolean', default: false },
      overwrite: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || (!values.remove && values.firms === undefined)) {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  const int = (name: string, text: string, min: number, max: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${text}")`);
    return n;
  };
  const env = loadEnv();
  if (values['generate-only']) {
    const plan = planSynth(readSeed(DEFAULT_SEED_DIR), synthOptions(values, int));
    const done = await generateBatches(plan, cacheFolder(plan), { workers: int('workers', values.workers!, 1, 16), seedDir: DEFAULT_SEED_DIR, log: console.log });
    console.log(`synth: ${done.generated} batches generated in ${(done.millis / 1000).toFixed(0)} s`);
    return 0;
  }
  // Checked before connecting: a wrong option never starts Neo4j.
  const options = values.remove ? null : synthOptions(values, int);
  const workers = int('workers', values.workers!, 1, 16);
  const concurrency = int('concurrency', values.concurrency!, 1, 8);
  if (values.overwrite && !values.import) throw new UsageError('--overwrite goes with --import');
  if (values.import) {
    if (!options) throw new UsageError('--import goes with --firms, not --remove');
    if (env.NEO4J_URI) {
      throw new ImportRefusedError(
        `--import writes the embedded Neo4j's store files while it is stopped; NEO4J_URI (${env.NEO4J_URI}) is a server this command cannot stop. Unset NEO4J_URI to import into the embedded store (${env.NEO4J_EMBEDDED_HOME}), or load online without --import. Nothing was changed`,
      );
    }
    const result = await importSynthetic(
      { home: env.NEO4J_EMBEDDED_HOME, port: env.NEO4J_EMBEDDED_PORT ?? (await defaultBoltPort(console.log)), heap: env.NEO4J_EMBEDDED_HEAP, pageCacheMiB: env.NEO4J_EMBEDDED_PAGECACHE_MIB },
      readSeed(DEFAULT_SEED_DIR),
      options,
      { overwrite: values.overwrite, workers, log: console.log },
    );
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(
      `synth: imported ${result.rows.toLocaleString('en')} rows (+ ${result.nameKeys.toLocaleString('en')} name keys, ${Object.entries(result.links).map(([type, n]) => `${n.toLocaleString('en')} ${type} links`).join(', ')}) at ${Math.round(result.rowsPerSecond).toLocaleString('en')} rows/s ` +
        `(${(result.store.nodes + result.store.relationships).toLocaleString('en')} records written by neo4j-admin: ${Math.round((result.store.nodes + result.store.relationships) / ((result.millis.csv + result.millis.import) / 1000)).toLocaleString('en')} records/s) ` +
        `(CSV ${s(result.millis.csv)} + neo4j-admin ${s(result.millis.import)}); then start ${s(result.millis.start)}, index population ${s(result.millis.indexes)}, curated seed ${s(result.millis.seed)}; ${s(result.millis.total)} in all` +
        (result.millis.generate ? ` (generating the batch files took ${s(result.millis.generate)})` : '') +
        `; CPU time: CSV ${s(result.cpuMillis.csv)}, neo4j-admin ${s(result.cpuMillis.import)}; load average ${result.loadavg.before.toFixed(1)} → ${result.loadavg.after.toFixed(1)}`,
    );
    return 0;
  }
  const neo4j = await connectNeo4j(env);
  try {
    if (!options) {
      const removed = await removeSynthetic(neo4j.db, console.log);
      console.log(`synth: removed ${removed.toLocaleString('en')} synthetic entities and their relations`);
      return 0;
    }
    await neo4j.db.applySchema();
    await ensureProducerRanks(neo4j.db, console.log);
    const result = await loadSynthetic(neo4j.db, readSeed(DEFAULT_SEED_DIR), options, { log: console.log, workers, concurrency });
    console.log(
      `synth: ${result.rows.toLocaleString('en')} rows in ${(result.millis / 1000).toFixed(1)} s (${Math.round(result.rowsPerSecond).toLocaleString('en')} rows/s)` +
        (result.resumedAt ? `, resumed at batch ${result.resumedAt + 1}` : '') +
        `; an 8-layer chain to try: supplyChain(from: "${result.plan.chain.from}", to: "${result.plan.chain.to}") (${result.plan.chain.steps} products, ${result.plan.chain.paths.toExponential(2)} paths)`,
    );
    return 0;
  } finally {
    await neo4j.close();
  }
}

function synthOptions(values: { firms?: string; seed?: string; dense?: boolean; batch?: string }, int: (name: string, text: string, min: number, max: number) => number): SynthOptions {
  return {
    firms: int('firms', values.firms!, 1, MAX_FIRMS),
    seed: int('seed', values.seed!, 0, 2 ** 31 - 1),
    dense: values.dense ? { width: 14, hops: 12 } : null,
    batchSize: int('batch', values.batch!, 100, 100_000),
  };
}

runCli('synth', main, [
  [ImportRefusedError, 1],
  [AdminImportError, 1],
]);
