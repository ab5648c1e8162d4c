import type { GraphDb, RunInTransaction } from '../db/graph.js';
import { Q } from '../db/queries.js';
import { rebuildInPages } from '../db/rebuild.js';

/**
 * The area index (cypher/areas.cypher) kept true by every writer of LOCATED_IN and WITHIN, inside the
 * writer's own transaction. A LOCATED_IN from a firm touches that firm; a WITHIN (made, removed or
 * retracted) from a place touches every firm in that place's subtree. The rows are written by one
 * Cypher block only (refreshAreaIndex).
 */
export interface AreaChange {
  type: string;
  from: string;
}

/** Relation types whose writes move firms between areas. */
export const AREA_TYPES: readonly string[] = ['LOCATED_IN', 'WITHIN'];

export const touchesAreas = (type: string): boolean => AREA_TYPES.includes(type);

/** The firms the changes touch (ids; non-firms are skipped by refreshAreaIndex). */
export async function firmsTouched(run: RunInTransaction, changes: AreaChange[]): Promise<string[]> {
  const firmIds = new Set(changes.filter((c) => c.type === 'LOCATED_IN').map((c) => c.from));
  const placeIds = [...new Set(changes.filter((c) => c.type === 'WITHIN').map((c) => c.from))];
  if (placeIds.length) for (const id of (await run(Q.areaFirmsUnder, { placeIds }))[0]?.firmIds ?? []) firmIds.add(id);
  return [...firmIds];
}

/** Rewrites the index rows of these firms from their current placements; returns how many firms. */
export async function refreshAreaIndex(run: RunInTransaction, firmIds: Iterable<string>): Promise<number> {
  const ids = [...new Set(firmIds)];
  if (!ids.length) return 0;
  const [row] = await run(Q.refreshAreaIndex, { firmIds: ids });
  return Number(row?.refreshed ?? 0);
}

/** Both steps, for a writer that knows the relations it wrote. */
export async function refreshAreasAfter(run: RunInTransaction, changes: AreaChange[]): Promise<number> {
  const relevant = changes.filter((c) => touchesAreas(c.type));
  return relevant.length ? refreshAreaIndex(run, await firmsTouched(run, relevant)) : 0;
}

/**
 * Rewrites the whole index, a page of firms per transaction (a repair, or after writes that went
 * around the writers, as test fixtures do). Returns the number of firms refreshed.
 */
export async function rebuildAreaIndex(db: GraphDb, options: { batch?: number; log?: (line: string) => void } = {}): Promise<number> {
  return rebuildInPages(db, { label: 'area index', noun: 'firms', page: Q.areaFirmPage, refresh: refreshAreaIndex }, options);
}
