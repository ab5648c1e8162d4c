import { firmsTouched, refreshAreaIndex, refreshAreasAfter } from '../areas/refresh.js';
import { producersAtPlaces, producersOfProducts, refreshProducerRanks, refreshRanksAfter } from '../producers/refresh.js';
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
  /**
   * Batches of one group only reference entities of earlier groups (or their own), so they may be
   * written at the same time; a group starts once every batch before it has committed. Default: one group each.
   */
  groupOf?(index: number): string;
  /** Transactions in flight at once within a group (default 1). */
  concurrency?: number;
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

/** Concurrent batches can lock the same places and products in different orders: Neo4j then aborts one, which is simply run again. */
const isDeadlock = (error: unknown): boolean => {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (/DeadlockDetected|LockClient/.test(String(e.code))) return true;
  return false;
};
const DEADLOCK_RETRIES = 8;

/**
 * Loads batches, one transaction each, with a checkpoint committed in the same transaction: a
 * failure (or Ctrl-C, or a crash) leaves every committed batch whole and nothing of the failed one,
 * and the next run with the same parameters RESUMES with the batches not committed. With
 * `concurrency` > 1 several batches of a group are in flight at once (both cores write); after a
 * failure no new batch starts, those in flight finish, and the error is thrown.
 */
export async function bulkLoad(db: GraphDb, options: BulkLoadOptions): Promise<BulkLoadSummary> {
  const log = options.log ?? (() => {});
  const [{ state: existing }] = await db.read(Q.bulkLoadState, { runId: options.runId });
  let start = 0;
  let alreadyDone = new Set<number>();
  if (existing) {
    const differs = Object.entries(options.params).filter(([k, v]) => existing[k] !== v);
    if (differs.length || existing.batches !== options.batches) {
      throw new BulkLoadConflictError(
        `a different load '${options.runId}' is in the database (${differs.map(([k]) => `${k}=${String(existing[k])}`).join(', ') || `batches=${String(existing.batches)}`}); remove it first`,
      );
    }
    start = Number(existing.nextBatch);
    alreadyDone = new Set(((existing.done as number[] | undefined) ?? []).map(Number));
    if (start >= options.batches) log(`${options.runId}: already complete (${options.batches} batches, ${String(existing.rows)} rows)`);
    else log(`${options.runId}: resuming at batch ${start + 1}/${options.batches} (${String(existing.rows)} rows already committed)`);
  } else {
    await db.write(Q.bulkLoadStart, { runId: options.runId, params: options.params, origin: options.origin, batches: options.batches });
  }

  const todo = Array.from({ length: Math.max(0, options.batches - start) }, (_, i) => start + i).filter((k) => !alreadyDone.has(k));
  const groupOf = options.groupOf ?? ((k: number) => String(k));
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const started = Date.now();
  let rows = 0;
  let committed = 0;
  let lastLog = 0;
  const progress = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastLog < 1000) return;
    lastLog = now;
    const rate = rows / Math.max(0.001, (now - started) / 1000);
    const left = todo.length - committed;
    const eta = left && committed ? ((now - started) / committed) * left : 0;
    log(`${options.runId}: ${start + alreadyDone.size + committed}/${options.batches} batches, ${rows.toLocaleString('en')} rows, ${Math.round(rate).toLocaleString('en')} rows/s${left ? `, about ${Math.ceil(eta / 1000)} s left` : ''}`);
  };

  const write = async (k: number, batch: BulkBatch) => {
    const origin = options.origin;
    const entities = batch.entities.map((e) => ({ kind: e.kind as EntityKind, props: { ...e.props, id: e.id, origin } }));
    const relations = batch.relations.map((r) => ({ type: r.type, from: r.from, to: r.to, props: { ...r.props, key: r.key, origin } }));
    const batchRows = batch.entities.length + batch.relations.length;
    for (let attempt = 0; ; attempt++) {
      try {
        await db.writeAll(`bulk batch ${k}`, async (run) => {
          if (entities.length) await run(Q.bulkEntities, { rows: entities });
          if (options.failAtBatch === k) throw new InjectedFailure(`injected failure in batch ${k + 1}/${options.batches}`);
          if (batch.relations.length) {
            const [{ created }] = await run(Q.bulkRelations, { rows: relations });
            if (Number(created) !== batch.relations.length) {
              throw new Error(`batch ${k + 1}: ${batch.relations.length - Number(created)} relations name an entity that does not exist; the batch was not written`);
            }
          }
          // The checkpoint write locks the load's one (:BulkLoad) node until commit, so from here on
          // concurrent batches go one at a time: the area index below reads the place tree and the
          // places' relationships only after every other batch's writes to them have committed
          // (read committed lets a read overlap another batch's commit: on Neo4j 5.26.21, iterating the
          // relationships of a place that another batch's commit turned dense could miss some — a CI run
          // found 7 IN_AREA links missing; fixed in Neo4j 5.26.25, and this ordering rules the overlap out).
          await run(Q.bulkCheckpoint, { runId: options.runId, batch: k, rows: batchRows });
          // The batch's placements (and WITHIN edges) enter the area index in the batch's own transaction.
          if (batch.relations.length) await refreshAreasAfter(run, batch.relations);
          // Its productions (and KIND_OF edges) enter the producer index the same way, after the lock for
          // the same reason (the KIND_OF tree and the products' relationships are read committed).
          if (batch.relations.length) await refreshRanksAfter(run, batch.relations);
        });
        break;
      } catch (error) {
        if (!isDeadlock(error) || attempt >= DEADLOCK_RETRIES) throw error;
        log(`${options.runId}: batch ${k + 1} met a lock conflict with a concurrent batch; writing it again`);
      }
    }
    rows += batchRows;
    committed += 1;
    progress(committed === todo.length);
  };

  // Groups in order; within a group, up to `concurrency` batches in flight. Files are read ahead.
  let failure: unknown = null;
  let next = 0;
  const reads = new Map<number, Promise<BulkBatch>>();
  const readAhead = (i: number) => {
    for (let j = i; j < Math.min(todo.length, i + concurrency + 1); j++) if (!reads.has(todo[j])) reads.set(todo[j], options.readBatch(todo[j]));
  };
  while (next < todo.length && !failure) {
    const group = groupOf(todo[next]);
    const inGroup: number[] = [];
    while (next < todo.length && groupOf(todo[next]) === group) inGroup.push(todo[next++]);
    let cursor = 0;
    const worker = async () => {
      while (cursor < inGroup.length && !failure) {
        const k = inGroup[cursor++];
        readAhead(todo.indexOf(k));
        try {
          const batch = await reads.get(k)!;
          reads.delete(k);
          await write(k, batch);
        } catch (error) {
          failure ??= error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, inGroup.length) }, worker));
  }
  if (failure) throw failure;
  const millis = Date.now() - started;
  return { resumedAt: start, batches: options.batches, rows, millis, rowsPerSecond: rows / Math.max(0.001, millis / 1000) };
}

