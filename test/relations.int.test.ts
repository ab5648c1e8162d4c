import neo4j, { type Driver, type ProfiledPlan } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ResponseCache } from '../src/graphql/cache/response-cache.js';
import { Q } from '../src/db/queries.js';
import { RELATION_TYPES } from '../src/seed/model.js';
import { EVERY_RELATION, relationGroups } from '../src/services/relations.js';
import { dataOf, seed, useGraphQL, useTestDb, type GraphQLResult } from './support/harness.js';

/**
 * An entity's relations, listed (Entity.relations: a bounded first page) and paged
 * (Entity.relationsConnection): one order, pages that add up to the list, filters that read only
 * their groups. The curated graph's densest entities, and a dense place of this file's own (its firms
 * and parks, origin 'test', removed afterwards) with superseded facts that must never show.
 */
const db = useTestDb();
const gql = useGraphQL(db, { responseCache: ResponseCache.off() });
const target = inject('neo4j');
let driver: Driver;

const DENSE = 'place:test-relations-dense';
const FIRMS = 300;
const PARKS = 6;
/** Policies concerning the place: a third group, so that a page of firms leaves more than 50 facts out and is read group by group. */
const POLICIES = 60;
/** Every 7th firm's placement is superseded (a curator replaced it): counted in the degree, never served. */
const superseded = (i: number) => i % 7 === 3;

async function cypher(text: string, params: Record<string, unknown> = {}) {
  const session = driver.session({ database: target.database });
  try {
    return await session.run(text, params);
  } finally {
    await session.close();
  }
}

beforeAll(async () => {
  driver = neo4j.driver(target.uri, target.username ? neo4j.auth.basic(target.username, target.password ?? '') : undefined, { disableLosslessIntegers: true });
  await cypher(
    `CREATE (p:Entity:Place {id: $dense, kind: 'Place', name: '测试密集县', placeKind: 'county', origin: 'test'})
     WITH p
     UNWIND range(0, $firms - 1) AS i
     CREATE (f:Entity:Firm {id: 'firm:test-rel-' + right('000' + i, 3), kind: 'Firm', name: '测试企业' + i, origin: 'test'})
     CREATE (f)-[:LOCATED_IN {key: 'LOCATED_IN|' + f.id + '|' + p.id, origin: 'test', role: 'plant', superseded: CASE WHEN i % 7 = 3 THEN true END}]->(p)
     WITH DISTINCT p
     UNWIND range(0, $parks - 1) AS j
     CREATE (k:Entity:Place {id: 'place:test-rel-park-' + j, kind: 'Place', name: '测试园区' + j, placeKind: 'park', origin: 'test'})
     CREATE (k)-[:WITHIN {key: 'WITHIN|' + k.id + '|' + p.id, origin: 'test'}]->(p)
     WITH DISTINCT p
     UNWIND range(0, $policies - 1) AS j
     CREATE (q:Entity:Policy {id: 'policy:test-rel-' + right('00' + j, 2), kind: 'Policy', name: '测试政策' + j, origin: 'test'})
     CREATE (q)-[:CONCERNS {key: 'CONCERNS|' + q.id + '|' + p.id, origin: 'test'}]->(p)`,
    { dense: DENSE, firms: FIRMS, parks: PARKS, policies: POLICIES },
  );
}, 120_000);

afterAll(async () => {
  await cypher(`MATCH (n:Entity) WHERE n.origin = 'test' AND (n.id = $dense OR n.id STARTS WITH 'firm:test-rel-' OR n.id STARTS WITH 'place:test-rel-park-' OR n.id STARTS WITH 'policy:test-rel-') DETACH DELETE n`, { dense: DENSE });
  await driver.close();
});

/** The documented order, computed here from the graph: outgoing first, then type, other end's id, relation key. */
async function expectedFacts(id: string, filter: { types?: string[]; direction?: 'in' | 'out' } = {}) {
  const result = await cypher(
    `MATCH (n:Entity {id: $id})-[r]-(m:Entity)
     WHERE type(r) IN $types AND coalesce(r.superseded, false) = false
     WITH r, m, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction
     WHERE $direction IS NULL OR direction = $direction
     RETURN direction, type(r) AS type, m.id AS other, r.key AS key
     ORDER BY direction DESC, type, other, key`,
    { id, types: filter.types ?? RELATION_TYPES, direction: filter.direction ?? null },
  );
  return result.records.map((r) => `${r.get('direction')} ${r.get('type')} ${r.get('other')} ${r.get('key')}`);
}

