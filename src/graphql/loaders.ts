import DataLoader from 'dataloader';
import type { GraphDb } from '../db/graph.js';
import { Q } from '../db/queries.js';
import type { DocumentRow } from '../db/models.js';
import { evidenceOf, type EvidenceRow, type NodeRow } from '../services/rows.js';

export interface RelationOfEntity {
  direction: 'in' | 'out';
  type: string;
  props: Record<string, unknown>;
  other: NodeRow;
  evidence: EvidenceRow[];
}

export interface EntityDetail {
  node: NodeRow;
  relations: RelationOfEntity[];
  ancestors: NodeRow[];
}

export type { DocumentRow } from '../db/models.js';

/** Per-request batching: nested fields of any list cost one round trip per level, whatever the list size. */
export function createLoaders(db: GraphDb) {
  return {
    details: new DataLoader<string, EntityDetail | null>(async (ids) => {
      const rows = await db.read(Q.entityDetails, { ids: [...ids] });
      const byId = new Map(
        rows.map((r) => [
          r.id,
          {
            node: r.node,
            relations: r.relations.map((rel) => ({ ...rel, evidence: evidenceOf(rel.props) })),
            ancestors: r.ancestors,
          },
        ]),
      );
      return ids.map((id) => byId.get(id) ?? null);
    }),
    nodes: new DataLoader<string, NodeRow | null>(async (ids) => {
      const rows = await db.read(Q.entitiesByIds, { ids: [...ids] });
      const byId = new Map(rows.map((r) => [r.node.id, r.node]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    documents: new DataLoader<string, DocumentRow | null>(async (ids) => {
      const rows = await db.read(Q.documentsByIds, { ids: [...ids] });
      const byId = new Map(rows.map((r) => r.document).map((d) => [d.id, d]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
