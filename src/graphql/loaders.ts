import DataLoader from 'dataloader';
import { z } from 'zod';
import type { GraphDb } from '../db/graph.js';
import { evidenceOf, toNode, type EvidenceRow, type NodeRow } from '../services/rows.js';

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

export const DocumentRowModel = z
  .object({ id: z.string(), title: z.string(), publisher: z.string().nullish().transform((v) => v ?? null), date: z.string().nullish().transform((v) => v ?? null) })
  .passthrough();
export type DocumentRow = z.infer<typeof DocumentRowModel>;

/** Per-request batching: nested fields of any list cost one round trip per level, whatever the list size. */
export function createLoaders(db: GraphDb) {
  return {
    details: new DataLoader<string, EntityDetail | null>(async (ids) => {
      const rows = await db.read('entityDetails', { ids: [...ids] });
      const byId = new Map(
        rows.map((r) => [
          String(r.id),
          {
            node: toNode(r.node),
            relations: (r.relations as { direction: 'in' | 'out'; type: string; props: Record<string, unknown>; other: unknown }[]).map((rel) => ({
              direction: rel.direction,
              type: rel.type,
              props: rel.props,
              other: toNode(rel.other),
              evidence: evidenceOf(rel.props),
            })),
            ancestors: (r.ancestors as unknown[]).map(toNode),
          },
        ]),
      );
      return ids.map((id) => byId.get(id) ?? null);
    }),
    nodes: new DataLoader<string, NodeRow | null>(async (ids) => {
      const rows = await db.read('entitiesByIds', { ids: [...ids] });
      const byId = new Map(rows.map((r) => toNode(r.node)).map((n) => [n.id, n]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    documents: new DataLoader<string, DocumentRow | null>(async (ids) => {
      const rows = await db.read('documentsByIds', { ids: [...ids] });
      const byId = new Map(rows.map((r) => DocumentRowModel.parse(r.document)).map((d) => [d.id, d]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
