import { ancestry } from './ancestry.js';
import { rankKey } from '../../producers/rank-key.js';

/**
 * The maintained producer index, as the online writers keep it (refreshProducerRanks in
 * cypher/producers.cypher), for the offline import: for each current (non-superseded) PRODUCES r of
 * producer f to product m, one (f)-[:PRODUCER_RANK {stepId, rankKey, production, status}]->(s) for
 * each product s on m's KIND_OF*0..3 chain (m included). test/import.int.test.ts asserts that both
 * give the same rows.
 */
export const KIND_DEPTH = 3;

export interface RankLink {
  from: string;
  to: string;
  props: { stepId: string; rankKey: string; production: string; status: string };
}

export interface Production {
  key: string;
  status?: string | null;
  capacity?: number | null;
  superseded?: boolean;
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
export function producerRankLinks(producerId: string, madeId: string, production: Production, tree: KindTree): RankLink[] {
  if (production.superseded) return [];
  const status = production.status ?? 'operating';
  const key = rankKey({ status, capacity: production.capacity ?? null, producerId, madeId, key: production.key });
  return tree.chain(madeId).map((s) => ({ from: producerId, to: s, props: { stepId: s, rankKey: key, production: production.key, status } }));
}
