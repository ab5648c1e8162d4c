import { ancestry } from './ancestry.js';

/**
 * The maintained area index, as the online writers keep it (issue 9's IN_AREA rule, one place here
 * for the offline import): for each current (non-superseded) LOCATED_IN placement r of firm f to
 * place p, one (f)-[:IN_AREA {placeId, sortKey, placement}]->(a) for each place a in p's
 * WITHIN*0..8 chain (p included). The online writers' rule is refreshAreaIndex / areaSortKey in
 * cypher/areas.cypher; this is its twin for rows that never pass through Cypher (the CSV), and
 * test/import.int.test.ts asserts both give the same links.
 */
export const AREA_DEPTH = 8;
export const SORT_KEY_SEPARATOR = '\u0001';
export const NO_ROLE = '\uffff';

export interface AreaLink {
  from: string;
  to: string;
  props: { placeId: string; sortKey: string; placement: string };
}

export interface Placement {
  key: string;
  role: string | null;
  superseded?: boolean;
}

/** Places and their WITHIN parents, filled as the curated seed and the generated parks stream by. */
export class PlaceTree {
  private readonly parents = new Map<string, string[]>();
  private readonly names = new Map<string, string>();

  place(id: string, name: string): void {
    this.names.set(id, name);
  }
  /** Every WITHIN edge, as refreshAreaIndex's WITHIN*0..8 follows every one (a superseded placement is what it skips, not a superseded edge). */
  within(child: string, parent: string): void {
    const parents = this.parents.get(child) ?? [];
    if (!parents.includes(parent)) this.parents.set(child, [...parents, parent]);
  }
  name(id: string): string {
    const name = this.names.get(id);
    if (name === undefined) throw new Error(`IN_AREA: place ${id} is not known (a placement names a place that was not loaded)`);
    return name;
  }
  /** p and every distinct place reachable by 1…AREA_DEPTH WITHIN hops, nearest first. */
  chain(id: string): string[] {
    return ancestry(this.parents, id, AREA_DEPTH);
  }
}

/** The IN_AREA links of one firm placement (`noRole`: NO_ROLE in the strings' form, see TextForm in csv.ts). */
export function areaLinks(firm: { id: string; name: string }, placeId: string, placement: Placement, tree: PlaceTree, noRole = NO_ROLE): AreaLink[] {
  if (placement.superseded) return [];
  const sortKey = [firm.name, tree.name(placeId), placement.role ?? noRole, placement.key].join(SORT_KEY_SEPARATOR);
  return tree.chain(placeId).map((a) => ({ from: firm.id, to: a, props: { placeId: a, sortKey, placement: placement.key } }));
}
