import DataLoader from 'dataloader';
import { rememberedFor } from '../cache/frozen.js';
import type { GraphDb } from '../db/graph.js';
import { Q } from '../db/queries.js';
import type { DocumentRow } from '../db/models.js';
import { evidenceOf, unionOf, type Cite, type EvidenceRow, type NodeRow, type Selection } from '../services/rows.js';
import { producerCounts, producerPages, type ProducerFilter, type StepProduction } from '../services/chains.js';
import type { Page } from '../services/paging.js';
import { resolveEach, type NameToResolve } from '../services/resolve.js';
import { toPlacement, type FirmPlacementRead } from '../services/places.js';
import { relationCounts, relationPages, type FactOfEntity, type RelationFilter } from '../services/relations.js';

export interface RelationOfEntity {
  direction: 'in' | 'out';
  type: string;
  key: string;
  props: Record<string, unknown>;
  other: NodeRow;
  evidence: EvidenceRow[];
}

export interface EntityDetail {
  node: NodeRow;
  relations: RelationOfEntity[];
}

/** A relation row as read, with its evidence unpacked (what every reader of facts uses). */
const withEvidence = <R extends { props: Record<string, unknown> }>(rel: R) => ({ ...rel, evidence: evidenceOf(rel.props) });

export type { DocumentRow } from '../db/models.js';

