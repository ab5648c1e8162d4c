import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectPath } from '../config/paths.js';
import { ENTITY_KINDS, RELATION_TYPES } from '../seed/model.js';
import { catalogue } from './catalogue.js';
import {
  AuditModel,
  CANDIDATE_STATES,
  CandidateRowModel,
  DocumentModel,
  EntityRefModel,
  EvidencePropsModel,
  KindModel,
  NodeRowModel,
  OutgoingRelationModel,
  SelectedNodeModel,
  SelectedRelationModel,
  selectedRelationProps,
  PropsModel,
} from './models.js';

const CYPHER_DIR = projectPath('cypher');
const cypherFiles = readdirSync(CYPHER_DIR)
  .filter((f) => f.endsWith('.cypher') && f !== 'schema.cypher')
  .sort()
  .map((f) => path.join(CYPHER_DIR, f));

const none = z.object({});
const ids = z.object({ ids: z.array(z.string()) });
const nodeRow = z.object({ node: NodeRowModel });
const count = (name: string) => z.object({ [name]: z.number() });
const nullableKind = KindModel.nullable();
const evidenceProps = EvidencePropsModel;
const candidateRow = z.object({ candidate: CandidateRowModel });
const relRow = z.object({ rel: PropsModel });
/** The type and ends of a fact: curation's statements are matched from their two (indexed) ends. */
const ends = z.object({ type: z.string(), from: z.string(), to: z.string() });
const keyPair = z.tuple([z.string(), z.string()]);
const exportScope = z.object({ kinds: z.array(KindModel).nullable(), layer: z.enum(['seed', 'contrib']).nullable(), core: z.array(z.string()).nullable() });
/** The filters of chainProducers / chainProducersCount (see the stepProductions fragment in chains.cypher). */
const producerFilter = z.object({
  steps: z.array(z.string()),
  within: z.array(z.string()),
  outside: z.string().nullable(),
  statuses: z.array(z.string()).nullable(),
});
/** The names a question resolves in its own round trip (fragment resolveNamesExactly in entities.cypher) … */
const exactNames = z.object({ names: z.array(z.object({ raw: z.string(), key: z.string(), kind: nullableKind })) });
/** … and what they resolved to, in order (null: not exact; see askResolved in src/services/resolve.ts). */
const resolvedNames = z.array(NodeRowModel.nullable());
/** A place named by the question itself (see resolvePlaceExactly in places.cypher). */
const exactPlace = z.object({ raw: z.string(), key: z.string(), kind: z.literal('Place') });
/** Only what FirmPlacement reads of a LOCATED_IN relation (a map projection: absent keys come back null). */
const placementRel = z.object({
  role: z.string().nullish(),
  status: z.string().nullish(),
  evDocs: z.array(z.string()).nullish(),
  evQuotes: z.array(z.string()).nullish(),
  evNotes: z.array(z.string()).nullish(),
});
/** Whether an answer brings the documents its relations' evidence cites (citedDocuments in cypher/entities.cypher). */
const citing = z.object({ withDocuments: z.boolean() });
/** Those documents, once each; [] unless $withDocuments. */
const citedDocuments = z.array(DocumentModel);
/** The properties a question's rows carry (SELECTED, SELECTED_REL below; src/graphql/selection.ts): null, all. */
const selection = z.object({ fields: z.array(z.string()).nullable(), relFields: z.array(z.string()).nullable() });
/** The row parts of a page of productions beyond properties (productionRow in cypher/chains.cypher; productionRowParams in src/services/chains.ts). */
const productionRows = selection.extend({ withMade: z.boolean(), edgeCursors: z.boolean(), ...citing.shape });
/**
 * A production as productionRow (cypher/chains.cypher) sends it: the list [producer, made, rel, place,
 * ancestry, sortKey], read back as the map it stands for.
 */
