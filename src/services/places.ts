import type { GraphDb } from '../db/graph.js';
import { Q } from '../db/queries.js';
import { checkFirst, decodeKeyCursor, keysetPageOf, readWindow, type Page } from './paging.js';
import { citing, EVERYTHING, evidenceOf, type Cite, type EvidenceRow, type NodeRow, type Selection } from './rows.js';
import { askResolved, checkText, exactId, exactName, resolveName, type NameToResolve } from './resolve.js';

/** firmsInPlace's sort key: one string (areaSortKey in cypher/areas.cypher: firm name, place name, role, relation key). */
const FIRMS_IN_KEY = ['string'] as const;

export interface PlacementRow {
  firm: NodeRow;
  place: NodeRow;
  role: string | null;
  status: string | null;
  evidence: EvidenceRow[];
  /** The firm's every current placement, when the page brought them (firmsIn's `placements` option). */
  placements?: FirmPlacementRead[];
}

/** A firm's placement as Firm.placements serves it (placementsOf in cypher/places.cypher); `ancestors` [] unless asked. */
export interface FirmPlacementRead {
  place: NodeRow;
  role: string | null;
  status: string | null;
  evidence: EvidenceRow[];
  ancestors: NodeRow[];
}
type PlacementRel = { role?: string | null; status?: string | null; evDocs?: unknown; evQuotes?: unknown; evNotes?: unknown };
/** A LOCATED_IN row (its place and relation) as a placement: the role, status and evidence rule, once. */
const placementOf = (p: { place: NodeRow; rel: PlacementRel }) => ({ place: p.place, role: p.rel.role ?? null, status: p.rel.status ?? null, evidence: evidenceOf(p.rel) });
export const toPlacement = (p: { place: NodeRow; rel: PlacementRel; ancestors: NodeRow[] }): FirmPlacementRead => ({ ...placementOf(p), ancestors: p.ancestors });

/**
 * One keyset page of the firms in a place, the place resolved in the same round trip (exact names
 * and ids; any other name costs the usual resolveName first). The total is counted in the page's own
 * trip when the caller knows it is wanted (`withTotal`); otherwise by its own COUNT query, only if asked.
 */
export async function firmsIn(
  db: GraphDb,
  args: { place: string; includeSubareas: boolean; first: number; after?: string | null; withTotal?: boolean },
  select: Selection = EVERYTHING,
  brought: {
    // Each firm's placements (and their places' ancestors) in the same trip, for Firm.placements: null, not brought.
    placements?: { ancestors: boolean } | null;
    // The documents the placements' evidence cites, when the selection reads them (withDocuments).
    cite?: Cite;
  } = {},
): Promise<Page<PlacementRow>> {
  const placements = brought.placements ?? null;
  checkFirst(args.first);
  checkText('place', args.place);
  const after = (decodeKeyCursor(args.after, FIRMS_IN_KEY)?.[0] as string | undefined) ?? null;
  const withTotal = args.withTotal ?? false;
  const ask = async (place: { raw: string; key: string; kind: 'Place' }) =>
    (await db.read(Q.firmsInPlace, { ...place, includeSubareas: args.includeSubareas, after, first: readWindow(args.first), withTotal, withCursors: select.cursors !== false, withPlacements: placements !== null, withAncestors: placements?.ancestors ?? false, ...select, ...citing(select) }))[0];
  let answer = await ask(exactName(args.place, 'Place'));
  if (!answer?.placeId) {
    const place = await resolveName(db, { argument: 'place', name: args.place, kind: 'Place' });
    answer = await ask(exactId(place.id, 'Place'));
  }
  const placeId = answer.placeId!;
  brought.cite?.(answer.documents);
  const count = async () => (await db.read(Q.firmsInPlaceCount, { ...exactId(placeId, 'Place'), includeSubareas: args.includeSubareas, withTotal: true }))[0]?.total ?? 0;
  return keysetPageOf(
    answer.page.map((r) => ({
      sortKey: r.sortKey === null ? null : [r.sortKey],
      value: { firm: r.firm, ...placementOf(r), ...(placements ? { placements: r.placements.map(toPlacement) } : {}) },
    })),
    args.first,
    answer.total ?? count,
  );
}

/** Projects in a named place (or its sub-areas; every project when `place` is null), the place resolved in the same round trip. */
export async function projectsIn(db: GraphDb, place: NameToResolve | null, includeSubareas: boolean): Promise<NodeRow[]> {
  const { answer } = await askResolved(db, place ? [place] : [], async (names) => (await db.read(Q.projectsInPlace, { names, includeSubareas }))[0]);
  return answer.projects;
}

export async function industrialBases(db: GraphDb): Promise<NodeRow[]> {
  return (await db.read(Q.industrialBases, {})).map((r) => r.node);
}

export interface PolicyRelevanceRow {
  policy: NodeRow;
  via: NodeRow;
  inherited: boolean;
  evidence: EvidenceRow[];
}

/** Policies concerning a named entity (resolved in the same round trip), with the node each reaches it through. */
export async function policiesConcerning(
  db: GraphDb,
  concerning: NameToResolve,
  select: Selection = EVERYTHING,
  // The documents the relevances' evidence cites, when the selection reads them (withDocuments).
  cite: Cite = () => {},
): Promise<PolicyRelevanceRow[]> {
  // The relevances' evidence only when a selection reads it (sources): the relation has nothing else to read.
  const withEvidence = select.relFields === null || select.relFields.includes('evDocs');
  const { answer } = await askResolved(db, [concerning], async (names) => (await db.read(Q.policiesConcerning, { names, fields: select.fields, withEvidence, ...citing(select) }))[0]);
  cite(answer.documents);
  const nodes = new Map(answer.nodes.map((n) => [n.id, n]));
  return answer.rows.map((r) => ({ policy: nodes.get(r.policy)!, via: nodes.get(r.via)!, inherited: r.inherited, evidence: evidenceOf(r.rel) }));
}
