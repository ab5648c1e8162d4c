import type { GraphDb } from '../db/graph.js';
import { checkFirst, decodeCursor, pageOf, type Page } from './paging.js';
import { evidenceOf, str, toNode, type EvidenceRow, type NodeRow } from './rows.js';

export interface PlacementRow {
  firm: NodeRow;
  place: NodeRow;
  role: string | null;
  status: string | null;
  evidence: EvidenceRow[];
}

export async function firmsIn(
  db: GraphDb,
  args: { placeId: string; includeSubareas: boolean; first: number; after?: string | null },
): Promise<Page<PlacementRow>> {
  checkFirst(args.first);
  const offset = decodeCursor(args.after);
  const [row] = await db.read('firmsInPlace', { placeId: args.placeId, includeSubareas: args.includeSubareas, offset, first: args.first });
  const page = (row?.page as { firm: unknown; place: unknown; rel: Record<string, unknown> }[]) ?? [];
  return pageOf(
    page.map((r) => ({ firm: toNode(r.firm), place: toNode(r.place), role: str(r.rel.role), status: str(r.rel.status), evidence: evidenceOf(r.rel) })),
    offset,
    Number(row?.total ?? 0),
  );
}

export async function projectsIn(db: GraphDb, placeId: string | null, includeSubareas: boolean): Promise<NodeRow[]> {
  const rows = await db.read('projectsInPlace', { placeId, includeSubareas });
  return rows.map((r) => toNode(r.node));
}

export async function industrialBases(db: GraphDb): Promise<NodeRow[]> {
  return (await db.read('industrialBases')).map((r) => toNode(r.node));
}

export interface PolicyRelevanceRow {
  policy: NodeRow;
  via: NodeRow;
  inherited: boolean;
  evidence: EvidenceRow[];
}

export async function policiesConcerning(db: GraphDb, id: string): Promise<PolicyRelevanceRow[]> {
  const rows = await db.read('policiesConcerning', { id });
  return rows.map((r) => ({
    policy: toNode(r.policy),
    via: toNode(r.via),
    inherited: Boolean(r.inherited),
    evidence: evidenceOf(r.rel as Record<string, unknown>),
  }));
}