const ProductionRowModel = z
  .tuple([
    SelectedNodeModel,
    // null unless $withMade.
    SelectedNodeModel.nullable(),
    selectedRelationProps(evidenceProps.extend({ capacity: z.number().nullish(), unit: z.string().nullish(), status: z.string().nullish(), asOf: z.string().nullish() }).passthrough()),
    SelectedNodeModel.nullable(),
    z.array(z.object({ id: z.string(), distance: z.number() })),
    // [distance, rankKey]: the cursor (see PRODUCERS_KEY in src/services/chains.ts); null unless
    // $edgeCursors or the row can end the page (productionRow in cypher/chains.cypher).
    z.tuple([z.number(), z.string()]).nullable(),
  ])
  .transform(([producer, made, rel, place, ancestry, sortKey]) => ({ producer, made, rel, place, ancestry, sortKey }));
/** A page of producers per step (chainProducers, chainProducersPlaced). */
const producerPage = z.object({
  stepId: z.string(),
  producers: z.array(ProductionRowModel),
  documents: citedDocuments,
});
/** chainGaps' steps (gapSteps in cypher/chains.cypher): each with its inputs on the chain and whether it is local. */
const chainGapStepsParams = exactNames.extend({ statuses: z.array(z.string()), fields: selection.shape.fields, areaSeekLimit: z.number().int().nonnegative() });
const gapSteps = z.array(z.object({ product: SelectedNodeModel, inputs: z.array(z.string()), local: z.boolean() }));
/** A page of a gap's candidates (candidatePage in cypher/chains.cypher). */
const gapCandidatesPage = z.object({
  withAncestry: z.boolean(),
  // indexedPlace's ancestry, asked exactly when the rows carry it (withAncestry).
  placeAncestry: z.boolean(),
  after: z.tuple([z.number(), z.string()]).nullable(),
  first: z.number().int().min(1),
  // How readily a step is read from its own side instead of ring by ring (STEP_SIDE in src/services/chains.ts).
  stepSide: z.number().min(0),
  ...productionRows.shape,
});
/** A firm's placements (placementsOf in cypher/places.cypher); each place's ancestors [] unless $withAncestors. */
const firmPlacements = z.array(z.object({ place: SelectedNodeModel, rel: selectedRelationProps(placementRel), ancestors: z.array(SelectedNodeModel) }));
/** Whether firmsInPlace brings each firm's placements, and their places' ancestors. */
const firmPlacementsAsked = z.object({ withPlacements: z.boolean(), withAncestors: z.boolean() });
const seedRows = (row: z.ZodType) => z.object({ rows: z.array(row) });
/** A (direction, type) group of an entity's facts as entityRelationPage reads it (see FACT_GROUPS below, src/services/relations.ts). */
const factGroup = z.object({
  rank: z.number().int().nonnegative(),
  direction: z.enum(['in', 'out']),
  type: z.string(),
  afterId: z.string().nullable(),
  afterKey: z.string().nullable(),
  skip: z.number().int().nonnegative(),
});

/**
 * FACT_TYPES in a pattern (`-[r:FACT_TYPES]-`) is every relation type that states a fact: what a
 * generic question (a node's relations, paths, neighbourhoods, export, counts) reads. It leaves out the
 * indexes kept as relationships — the area index IN_AREA (cypher/areas.cypher) and the producer index
 * PRODUCER_RANK (cypher/producers.cypher) — and names the types so that a dense node expands only its
 * facts (a negation `!IN_AREA` would read every index row of the place and filter them).
 */
/**
 * API_FIELDS in a map projection (`n {API_FIELDS}`) is an entity's properties as the API reads them:
 * all but the search-only name keys (searchKeys, primaryKeys, searchText: indexes' material, never
 * served), which are a third to a half of a synthetic firm's bytes. Rows of many entities use it.
 */
