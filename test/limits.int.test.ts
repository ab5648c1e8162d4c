import { getIntrospectionQuery, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationCost } from '../src/graphql/limits/cost.js';
import { DEFAULT_LIMITS } from '../src/graphql/limits/guard.js';
import { createGraphQLHandler } from '../src/graphql/yoga.js';
import { EXAMPLE_TABS } from '../src/graphql/examples.js';
import { buildSchema } from '../src/graphql/schema.js';
import { BASES, CHAIN, CHAIN_HISTORY, DOCUMENT, ENTITY, LOOKUP, NAME, NEIGHBOURHOOD, PATH, PATH_NAMES, PLACE, SEARCH } from '../web/src/operations.js';
import { dataOf, useTestDb, type GraphQLResult } from './support/harness.js';

const db = useTestDb();
// Every static limit as served; only the time budget is generous, since this machine's speed is not under test here.
const yoga = createGraphQLHandler(db, { limits: { ...DEFAULT_LIMITS, timeoutMs: 300_000 } });
const gql = async (query: string, variables: Record<string, unknown>, operationName?: string): Promise<GraphQLResult> => {
  const response = await yoga.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables, operationName }) });
  return (await response.json()) as GraphQLResult;
};
const schema = buildSchema();

/**
 * Every operation the explorer and GraphiQL send, with the LARGEST variables their UIs can produce
 * (the graph view's depth 3 and limit 500, the path view's 8 hops, a 100-item page), must pass every
 * limit and answer without errors.
 */
/** A GraphiQL tab may hold several operations (the curators' tab: a mutation and queries): each is checked by name. */
const operationsOf = (name: string, query: string) =>
  parse(query)
    .definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')
    .map((d) => ({ name: `${name}: ${d.name?.value ?? 'anonymous'}`, query, operationName: d.name?.value, mutation: d.operation === 'mutation' }));

const REAL_OPERATIONS: { name: string; query: string; variables?: Record<string, unknown>; operationName?: string; mutation?: boolean }[] = [
  // The explorer's operations are typed documents (web/src/operations.ts); what it POSTs is their text.
  { name: 'explorer: neighbourhood at depth 3, limit 500', query: String(NEIGHBOURHOOD), variables: { id: 'place:guizhou', depth: 3, limit: 500 } },
  { name: 'explorer: search suggestions, a 100-item page', query: String(SEARCH), variables: { text: '贵州', kinds: null, first: 100, after: null } },
  { name: 'explorer: chain view with a place', query: String(CHAIN), variables: { from: '磷矿石', to: '新能源汽车', place: '福泉', withPlace: true } },
  { name: 'explorer: chain view without a place', query: String(CHAIN), variables: { from: '磷矿石', to: '新能源汽车', place: '', withPlace: false } },
  { name: 'explorer: chain histories with a place', query: String(CHAIN_HISTORY), variables: { from: '磷矿石', to: '新能源汽车', place: '福泉', withPlace: true } },
  { name: 'explorer: display name', query: String(NAME), variables: { name: '磷矿石', kind: 'PRODUCT' } },
  { name: 'explorer: entity page of the largest hub', query: String(ENTITY), variables: { name: '贵州省' } },
  { name: 'explorer: graph view centre', query: String(LOOKUP), variables: { name: '贵州省' } },
  { name: 'explorer: home page bases', query: String(BASES) },
  { name: 'explorer: path view at 8 hops', query: String(PATH), variables: { from: '川恒', to: '贵安新区', maxHops: 8 } },
  { name: 'explorer: path names', query: String(PATH_NAMES), variables: { from: '川恒', to: '贵安新区' } },
  { name: 'explorer: place page of the province with sub-areas', query: String(PLACE), variables: { name: 'place:guizhou', sub: true } },
  // The ingest view: a document and its three review lists of 100 candidates each.
  { name: 'explorer: ingest view of a document (three review lists of 100)', query: String(DOCUMENT), variables: { id: 'doc:000', d: 'doc:000' } },
  ...EXAMPLE_TABS.flatMap((tab, i) => operationsOf(`GraphiQL example ${i + 1}`, tab.query)),
  { name: 'GraphiQL: schema introspection', query: getIntrospectionQuery() },
];

describe('the limits let every real operation through', () => {
  for (const op of REAL_OPERATIONS) {
    it(op.name, async () => {
      const cost = operationCost(schema, parse(op.query), op.operationName, op.variables ?? {}, DEFAULT_LIMITS.cost);
      expect(cost, `cost of ${op.name}`).toBeLessThanOrEqual(DEFAULT_LIMITS.cost);
      const result = await gql(op.query, op.variables ?? {}, op.operationName);
      if (op.mutation) {
        // Within every limit, so what refuses it here is the missing token, not a limit.
        expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      } else {
        expect(Object.keys(dataOf(result) as object).length).toBeGreaterThan(0);
      }
    });
  }
});

