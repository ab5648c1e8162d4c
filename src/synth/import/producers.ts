import { ancestry } from './ancestry.js';
import { rankKey } from '../../producers/rank-key.js';

/**
 * The maintained producer index, as the online writers keep it (refreshProducerRanks in
 * cypher/producers.cypher), for the offline import: for each current (non-superseded) PRODUCES r of
 * producer f to product m, one (f)-[:PRODUCER_RANK {stepId, rankKey, production, status, placeId}]->(s)
 * for each product s on m's KIND_OF*0..3 chain (m included). test/import.int.test.ts asserts that both
 * give the same rows.
 */
export const KIND_DEPTH = 3;

export interface RankLink {
  from: string;
  to: string;
  props: { stepId: string; rankKey: string; production: string; status: string; placeId: string };
}

export interface Production {
  key: string;
  status?: string | null;
  capacity?: number | null;
  superseded?: boolean;
  /** The place the production states as its site (PRODUCES.at), if any. */
  at?: string | null;
}

/** A firm's placement, as productionPlace (cypher/chains.cypher) reads it: every LOCATED_IN, superseded or not. */
export interface Placement {
  placeId: string;
  role: string | null;
}

/** Roles that name where a firm produces: productionPlace prefers them, then the place id. */
const PRODUCTION_ROLES = ['production_base', 'plant', 'site'];

/**
 * The production place of a firm's production (productionPlace's rule for a firm whose site is not
 * marked unstated): the stated site, else the firm's placement with a production role first, then by
 * place id; '' when it has none. Stated sites are known places in the synthetic layer.
 */
export function productionPlaceId(production: Production, placements: Placement[]): string {
  if (production.at) return production.at;
  let best: Placement | null = null;
  const rank = (p: Placement) => (p.role !== null && PRODUCTION_ROLES.includes(p.role) ? 0 : 1);
  for (const p of placements) if (!best || rank(p) < rank(best) || (rank(p) === rank(best) && p.placeId < best.placeId)) best = p;
  return best?.placeId ?? '';
}

/** Products and their KIND_OF parents, filled as the product batches stream by. */
export class KindTree {
  private readonly parents = new Map<string, string[]>();

  // A superseded KIND_OF still counts, as in the Cypher rule (the chain ignores `superseded` on KIND_OF).
  kindOf(child: string, parent: string): void {
    this.parents.set(child, [...(this.parents.get(child) ?? []), parent]);
  }
  /** m and every distinct product reachable by 1…KIND_DEPTH KIND_OF hops. */
  chain(id: string): string[] {
    return ancestry(this.parents, id, KIND_DEPTH);
  }
}

/** The PRODUCER_RANK rows of one production by a firm (a firm's production without a status operates). */
export function producerRankLinks(producerId: string, madeId: string, production: Production, placements: Placement[], tree: KindTree): RankLink[] {
  if (production.superseded) return [];
  const status = production.status ?? 'operating';
  const key = rankKey({ status, capacity: production.capacity ?? null, producerId, madeId, key: production.key });
  const placeId = productionPlaceId(production, placements);
  return tree.chain(madeId).map((s) => ({ from: producerId, to: s, props: { stepId: s, rankKey: key, production: production.key, status, placeId } }));
}
