import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/graphql/limits/guard.js';
import { useGraphQL, useTestDb } from './support/harness.js';
import { ResponseCache } from '../src/graphql/cache/response-cache.js';

const db = useTestDb();
// Batching is measured on operations far larger than the public cost budget lets through (test/limits.int.test.ts covers that budget).
// The response cache is off: a cached answer makes no round trips, and these count the real ones.
const gql = useGraphQL(db, { limits: { ...DEFAULT_LIMITS, cost: Number.MAX_SAFE_INTEGER }, responseCache: ResponseCache.off() });

// Nested fields are batched per request (DataLoader), so the cost depends on the query's depth, never on list sizes.
// Place.parent/ancestors/children have their own light loader (placeTree): beside a place's relations
// (entityDetails) that is one more trip in the same wave, run side by side, where reading them from the
// details would read every relation of a county (thousands of firms at scale) for a breadcrumb.
const COMMON_FIELDS = /* GraphQL */ `id name sources { quote document { title } } relations { type toEntity { name } sources { document { id } } }`;
const ENTITY_FIELDS = /* GraphQL */ `${COMMON_FIELDS}
  ... on Place { ancestors { name } children { name } }
  ... on Firm { placements { place { name ancestors { name } } } products { product { name } place { name } } }`;

const OPERATIONS: [field: string, bound: number, query: (size: number) => string][] = [
  ['search', 6, (n) => `{ search(text: "贵州", first: ${n}) { edges { node { ${ENTITY_FIELDS} } } } }`],
  ['lookup', 4, () => `{ lookup(name: "福泉") { ${ENTITY_FIELDS} } }`],
  ['entity', 5, () => `{ entity(id: "firm:chuanheng") { ${ENTITY_FIELDS} } }`],
  ['firmsIn', 5, (n) => `{ firmsIn(place: "贵州", first: ${n}) { edges { node { place { name } firm { ${COMMON_FIELDS} placements { place { ancestors { name } } } } sources { document { title } } } } } }`],
  // The steps and their first page of producers are one trip (with the names); the producers' nested fields batch one wave after the step's product's.
  // Firm.placements has its own light loader (firmPlacements): a firm whose other relations are read too costs one more trip in the same wave.
  ['supplyChain', 8, () => `{ supplyChain(from: "磷矿石", to: "新能源汽车") { steps { product { ${COMMON_FIELDS} inputs { name } } producers { edges { node { producer { ${ENTITY_FIELDS} } firm { placements { role } } sources { document { title } } } } } } } }`],
  ['chainGaps', 8, () => `{ chainGaps(place: "福泉", from: "磷矿石", to: "新能源汽车") { product { ${COMMON_FIELDS} } candidates { edges { node { producer { ${ENTITY_FIELDS} } } } } } }`],
  ['path', 6, () => `{ path(from: "川恒", to: "贵安新区") { nodes { ${ENTITY_FIELDS} } edges { sources { document { title } } } } }`],
  ['policies', 3, () => `{ policies(concerning: "贵安新区") { policy { ${COMMON_FIELDS} concerns { name } } via { name } sources { document { title } } } }`],
  ['projects', 4, () => `{ projects { ${COMMON_FIELDS} place { name ancestors { name } } participants { participant { name } } } }`],
  ['industrialBases', 6, () => `{ industrialBases { ${COMMON_FIELDS} places { ${COMMON_FIELDS} ancestors { name } } firms { name } } }`],
  ['neighborhood', 6, (n) => `{ neighborhood(id: "place:guizhou", depth: 2, limit: ${n * 10}) { nodes { ${ENTITY_FIELDS} } edges { sources { document { title } } } } }`],
  ['documents', 1, () => `{ documents { id title } }`],
];

describe('Cypher round trips per request', () => {
  it.each(OPERATIONS)('%s stays within %i round trips, whatever the list sizes', async (field, bound, query) => {
    const small = await gql(query(2));
    const large = await gql(query(40));
    for (const result of [small, large]) {
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      expect(result.data?.[field]).toBeTruthy();
    }
    const trips = (r: typeof small) => r.extensions!.cypher!.roundTrips;
    console.log(`round trips: ${field.padEnd(16)} ${trips(large)} (${large.extensions!.cypher!.queries.join(', ')})`);
    // With 40 items an N+1 pattern would cost dozens of trips; the bound is far below the list size.
    expect(trips(small)).toBeLessThanOrEqual(bound);
    expect(trips(large)).toBeLessThanOrEqual(bound);
  });
});