type Edge = { type: string; from: string; to: string; id: string };
const EDGE = 'type from to id';
const asFact = (self: string) => (e: Edge) => `${e.from === self ? 'out' : 'in'} ${e.type} ${e.from === self ? e.to : e.from} ${e.id}`;

/** Every page of relationsConnection, `first` at a time: the facts in order and the trips' query names. */
async function allPages(id: string, first: number, args = '') {
  const facts: string[] = [];
  let after: string | null = null;
  let pages = 0;
  /** Pages that asked again because superseded facts left them short (src/services/relations.ts). */
  let resumed = 0;
  for (;;) {
    const answer: GraphQLResult = await gql(
      `query ($id: ID!, $first: Int, $after: String) { entity(id: $id) { relationsConnection(first: $first, after: $after${args}) { edges { cursor node { ${EDGE} } } pageInfo { hasNextPage endCursor } } } }`,
      { id, first, after },
    );
    const page: { edges: { cursor: string; node: Edge }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = dataOf(answer).entity.relationsConnection;
    facts.push(...page.edges.map((e) => asFact(id)(e.node)));
    pages += 1;
    if (answer.extensions!.cypher!.queries.filter((q) => q === 'entityRelationPage').length > 1) resumed += 1;
    expect(page.edges.length).toBeLessThanOrEqual(first);
    if (!page.pageInfo.hasNextPage) {
      expect(page.edges.length).toBeGreaterThanOrEqual(0);
      return { facts, pages, resumed };
    }
    expect(page.edges.length, 'a page with a next page is full').toBe(first);
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)!.cursor);
    after = page.pageInfo.endCursor;
    expect(pages).toBeLessThan(1_000);
  }
}

describe('Entity.relations (a bounded list)', () => {
  it("keeps the curated graph's lists whole: 贵州省's every relation, in the documented order", async () => {
    const expected = await expectedFacts('place:guizhou');
    expect(expected.length).toBeGreaterThan(200);
    const answer = await gql(`{ entity(id: "place:guizhou") { relations { ${EDGE} } } }`);
    expect(dataOf(answer).entity.relations.map(asFact('place:guizhou'))).toEqual(expected);
  });

  it('is the curated seed: every entity lists as many relations as the seed files declare for it', async () => {
    const declared = new Map<string, number>();
    for (const r of seed().relations) for (const end of [r.from, r.to]) declared.set(end, (declared.get(end) ?? 0) + 1);
    const busiest = [...declared].sort((a, b) => b[1] - a[1]).slice(0, 5);
    for (const [id, count] of busiest) {
      const answer = await gql(`query ($id: ID!) { entity(id: $id) { relations { type } } }`, { id });
      expect(dataOf(answer).entity.relations.length, id).toBe(count);
    }
  });

  it('stops at first, filters by types and direction', async () => {
    const expected = await expectedFacts('place:guizhou', { types: ['WITHIN', 'CONCERNS'], direction: 'in' });
    expect(expected.length).toBeGreaterThan(5);
    const answer = await gql(`{ entity(id: "place:guizhou") { all: relations(types: ["WITHIN", "CONCERNS"], direction: IN) { ${EDGE} } five: relations(first: 5) { ${EDGE} } } }`);
    expect(dataOf(answer).entity.all.map(asFact('place:guizhou'))).toEqual(expected);
    expect(dataOf(answer).entity.five.map(asFact('place:guizhou'))).toEqual((await expectedFacts('place:guizhou')).slice(0, 5));
  });
});