/**
 * Entities deleted per transaction. 10,000 firms with their relations and index rows made one
 * transaction of ~520,000 commands, whose state a small heap (the 768 MiB default of the embedded
 * Neo4j, after long use) could not hold; 2,000 keep each one a fifth of that.
 */
const REMOVE_BATCH = 2_000;

/** Kinds in deletion order: firms (few relations each) first, so no transaction deletes a hub's thousands at once. */
export async function bulkRemove(db: GraphDb, options: { runId: string; origin: string; kinds: readonly EntityKind[]; batch?: number; log?: Log }): Promise<number> {
  const log = options.log ?? (() => {});
  const batch = options.batch ?? REMOVE_BATCH;
  let total = 0;
  for (const kind of options.kinds) {
    for (;;) {
      let removed = 0;
      await db.writeAll(`bulk remove ${kind}`, async (run) => {
        // Firms of other layers placed in (or under) a place about to go: their index is rewritten without it.
        const [doomed] = await run(Q.bulkRemoveNext, { kind, origin: options.origin, batch });
        const touched = kind === 'Place' && doomed.ids.length ? await firmsTouched(run, doomed.ids.map((from) => ({ type: 'WITHIN', from }))) : [];
        // Producers of other layers making (a kind of) a product about to go, or placed at a place about to go:
        // their producer index is rewritten without it.
        const producers = !doomed.ids.length ? [] : kind === 'Product' ? await producersOfProducts(run, doomed.ids) : kind === 'Place' ? await producersAtPlaces(run, doomed.ids) : [];
        const [row] = await run(Q.bulkRemoveBatch, { ids: doomed.ids });
        removed = Number(row?.removed ?? 0);
        const gone = new Set(doomed.ids);
        await refreshAreaIndex(run, touched.filter((id) => !gone.has(id)));
        await refreshProducerRanks(run, producers.filter((id) => !gone.has(id)));
      });
      total += removed;
      if (Number(removed) > 0) log(`${options.runId}: removed ${total.toLocaleString('en')} entities (${kind})`);
      if (Number(removed) < batch) break;
    }
  }
  await db.write(Q.bulkRemoveState, { runId: options.runId });
  return total;
}