// Exact names and ids are resolved inside the question's own query (fragment resolveNamesExactly):
// these questions make exactly these Cypher calls. A partial name costs the separate resolveNames
// trip and the question again by id, as before (its answers and errors are resolveNames').
const EXACT_TRIPS: [label: string, query: string, field: string, trips: string[]][] = [
  ['supplyChain: names, steps and every step\'s first page of producers', `{ supplyChain(from: "磷矿石", to: "新能源汽车") { steps { product { name } producers(first: 3) { edges { node { producer { name } capacity } } } } } }`, 'supplyChain', ['supplyChain']],
  ['supplyChain with totalCount: one more, the counts', `{ supplyChain(from: "磷矿石", to: "新能源汽车") { steps { producers(first: 3, status: ["operating"]) { totalCount edges { node { producer { name } } } } } } }`, 'supplyChain', ['supplyChain', 'chainProducersCount']],
  ['supplyChain within a place: the placed page on its own trip', `{ supplyChain(from: "磷矿石", to: "新能源汽车", within: "贵州省") { steps { producers(first: 3) { edges { node { producer { name } } } } } } }`, 'supplyChain', ['supplyChain', 'chainProducersPlaced']],
  // The documents the pages' evidence cites come with the pages when a source's document is read (withDocuments).
  ['supplyChain with its sources\' documents: in the same trip', `{ supplyChain(from: "磷矿石", to: "新能源汽车") { steps { producers(first: 3) { edges { node { sources { quote document { title } } } } } } } }`, 'supplyChain', ['supplyChain']],
  ['a step\'s own page with its documents: in the same trip', `{ supplyChain(from: "磷矿石", to: "新能源汽车", within: "贵州省") { steps { producers(first: 3) { edges { node { sources { document { title } } } } } } } }`, 'supplyChain', ['supplyChain', 'chainProducersPlaced']],
  // A firm's places' ancestors come with its placements when they are read; under two aliases each asks its own.
  ['placements with their places\' ancestors: one trip', `{ entity(id: "firm:chuanheng") { ... on Firm { placements { place { name ancestors { name } } } } } }`, 'entity', ['entitiesByIds', 'firmPlacements']],
  ['placements with ancestors under two aliases: placeTree too', `{ entity(id: "firm:chuanheng") { ... on Firm { placements { place { a: ancestors { name } b: ancestors { id } } } } } }`, 'entity', ['entitiesByIds', 'firmPlacements', 'placeTree']],
  // firmsIn's page brings its firms' placements (and their places' ancestors) when they are read.
  ['firmsIn with its firms\' placements and their ancestors: one trip', `{ firmsIn(place: "贵州", first: 30) { edges { node { firm { name placements { role place { name ancestors { name } } } } } } } }`, 'firmsIn', ['firmsInPlace']],
  ['firmsIn with its placements\' documents: one trip', `{ firmsIn(place: "贵州", first: 30) { edges { node { firm { name } sources { quote document { title } } } } } }`, 'firmsIn', ['firmsInPlace']],
  ['policies with their relevances\' documents: one trip', `{ policies(concerning: "贵安新区") { policy { name } sources { quote document { title } } } }`, 'policies', ['policiesConcerning']],
  // A document's text (an ingested article in full) is read only when it is asked for.
  ['a document without its text', `{ document(id: "doc:000") { title } }`, 'document', ['documentsByIds']],
  ['a document with its text: a trip of its own', `{ document(id: "doc:000") { title text } }`, 'document', ['documentsByIds', 'documentTexts']],
  ['supplyChain without producers', `{ supplyChain(from: "磷矿石", to: "新能源汽车") { steps { product { name } inputs { name } } } }`, 'supplyChain', ['supplyChain']],
  ['chainGaps: names, steps, gaps and every gap\'s first page of candidates', `{ chainGaps(place: "福泉市", from: "磷矿石", to: "新能源汽车") { product { name } candidates(first: 3) { edges { node { producer { name } } } } } }`, 'chainGaps', ['chainGapsWithCandidates']],
  ['chainGaps without candidates', `{ chainGaps(place: "福泉市", from: "磷矿石", to: "新能源汽车") { product { name } } }`, 'chainGaps', ['chainGapSteps']],
  ['chainGaps with candidates @include(if: false): none fetched ahead', `{ chainGaps(place: "福泉市", from: "磷矿石", to: "新能源汽车") { product { name } candidates(first: 3) @include(if: false) { edges { node { producer { name } } } } } }`, 'chainGaps', ['chainGapSteps']],
  ['chainGaps with the candidates\' totalCount: one more, the counts', `{ chainGaps(place: "福泉市", from: "磷矿石", to: "新能源汽车") { candidates(first: 3) { totalCount edges { node { producer { name } } } } } }`, 'chainGaps', ['chainGapsWithCandidates', 'gapCandidatesCount']],
  ['chainGaps asking two pages of candidates: each its own trip', `{ chainGaps(place: "福泉市", from: "磷矿石", to: "新能源汽车") { a: candidates(first: 3) { edges { node { producer { name } } } } b: candidates(first: 5) { edges { node { producer { name } } } } } }`, 'chainGaps', ['chainGapSteps', 'gapCandidates', 'gapCandidates']],
  ['path', `{ path(from: "firm:chuanheng", to: "贵安新区") { length } }`, 'path', ['shortestPaths']],
  ['policies', `{ policies(concerning: "贵安新区") { policy { name } } }`, 'policies', ['policiesConcerning']],
  ['neighborhood', `{ neighborhood(id: "place:guizhou", depth: 1, limit: 10) { nodes { name } } }`, 'neighborhood', ['neighbourhood']],
  ['projects in a place', `{ projects(in: "贵州省") { name } }`, 'projects', ['projectsInPlace']],
  ['suppliersOf', `{ suppliersOf(firm: "firm:chuanheng", first: 5) { edges { node { supplier { name } } } } }`, 'suppliersOf', ['suppliersOf']],
  // The load mix's search miss (test/load/run.ts): the page and its total in one statement.
  ['search with totalCount: page and total in one trip', `{ search(text: "磷酸", first: 3) { totalCount edges { node { name } } } }`, 'search', ['searchEntities']],
  // A breadcrumb and a tree level read the place's ancestors and children alone, not its every relation (entityDetails).
  ['a place\'s parent, ancestors and children: placeTree alone', `{ entity(id: "place:fuquan") { ... on Place { parent { name } ancestors { name } children { name } } } }`, 'entity', ['entitiesByIds', 'placeTree']],
  ['a partial name: resolveNames, then the question by id', `{ policies(concerning: "中国贵州茅台") { policy { name } } }`, 'policies', ['policiesConcerning', 'resolveNames', 'policiesConcerning']],
];

