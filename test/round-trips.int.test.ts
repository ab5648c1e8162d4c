import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/graphql/limits/guard.js';
import { useGraphQL, useTestDb } from './support/harness.js';
import { ResponseCache } from '../src/graphql/cache/response-cache.js';

const db = useTestDb();
// Batching is measured on operations far larger than the public cost budget lets through (test/limits.int.test.ts covers that budget).
// The response cache is off: a cached answer makes no round trips, and these count the real ones.
const gql = useGraphQL(db, { limits: { ...DEFAULT_LIMITS, cost: Number.MAX_SAFE_INTEGER }, responseCache: ResponseCache.off() });

// Nested fields are batched per request (DataLoader), so the cost depends on the query's depth, never on list sizes.
const COMMON_FIELDS = /* GraphQL */ `id name sources { quote document { title } } relations { type toEntity { name } sources { document { id } } }`;
const ENTITY_FIELDS = /* GraphQL */ `${COMMON_FIELDS}
  ... on Place { ancestors { name } children { name } }
  ... on Firm { placements { place { name ancestors { name } } } products { product { name } place { name } } }`;

const OPERATIONS: [field: string, bound: number, query: (size: number) => string][] = [
  ['search', 5, (n) => `{ search(text: "贵州", first: ${n}) { edges { node { ${ENTITY_FIELDS} } } } }`],
  ['lookup', 3, () => `{ lookup(name: "福泉") { ${ENTITY_FIELDS} } }`],
  ['entity', 5, () => `{ entity(id: "firm:chuanheng") { ${ENTITY_FIELDS} } }`],
  ['firmsIn', 5, (n) => `{ firmsIn(place: "贵州", first: ${n}) { edges { node { place { name } firm { ${COMMON_FIELDS} placements { place { ancestors { name } } } } sources { document { title } } } } } }`],
  // A step's producers are a page of their own (one trip for every step), so their nested fields batch one wave after the step's product's.
  // Firm.placements has its own light loader (firmPlacements): a firm whose other relations are read too costs one more trip in the same wave.
  ['supplyChain', 9, () => `{ supplyChain(from: "磷矿石", to: "新能源汽车") { steps { product { ${COMMON_FIELDS} inputs { name } } producers { edges { node { producer { ${ENTITY_FIELDS} } firm { placements { role } } sources { document { title } } } } } } } }`],
  ['chainGaps', 9, () => `{ chainGaps(place: "福泉", from: "磷矿石", to: "新能源汽车") { product { ${COMMON_FIELDS} } candidates { edges { node { producer { ${ENTITY_FIELDS} } } } } } }`],
  ['path', 6, () => `{ path(from: "川恒", to: "贵安新区") { nodes { ${ENTITY_FIELDS} } edges { sources { document { title } } } } }`],
  ['policies', 4, () => `{ policies(concerning: "贵安新区") { policy { ${COMMON_FIELDS} concerns { name } } via { name } sources { document { title } } } }`],
  ['projects', 4, () => `{ projects { ${COMMON_FIELDS} place { name ancestors { name } } participants { participant { name } } } }`],
  ['industrialBases', 5, () => `{ industrialBases { ${COMMON_FIELDS} places { ${COMMON_FIELDS} ancestors { name } } firms { name } } }`],
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