const SEARCH_ONLY_PROPERTIES = ['searchKeys', 'primaryKeys', 'searchText'];
const API_FIELDS = ['.*', ...SEARCH_ONLY_PROPERTIES.map((k) => `${k}: null`)].join(', ');
/**
 * SELECTED(n) is entity n as the question's GraphQL selection reads it: `$fields` (src/graphql/selection.ts)
 * names the properties, sent as a list of their values in that order (SelectedNodeModel makes the row a
 * map again: src/db/models.ts), or every property the API reads (API_FIELDS) when `$fields` is null. SELECTED_REL(r): a
 * relation's properties the same way, by `$relFields` (null: properties(r)). Most of a row's bytes are
 * properties nobody asked for (a synthetic firm's API_FIELDS are ~300 bytes; id, kind and name ~60).
 */
const selectedBy = (param: string, all: (v: string) => string) => (v: string) =>
  // A null entity stays null (collect skips it, as it skips a projection of null).
  `CASE WHEN ${v} IS NULL THEN null WHEN $${param} IS NULL THEN ${all(v)} ELSE [k IN $${param} | ${v}[k]] END`;
/**
 * KIND_COUNTS and FACT_TYPE_COUNTS: one count-store read per entity kind (each kind is also a label) and
 * per fact type (each joins two entities), those above zero. /health asks every second: grouping
 * `n.kind` and `type(r)` over every entity and relation read 23.8 M db hits (3.7 s) at a million firms.
 */
const countsAbove0 = (parts: string[]) => `[x IN [${parts.join(', ')}] WHERE x.count > 0]`;
/**
 * FACT_GROUPS: every (direction, fact type) group of an entity's facts, in the order relation pages
 * list them (outgoing first, then by type; Cypher compares the ASCII type names as JS does). A group's
 * rank is its index. In Cypher a relationship type must be written out to be expanded by type (a
 * dynamic type, `-[r:$(t)]-`, reads every relationship of the node and filters: PROFILE, 5.26), so
 * FACT_GROUP_DEGREE and FACT_GROUP_EXPAND name each group once, chosen by `g.rank` at run time:
 * - FACT_GROUP_DEGREE: the number of `n`'s relationships in group `g` (a degree: GetDegree, read from
 *   a dense node's relationship group record, no relationship read);
 * - FACT_GROUP_EXPAND: the body of `CALL (n, g) { … }`, returning `r`, `m` for group `g` only.
 */
export const FACT_GROUPS = (['out', 'in'] as const).flatMap((direction) => [...RELATION_TYPES].sort().map((type) => ({ direction, type })));
const groupArrow = (g: (typeof FACT_GROUPS)[number], r: string) => (g.direction === 'out' ? `-[${r}:${g.type}]->` : `<-[${r}:${g.type}]-`);
const FACT_GROUP_DEGREE = `CASE g.rank ${FACT_GROUPS.map((g, rank) => `WHEN ${rank} THEN COUNT { (n)${groupArrow(g, '')}() }`).join(' ')} END`;
const FACT_GROUP_EXPAND = FACT_GROUPS.map((g, rank) => `WITH n, g WHERE g.rank = ${rank} MATCH (n)${groupArrow(g, 'r')}(m:Entity) RETURN r, m`).join(' UNION ALL ');

export const CYPHER_TOKENS = {
  FACT_GROUP_DEGREE,
  FACT_GROUP_EXPAND,
  FACT_TYPES: RELATION_TYPES.join('|'),
  KIND_COUNTS: countsAbove0(ENTITY_KINDS.map((k) => `{key: '${k}', count: COUNT { (:${k}) }}`)),
  FACT_TYPE_COUNTS: countsAbove0(RELATION_TYPES.map((t) => `{key: '${t}', count: COUNT { ()-[:${t}]->() }}`)),
  API_FIELDS,
  // `RETURN RESOLVED_NAMES, …`: the names a question resolved in its own trip (resolveNamesExactly), as the API reads them.
  RESOLVED_NAMES: `[n IN names | n {${API_FIELDS}}] AS names`,
  // `d {DOCUMENT_FIELDS}`: a document as rows carry it (DocumentModel's fields: its text stays in Neo4j).
  DOCUMENT_FIELDS: Object.keys(DocumentModel.shape).map((k) => `.${k}`).join(', '),
  // `collect(CITED(r)) AS cited`: the document ids relation r's evidence cites, when the answer brings its documents ($withDocuments; citedDocuments).
  CITED: (r: string) => `CASE WHEN $withDocuments THEN ${r}.evDocs END`,
  SELECTED: selectedBy('fields', (v) => `${v} {${API_FIELDS}}`),
  SELECTED_REL: selectedBy('relFields', (v) => `properties(${v})`),
};

