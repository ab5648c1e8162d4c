import type { BulkBatch } from '../../seed/bulk.js';
import { areaLinks, NO_ROLE, PlaceTree } from './area.js';
import { KindTree, producerRankLinks, type Placement } from './producers.js';

/**
 * Maintained indexes the online writers keep in Cypher (IN_AREA today) are, in the offline import,
 * relationship rows computed in TypeScript beside the records they index. Each such index is one
 * LinkMaker: it first learns the context it needs (the curated rows, then every batch that is not
 * a firm batch: parks, products, policies — each CSV worker sees all of them), then turns each
 * batch it writes into links. Adding an index = one maker in LINK_MAKERS, with its rule's TS twin
 * in its own file (as area.ts is for IN_AREA) and a test that it equals the Cypher rule.
 */
export interface Link {
  from: string;
  to: string;
  props: Record<string, string | number | boolean>;
}

export interface LinkMaker {
  /** The relationship type written. */
  readonly type: string;
  /** Called with the curated rows, then with every reference batch, before any `links` call. */
  learn(rows: BulkBatch): void;
  /** The links of one batch (its entities and the relations they start). */
  links(rows: BulkBatch): Iterable<Link>;
}

/**
 * Strings the makers add to the rows' own, in the rows' form (identity for ordinary strings,
 * byteString for the CSV writers' UTF-8 byte strings: TextForm in csv.ts).
 */
export type InForm = (text: string) => string;

/** IN_AREA (cypher/areas.cypher, refreshAreaIndex): one link per current firm placement × place up its WITHIN chain. */
export function areaLinkMaker(inForm: InForm = (text) => text): LinkMaker {
  const noRole = inForm(NO_ROLE);
  const tree = new PlaceTree();
  const learnPlaces = (rows: BulkBatch) => {
    for (const e of rows.entities) if (e.kind === 'Place') tree.place(e.id, e.props.name);
    for (const r of rows.relations) if (r.type === 'WITHIN') tree.within(r.from, r.to);
  };
  return {
    type: 'IN_AREA',
    learn: learnPlaces,
    *links(rows) {
      learnPlaces(rows); // a batch's own parks, should one ever hold firms placed in them
      let names: Map<string, string> | null = null;
      for (const r of rows.relations) {
        if (r.type !== 'LOCATED_IN' || !r.from.startsWith('firm:')) continue;
        names ??= new Map(rows.entities.map((e) => [e.id, e.props.name]));
        const props = r.props as { role?: string | null; superseded?: boolean | null };
        yield* areaLinks({ id: r.from, name: names.get(r.from) ?? '' }, r.to, { key: r.key, role: props.role ?? null, superseded: props.superseded === true }, tree, noRole);
      }
    },
  };
}

/** PRODUCER_RANK (cypher/producers.cypher, refreshProducerRanks): one row per current production × product up its KIND_OF chain. */
export function producerRankLinkMaker(): LinkMaker {
  const kinds = new KindTree();
  const learnKinds = (rows: BulkBatch) => {
    for (const r of rows.relations) if (r.type === 'KIND_OF') kinds.kindOf(r.from, r.to);
  };
  return {
    type: 'PRODUCER_RANK',
    learn: learnKinds,
    *links(rows) {
      learnKinds(rows);
      // A firm's placements travel in its own batch, with its productions.
      const placements = new Map<string, Placement[]>();
      for (const r of rows.relations) {
        if (r.type !== 'LOCATED_IN') continue;
        placements.set(r.from, [...(placements.get(r.from) ?? []), { placeId: r.to, role: (r.props as { role?: string | null }).role ?? null }]);
      }
      for (const r of rows.relations) {
        if (r.type !== 'PRODUCES') continue;
        // The status rule without a graph: a firm's production without a status operates (a project's would need its own status).
        if (!r.from.startsWith('firm:')) throw new Error(`PRODUCER_RANK: ${r.from} produces, and only firms are expected to (their status rule is the firm's)`);
        const props = r.props as { status?: string | null; capacity?: number | null; superseded?: boolean | null; at?: string | null; siteNotStated?: boolean | null };
        // A production whose site the text leaves unstated has no place (productionPlace); the generator writes none.
        if (props.siteNotStated) throw new Error(`PRODUCER_RANK: ${r.key} marks its site unstated, which the offline import does not expect`);
        const production = { key: r.key, status: props.status ?? null, capacity: props.capacity ?? null, superseded: props.superseded === true, at: props.at ?? null };
        yield* producerRankLinks(r.from, r.to, production, placements.get(r.from) ?? [], kinds);
      }
    },
  };
}

/** Every maintained index the offline import writes, in one list (a fresh, empty maker each per CSV writer). */
export const LINK_MAKERS: readonly ((inForm: InForm) => LinkMaker)[] = [areaLinkMaker, producerRankLinkMaker];
