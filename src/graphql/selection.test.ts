import { createRequire } from 'node:module';
import type { GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from './schema.js';
import { selected } from './selection.js';
import type { Selection } from '../services/rows.js';

/**
 * What a question's rows carry, read from its selection (no database: the rows themselves are
 * checked by the curated answers of test/queries.int.test.ts, which must not change).
 */
const schema = buildSchema();
// The graphql module the schema was built with (vitest loads this file's own `graphql` import as another copy).
const { execute, parse } = createRequire(import.meta.url)('graphql') as typeof import('graphql');
const fields = schema.getQueryType()!.getFields();
let captured: Selection | null = null;
for (const name of ['supplyChain', 'firmsIn', 'neighborhood', 'policies']) {
  fields[name].resolve = (_parent: unknown, _args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
    captured = selected(info);
    return null;
  };
}
async function selectionOf(query: string | ReturnType<typeof parse>): Promise<Selection> {
  captured = null;
  await execute({ schema, document: typeof query === 'string' ? parse(query) : query, contextValue: {} });
  if (!captured) throw new Error('the root resolver was not called');
  return captured;
}

const BASE = ['id', 'kind', 'name', 'status'];

describe('the properties a selection reads', () => {
  it('ids and names only: the base of every entity row; a production its status and capacity', async () => {
    const s = await selectionOf(`{ supplyChain(from: "a", to: "b") { steps { product { id name } inputs { id } producers(first: 10) { totalCount edges { node { producer { id name } place { id name } status capacity } } } } } }`);
    expect(s.fields).toEqual(BASE);
    expect(s.relFields).toEqual(['capacity', 'status']);
  });

  it('default-resolved fields add their own property; fields with a resolver what they read; fields loaded by id nothing', async () => {
    const s = await selectionOf(`{ firmsIn(place: "p") { edges { node { role sources { quote } firm { nameEn aliases facts { label } ... on Firm { placements { role } products { capacity } } } place { ...P } } } } }
      fragment P on Place { placeKind code ancestors { name } }`);
    expect(s.fields).toEqual([...BASE, 'aliases', 'code', 'factsJson', 'nameEn', 'placeKind'].sort());
    // The placement's role and evidence, and (nested, loaded by id) a production's capacity: a superset is safe.
    expect(s.relFields).toEqual(['capacity', 'evDocs', 'evNotes', 'evQuotes', 'role'].sort());
  });

  it('edges: type and ends are not properties; a field it cannot vouch for asks for every property', async () => {
    const edges = await selectionOf(`{ neighborhood(id: "x") { nodes { id } edges { type from to typeLabel role } } }`);
    expect(edges.relFields).toEqual(['role']);
    const unknown = await selectionOf(`{ supplyChain(from: "a", to: "b") { steps { producers { edges { node { history { type } } } } } } }`);
    expect(unknown.relFields).toBeNull();
    expect(unknown.fields).toEqual(BASE);
  });

  it("a production's product and every row's sort key only when read: Production.product, an edge's cursor", async () => {
    const plain = await selectionOf(`{ supplyChain(from: "a", to: "b") { steps { producers(first: 10) { pageInfo { endCursor } edges { node { producer { id } } } } } } }`);
    expect(plain).toMatchObject({ withMade: false, edgeCursors: false });
    const both = await selectionOf(`{ supplyChain(from: "a", to: "b") { steps { producers { edges { cursor node { ...M } } } } } } fragment M on Production { product { name } }`);
    expect(both.withMade).not.toBe(false);
    expect(both.edgeCursors).not.toBe(false);
    // No cursor at all (the explorer's place table): a keyset page may send no sort key.
    const table = await selectionOf(`{ firmsIn(place: "p", first: 100) { totalCount edges { node { firm { name } } } } }`);
    expect(table.cursors).toBe(false);
    const paged = await selectionOf(`{ firmsIn(place: "p") { pageInfo { endCursor } edges { node { firm { name } } } } }`);
    expect(paged.cursors).not.toBe(false);
    // A field it does not vouch for may read the product (Production.history does).
    const history = await selectionOf(`{ supplyChain(from: "a", to: "b") { steps { producers { edges { node { history { type } } } } } } }`);
    expect(history.withMade).not.toBe(false);
  });

  it("the documents a relation's evidence cites come with the rows only when read there, not for an entity's own sources", async () => {
    const cited = await selectionOf(`{ firmsIn(place: "p") { edges { node { firm { name } sources { ...S } } } } } fragment S on Evidence { quote document { title } }`);
    expect(cited.withDocuments).toBe(true);
    const own = await selectionOf(`{ firmsIn(place: "p") { edges { node { firm { sources { document { title } } } sources { quote } } } } }`);
    expect(own.withDocuments).toBeUndefined();
    const production = await selectionOf(`{ supplyChain(from: "a", to: "b") { steps { producers { edges { node { sources { document { id } } } } } } } }`);
    expect(production.withDocuments).toBe(true);
    // Relations further down (a firm's own placements, an entity's relations) are not the rows': their loaders read them.
    const deeper = await selectionOf(`{ firmsIn(place: "p") { edges { node { firm { placements { sources { document { title } } } relations { sources { document { title } } } } } } } }`);
    expect(deeper.withDocuments).toBeUndefined();
    const viaFirm = await selectionOf(`{ policies(concerning: "x") { via { ... on Firm { placements { sources { document { title } } } } } } }`);
    expect(viaFirm.withDocuments).toBeUndefined();
  });

  it('every entity field of the schema is either default-resolved or listed: none asks for everything by accident', async () => {
    const entityFields = Object.keys((schema.getType('Firm') as unknown as { getFields(): Record<string, unknown> }).getFields());
    const s = await selectionOf(`{ policies(concerning: "x") { via { ${entityFields.filter((f) => !['relations', 'placements', 'products', 'projects', 'industries', 'customers', 'suppliers'].includes(f)).join(' ')} ... on Firm { placements { role } } } policy { id } } }`);
    expect(s.fields).not.toBeNull();
    expect(s.fields).toEqual(expect.arrayContaining(['aliases', 'evDocs', 'nameEn', 'description', 'descriptionZh', 'factsJson', 'origin', 'reviewedBy']));
  });

  it('is read once per operation text: the same parsed document gives the same (frozen) answer, another text its own', async () => {
    // graphql-yoga's parser cache hands every request of one text the same document, as here.
    const document = parse(`{ firmsIn(place: "p") { edges { node { role firm { nameEn } } } } }`);
    const first = await selectionOf(document);
    expect(await selectionOf(document)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const other = await selectionOf(`{ firmsIn(place: "p") { edges { node { role firm { nameEn } } } } }`);
    expect(other).not.toBe(first);
    expect(other).toEqual(first);
    const narrower = await selectionOf(`{ firmsIn(place: "p") { edges { node { firm { name } } } } }`);
    expect(narrower.fields).toEqual(BASE);
    expect(narrower.relFields).toEqual([]);
  });
});