describe('Entity.relationsConnection (pages)', () => {
  it("pages through 贵州省's relations: the pages add up to the list, whatever the page size", async () => {
    const expected = await expectedFacts('place:guizhou');
    for (const first of [7, 50, 100]) {
      const { facts, pages } = await allPages('place:guizhou', first);
      expect(facts, `first ${first}`).toEqual(expected);
      expect(pages).toBe(Math.floor(expected.length / first) + 1);
    }
  });

  it('pages a dense place group by group and never serves a superseded fact', async () => {
    const expected = await expectedFacts(DENSE);
    expect(expected.length).toBe(FIRMS - Array.from({ length: FIRMS }, (_, i) => i).filter(superseded).length + PARKS + POLICIES);
    const paged = await allPages(DENSE, 9);
    expect(paged.facts).toEqual(expected);
    // The last page of firms ran short (their group's degree counts the superseded ones) and went on to the parks.
    expect(paged.resumed).toBeGreaterThan(0);
    // Incoming only, and a filter that leaves most of the groups out.
    expect((await allPages(DENSE, 40, ', direction: IN')).facts).toEqual(await expectedFacts(DENSE, { direction: 'in' }));
    expect((await allPages(DENSE, 4, ', types: ["WITHIN"]')).facts).toEqual(await expectedFacts(DENSE, { types: ['WITHIN'] }));
    expect((await allPages(DENSE, 4, ', types: ["PRODUCES"]')).facts).toEqual([]);
  });

  it('counts totalCount only when asked, by the same filter', async () => {
    const asked = await gql(`{ entity(id: "${DENSE}") { all: relationsConnection(first: 3) { totalCount } parks: relationsConnection(first: 3, types: ["WITHIN"], direction: IN) { totalCount } out: relationsConnection(direction: OUT) { totalCount } } }`);
    const entity = dataOf(asked).entity;
    expect(entity.all.totalCount).toBe((await expectedFacts(DENSE)).length);
    expect(entity.parks.totalCount).toBe(PARKS);
    expect(entity.out.totalCount).toBe(0);
    expect(asked.extensions!.cypher!.queries).toContain('entityRelationCount');
    const notAsked = await gql(`{ entity(id: "${DENSE}") { relationsConnection(first: 3) { edges { cursor } } } }`);
    expect(notAsked.extensions!.cypher!.queries).not.toContain('entityRelationCount');
    const curated = await gql(`{ entity(id: "place:guizhou") { relationsConnection { totalCount } } }`);
    expect(dataOf(curated).entity.relationsConnection.totalCount).toBe((await expectedFacts('place:guizhou')).length);
  });

  it('sibling entities asking the same page share one round trip', async () => {
    const answer = await gql(`{ search(text: "福泉", first: 10) { edges { node { id relationsConnection(first: 3) { totalCount edges { node { type } } } } } } }`);
    const hits = dataOf(answer).search.edges;
    expect(hits.length).toBeGreaterThan(2);
    const queries = answer.extensions!.cypher!.queries;
    expect(queries.filter((q) => q === 'entityRelationPage').length).toBe(1);
    expect(queries.filter((q) => q === 'entityRelationCount').length).toBe(1);
    for (const hit of hits) expect(hit.node.relationsConnection.totalCount).toBe((await expectedFacts(hit.node.id)).length);
  });

  it('a page reads only the groups it shows (PROFILE: db hits)', async () => {
    const hits = async (filter: Parameters<typeof relationGroups>[0], limit: number) => {
      const result = await cypher(`PROFILE ${Q.entityRelationPage.text}`, { ids: [DENSE], groups: relationGroups(filter, null), limit, fields: ['id', 'kind', 'name', 'status'], relFields: [] });
      const sum = (p: ProfiledPlan): number => p.dbHits + p.children.reduce((s, c) => s + sum(c), 0);
      return { rows: result.records[0].get('relations').length as number, dbHits: sum(result.summary.profile as ProfiledPlan) };
    };
    const parks = await hits({ types: ['WITHIN'], direction: 'in' }, 6);
    const firms = await hits({ types: ['LOCATED_IN'], direction: 'in' }, 6);
    const everything = await hits(EVERY_RELATION, 1_000);
    expect(parks.rows).toBe(PARKS);
    // The parks' page does not read the 300 placements; the firms' page reads each once or more to order them.
    expect(parks.dbHits).toBeLessThan(FIRMS);
    expect(firms.dbHits).toBeGreaterThan(FIRMS);
    expect(everything.dbHits).toBeGreaterThan(firms.dbHits);
  });
});
