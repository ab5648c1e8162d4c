import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { projectPath } from '../config/paths.js';
import type { Log } from '../neo4j/launcher.js';
import type { BulkBatch } from '../seed/bulk.js';
import { entityRow, relationRow } from '../seed/load.js';
import type { SynthPlan } from './generate.js';
import { startTsWorker } from './threads.js';
import { fileOf, storableProps } from './batch-file.js';

// The batch files' format lives in batch-file.ts (light: the offline import's CSV workers read them without the generator).
export { readBatchFile, storableProps } from './batch-file.js';

export const DEFAULT_CACHE_DIR = projectPath('.synth-cache');

/** Bumped whenever the generator's output changes, so stale caches are never loaded. */
const GENERATOR_VERSION = 3;

/** A plan's batches as rows (null properties dropped when written: Neo4j stores no nulls). */
export function batchRows(plan: SynthPlan, index: number): BulkBatch {
  const batch = plan.batch(index);
  return {
    entities: batch.entities.map(entityRow).map((row) => ({ ...row, props: storableProps(row.props) })),
    relations: batch.relations.map(relationRow).map((row) => ({ ...row, props: storableProps(row.props) })),
  };
}

const withoutNulls = (_key: string, value: unknown) => (value === null ? undefined : value);

/** The folder of one plan's batches: named by the options and a digest of what was generated from the seed. */
export function cacheFolder(plan: SynthPlan, root = DEFAULT_CACHE_DIR): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([GENERATOR_VERSION, plan.units.map((u) => [u.id, u.short]), plan.products.length, plan.options.seed, plan.options.firms, plan.options.dense ?? null, plan.batchSize]))
    .digest('hex')
    .slice(0, 12);
  return path.join(root, `seed${plan.options.seed}-firms${plan.options.firms}-${digest}`);
}


export function writeBatchFile(plan: SynthPlan, folder: string, index: number): number {
  const rows = batchRows(plan, index);
  const file = fileOf(folder, index);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, gzipSync(JSON.stringify(rows, withoutNulls), { level: 1 }));
  renameSync(tmp, file); // whole files only: a killed generator leaves no half batch behind
  return rows.entities.length + rows.relations.length;
}


/**
 * Generates every batch file not yet in the folder, in worker threads when asked (generation is
 * CPU-bound: deriving traditional and pinyin keys), so the load itself runs at the database's pace.
 */
export async function generateBatches(plan: SynthPlan, folder: string, options: { workers: number; seedDir: string; log: Log }): Promise<{ generated: number; millis: number }> {
  mkdirSync(folder, { recursive: true });
  const present = new Set(readdirSync(folder));
  const missing = plan.batches.map((_, k) => k).filter((k) => !present.has(path.basename(fileOf(folder, k))));
  const started = Date.now();
  if (!missing.length) return { generated: 0, millis: 0 };
  options.log(`synth: generating ${missing.length} of ${plan.batches.length} batches into ${path.relative(process.cwd(), folder) || folder}${options.workers > 1 ? ` with ${options.workers} workers` : ''}`);
  let done = 0;
  let lastLog = 0;
  const progress = () => {
    done += 1;
    const now = Date.now();
    if (now - lastLog >= 2000 || done === missing.length) {
      lastLog = now;
      options.log(`synth: generated ${done}/${missing.length} batches (${Math.round((now - started) / 1000)} s)`);
    }
  };
  if (options.workers <= 1) {
    for (const k of missing) {
      writeBatchFile(plan, folder, k);
      progress();
      await new Promise((resolve) => setImmediate(resolve));
    }
  } else {
    await Promise.all(
      Array.from({ length: options.workers }, (_, w) => {
        const indexes = missing.filter((_, n) => n % options.workers === w);
        return new Promise<void>((resolve, reject) => {
          const worker = startTsWorker(new URL('./worker.ts', import.meta.url), { seedDir: options.seedDir, options: plan.options, folder, indexes });
          worker.on('message', progress);
          worker.on('error', reject);
          worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`generator worker exited with ${code}`))));
        });
      }),
    );
  }
  return { generated: missing.length, millis: Date.now() - started };
}

