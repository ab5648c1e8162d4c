import type { GraphDb } from '../db/graph.js';
import { BadInputError } from './errors.js';
import { Q } from '../db/queries.js';
import type { EdgeRow, NodeRow } from './rows.js';

export const MAX_HOPS = 8;
export const MAX_DEPTH = 3;
export const MAX_NEIGHBOURHOOD = 500;

export interface PathRow {
  nodes: NodeRow[];
  edges: EdgeRow[];
}

export async function shortestPaths(db: GraphDb, from: NodeRow, to: NodeRow, maxHops: number): Promise<PathRow[]> {
  if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > MAX_HOPS) throw new BadInputError('maxHops', `must be between 1 and ${MAX_HOPS}`);
  if (from.id === to.id) return [{ nodes: [from], edges: [] }];
  const rows = await db.read(Q.shortestPaths, { fromId: from.id, toId: to.id, maxHops, limit: 20 });
  return rows.map((r) => ({ nodes: r.nodes, edges: withEnds(r.relations, r.nodes) }));
}

/** Attaches the end nodes the query already read, so edge resolvers need no second trip. */
function withEnds(relations: Omit<EdgeRow, 'fromNode' | 'toNode'>[], nodes: NodeRow[]): EdgeRow[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return relations.map((e) => ({ ...e, fromNode: byId.get(e.from), toNode: byId.get(e.to) }));
}

export interface SubgraphRow {
  nodes: NodeRow[];
  edges: EdgeRow[];
  totalNodes: number;
  truncated: boolean;
}

/**
 * The entities within `depth` hops, ranked by distance then id and cut to `limit` inside the query,
 * with every relation among the kept ones (the outermost ring's own links included): one round trip.
 */
export async function neighbourhood(db: GraphDb, centre: NodeRow, depth: number, limit: number): Promise<SubgraphRow> {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) throw new BadInputError('depth', `must be between 1 and ${MAX_DEPTH}`);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_NEIGHBOURHOOD) throw new BadInputError('limit', `must be between 1 and ${MAX_NEIGHBOURHOOD}`);
  const [row] = await db.read(Q.neighbourhood, { id: centre.id, depth, limit });
  if (!row) return { nodes: [centre], edges: [], totalNodes: 1, truncated: false };
  return { nodes: row.nodes, edges: withEnds(row.relations, row.nodes), totalNodes: row.total, truncated: row.total > limit };
}