/** Per-request batching: nested fields of any list cost one round trip per level, whatever the list size. */
export function createLoaders(db: GraphDb) {
  /** The totals of relation pages, counted only when a totalCount is read. */
  const relationCount = keyed(
    (filter: RelationFilter) =>
      new DataLoader<string, number>(async (ids) => {
        const totals = await relationCounts(db, [...ids], filter);
        return ids.map((id) => totals.get(id) ?? 0);
      }),
  );
  const counts = keyed(
    (filter: ProducerFilter) =>
      new DataLoader<string, number>(async (stepIds) => {
        const totals = await producerCounts(db, [...stepIds], filter);
        return stepIds.map((id) => totals.get(id) ?? 0);
      }),
  );
  // Details (every fact with every property) this request reads anyway, for another field: `relations`
  // are taken from there rather than read again narrowed — for the ids already asked, and for every id
  // while a details batch is still to go out (they join it: one trip, not two). A loader dispatches
  // after every field of its wave has asked (DataLoader batches per tick), so both are known by then.
  const detailsAsked = new Set<string>();
  let detailsWaiting = 0;
  const details = new DataLoader<string, EntityDetail | null>(async (ids) => {
    detailsWaiting = 0;
    const rows = await db.read(Q.entityDetails, { ids: [...ids], fields: null, relFields: null });
    const byId = new Map(rows.map((r) => [r.id, { node: r.node, relations: r.relations.map(withEvidence) }]));
    return ids.map((id) => byId.get(id) ?? null);
  });
  // Evidence.document's: pages that bring the documents they cite prime it (withDocuments in src/services/rows.ts).
  const documents = new DataLoader<string, DocumentRow | null>(async (ids) => {
    const rows = await db.read(Q.documentsByIds, { ids: [...ids] });
    const byId = new Map(rows.map((r) => r.document).map((d) => [d.id, d]));
    return ids.map((id) => byId.get(id) ?? null);
  });
  /**
   * A place's ancestors or children alone: a breadcrumb or a tree level without the place's every
   * relation (a county's thousands of firms); only the parts asked, in one trip for the wave.
   */
  const placeTree = new DataLoader<Selected<{ id: string; part: 'ancestors' | 'children' }>, NodeRow[], string>(
    async (asks) => {
      const places = new Map<string, { id: string; ancestors: boolean; children: boolean }>();
      for (const { key } of asks) {
        const place = places.get(key.id) ?? { id: key.id, ancestors: false, children: false };
        place[key.part] = true;
        places.set(key.id, place);
      }
      const rows = await db.read(Q.placeTree, { places: [...places.values()], fields: unionOf(asks.map((a) => a.select)).fields });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return asks.map(({ key }) => byId.get(key.id)?.[key.part] ?? []);
    },
    { cacheKeyFn: selectedKey },
  );
  /** Place.ancestors finds a placement's ancestors under its own selection's key when they came with the placement. */
  const primeAncestors = (ask: PlacementsAsk, read: FirmPlacementRead[]) => {
    if (ask.ancestors) for (const p of read) placeTree.prime({ key: { id: p.place.id, part: 'ancestors' }, select: ask.ancestors }, p.ancestors);
  };
  /**
   * A firm's placements alone: lighter than its details (every relation) when that is all a request
   * reads, with what the selections read (one trip for the firms asked in a wave, their union); and
   * each place's ancestors when an asker will read them (place.ancestors): they come in the same trip,
   * and prime placeTree under the key Place.ancestors will ask with.
   */
  const placements = new DataLoader<PlacementsAsk, FirmPlacementRead[], string>(
    async (asks) => {
      const own = unionOf(asks.map((a) => a.select));
      const ancestors = asks.flatMap((a) => (a.ancestors ? [a.ancestors] : []));
      // The ancestors' properties ride on the places' own list ($fields: one SELECTED list for both).
      const { fields } = unionOf([own, ...ancestors]);
      const rows = await db.read(Q.firmPlacements, { ids: [...new Set(asks.map((a) => a.key))], fields, relFields: own.relFields, withAncestors: ancestors.length > 0 });
      const byId = new Map(rows.map((r) => [r.id, r.placements.map(toPlacement)]));
      for (const a of asks) primeAncestors(a, byId.get(a.key) ?? []);
      return asks.map((a) => byId.get(a.key) ?? []);
    },
    { cacheKeyFn: (ask) => `${selectedKey(ask)}\u0000${textOf(ask.ancestors)}` },
  );
  /** Documents that came with an answer's rows (withDocuments): Evidence.document then makes no trip. */
  const cite: Cite = (cited) => cited.forEach((d) => documents.prime(d.id, d));
  return {
    cite,
    details: {
      load(id: string): Promise<EntityDetail | null> {
        if (!detailsAsked.has(id)) detailsWaiting += 1;
        detailsAsked.add(id);
        return details.load(id);
      },
    },
    /**
     * The first `first` facts of an entity (Entity.relations) with what the selection reads (fewer
     * bytes than its details: evidence quotes stay in Neo4j unless asked for); from its details when
     * this request reads them anyway.
     */
    relations: keyed(
      (key: { first: number; filter: RelationFilter; select: Selection }) =>
        new DataLoader<string, RelationOfEntity[]>(async (ids) => {
          const fromDetails = (id: string) => detailsWaiting > 0 || detailsAsked.has(id);
          const own = ids.filter((id) => !fromDetails(id));
          const [pages, full] = await Promise.all([
            own.length ? relationPages(db, own, { first: key.first, after: null, filter: key.filter }, key.select, async () => 0) : new Map<string, Page<FactOfEntity>>(),
            Promise.all(ids.filter(fromDetails).map((id) => details.load(id))),
          ]);
          const byId = new Map([...pages].map(([id, page]) => [id, page.items.map((i) => withEvidence(i.value))]));
          const asked = (r: RelationOfEntity) => (!key.filter.direction || r.direction === key.filter.direction) && (!key.filter.types || key.filter.types.includes(r.type));
          for (const detail of full) if (detail) byId.set(detail.node.id, detail.relations.filter(asked).slice(0, key.first));
          return ids.map((id) => byId.get(id) ?? []);
        }),
    ),
    /** A page of facts for each entity asked with the same page arguments, filter and selection: one round trip for all of them. */
    relationPage: keyed(
      (key: { first: number; after: string | null; filter: RelationFilter; select: Selection }) =>
        new DataLoader<string, Page<RelationOfEntity>>(async (ids) => {
          const pages = await relationPages(db, [...ids], key, key.select, (id) => relationCount(key.filter).load(id));
          return ids.map((id) => {
            const page = pages.get(id)!;
            return { ...page, items: page.items.map((i) => ({ cursor: i.cursor, value: withEvidence(i.value) })) };
          });
        }),
    ),
    nodes: new DataLoader<string, NodeRow | null>(async (ids) => {
      const rows = await db.read(Q.entitiesByIds, { ids: [...ids] });
      const byId = new Map(rows.map((r) => [r.node.id, r.node]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    documents,
    /** Documents' full texts (Document.text), apart from their rows: an ingested article's text is read only when asked for. */
    documentTexts: new DataLoader<string, string | null>(async (ids) => {
      const rows = await db.read(Q.documentTexts, { ids: [...ids] });
      const byId = new Map(rows.map((r) => [r.id, r.text]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    placements,
    /** A firm's placements that came with another question's rows (firmsIn's page): Firm.placements then makes no trip. */
    primePlacements(ask: PlacementsAsk, read: FirmPlacementRead[]): void {
      placements.prime(ask, read);
      primeAncestors(ask, read);
    },
    placeTree,
    /** Names given to nested fields (ChainStep.producers' place): each resolved once a request, all in one round trip. */
    names: new DataLoader<NameToResolve, NodeRow, string>(
      async (items) => (await resolveEach(db, [...items])).map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error))),
      { cacheKeyFn: (i) => `${i.argument}\u0000${i.kind ?? ''}\u0000${i.name}` },
    ),
    /** A page of producers for each chain step asked with the same filter, page arguments and selection: one round trip for all steps. */
    producerPage: keyed((key: { filter: ProducerFilter; first: number; after: string | null; select: Selection }) =>
      new DataLoader<string, Page<StepProduction>>(async (stepIds) => {
        const pages = await producerPages(db, [...stepIds], key.filter, key, (id) => counts(key.filter).load(id), key.select, false, cite);
        return stepIds.map((id) => pages.get(id)!);
      }),
    ),
    /** The totals of those pages, counted only when a totalCount is read. */
    producerCount: counts,
  };
}

/** A loader's key with the properties its asker's selection reads: asks of one wave are read together, their selections' union. */
interface Selected<K> {
  key: K;
  select: Selection;
}
/** A firm's placements, and what its places' ancestors will be read with (null: they are not). */
export interface PlacementsAsk extends Selected<string> {
  ancestors: Pick<Selection, 'fields' | 'relFields'> | null;
}
const selectedKey = (ask: Selected<unknown>) => `${JSON.stringify(ask.key)}\u0000${textOf(ask.select)}`;

/**
 * A selection as key text. The analysis remembers a selection per operation (src/graphql/selection.ts)
 * and freezes it, so its text is remembered too: a hundred firms' placements and their places'
 * ancestors, each loaded under its selection, no longer stringify it every time.
 */
const texts = new WeakMap<object, string>();
const textOf = (value: object | null): string => (value === null ? 'null' : rememberedFor(texts, value, (v) => JSON.stringify(v)));

/** A DataLoader per distinct key (the arguments a list of sibling fields shares). */
function keyed<K, V>(make: (key: K) => V): (key: K) => V {
  const made = new Map<string, V>();
  return (key) => {
    const id = JSON.stringify(key);
    let value = made.get(id);
    if (!value) made.set(id, (value = make(key)));
    return value;
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
