import { getIntrospectionQuery, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationCost } from '../src/graphql/limits/cost.js';
import { DEFAULT_LIMITS } from '../src/graphql/limits/guard.js';
import { createGraphQLHandler } from '../src/graphql/yoga.js';
import { EXAMPLE_TABS } from '../src/graphql/examples.js';
import { buildSchema } from '../src/graphql/schema.js';
import { NEIGHBOURHOOD } from '../web/src/graph.js';
import { SEARCH } from '../web/src/picker.js';
import { CHAIN, NAME } from '../web/src/views/chain.js';
import { ENTITY } from '../web/src/views/entity.js';
import { LOOKUP } from '../web/src/views/graph.js';
import { BASES } from '../web/src/views/home.js';
import { NAMES, PATH } from '../web/src/views/path.js';
import { PLACE } from '../web/src/views/place.js';
import { dataOf, useTestDb, type GraphQLResult } from './support/harness.js';

const db = useTestDb();
// Every static limit as served; only the time budget is generous, since this machine's speed is not under test here.
const yoga = createGraphQLHandler(db, { limits: { ...DEFAULT_LIMITS, timeoutMs: 300_000 } });
const gql = async (query: string, variables: Record<string, unknown>): Promise<GraphQLResult> => {
  // A tab with several operations (the curators' one) runs its first query: its mutations need a token.
  const first = parse(query).definitions.find((d) => d.kind === 'OperationDefinition' && d.operation === 'query');
  const operationName = first && 'name' in first ? (first.name?.value ?? null) : null;
  const response = await yoga.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables, operationName }) });
  return (await response.json()) as GraphQLResult;
};
const schema = buildSchema();

/**
 * Every operation the explorer and GraphiQL send, with the LARGEST variables their UIs can produce
 * (the graph view's depth 3 and limit 500, the path view's 8 hops, a 100-item page), must pass every
 * limit and answer without errors.
 */
const REAL_OPERATIONS: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  { name: 'explorer: neighbourhood at depth 3, limit 500', query: NEIGHBOURHOOD, variables: { id: 'place:guizhou', depth: 3, limit: 500 } },
  { name: 'explorer: search suggestions, a 100-item page', query: SEARCH, variables: { text: '贵州', kinds: null, first: 100, after: null } },
  { name: 'explorer: chain view with a place', query: CHAIN, variables: { from: '磷矿石', to: '新能源汽车', place: '福泉', withPlace: true } },
  { name: 'explorer: chain view without a place', query: CHAIN, variables: { from: '磷矿石', to: '新能源汽车', place: '', withPlace: false } },
  { name: 'explorer: display name', query: NAME, variables: { name: '磷矿石', kind: 'PRODUCT' } },
  { name: 'explorer: entity page of the largest hub', query: ENTITY, variables: { name: '贵州省' } },
  { name: 'explorer: graph view centre', query: LOOKUP, variables: { name: '贵州省' } },
  { name: 'explorer: home page bases', query: BASES },
  { name: 'explorer: path view at 8 hops', query: PATH, variables: { from: '川恒', to: '贵安新区', maxHops: 8 } },
  { name: 'explorer: path names', query: NAMES, variables: { from: '川恒', to: '贵安新区' } },
  { name: 'explorer: place page of the province with sub-areas', query: PLACE, variables: { name: 'place:guizhou', sub: true } },
  ...EXAMPLE_TABS.map((tab, i) => ({ name: `GraphiQL example ${i + 1}`, query: tab.query })),
  { name: 'GraphiQL: schema introspection', query: getIntrospectionQuery() },
];

describe('the limits let every real operation through', () => {
  for (const op of REAL_OPERATIONS) {
    it(op.name, async () => {
      const cost = operationCost(schema, parse(op.query), null, op.variables ?? {}, DEFAULT_LIMITS.cost);
      expect(cost, `cost of ${op.name}`).toBeLessThanOrEqual(DEFAULT_LIMITS.cost);
      const data = dataOf(await gql(op.query, op.variables ?? {}));
      expect(Object.keys(data as object).length).toBeGreaterThan(0);
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

  it('counts every alias and multiplies nested lists', () => {
    const one = cost(`{ a: supplyChain(from: "a", to: "b") { steps { product { id } } } }`);
    const three = cost(`{ a: supplyChain(from: "a", to: "b") { steps { product { id } } } b: supplyChain(from: "a", to: "b") { steps { product { id } } } c: supplyChain(from: "a", to: "b") { steps { product { id } } } }`);
    expect(three).toBe(3 * one);
    const nested = (n: number) => cost(`{ lookup(name: "x") { ${'relations { toEntity { '.repeat(n)} id ${'} } '.repeat(n)} } }`);
    expect(nested(2)).toBeGreaterThan(40 * nested(1));
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
