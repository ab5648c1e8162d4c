import type { GraphDb } from '../db/graph.js';
import { FACT_GROUPS, Q } from '../db/queries.js';
import { RELATION_TYPES } from '../seed/model.js';
import { BadInputError } from './errors.js';
import { decodeKeyCursor, keysetPageOf, type Page, type SortKeyShape } from './paging.js';
import type { NodeRow, Selection } from './rows.js';

/**
 * An entity's facts, one page at a time (Entity.relationsConnection) or as a bounded list
 * (Entity.relations: the first page). The order, one rule for both and for the entity's details:
 * outgoing before incoming, then relation type, then the other end's id, then the relation key.
 * Each (direction, type) pair is a group (FACT_GROUPS in src/db/queries.ts) that Neo4j expands on
 * its own, so a filter by type or direction reads only those relationships.
 */
export interface FactOfEntity {
  direction: 'in' | 'out';
  type: string;
  key: string;
  props: Record<string, unknown>;
  other: NodeRow;
}

export type RelationDirection = 'in' | 'out';

/** The facts asked for: types (null: every fact type) and a direction (null: both). */
export interface RelationFilter {
  types: string[] | null;
  direction: RelationDirection | null;
}

/** Entity.relations: the first `first` facts; the default keeps the curated graph's lists whole (贵州省 has 216). */
export const RELATIONS_LIST_DEFAULT = 250;
export const RELATIONS_LIST_MAX = 1000;
/** Entity.relationsConnection: pages of 1…100 (MAX_PAGE), 20 by default. */
export const RELATIONS_PAGE_DEFAULT = 20;

/**
 * The cursor: [group rank, other end's id, relation key, the row's index in its group]. The first
 * three are the keyset (the next page starts after them, whatever was added or removed before); the
 * index only tells the page how many of the group's rows earlier pages held, so that it expands the
 * groups that follow only when the rest of this one cannot fill the page.
 */
const CURSOR: SortKeyShape = ['number', 'string', 'string', 'number'];

export function checkRelationFilter(filter: RelationFilter): void {
  for (const type of filter.types ?? []) {
    if (!(RELATION_TYPES as readonly string[]).includes(type)) {
      throw new BadInputError('types', `unknown relation type "${type.slice(0, 60)}"; one of ${RELATION_TYPES.join(', ')}`);
    }
  }
}

export function checkListFirst(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > RELATIONS_LIST_MAX) throw new BadInputError('first', `must be between 1 and ${RELATIONS_LIST_MAX}`);
}

interface Cursor {
  rank: number;
  afterId: string;
  afterKey: string;
  index: number;
}

export function decodeRelationCursor(after: string | null | undefined): Cursor | null {
  const key = decodeKeyCursor(after, CURSOR);
  if (!key) return null;
  const [rank, afterId, afterKey, index] = key as [number, string, string, number];
  if (!Number.isInteger(rank) || rank < 0 || rank >= FACT_GROUPS.length || !Number.isInteger(index) || index < 0) {
    throw new BadInputError('after', 'not a cursor returned by this API');
  }
  return { rank, afterId, afterKey, index };
}

/** The groups a page reads, in order, from the cursor's group on (that one resumes after the cursor). */
export function relationGroups(filter: RelationFilter, cursor: Cursor | null) {
  return FACT_GROUPS.flatMap((g, rank) => {
    if ((filter.direction && g.direction !== filter.direction) || (filter.types && !filter.types.includes(g.type))) return [];
    if (cursor && rank < cursor.rank) return [];
    const resumes = cursor !== null && rank === cursor.rank;
    return [{ rank, direction: g.direction, type: g.type, afterId: resumes ? cursor.afterId : null, afterKey: resumes ? cursor.afterKey : null, skip: resumes ? cursor.index + 1 : 0 }];
  });
}

type Group = ReturnType<typeof relationGroups>[number];
const rankOf = (f: { direction: string; type: string }) => FACT_GROUPS.findIndex((g) => g.direction === f.direction && g.type === f.type);

/**
 * One page of facts for each id (the same page arguments and selection: a loader's batch), in one
 * round trip. A group's degree counts superseded facts too, which are not served: when they leave a
 * page short, the groups it read are exhausted, and those ids are asked again for the groups after them.
 */
export async function relationPages(
  db: GraphDb,
  ids: string[],
  args: { first: number; after: string | null; filter: RelationFilter },
  select: Selection,
  count: (id: string) => Promise<number>,
): Promise<Map<string, Page<FactOfEntity>>> {
  const cursor = decodeRelationCursor(args.after);
  const limit = args.first + 1;
  const rows = new Map<string, { value: FactOfEntity; sortKey: (string | number)[] }[]>(ids.map((id) => [id, []]));
  let pending = new Map<string, Group[]>(ids.map((id) => [id, relationGroups(args.filter, cursor)]));
  while (pending.size > 0) {
    // Ids with the same groups to read and rows to fill share a trip (the first round: all of them).
    const trips = new Map<string, { groups: Group[]; need: number; ids: string[] }>();
    for (const [id, groups] of pending) {
      const need = limit - rows.get(id)!.length;
      const signature = JSON.stringify([groups, need]);
      const trip = trips.get(signature) ?? { groups, need, ids: [] };
      trip.ids.push(id);
      trips.set(signature, trip);
    }
    const next = new Map<string, Group[]>();
    for (const { groups, need, ids: batch } of trips.values()) {
      if (groups.length === 0) continue;
      for (const row of await db.read(Q.entityRelationPage, { ids: batch, groups, limit: need, ...select })) {
        const page = rows.get(row.id)!;
        const seen = new Map<number, number>();
        for (const fact of row.relations) {
          const group = groups.find((g) => g.rank === rankOf(fact))!;
          const index = group.skip + (seen.get(group.rank) ?? 0);
          seen.set(group.rank, (seen.get(group.rank) ?? 0) + 1);
          page.push({ value: fact, sortKey: [group.rank, fact.other.id, fact.key, index] });
        }
        if (row.relations.length < need && row.groupsRead < groups.length) next.set(row.id, groups.slice(row.groupsRead));
      }
    }
    pending = next;
  }
  return new Map(ids.map((id) => [id, keysetPageOf(rows.get(id)!, args.first, () => count(id))]));
}

/** The number of current facts each id has in the filter's groups (a page's totalCount, counted only when asked). */
export async function relationCounts(db: GraphDb, ids: string[], filter: RelationFilter): Promise<Map<string, number>> {
  const whole = filter.types === null && filter.direction === null;
  const rows = await db.read(Q.entityRelationCount, { ids, groups: relationGroups(filter, null), whole });
  return new Map(rows.map((r) => [r.id, r.total]));
}

/** Every fact of an entity, both ways. */
export const EVERY_RELATION: RelationFilter = { types: null, direction: null };

/**
 * Plans the relation page and count statements before the first request needs them: each names all
 * 38 groups, and planning it takes a few seconds on this machine (once: Neo4j caches the plan by text
 * and parameter types). Asked for an id that does not exist, so nothing is read.
 */
export async function planRelationQueries(db: GraphDb): Promise<void> {
  const groups = relationGroups(EVERY_RELATION, null);
  // Every selection shape (null: every property; an empty or a named list), as the plan cache tells parameter types apart.
  for (const relFields of [null, [], ['key']]) {
    await db.read(Q.entityRelationPage, { ids: ['(planning)'], groups, limit: 1, fields: relFields && ['id'], relFields });
  }
  await db.read(Q.entityRelationCount, { ids: ['(planning)'], groups, whole: false });
}
