import type { GraphDb } from '../db/graph.js';
import { BadInputError } from './errors.js';
import { Q } from '../db/queries.js';
import { EVERYTHING, type EdgeRow, type NodeRow, type Selection } from './rows.js';
import { askResolved, type NameToResolve } from './resolve.js';

export const MAX_HOPS = 8;
export const MAX_DEPTH = 3;
export const MAX_NEIGHBOURHOOD = 500;

export interface PathRow {
  nodes: NodeRow[];
  edges: EdgeRow[];
}

/**
 * Shortest paths between two named entities, the names resolved in the same round trip (askResolved).
 */
export async function shortestPaths(db: GraphDb, from: NameToResolve, to: NameToResolve, maxHops: number, select: Selection = EVERYTHING): Promise<PathRow[]> {
  const { nodes, answer } = await askResolved(
    db,
    [from, to],
    async (names) => (await db.read(Q.shortestPaths, { names, maxHops, limit: 20, ...select }))[0],
    () => {
      if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > MAX_HOPS) throw new BadInputError('maxHops', `must be between 1 and ${MAX_HOPS}`);
    },
  );
  if (nodes[0].id === nodes[1].id) return [{ nodes: [nodes[0]], edges: [] }];
  return answer.paths.map((r) => ({ nodes: r.nodes, edges: withEnds(r.relations, r.nodes) }));
}

/** Each relation as its edge ([type, from, to, props] as SelectedRelationModel reads it), with the end nodes the query already read, so edge resolvers need no second trip. */
function withEnds(relations: [type: string, from: string, to: string, props: Record<string, unknown>][], nodes: NodeRow[]): EdgeRow[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  // One object per edge, built field by field: a spread copy of each relation was a tenth of a 500-node neighbourhood's CPU.
  return relations.map(([type, from, to, props]) => ({ type, from, to, props, fromNode: byId.get(from), toNode: byId.get(to) }));
}

export interface SubgraphRow {
  nodes: NodeRow[];
  edges: EdgeRow[];
  totalNodes: number;
  truncated: boolean;
}

/**
 * The entities within `depth` hops, ranked by distance then id and cut to `limit` inside the query,
 * with every relation among the kept ones (the outermost ring's own links included): one round trip,
 * the centre's name resolved in it (askResolved).
 */
export async function neighbourhood(db: GraphDb, centre: NameToResolve, depth: number, limit: number, select: Selection = EVERYTHING): Promise<SubgraphRow> {
  const { answer: row } = await askResolved(
    db,
    [centre],
    async (names) => (await db.read(Q.neighbourhood, { names, depth, limit, ...select }))[0],
    () => {
      if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) throw new BadInputError('depth', `must be between 1 and ${MAX_DEPTH}`);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_NEIGHBOURHOOD) throw new BadInputError('limit', `must be between 1 and ${MAX_NEIGHBOURHOOD}`);
    },
  );
  return { nodes: row.nodes, edges: withEnds(row.relations, row.nodes), totalNodes: row.total, truncated: row.total > limit };
}