describe('the cost model', () => {
  const cost = (query: string, variables: Record<string, unknown> = {}) => operationCost(schema, parse(query), undefined, variables, 1e12);

  it('multiplies by first, limit, depth and maxHops, from literals and from variables alike', () => {
    const search = (first: number) => cost(`{ search(text: "x", first: ${first}) { edges { node { id } } } }`);
    expect(search(100)).toBeGreaterThan(5 * search(10));
    const viaVariable = cost(`query ($n: Int) { search(text: "x", first: $n) { edges { node { id } } } }`, { n: 100 });
    expect(viaVariable).toBe(search(100));
    const hops = (n: number) => cost(`{ path(from: "a", to: "b", maxHops: ${n}) { nodes { id } } }`);
    expect(hops(8)).toBeGreaterThan(hops(2));
    const neighbourhood = (depth: number, limit: number) => cost(`{ neighborhood(id: "x", depth: ${depth}, limit: ${limit}) { nodes { id } } }`);
    expect(neighbourhood(3, 100)).toBeGreaterThan(neighbourhood(1, 100));
    expect(neighbourhood(1, 500)).toBeGreaterThan(neighbourhood(1, 100));
  });

  it('costs the curation connections (reviewQueue, audit) by first, like every other connection, both ways', () => {
    const queue = (first: number) => cost(`{ reviewQueue(first: ${first}) { edges { node { id matches { id } } } } }`);
    const audit = (first: number) => cost(`{ audit(first: ${first}) { edges { node { id entity { id } } } } }`);
    // Per candidate: the edge, the node and its matches (5 expected); per audit entry: the edge, the node, its entity.
    expect(queue(100) - queue(1)).toBe(99 * (1 + 1 + 5));
    expect(audit(100) - audit(1)).toBe(99 * (1 + 1 + 1));
    expect(queue(1)).toBeLessThan(queue(10));
    // The SDL's default (50) when first is omitted, from a variable alike.
    expect(cost(`{ reviewQueue { edges { node { id } } } }`)).toBe(cost(`{ reviewQueue(first: 50) { edges { node { id } } } }`));
    expect(cost(`query ($n: Int) { audit(first: $n) { edges { node { id } } } }`, { n: 7 })).toBe(audit(7) - 7);
    // A candidate's mentions are parsed from its own row: they add nothing.
    expect(cost(`{ reviewQueue(first: 100) { edges { node { id mentions { quote } } } } }`)).toBe(cost(`{ reviewQueue(first: 100) { edges { node { id } } } }`));
  });

  it('refuses a curation query that asks too much, and lets the ingest view through', async () => {
    const aliases = Array.from({ length: 14 }, (_, i) => `q${i}: reviewQueue(first: 100) { edges { node { id matches { id } match { id } } } }`).join(' ');
    const over = cost(`{ ${aliases} }`);
    expect(over).toBeGreaterThan(DEFAULT_LIMITS.cost);
    const refused = await gql(`{ ${aliases} }`, {});
    expect(refused.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    expect(refused.errors?.[0]?.extensions?.cost).toBeGreaterThan(DEFAULT_LIMITS.cost);
    expect(cost(String(DOCUMENT), { id: 'doc:000', d: 'doc:000' })).toBeLessThanOrEqual(DEFAULT_LIMITS.cost);
  });

  it('counts every alias and multiplies nested lists', () => {
    const one = cost(`{ a: supplyChain(from: "a", to: "b") { steps { product { id } } } }`);
    const three = cost(`{ a: supplyChain(from: "a", to: "b") { steps { product { id } } } b: supplyChain(from: "a", to: "b") { steps { product { id } } } c: supplyChain(from: "a", to: "b") { steps { product { id } } } }`);
    expect(three).toBe(3 * one);
    const nested = (n: number) => cost(`{ lookup(name: "x") { ${'relations { toEntity { '.repeat(n)} id ${'} } '.repeat(n)} } }`);
    expect(nested(2)).toBeGreaterThan(40 * nested(1));
  });

  it("charges an entity's relations by their first, listed or paged", () => {
    const list = (first: number) => cost(`{ lookup(name: "x") { relations(first: ${first}) { toEntity { id } } } }`);
    const page = (first: number) => cost(`{ lookup(name: "x") { relationsConnection(first: ${first}) { edges { node { toEntity { id } } } } } }`);
    // The list's default is its documented 250; each edge and its other end cost 1 each.
    expect(cost(`{ lookup(name: "x") { relations { toEntity { id } } } }`)).toBe(list(250));
    expect(list(1000) - list(10)).toBe(2 * 990);
    expect(page(100) - page(10)).toBe(3 * 90);
    expect(cost(`{ lookup(name: "x") { relationsConnection { edges { node { id } } } } }`)).toBe(cost(`{ lookup(name: "x") { relationsConnection(first: 20) { edges { node { id } } } } }`));
  });

  it('expands fragments where they are spread, and stops walking once over the budget', () => {
    const withFragment = cost(`{ lookup(name: "x") { ...R } } fragment R on Entity { relations { toEntity { id } } }`);
    const inline = cost(`{ lookup(name: "x") { relations { toEntity { id } } } }`);
    expect(withFragment).toBe(inline);
    const levels = 30;
    const fragments = Array.from({ length: levels }, (_, i) => (i === levels - 1 ? `fragment F${i} on Place { id }` : `fragment F${i} on Place { children { ...F${i + 1} } parent { ...F${i + 1} } }`));
    const tree = parse(`{ lookup(name: "x") { ... on Place { ...F0 } } } ${fragments.join(' ')}`);
    // 2^30 paths: the walk must give up early, returning a cost just over the budget.
    const bounded = operationCost(schema, tree, undefined, {}, 1_000);
    expect(bounded).toBeGreaterThan(1_000);
    expect(bounded).toBeLessThan(1_000_000);
  });
});
