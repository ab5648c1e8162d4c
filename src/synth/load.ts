import type { GraphDb } from '../db/graph.js';
import type { Log } from '../neo4j/launcher.js';
import { bulkLoad, bulkRemove, type BulkLoadSummary } from '../seed/bulk.js';
import { ENTITY_KINDS } from '../seed/model.js';
import { DEFAULT_SEED_DIR, type SeedGraph } from '../seed/read.js';
import { cacheFolder, DEFAULT_CACHE_DIR, generateBatches, readBatchFile } from './cache.js';
import { planSynth, SYNTH_ORIGIN, type SynthOptions, type SynthPlan } from './generate.js';

export const SYNTH_RUN_ID = 'synth';
/** Batch transactions in flight at once: one per core of the 2-core machine the targets are set for. */
export const DEFAULT_CONCURRENCY = 2;
// Firms first (a few relations each), places last (parks hold the firms' placements until then).
const REMOVAL_ORDER: readonly string[] = ['Firm', 'Policy', 'Project', 'Organization', 'IndustrialBase', 'Industry', 'Product', 'Place'];

export interface SynthLoadResult extends BulkLoadSummary {
  plan: SynthPlan;
  generateMillis: number;
}

/**
 * Generates (or reuses) the batch files of a synthetic graph, then bulk-loads them: one
 * transaction per batch, resumable from the checkpoint after a failure.
 */
export async function loadSynthetic(
  db: GraphDb,
  curated: SeedGraph,
  options: SynthOptions,
  extra: { log?: Log; cacheRoot?: string; workers?: number; seedDir?: string; failAtBatch?: number; concurrency?: number } = {},
): Promise<SynthLoadResult> {
  const log = extra.log ?? (() => {});
  const plan = planSynth(curated, options);
  const folder = cacheFolder(plan, extra.cacheRoot ?? DEFAULT_CACHE_DIR);
  const generated = await generateBatches(plan, folder, { workers: extra.workers ?? 1, seedDir: extra.seedDir ?? DEFAULT_SEED_DIR, log });
  const summary = await bulkLoad(db, {
    runId: SYNTH_RUN_ID,
    params: loadParams(options, folder),
    origin: SYNTH_ORIGIN,
    batches: plan.batches.length,
    readBatch: (k) => readBatchFile(folder, k),
    // Batches of one phase (parks, products, policies, firms) reference only earlier phases and the
    // curated places: they can be written side by side.
    groupOf: (k) => plan.batches[k].phase,
    concurrency: extra.concurrency ?? DEFAULT_CONCURRENCY,
    log,
    failAtBatch: extra.failAtBatch,
  });
  return { ...summary, plan, generateMillis: generated.millis };
}

/** What defines a synthetic load (its checkpoint holds them): another load is refused until --remove. */
export function loadParams(options: SynthOptions, folder: string): Record<string, string | number> {
  return { seed: options.seed, firms: options.firms, dense: options.dense ? `${options.dense.width}x${options.dense.hops}` : 'none', data: folder.split(/[\\/]/).pop()! };
}

/** Removes every synthetic entity (with its relations) in batched transactions, and the checkpoint. */
export async function removeSynthetic(db: GraphDb, log?: Log): Promise<number> {
  // Firms first: each has a few relations, so no batch deletes a product's thousands of producers at once.
  const kinds = [...ENTITY_KINDS].sort((a, b) => REMOVAL_ORDER.indexOf(a) - REMOVAL_ORDER.indexOf(b));
  return bulkRemove(db, { runId: SYNTH_RUN_ID, origin: SYNTH_ORIGIN, kinds, log });
}
