import type { GraphDb } from '../db/graph.js';
import { BadInputError } from './errors.js';
import { toNode, type EdgeRow, type NodeRow } from './rows.js';

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
  const rows = await db.read('shortestPaths', { fromId: from.id, toId: to.id, maxHops, limit: 20 });
  return rows.map((r) => {
    const nodes = (r.nodes as unknown[]).map(toNode);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const edges = (r.relations as { type: string; from: string; to: string; props: Record<string, unknown> }[]).map((e) => ({
      ...e,
      fromNode: byId.get(e.from),
      toNode: byId.get(e.to),
    }));
    return { nodes, edges };
  });
}

export interface SubgraphRow {
  nodes: NodeRow[];
  edges: EdgeRow[];
  totalNodes: number;
  truncated: boolean;
}

/**
 * Breadth-first, one round trip per level (depth ≤ 3), nearest entities kept first when over the limit,
 * then one more for every relation among the kept entities (the outermost ring's own links included).
 */
export async function neighbourhood(db: GraphDb, centre: NodeRow, depth: number, limit: number): Promise<SubgraphRow> {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) throw new BadInputError('depth', `must be between 1 and ${MAX_DEPTH}`);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_NEIGHBOURHOOD) throw new BadInputError('limit', `must be between 1 and ${MAX_NEIGHBOURHOOD}`);
  const order: NodeRow[] = [centre];
  const seen = new Set([centre.id]);
  let frontier = [centre.id];
  for (let level = 0; level < depth && frontier.length; level++) {
    const rows = await db.read('neighbours', { ids: frontier });
    const next: string[] = [];
    for (const r of rows) {
      const other = toNode(r.other);
      if (seen.has(other.id)) continue;
      seen.add(other.id);
      order.push(other);
      next.push(other.id);
    }
    frontier = next;
  }
  const kept = order.slice(0, limit);
  const keptById = new Map(kept.map((n) => [n.id, n]));
  const edges = await db.read('relationsAmong', { ids: kept.map((n) => n.id) });
  return {
    nodes: kept,
    edges: edges.map((e) => ({
      type: String(e.type),
      from: String(e.from),
      to: String(e.to),
      props: e.props as Record<string, unknown>,
      fromNode: keptById.get(String(e.from)),
      toNode: keptById.get(String(e.to)),
    })),
    totalNodes: order.length,
    truncated: order.length > limit,
  };
}