/**
 * Every named query of cypher/*.cypher with the models of its parameters and rows: `db.read(Q.x, params)`
 * is typed by these and parses each row with them. An entry without a block, or a block without an
 * entry, stops the process at start (see catalogue()). How to add one: docs/queries.md.
 */
export const Q = catalogue(cypherFiles, {
  // entities.cypher
  entityDetails: {
    // Every property of every fact (curation, exports and the fields that read several relation types share it).
    params: ids.extend({ fields: z.null(), relFields: z.null() }),
    row: z.object({
      id: z.string(),
      node: NodeRowModel,
      relations: z.array(z.object({ direction: z.enum(['in', 'out']), type: z.string(), key: z.string(), props: PropsModel, other: NodeRowModel })),
    }),
  },
  entityRelationPage: {
    params: ids.extend({ groups: z.array(factGroup), limit: z.number().int().positive(), ...selection.shape }),
    row: z.object({
      id: z.string(),
      relations: z.array(z.object({ direction: z.enum(['in', 'out']), type: z.string(), key: z.string(), props: selectedRelationProps(PropsModel), other: SelectedNodeModel })),
      groupsRead: z.number().int(),
    }),
  },
  entityRelationCount: {
    params: ids.extend({ groups: z.array(factGroup), whole: z.boolean() }),
    row: z.object({ id: z.string(), total: z.number().int() }),
  },
  placeTree: {
    params: z.object({ places: z.array(z.object({ id: z.string(), ancestors: z.boolean(), children: z.boolean() })), fields: selection.shape.fields }),
    // null: the part was not asked for that place.
    row: z.object({ id: z.string(), ancestors: z.array(SelectedNodeModel).nullable(), children: z.array(SelectedNodeModel).nullable() }),
  },
  entitiesByIds: { params: ids, row: nodeRow },
  documentsByIds: { params: ids, row: z.object({ document: DocumentModel }) },
  documentTexts: { params: ids, row: z.object({ id: z.string(), text: z.string().nullable() }) },
  allDocuments: { params: none, row: z.object({ document: DocumentModel }) },
  resolveNames: {
    params: z.object({ items: z.array(z.object({ raw: z.string(), key: z.string(), kind: nullableKind, minPartial: z.number().int() })) }),
    row: z.object({
      index: z.number().int(),
      matches: z.array(z.object({ node: NodeRowModel, primary: z.boolean() })),
      partial: z.array(z.object({ node: NodeRowModel, prefix: z.boolean() })),
    }),
  },
  suggestNames: {
    params: z.object({ key: z.string(), pieces: z.array(z.string()), lucene: z.string().nullable(), kind: nullableKind }),
    row: nodeRow,
  },
  searchEntities: {
    params: z.object({ key: z.string(), lucene: z.string().nullable(), kinds: z.array(KindModel).nullable(), offset: z.number().int(), first: z.number().int(), bound: z.number().int(), withTotal: z.boolean(), ...selection.shape }),
    row: z.object({ total: z.number(), page: z.array(z.object({ node: SelectedNodeModel, score: z.number() })) }),
  },

  // places.cypher
  firmsInPlace: {
    params: exactPlace.extend({ includeSubareas: z.boolean(), after: z.string().nullable(), first: z.number().int(), withTotal: z.boolean(), withCursors: z.boolean(), ...firmPlacementsAsked.shape, ...citing.shape, ...selection.shape }),
    row: z.object({
      placeId: z.string().nullable(),
      page: z.array(
        z.object({
          firm: SelectedNodeModel,
          place: SelectedNodeModel,
          rel: selectedRelationProps(placementRel),
          // null unless $withCursors.
          sortKey: z.string().nullable(),
          // [] unless $withPlacements.
          placements: firmPlacements,
        }),
      ),
      // Counted in the same trip when $withTotal (else null).
      total: z.number().nullable(),
      documents: citedDocuments,
    }),
  },
  firmsInPlaceCount: { params: exactPlace.extend({ includeSubareas: z.boolean(), withTotal: z.literal(true) }), row: z.object({ placeId: z.string().nullable(), total: z.number() }) },
  firmPlacements: {
    params: ids.extend({ ...selection.shape, withAncestors: z.boolean() }),
    row: z.object({ id: z.string(), placements: firmPlacements }),
  },
  projectsInPlace: { params: exactNames.extend({ includeSubareas: z.boolean() }), row: z.object({ names: resolvedNames, projects: z.array(NodeRowModel) }) },
  industrialBases: { params: none, row: nodeRow },
  policiesConcerning: {
    params: exactNames.extend({ fields: selection.shape.fields, withEvidence: z.boolean(), ...citing.shape }),
    row: z.object({
      names: resolvedNames,
      rows: z.array(z.object({ policy: z.string(), via: z.string(), inherited: z.boolean(), rel: evidenceProps })),
      nodes: z.array(SelectedNodeModel),
      documents: citedDocuments,
    }),
  },

  // areas.cypher (the area index IN_AREA: written by refreshAreaIndex only)
  refreshAreaIndex: { params: z.object({ firmIds: z.array(z.string()) }), row: count('refreshed') },
  areaFirmsUnder: { params: z.object({ placeIds: z.array(z.string()) }), row: z.object({ firmIds: z.array(z.string()) }) },
  areaSeedSnapshot: { params: none, row: z.object({ within: z.array(z.object({ key: z.string(), from: z.string() })), firmIds: z.array(z.string()) }) },
  areaSeedPruned: { params: ids, row: z.object({ placeIds: z.array(z.string()) }) },
  areaFirmPage: { params: z.object({ after: z.string(), size: z.number().int().min(1) }), row: ids },

  // producers.cypher (the producer index PRODUCER_RANK: written by refreshProducerRanks only)
  // placeAncestry false: productionPlace gives the place only (the index keeps its id).
  refreshProducerRanks: { params: z.object({ producerIds: z.array(z.string()), placeAncestry: z.literal(false) }), row: count('refreshed') },
  producersAtPlaces: { params: z.object({ placeIds: z.array(z.string()) }), row: z.object({ producerIds: z.array(z.string()) }) },
  producersOfProducts: { params: z.object({ productIds: z.array(z.string()) }), row: z.object({ producerIds: z.array(z.string()) }) },
  rankSeedSnapshot: { params: none, row: z.object({ kindOf: z.array(z.object({ key: z.string(), from: z.string() })), producerIds: z.array(z.string()) }) },
  rankSeedPruned: { params: ids, row: z.object({ productIds: z.array(z.string()) }) },
  rankProducerPage: { params: z.object({ after: z.string(), size: z.number().int().min(1) }), row: ids },
  rankIndexState: { params: none, row: z.object({ produces: z.number(), ranks: z.number(), placed: z.boolean() }) },
  producerIndexPlaced: { params: none, row: z.object({ placed: z.boolean() }) },

  // chains.cypher
  chainSteps: {
    params: z.object({ fromId: z.string(), toId: z.string(), fields: selection.shape.fields }),
    row: z.object({ product: SelectedNodeModel, inputs: z.array(z.string()) }),
  },
  supplyChain: {
    params: exactNames.extend({
      prefetch: z.boolean(),
      withAncestry: z.boolean(),
      // Whether productionPlace computes each row's place ancestry (chains.cypher): place filters, the gap test, exports.
      placeAncestry: z.boolean(),
      statuses: z.array(z.string()).nullable(),
      // The producer index's rankKey of the last row (rankedPage in producers.cypher).
      after: z.string().nullable(),
      first: z.number().int().min(1),
      ...productionRows.shape,
    }),
    row: z.object({
      names: resolvedNames,
      // total: the step's producers with no status filter (chainProducersCount's degree).
      steps: z.array(z.object({ product: SelectedNodeModel, inputs: z.array(z.string()), producers: producerPage.shape.producers, documents: producerPage.shape.documents, total: z.number() })),
    }),
  },
  chainGapSteps: {
    params: chainGapStepsParams,
    row: z.object({ names: resolvedNames, steps: gapSteps }),
  },
  chainGapsWithCandidates: {
    // A gap's candidates as gapCandidates pages them; its target is the place named.
    params: chainGapStepsParams.extend({ ...gapCandidatesPage.shape }),
    row: z.object({ names: resolvedNames, steps: gapSteps, candidates: z.array(producerPage) }),
  },
  chainProducers: {
    params: producerFilter.pick({ steps: true, statuses: true }).extend({
      withAncestry: z.boolean(),
      placeAncestry: z.boolean(),
      after: z.string().nullable(),
      first: z.number().int().min(1),
      ...productionRows.shape,
    }),
    row: producerPage,
  },
  chainProducersPlaced: {
    params: producerFilter.extend({
      withAncestry: z.boolean(),
      placeAncestry: z.literal(true),
      target: z.string().nullable(),
      after: z.array(z.union([z.string(), z.number()])).nullable(),
      first: z.number().int().min(1),
      ...productionRows.shape,
    }),
    row: producerPage,
  },
  gapCandidates: {
    params: z.object({ steps: z.array(z.string()), target: z.string(), ...gapCandidatesPage.shape }),
    row: producerPage,
  },
  gapCandidatesCount: { params: z.object({ steps: z.array(z.string()), target: z.string() }), row: z.object({ stepId: z.string(), total: z.number() }) },
  chainProducersCount: { params: producerFilter.pick({ steps: true, statuses: true }), row: z.object({ stepId: z.string(), total: z.number() }) },
  chainProducersPlacedCount: { params: producerFilter.extend({ placeAncestry: z.literal(true) }), row: z.object({ stepId: z.string(), total: z.number() }) },
  placeAncestry: { params: z.object({ placeId: z.string() }), row: z.object({ id: z.string(), distance: z.number() }) },

  // paths.cypher
  shortestPaths: {
    params: exactNames.extend({ maxHops: z.number().int(), limit: z.number().int(), ...selection.shape }),
    row: z.object({
      names: resolvedNames,
      paths: z.array(z.object({ nodes: z.array(SelectedNodeModel), relations: z.array(SelectedRelationModel) })),
    }),
  },
  neighbourhood: {
    params: exactNames.extend({ depth: z.number().int(), limit: z.number().int(), ...selection.shape }),
    row: z.object({ names: resolvedNames, total: z.number(), nodes: z.array(SelectedNodeModel), relations: z.array(SelectedRelationModel) }),
  },

  // suppliers.cypher
  suppliersOf: {
    params: exactNames.extend({ after: z.array(z.string()).nullable(), first: z.number().int() }),
    row: z.object({
      names: resolvedNames,
      page: z.array(z.object({ supplier: NodeRowModel, stated: z.boolean(), products: z.array(NodeRowModel), rels: z.array(evidenceProps), sortKey: z.array(z.string()) })),
    }),
  },

  // seed.cypher (rows are built from the validated seed model)
  seedReset: { params: none, row: none },
  seedDocuments: { params: seedRows(z.object({ id: z.string(), props: PropsModel })), row: none },
  seedEntities: { params: seedRows(z.object({ id: z.string(), kind: z.enum(ENTITY_KINDS), props: PropsModel })), row: none },
  nameKeysSync: { params: ids, row: none },
  seedRelations: {
    params: seedRows(z.object({ key: z.string(), type: z.string(), from: z.string(), to: z.string(), props: PropsModel })),
    row: none,
  },
  seedPruneRelations: { params: z.object({ keys: z.array(z.string()) }), row: count('removed') },
  seedPruneEntities: { params: ids, row: z.object({ removed: z.number(), kept: z.number() }) },
  graphCounts: { params: none, row: z.object({ nodes: z.number(), relationships: z.number() }) },
  graphCountsByKind: {
    params: none,
    row: z.object({ nodeRows: z.array(z.object({ key: z.string(), count: z.number() })), relRows: z.array(z.object({ key: z.string(), count: z.number() })) }),
  },
  // version.cypher (the response cache's graph version)
  graphVersionRead: { params: none, row: z.object({ version: z.number(), stamp: z.string() }) },
  graphVersionBump: { params: none, row: z.object({ version: z.number(), stamp: z.string() }) },
  serverInfo: { params: none, row: z.object({ name: z.string(), version: z.string(), edition: z.string() }) },

  // ingest.cypher (the extraction dictionary)
  ingestGraphVersion: {
    params: none,
    row: z.object({ entities: z.number(), keys: z.number().nullable(), aliases: z.number().nullable(), lastId: z.string().nullable() }),
  },
  ingestGazetteer: {
    params: none,
    row: z.object({
      id: z.string(),
      kind: z.string(),
      name: z.string(),
      nameEn: z.string().nullable(),
      aliases: z.array(z.string()),
      primaryKeys: z.array(z.string()),
      placeKind: z.string().nullable(),
    }),
  },


  // curation.cypher (the contributed layer: documents, candidates, facts, audit)
  curationDocumentBySha: { params: z.object({ sha256: z.string() }), row: z.object({ document: DocumentModel }) },
  curationDocumentCreate: {
    params: z.object({ id: z.string(), curator: z.string(), now: z.string(), props: PropsModel }),
    row: z.object({ document: DocumentModel, created: z.boolean() }),
  },
  curationCandidatesUpsert: { params: z.object({ rows: z.array(z.object({ id: z.string(), props: PropsModel })), now: z.string() }), row: count('stored') },
  curationCandidatesOfDocument: { params: z.object({ document: z.string() }), row: candidateRow },
  curationQueue: {
    params: z.object({ state: z.enum(CANDIDATE_STATES), document: z.string().nullable(), offset: z.number().int(), first: z.number().int() }),
    row: z.object({ total: z.number(), page: z.array(CandidateRowModel) }),
  },
  curationCandidatesByIds: { params: ids, row: candidateRow },
  curationLockCandidate: { params: z.object({ id: z.string(), now: z.string() }), row: candidateRow },
  curationDocumentText: { params: z.object({ id: z.string() }), row: z.object({ text: z.string().nullable(), date: z.string().nullable() }) },
  curationResolvedName: { params: z.object({ document: z.string(), name: z.string() }), row: z.object({ id: z.string().nullable() }) },
  curationIdsTaken: { params: ids, row: z.object({ id: z.string() }) },
  curationCreateEntity: { params: z.object({ id: z.string(), kind: KindModel, props: PropsModel }), row: nodeRow },
  curationSameFacts: { params: ends, row: z.object({ rel: PropsModel, docDate: z.string().nullable() }) },
  curationCreateFact: { params: ends.extend({ key: z.string(), props: PropsModel }), row: relRow },
  curationSupersede: { params: ends.extend({ keys: z.array(z.string()), by: z.string(), now: z.string() }), row: count('superseded') },
  curationDecide: { params: z.object({ id: z.string(), props: PropsModel }), row: candidateRow },
  curationAudit: { params: z.object({ id: z.string(), props: PropsModel }), row: z.object({ entry: AuditModel }) },
  curationFactByKey: { params: ends.extend({ key: z.string() }), row: relRow.extend({ from: z.string(), to: z.string(), type: z.string() }) },
  curationRetract: {
    params: ends.extend({ key: z.string(), reason: z.string(), curator: z.string(), now: z.string() }),
    row: relRow.extend({ restored: z.number() }),
  },
  curationHistory: {
    params: z.object({ items: z.array(ends) }),
    row: z.object({ id: z.string(), statements: z.array(z.object({ props: PropsModel, asOf: z.string() })) }),
  },
  curationAuditLog: {
    params: z.object({ curator: z.string().nullable(), since: z.string().nullable(), offset: z.number().int(), first: z.number().int() }),
    row: z.object({ total: z.number(), page: z.array(AuditModel) }),
  },
  curationCounts: {
    params: none,
    row: z.object({ nodes: z.number(), relationships: z.number(), contribNodes: z.number(), contribRelationships: z.number(), notCurrent: z.number() }),
  },

  // export.cypher (keyset pages on Entity.id; the scope filters are null when unused)
  exportSubtreePlaces: { params: z.object({ placeId: z.string() }), row: z.object({ id: z.string() }) },
  exportPropertyKeysPage: {
    params: z.object({ after: z.string(), size: z.number().int() }),
    row: z.object({ count: z.number(), last: z.string().nullable(), nodeKeys: z.array(keyPair), relationKeys: z.array(keyPair) }),
  },
  // Every property of a document, not the Document read model: the exporter writes what is stored.
  exportDocuments: { params: none, row: z.object({ document: PropsModel, hasText: z.boolean() }) },
  exportEntityCount: { params: exportScope, row: count('count') },
  exportEntityPage: { params: exportScope.extend({ after: z.string(), size: z.number().int() }), row: nodeRow },
  exportRelationCount: { params: exportScope, row: count('count') },
  exportRelationPage: {
    params: exportScope.extend({ after: z.string(), size: z.number().int() }),
    row: z.object({ from: EntityRefModel, relations: z.array(OutgoingRelationModel) }),
  },
  exportFirmPlacementPage: {
    params: z.object({ core: z.array(z.string()), afterFirm: z.string(), afterPlace: z.string(), afterRole: z.string(), size: z.number().int() }),
    row: z.object({ firm: NodeRowModel, place: EntityRefModel, rel: PropsModel }),
  },
  exportFirmPlacementCount: { params: z.object({ core: z.array(z.string()) }), row: count('count') },
  exportEntitiesByIds: { params: ids, row: nodeRow },

  // bulk.cypher (batched bulk import of synthetic data; rows are built from the validated seed model)
  bulkLoadState: { params: z.object({ runId: z.string() }), row: z.object({ state: PropsModel.nullable() }) },
  bulkLoadStart: {
    params: z.object({ runId: z.string(), params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])), origin: z.string(), batches: z.number().int() }),
    row: z.object({ state: PropsModel }),
  },
  bulkEntities: { params: seedRows(z.object({ kind: z.enum(ENTITY_KINDS), props: PropsModel })), row: none },
  bulkRelations: { params: seedRows(z.object({ type: z.string(), from: z.string(), to: z.string(), props: PropsModel })), row: count('created') },
  bulkCheckpoint: { params: z.object({ runId: z.string(), batch: z.number().int(), rows: z.number().int() }), row: none },
  bulkRemoveNext: { params: z.object({ kind: z.enum(ENTITY_KINDS), origin: z.string(), batch: z.number().int() }), row: z.object({ ids: z.array(z.string()) }) },
  bulkRemoveBatch: { params: ids, row: count('removed') },
  bulkRemoveState: { params: z.object({ runId: z.string() }), row: count('removed') },
  bulkOriginCounts: { params: z.object({ origin: z.string() }), row: z.object({ nodes: z.number(), relationships: z.number() }) },
  bulkLoadImported: {
    params: z.object({ runId: z.string(), params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])), origin: z.string(), batches: z.number().int(), rows: z.number().int() }),
    row: z.object({ state: PropsModel }),
  },
  bulkImportForeignData: { params: none, row: z.object({ nodes: z.number(), relationships: z.number() }) },
}, CYPHER_TOKENS);

/** The schema statements, in file order. */
export function schemaStatements(): string[] {
  return readFileSync(path.join(CYPHER_DIR, 'schema.cypher'), 'utf8')
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}
