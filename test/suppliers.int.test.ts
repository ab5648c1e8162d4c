import { describe, expect, it } from 'vitest';
import { dataOf, seed, useGraphQL, useTestDb } from './support/harness.js';

const db = useTestDb();
const gql = useGraphQL(db);
const graph = seed();

const QUERY = /* GraphQL */ `
  query ($firm: String!, $first: Int, $after: String) {
    suppliersOf(firm: $firm, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { supplier { id } stated products { id } sources { quote } } }
    }
  }
`;

interface Expected {
  stated: boolean;
  products: Set<string>;
  quotes: Set<string>;
}

/** The suppliers of every firm, derived from the seed files: SUPPLIES relations, and producers of an INPUT_TO of its products. */
function expectedSuppliers(): Map<string, Map<string, Expected>> {
  const kindOf = new Map(graph.entities.map((e) => [e.id, e.kind]));
  const of = (type: string) => graph.relations.filter((r) => r.type === type);
  const all = new Map<string, Map<string, Expected>>();
  const entry = (buyer: string, supplier: string) => {
    const suppliers = all.get(buyer) ?? all.set(buyer, new Map()).get(buyer)!;
    return suppliers.get(supplier) ?? suppliers.set(supplier, { stated: false, products: new Set(), quotes: new Set() }).get(supplier)!;
  };
  const quotesOf = (r: (typeof graph.relations)[number]) => r.evidence.flatMap((e) => (e.quote ? [e.quote] : []));
  for (const r of of('SUPPLIES')) {
    if (kindOf.get(r.to) !== 'Firm') continue;
    const e = entry(r.to, r.from);
    e.stated = true;
    quotesOf(r).forEach((q) => e.quotes.add(q));
  }
  const firmProductions = of('PRODUCES').filter((r) => kindOf.get(r.from) === 'Firm');
  for (const made of firmProductions) {
    for (const input of of('INPUT_TO').filter((i) => i.to === made.to)) {
      for (const supply of firmProductions.filter((p) => p.to === input.from && p.from !== made.from)) {
        const e = entry(made.from, supply.from);
        e.products.add(supply.to);
        quotesOf(supply).forEach((q) => e.quotes.add(q));
      }
    }
  }
  return all;
}

const nameOf = (id: string) => graph.entities.find((e) => e.id === id)!.name;

describe('suppliersOf', () => {
  const expected = expectedSuppliers();

  it('the seed has stated suppliers and suppliers through the product chain to check', () => {
    const entries = [...expected.values()].flatMap((m) => [...m.values()]);
    expect(entries.some((e) => e.stated)).toBe(true);
    expect(entries.some((e) => !e.stated && e.products.size > 0)).toBe(true);
  });

  it('answers every firm with its suppliers, their products and quotes, by supplier name', async () => {
    for (const [buyer, suppliers] of expected) {
      const edges = dataOf(await gql(QUERY, { firm: buyer, first: 100 })).suppliersOf.edges.map((e: any) => e.node);
      // Cypher orders strings by code point, as [name, id] lists.
      const byCodePoint = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
      const ids = [...suppliers.keys()].sort((a, b) => byCodePoint(nameOf(a), nameOf(b)) || byCodePoint(a, b));
      expect(edges.map((n: any) => n.supplier.id), buyer).toEqual(ids);
      for (const node of edges) {
        const want = suppliers.get(node.supplier.id)!;
        expect(node.stated, `${buyer} ← ${node.supplier.id}`).toBe(want.stated);
        expect(new Set(node.products.map((p: any) => p.id)), `${buyer} ← ${node.supplier.id}`).toEqual(want.products);
        expect(new Set(node.sources.flatMap((s: any) => (s.quote ? [s.quote] : []))), `${buyer} ← ${node.supplier.id}`).toEqual(want.quotes);
      }
    }
  });

  it('resolves the firm by name and pages with cursors exactly as one longer page', async () => {
    const [buyer] = [...expected].sort((a, b) => b[1].size - a[1].size)[0];
    const whole = dataOf(await gql(QUERY, { firm: nameOf(buyer), first: 100 })).suppliersOf;
    expect(whole.pageInfo.hasNextPage).toBe(false);
    const paged: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < whole.edges.length + 1; page++) {
      const next: any = dataOf(await gql(QUERY, { firm: nameOf(buyer), first: 1, after })).suppliersOf;
      paged.push(...next.edges.map((e: any) => e.node.supplier.id));
      if (!next.pageInfo.hasNextPage) break;
      after = next.pageInfo.endCursor;
    }
    expect(paged).toEqual(whole.edges.map((e: any) => e.node.supplier.id));
  });

  it('refuses a name that is no firm, and a page size out of range', async () => {
    const place = graph.entities.find((e) => e.kind === 'Place')!;
    expect((await gql(QUERY, { firm: place.id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const firm = graph.entities.find((e) => e.kind === 'Firm')!;
    expect((await gql(QUERY, { firm: firm.id, first: 0 })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
