import type { GraphDb } from '../db/graph.js';
import { Q } from '../db/queries.js';

export interface Health {
  status: 'ok' | 'unavailable';
  neo4j: { version: string | null; edition: string | null; nodes: number; relationships: number; entitiesByKind: Record<string, number> };
  error?: string;
}

export async function health(db: GraphDb): Promise<Health> {
  try {
    const [[info], [counts], [byKind]] = await Promise.all([db.read(Q.serverInfo, {}), db.read(Q.graphCounts, {}), db.read(Q.graphCountsByKind, {})]);
    return {
      status: 'ok',
      neo4j: {
        version: String(info.version),
        edition: String(info.edition),
        nodes: Number(counts.nodes),
        relationships: Number(counts.relationships),
        entitiesByKind: Object.fromEntries(byKind.nodeRows.map((r) => [r.key, r.count])),
      },
    };
  } catch (error) {
    return { status: 'unavailable', neo4j: { version: null, edition: null, nodes: 0, relationships: 0, entitiesByKind: {} }, error: (error as Error).message.split('\n')[0] };
  }
}
