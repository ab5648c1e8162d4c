import { describe, expect, it } from 'vitest';
import { ResponseCache } from '../src/graphql/cache/response-cache.js';
import { firmsIn, policiesConcerning } from '../src/services/places.js';
import { ANY_PRODUCER, producerCounts, supplyChainSteps } from '../src/services/chains.js';
import { EVERYTHING } from '../src/services/rows.js';
import { dataOf, useGraphQL, useTestDb } from './support/harness.js';

/**
 * Rows carry the properties the selection reads (src/graphql/selection.ts, SELECTED in the catalogue):
 * fewer bytes, the same answers. The curated answers themselves are pinned by test/queries.int.test.ts.
 */
const db = useTestDb();
const gql = useGraphQL(db, { responseCache: ResponseCache.off() });
const IDS = { fields: ['id', 'kind', 'name', 'status'], relFields: ['role'] };

describe('rows as the selection reads them', () => {
  it('a narrow selection leaves the other properties in Neo4j; every property when asked for all', async () => {
    const args = { place: '贵州省', includeSubareas: true, first: 50 };
    const narrow = await firmsIn(db, args, IDS);
    const full = await firmsIn(db, args, EVERYTHING);
    expect(narrow.items.map((i) => [i.value.firm.id, i.value.place.id, i.value.role])).toEqual(full.items.map((i) => [i.value.firm.id, i.value.place.id, i.value.role]));
    // Curated firms have English names and evidence: the full rows carry them, the narrow ones do not.
    expect(full.items.some((i) => i.value.firm.nameEn)).toBe(true);
    expect(narrow.items.some((i) => i.value.firm.nameEn)).toBe(false);
    expect(full.items.some((i) => i.value.evidence.length > 0)).toBe(true);
    expect(narrow.items.every((i) => i.value.evidence.length === 0)).toBe(true);

    const policies = await policiesConcerning(db, { argument: 'concerning', name: '贵安新区' }, { fields: IDS.fields, relFields: [] });
    const allPolicies = await policiesConcerning(db, { argument: 'concerning', name: '贵安新区' });
    expect(policies.map((p) => [p.policy.id, p.via.id, p.inherited])).toEqual(allPolicies.map((p) => [p.policy.id, p.via.id, p.inherited]));
    expect(policies.length).toBeGreaterThan(0);
    expect(allPolicies.some((p) => p.policy.evDocs.length > 0 && p.evidence.length > 0)).toBe(true);
    expect(policies.every((p) => p.policy.evDocs.length === 0 && p.evidence.length === 0)).toBe(true);

    const names = [
      { argument: 'from', name: '磷矿石', kind: 'Product' as const },
      { argument: 'to', name: '新能源汽车', kind: 'Product' as const },
    ];
    const page = { statuses: null, first: 5, after: null };
    const chain = await supplyChainSteps(db, names, page, async () => 0, { fields: IDS.fields, relFields: ['capacity', 'status'] });
    const fullChain = await supplyChainSteps(db, names, page, async () => 0);
    const view = (c: typeof chain) => c.steps.map((s) => [s.product.id, s.inputs.map((i) => i.id), s.producers!.items.map((p) => [p.value.producer.id, p.value.place?.id, p.value.status, p.value.capacity])]);
    expect(view(chain)).toEqual(view(fullChain));
    expect(fullChain.steps.some((s) => s.producers!.items.some((p) => p.value.evidence.length > 0))).toBe(true);
    expect(chain.steps.every((s) => s.producers!.items.every((p) => p.value.evidence.length === 0 && !p.value.producer.nameEn))).toBe(true);
  });

  it('an entity\'s relations are read narrowed to their selection, unless its details are read anyway', async () => {
    const narrow = await gql(`{ lookup(name: "贵州省") { relations { type toEntity { name } } } }`);
    const full = await gql(`{ lookup(name: "贵州省") { relations { type toEntity { name } sources { quote } } } }`);
    expect(narrow.extensions!.cypher!.queries).toContain('entityRelationPage');
    const view = (r: typeof narrow) => dataOf(r).lookup.relations.map((e: { type: string; toEntity: { name: string } }) => [e.type, e.toEntity.name]);
    expect(view(narrow)).toEqual(view(full));
    expect(view(narrow).length).toBeGreaterThan(10);
    expect(dataOf(full).lookup.relations.some((e: { sources: unknown[] }) => e.sources.length > 0)).toBe(true);
    // A firm whose products are read too: its details carry the relations, no second trip for them.
    const both = await gql(`{ lookup(name: "川恒") { relations { type } ... on Firm { products { product { name } } } } }`);
    expect(both.extensions!.cypher!.queries).not.toContain('entityRelationPage');
    expect(dataOf(both).lookup.relations.length).toBeGreaterThan(0);
  });

  it('firmsIn counts its totalCount in the page\'s own round trip, the same total as the count reached later', async () => {
    const named = await gql(`{ firmsIn(place: "贵州省", first: 3) { totalCount edges { node { firm { name } } } } }`);
    expect(named.extensions!.cypher!.queries).toEqual(['firmsInPlace']);
    // Reached through a fragment, the total is not known to be wanted when the page is read: its own count, later.
    const reached = await gql(`{ firmsIn(place: "贵州省", first: 3) { ...T edges { node { firm { name } } } } } fragment T on FirmPlacementConnection { totalCount }`);
    expect(reached.extensions!.cypher!.queries).toEqual(['firmsInPlace', 'firmsInPlaceCount']);
    const total = dataOf(named).firmsIn.totalCount;
    expect(total).toBeGreaterThan(3);
    expect(dataOf(reached).firmsIn.totalCount).toBe(total);
    expect(dataOf(reached).firmsIn.edges).toEqual(dataOf(named).firmsIn.edges);
  });

  it('supplyChain: the unfiltered totalCount of every step comes with the steps (no count trip), equal to the counted one', async () => {
    const query = `{ supplyChain(from: "磷矿石", to: "新能源汽车") { steps { product { id } producers(first: 2) { totalCount edges { node { producer { id } } } } } } }`;
    const result = await gql(query);
    expect(result.extensions!.cypher!.queries).toEqual(['supplyChain']);
    const steps: { product: { id: string }; producers: { totalCount: number } }[] = dataOf(result).supplyChain.steps;
    const counted = await producerCounts(db, steps.map((s) => s.product.id), ANY_PRODUCER);
    expect(steps.map((s) => s.producers.totalCount)).toEqual(steps.map((s) => counted.get(s.product.id) ?? 0));
    expect(steps.some((s) => s.producers.totalCount > 2)).toBe(true);
  });
});