describe('names folded into the question', () => {
  it.each(EXACT_TRIPS)('%s', async (_, query, field, trips) => {
    const result = await gql(query);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    expect(result.data?.[field]).toBeTruthy();
    expect(result.extensions!.cypher!.queries).toEqual(trips);
  });
});

describe('documents that come with the rows citing them', () => {
  // Each answer's sources, and the documents its trip brought: those the documents list has, field for field.
  const CITING: [field: string, query: string, trip: string, sources: (data: any) => { document: { id: string } | null }[]][] = [
    ['supplyChain', `{ supplyChain(from: "磷矿石", to: "新能源汽车") { steps { producers(first: 50) { edges { node { sources { quote document { ...D } } } } } } } }`, 'supplyChain', (d) => d.supplyChain.steps.flatMap((s: any) => s.producers.edges.flatMap((e: any) => e.node.sources))],
    ['firmsIn', `{ firmsIn(place: "贵州", first: 100) { edges { node { sources { quote document { ...D } } } } } }`, 'firmsInPlace', (d) => d.firmsIn.edges.flatMap((e: any) => e.node.sources)],
    ['policies', `{ policies(concerning: "贵安新区") { sources { quote document { ...D } } } }`, 'policiesConcerning', (d) => d.policies.flatMap((p: any) => p.sources)],
  ];
  it.each(CITING)('%s: as the documents loader reads them, in the answer\'s own trip', async (_, query, trip, sources) => {
    const cited = await gql(`${query} fragment D on Document { id title publisher date }`);
    const all = await gql(`{ documents { id title publisher date } }`);
    expect(cited.errors, JSON.stringify(cited.errors)).toBeUndefined();
    expect(cited.extensions!.cypher!.queries).toEqual([trip]);
    const byId = new Map((all.data!.documents as { id: string }[]).map((d) => [d.id, d]));
    const named = sources(cited.data).map((s) => s.document).filter((d) => d !== null);
    // The curated answers cite several documents, every one as the documents list has it.
    expect(new Set(named.map((d) => d.id)).size).toBeGreaterThan(1);
    for (const d of named) expect(d).toEqual(byId.get(d.id));
  });
});

