import type { GraphDb, RunInTransaction } from '../db/graph.js';
import { Q } from '../db/queries.js';
import { rebuildInPages } from '../db/rebuild.js';

/**
 * The producer index (cypher/producers.cypher) kept true by every writer of PRODUCES, KIND_OF,
 * LOCATED_IN, a project's status or `superseded`, inside the writer's own transaction. A PRODUCES or
 * LOCATED_IN touches its producer (the rows carry the production's place); a KIND_OF (made, removed
 * or retracted) from a product touches every producer of that product and of its kinds; a place that
 * goes touches the producers placed there (producersAtPlaces). The rows are written by one Cypher
 * block only (refreshProducerRanks).
 */
export interface RankChange {
  type: string;
  from: string;
}

/** Relation types whose writes change a chain step's producers or where they are. */
export const RANK_TYPES: readonly string[] = ['PRODUCES', 'KIND_OF', 'LOCATED_IN'];

/** The producers the changes touch (ids; ids that are gone are skipped by refreshProducerRanks). */
export async function producersTouched(run: RunInTransaction, changes: RankChange[]): Promise<string[]> {
  const producerIds = new Set(changes.filter((c) => c.type === 'PRODUCES' || c.type === 'LOCATED_IN').map((c) => c.from));
  const productIds = [...new Set(changes.filter((c) => c.type === 'KIND_OF').map((c) => c.from))];
  if (productIds.length) for (const id of await producersOfProducts(run, productIds)) producerIds.add(id);
  return [...producerIds];
}

/** Producers of these products or of their kinds, and those the index holds at them (before a product goes). */
export async function producersOfProducts(run: RunInTransaction, productIds: string[]): Promise<string[]> {
  if (!productIds.length) return [];
  return (await run(Q.producersOfProducts, { productIds }))[0]?.producerIds ?? [];
}

/** Producers whose production may be placed at these places (before the places go). */
export async function producersAtPlaces(run: RunInTransaction, placeIds: string[]): Promise<string[]> {
  if (!placeIds.length) return [];
  return (await run(Q.producersAtPlaces, { placeIds }))[0]?.producerIds ?? [];
}

/** Rewrites the index rows of these producers from their current productions; returns how many producers. */
export async function refreshProducerRanks(run: RunInTransaction, producerIds: Iterable<string>): Promise<number> {
  const ids = [...new Set(producerIds)];
  if (!ids.length) return 0;
  const [row] = await run(Q.refreshProducerRanks, { producerIds: ids, placeAncestry: false });
  return Number(row?.refreshed ?? 0);
}

/** Both steps, for a writer that knows the relations it wrote. */
export async function refreshRanksAfter(run: RunInTransaction, changes: RankChange[]): Promise<number> {
  const relevant = changes.filter((c) => RANK_TYPES.includes(c.type));
  return relevant.length ? refreshProducerRanks(run, await producersTouched(run, relevant)) : 0;
}

/**
 * Rewrites the whole index, a page of producers per transaction (a repair, a store written before the
 * index existed, or after writes that went around the writers, as test fixtures do). Returns the number
 * of producers refreshed.
 */
export async function rebuildProducerRanks(db: GraphDb, options: { batch?: number; log?: (line: string) => void } = {}): Promise<number> {
  return rebuildInPages(db, { label: 'producer index', noun: 'producers', page: Q.rankProducerPage, refresh: refreshProducerRanks }, options);
}

/**
 * Brings a store's producer index up to this version's rows, once: a store whose productions were
 * written before the index existed (no row at all), or before its rows carried the production's place
 * (rows, and no IndexState marker), is rebuilt — without it every chain step would show no producer, or
 * chainGaps no candidate. A store with no row yet is only marked: every writer now writes placeId.
 * Run at start, before anything writes (main, the seed and synth commands). Returns the producers rewritten.
 */
export async function ensureProducerRanks(db: GraphDb, log: (line: string) => void = () => {}): Promise<number> {
  const [state] = await db.read(Q.rankIndexState, {});
  // Marked, and rows exist wherever productions do: nothing to do (no row at all is rebuilt whatever the mark).
  if (!state || (state.placed && (state.ranks > 0 || state.produces === 0))) return 0;
  let rewritten = 0;
  if (state.produces > 0) {
    log(state.ranks > 0
      ? `producer index: written before its rows carried the production's place; rebuilding it for ${state.produces.toLocaleString('en')} productions`
      : `producer index: none yet for ${state.produces.toLocaleString('en')} productions; building it`);
    rewritten = await rebuildProducerRanks(db, { log });
  }
  await db.write(Q.producerIndexPlaced, {});
  return rewritten;
}
