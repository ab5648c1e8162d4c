import type { GraphDb } from '../db/graph.js';
import { Q } from '../db/queries.js';
import type { ENTITY_KINDS } from './model.js';

type EntityKind = (typeof ENTITY_KINDS)[number];
import type { Log } from '../neo4j/launcher.js';
import type { entityRow, relationRow } from './load.js';

/** One transaction's worth of rows, shaped exactly as the curated loader writes them. */
export interface BulkBatch {
  entities: ReturnType<typeof entityRow>[];
  relations: ReturnType<typeof relationRow>[];
}

export interface BulkLoadOptions {
  /** Names the load; its checkpoint is the (:BulkLoad {id: runId}) node. */
  runId: string;
  /** What defines the data (seed, size…): a resumed load must have the same, or it is refused. */
  params: Record<string, string | number | boolean>;
  origin: string;
  batches: number;
  readBatch(index: number): Promise<BulkBatch>;
  log?: Log;
  /** For tests: throw inside the transaction of this batch, after some of its rows were written. */
  failAtBatch?: number;
}

export interface BulkLoadSummary {
  resumedAt: number;
  batches: number;
  rows: number;
  millis: number;
  rowsPerSecond: number;
}

export class BulkLoadConflictError extends Error {}
export class InjectedFailure extends Error {}

/**
 * Loads batches, one transaction each, with a checkpoint committed in the same transaction: a
 * failure (or Ctrl-C, or a crash) leaves every earlier batch whole and nothing of the failed one,
 * and the next run with the same parameters RESUMES at the first batch not committed.
 */
export async function bulkLoad(db: GraphDb, options: BulkLoadOptions): Promise<BulkLoadSummary> {
  const log = options.log ?? (() => {});
  const [{ state: existing }] = await db.read(Q.bulkLoadState, { runId: options.runId });
  let start = 0;
  if (existing) {
    const differs = Object.entries(options.params).filter(([k, v]) => existing[k] !== v);
    if (differs.length || existing.batches !== options.batches) {
      throw new BulkLoadConflictError(
        `a different load '${options.runId}' is in the database (${differs.map(([k]) => `${k}=${String(existing[k])}`).join(', ') || `batches=${String(existing.batches)}`}); remove it first`,
      );
    }
    start = Number(existing.nextBatch);
    if (start >= options.batches) log(`${options.runId}: already complete (${options.batches} batches, ${String(existing.rows)} rows)`);
    else log(`${options.runId}: resuming at batch ${start + 1}/${options.batches} (${String(existing.rows)} rows already committed)`);
  } else {
    await db.write(Q.bulkLoadStart, { runId: options.runId, params: options.params, origin: options.origin, batches: options.batches });
  }

  const started = Date.now();
  let rows = 0;
  let lastLog = 0;
  // The next batch is read (file read, decompression) while the current one is being written.
  let next = start < options.batches ? options.readBatch(start) : null;
  for (let k = start; k < options.batches; k++) {
    const batch = await next!;
    next = k + 1 < options.batches ? options.readBatch(k + 1) : null;
    const batchRows = batch.entities.length + batch.relations.length;
    const origin = options.origin;
    const entities = batch.entities.map((e) => ({ kind: e.kind as EntityKind, props: { ...e.props, id: e.id, origin } }));
    const relations = batch.relations.map((r) => ({ type: r.type, from: r.from, to: r.to, props: { ...r.props, key: r.key, origin } }));
    await db.writeAll(`bulk batch ${k}`, async (run) => {
      if (entities.length) await run(Q.bulkEntities, { rows: entities });
      if (options.failAtBatch === k) throw new InjectedFailure(`injected failure in batch ${k + 1}/${options.batches}`);
      if (batch.relations.length) {
        const [{ created }] = await run(Q.bulkRelations, { rows: relations });
        if (Number(created) !== batch.relations.length) {
          throw new Error(`batch ${k + 1}: ${batch.relations.length - Number(created)} relations name an entity that does not exist; the batch was not written`);
        }
      }
      await run(Q.bulkCheckpoint, { runId: options.runId, next: k + 1, rows: batchRows });
    });
    rows += batchRows;
    const now = Date.now();
    if (now - lastLog >= 1000 || k === options.batches - 1) {
      lastLog = now;
      const rate = rows / Math.max(0.001, (now - started) / 1000);
      const left = options.batches - k - 1;
      const eta = left && k + 1 > start ? ((now - started) / (k + 1 - start)) * left : 0;
      log(`${options.runId}: batch ${k + 1}/${options.batches}, ${rows.toLocaleString('en')} rows, ${Math.round(rate).toLocaleString('en')} rows/s${left ? `, about ${Math.ceil(eta / 1000)} s left` : ''}`);
    }
  }
  const millis = Date.now() - started;
  return { resumedAt: start, batches: options.batches, rows, millis, rowsPerSecond: rows / Math.max(0.001, millis / 1000) };
}

/** Kinds in deletion order: firms (few relations each) first, so no transaction deletes a hub's thousands at once. */
export async function bulkRemove(db: GraphDb, options: { runId: string; origin: string; kinds: readonly EntityKind[]; batch?: number; log?: Log }): Promise<number> {
  const log = options.log ?? (() => {});
  const batch = options.batch ?? 10_000;
  let total = 0;
  for (const kind of options.kinds) {
    for (;;) {
      const [{ removed }] = await db.write(Q.bulkRemoveBatch, { kind, origin: options.origin, batch });
      total += Number(removed);
      if (Number(removed) > 0) log(`${options.runId}: removed ${total.toLocaleString('en')} entities (${kind})`);
      if (Number(removed) < batch) break;
    }
  }
  await db.write(Q.bulkRemoveState, { runId: options.runId });
  return total;
}