describe('values that come with the rows are those the fields fetch themselves', () => {
  // Under two aliases nothing is primed (each alias asks with its own selection): the fields make their own trips.
  const PLACEMENT = /* GraphQL */ `role status place { id name ancestors { id name placeKind } } sources { quote document { title } }`;
  it('firmsIn: its firms\' placements and their ancestors', async () => {
    const primed = await gql(`{ firmsIn(place: "贵州", first: 60) { edges { node { firm { id placements { ${PLACEMENT} } } } } } }`);
    const fetched = await gql(`{ firmsIn(place: "贵州", first: 60) { edges { node { firm { id a: placements { ${PLACEMENT} } b: placements { role } } } } } }`);
    expect(primed.errors ?? fetched.errors).toBeUndefined();
    expect(primed.extensions!.cypher!.queries).not.toContain('firmPlacements');
    expect(primed.extensions!.cypher!.queries).not.toContain('placeTree');
    expect(fetched.extensions!.cypher!.queries).toContain('firmPlacements');
    type Firm = { id: string; placements?: unknown[]; a?: unknown[] };
    const firms = (r: typeof primed) => (r.data!.firmsIn as { edges: { node: { firm: Firm } }[] }).edges.map((e) => e.node.firm);
    expect(firms(primed).flatMap((f) => f.placements!).length).toBeGreaterThan(40);
    expect(firms(primed).map((f) => [f.id, f.placements])).toEqual(firms(fetched).map((f) => [f.id, f.a]));
  });

  it('the same text with other variables: what @include lets through comes with the rows', async () => {
    // The selection is remembered per text; which nested fields are read is not (it depends on the variables).
    const query = `query ($with: Boolean!) { firmsIn(place: "贵州", first: 20) { edges { node { firm { id placements { place { name ancestors @include(if: $with) { name } } } } } } } }`;
    const without = await gql(query, { with: false });
    const withAncestors = await gql(query, { with: true });
    expect(without.errors ?? withAncestors.errors).toBeUndefined();
    expect(without.extensions!.cypher!.queries).toEqual(['firmsInPlace']);
    expect(withAncestors.extensions!.cypher!.queries).toEqual(['firmsInPlace']);
    const ancestors = (withAncestors.data!.firmsIn.edges as { node: { firm: { placements: { place: { ancestors?: unknown[] } }[] } } }[]).flatMap((e) => e.node.firm.placements.map((p) => p.place.ancestors!));
    expect(ancestors.some((a) => a.length > 0)).toBe(true);
  });

  it('chainGaps: every gap\'s candidates, cursors and documents too', async () => {
    const CANDIDATES = /* GraphQL */ `totalCount pageInfo { hasNextPage endCursor } edges { cursor node { producer { id name } place { id name } status capacity sources { quote document { title } } } }`;
    const primed = await gql(`{ chainGaps(place: "福泉市", from: "磷矿石", to: "新能源汽车") { product { id } candidates(first: 2) { ${CANDIDATES} } } }`);
    const fetched = await gql(`{ chainGaps(place: "福泉市", from: "磷矿石", to: "新能源汽车") { product { id } a: candidates(first: 2) { ${CANDIDATES} } b: candidates(first: 2) { totalCount } } }`);
    expect(primed.errors ?? fetched.errors).toBeUndefined();
    expect(primed.extensions!.cypher!.queries).not.toContain('gapCandidates');
    expect(fetched.extensions!.cypher!.queries).toContain('gapCandidates');
    type Gap = { product: { id: string }; candidates?: { edges: unknown[]; pageInfo: { hasNextPage: boolean } }; a?: unknown };
    const gaps = (r: typeof primed) => r.data!.chainGaps as Gap[];
    // Fuquan's curated gaps have 3 candidates in all, one page cut short (its cursor read).
    expect(gaps(primed).flatMap((g) => g.candidates!.edges).length).toBeGreaterThanOrEqual(3);
    expect(gaps(primed).some((g) => g.candidates!.pageInfo.hasNextPage)).toBe(true);
    expect(gaps(primed).map((g) => [g.product.id, g.candidates])).toEqual(gaps(fetched).map((g) => [g.product.id, g.a]));
  });
});
