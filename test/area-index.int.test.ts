import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { refreshAreaIndex } from '../src/areas/refresh.js';
import { expectIndexNotCountedNorExported } from './support/index-hidden.js';
import { loadSeed } from '../src/seed/load.js';
import type { SeedGraph } from '../src/seed/read.js';
import { SYNTH_ORIGIN } from '../src/synth/generate.js';
import { loadSynthetic, removeSynthetic } from '../src/synth/load.js';
import { FloorRunner } from './bench/scale-questions.js';
import { scriptedExtractor, testTokens, useCuratedGraphQL, type ScriptedArticle } from './support/curation.js';
import { removeContribLayer, T } from './support/fixtures.js';
import { dataOf, seed, useGraphQL, useTestDb } from './support/harness.js';

/**
 * The area index IN_AREA (cypher/areas.cypher) after every kind of writer: firmsIn (pages and
 * totalCount) must equal the answer computed the slow way — walking the WITHIN tree from the
 * placements, as firmsIn did before the index — and the index must hold exactly one row per
 * (current placement, area on its chain). Nothing here is typed in: every expectation is computed.
 */
const db = useTestDb();
// Correctness, not speed: a generous time budget per request, for a busy shared machine.
const gql = useGraphQL(db);
const curated = seed();
const neo4j = inject('neo4j');
const raw = new FloorRunner(neo4j.uri, neo4j, neo4j.database);
afterAll(() => raw.close());

// The slow way: the subtree walked from the place, every current placement in it, in firmsIn's order
// as a list comparison ([firm name, place name, role (none last), relation key]).
const SLOW = `
MATCH (target:Entity {id: $place})
CALL (target) { MATCH (area:Place)-[:WITHIN*0..8]->(target) WHERE $sub OR area = target RETURN DISTINCT area }
MATCH (f:Firm)-[r:LOCATED_IN]->(area)
WHERE coalesce(r.superseded, false) = false
WITH f, r, area ORDER BY [f.name, area.name, coalesce(r.role, '\\uffff'), r.key]
RETURN f.id AS firm, area.id AS place, r.role AS role`;

// What the index must hold: one row per current placement and place on its WITHIN*0..8 chain.
const INDEX_STATE = `
CALL () {
  MATCH (f:Firm)-[r:LOCATED_IN]->(p:Place) WHERE coalesce(r.superseded, false) = false
  MATCH (p)-[:WITHIN*0..8]->(a:Place)
  WITH DISTINCT f, r, a
  RETURN collect(f.id + ' ' + r.key + ' ' + a.id) AS want
}
CALL () {
  MATCH (f)-[x:IN_AREA]->(a)
  RETURN collect(f.id + ' ' + x.placement + ' ' + a.id) AS have, collect(x.placeId = a.id AND f:Firm) AS sane
}
RETURN want, have, sane`;

async function expectIndexTrue() {
  const [{ want, have, sane }] = (await raw.raw(INDEX_STATE)) as { want: string[]; have: string[]; sane: boolean[] }[];
  expect(have.length, 'one index row per placement and area (no duplicates)').toBe(new Set(have).size);
  expect([...have].sort()).toEqual([...want].sort());
  expect(sane.every(Boolean)).toBe(true);
  return have.length;
}

const FIRMS_IN = /* GraphQL */ `query ($p: String!, $sub: Boolean!, $first: Int!, $after: String) {
  firmsIn(place: $p, includeSubareas: $sub, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { firm { id } place { id } role } } } }`;

/** Every page of firmsIn, followed by its cursors, with the totalCount of the first page. */
async function firmsInPaged(place: string, sub: boolean, first = 100) {
  const rows: { firm: string; place: string; role: string | null }[] = [];
  let after: string | null = null;
  let total = -1;
  for (;;) {
    const page: any = dataOf(await gql(FIRMS_IN, { p: place, sub, first, after })).firmsIn;
    if (total < 0) total = page.totalCount;
    rows.push(...page.edges.map((e: any) => ({ firm: e.node.firm.id, place: e.node.place.id, role: e.node.role ?? null })));
    if (!page.pageInfo.hasNextPage) return { rows, total };
    after = page.pageInfo.endCursor;
  }
}

async function expectFirmsInAsSlow(places: string[], first = 100) {
  for (const place of places) {
    for (const sub of [true, false]) {
      const slow = (await raw.raw(SLOW, { place, sub })).map((r) => ({ firm: r.firm as string, place: r.place as string, role: (r.role as string | null) ?? null }));
      const api = await firmsInPaged(place, sub, first);
      expect(api.rows, `${place} includeSubareas=${sub}`).toEqual(slow);
      expect(api.total, `${place} includeSubareas=${sub} totalCount`).toBe(slow.length);
    }
  }
}

// Places of the curated graph chosen from the files: the province, a prefecture and a county on
// the way down to a park that has firms, and another county elsewhere.
const within = new Map(curated.relations.filter((r) => r.type === 'WITHIN').map((r) => [r.from, r.to]));
const placed = new Set(curated.relations.filter((r) => r.type === 'LOCATED_IN').map((r) => r.to));
const placeOf = (id: string) => curated.entities.find((e) => e.id === id)!;
const isFirm = (id: string) => placeOf(id)?.kind === 'Firm';
const park = curated.entities.find((e) => e.kind === 'Place' && e.placeKind === 'park' && placed.has(e.id) && placeOf(within.get(e.id) ?? '')?.placeKind === 'county')!;
const county = within.get(park.id)!;
const prefecture = within.get(county)!;
const province = within.get(prefecture)!;
const otherCounty = curated.entities.find((e) => e.kind === 'Place' && e.placeKind === 'county' && e.id !== county && within.get(e.id) !== prefecture && placed.has(e.id))!.id;
const CURATED_PLACES = [province, prefecture, county, park.id, otherCounty];

describe('area index: the curated seed load', () => {
  it('holds one row per placement and area, and firmsIn (pages, totalCount) equals the tree walk', async () => {
    expect(placeOf(province).placeKind).toBe('province');
    const kinds = new Map(curated.entities.map((e) => [e.id, e.kind]));
    expect(await expectIndexTrue()).toBeGreaterThan(curated.relations.filter((r) => r.type === 'LOCATED_IN' && kinds.get(r.from) === 'Firm').length);
    await expectFirmsInAsSlow(CURATED_PLACES);
  });

  it('pages small pages by the sort key across firms whose names are prefixes of others, the role-less placement last', async () => {
    const ids = ['test-firm:area-a', 'test-firm:area-ab'];
    try {
      await db.write(T.fixtureAddEntity, { id: ids[0], kind: 'Firm', name: '测试甲', primaryKeys: [], searchKeys: [], searchText: '' });
      await db.write(T.fixtureAddEntity, { id: ids[1], kind: 'Firm', name: '测试甲乙', primaryKeys: [], searchKeys: [], searchText: '' });
      await db.write(T.fixtureAddRelation, { from: ids[0], to: park.id, type: 'LOCATED_IN', key: 'test-area-1', props: {} });
      await db.write(T.fixtureAddRelation, { from: ids[0], to: park.id, type: 'LOCATED_IN', key: 'test-area-2', props: { role: 'headquarters' } });
      await db.write(T.fixtureAddRelation, { from: ids[1], to: county, type: 'LOCATED_IN', key: 'test-area-3', props: { role: 'plant' } });
      // Fixtures write around the application's writers: the test refreshes their index rows itself.
      await db.writeAll('test', async (run) => {
        expect(await refreshAreaIndex(run, ids)).toBe(2);
      });
      await expectIndexTrue();
      await expectFirmsInAsSlow([park.id, county], 1);
      const mine = (await firmsInPaged(county, true)).rows.filter((r) => ids.includes(r.firm));
      expect(mine.map((r) => [r.firm, r.role])).toEqual([[ids[0], 'headquarters'], [ids[0], null], [ids[1], 'plant']]);
    } finally {
      await db.write(T.fixtureRemove, { ids });
    }
    await expectIndexTrue();
  });
});

describe('area index: curation writers (accept, new place within, WITHIN, retract)', () => {
  const tokens = testTokens();
  const FIRM = '贵州区域索引测试科技有限公司';
  const NEW_PARK = '区域索引测试产业园';
  const other = placeOf(otherCounty);
  const article: ScriptedArticle = {
    text: `${FIRM}位于${park.name}。${park.name}的二期在${other.name}。${FIRM}在${NEW_PARK}建设工厂。`,
    entities: [
      { name: FIRM, kind: 'Firm', match: null },
      { name: park.name, kind: 'Place', match: park.id },
      { name: other.name, kind: 'Place', match: other.id },
      { name: NEW_PARK, kind: 'Place', match: null },
    ],
    relations: [
      { type: 'LOCATED_IN', from: FIRM, to: park.name, fromId: null, toId: park.id, quote: `${FIRM}位于${park.name}。` },
      { type: 'WITHIN', from: park.name, to: other.name, fromId: park.id, toId: other.id, quote: `${park.name}的二期在${other.name}。` },
      { type: 'LOCATED_IN', from: FIRM, to: NEW_PARK, fromId: null, toId: null, quote: `${FIRM}在${NEW_PARK}建设工厂。` },
    ],
  };
  const cgql = useCuratedGraphQL(db, { curators: tokens.store, extractor: scriptedExtractor([article]) });
  const REVIEW = /* GraphQL */ `mutation ($id: ID!, $edit: CandidateEdit) { reviewCandidate(id: $id, decision: ACCEPT, edit: $edit) { entity { id kind ... on Place { placeKind } } fact { id } } }`;
  let candidates: any[] = [];
  const accept = async (pick: (c: any) => boolean, edit?: Record<string, unknown>) => {
    const result = await cgql(tokens.curator, REVIEW, { id: candidates.find(pick).id, edit });
    expect(result.errors).toBeUndefined();
    return result.data!.reviewCandidate;
  };
  let newPark = '';

  afterAll(async () => {
    // The fixture clean-up deletes contributed facts around the writers: the indexes are rebuilt after it.
    await removeContribLayer(db);
  });

  it('follows every accepted placement and WITHIN in the same transaction, and a retraction', async () => {
    const ingested = await cgql(tokens.curator, `mutation ($t: String!) { ingestDocument(input: { text: $t, date: "2025-01-01" }) { candidates { id name relationType to } } }`, { t: article.text });
    expect(ingested.errors).toBeUndefined();
    candidates = ingested.data!.ingestDocument.candidates;
    const firm = (await accept((c) => c.name === FIRM)).entity.id;
    await accept((c) => c.name === park.name);
    await accept((c) => c.name === other.name);
    // The kinds in the GraphQL enums' spelling (KIND, PlaceKind), as GraphiQL and the explorer send them.
    const accepted = (await accept((c) => c.name === NEW_PARK, { newEntity: { kind: 'PLACE', placeKind: 'PARK', within: county } })).entity;
    expect(accepted).toMatchObject({ kind: 'PLACE', placeKind: 'PARK' });
    newPark = accepted.id;
    await expectIndexTrue();

    const located = (await accept((c) => c.relationType === 'LOCATED_IN' && c.to === park.name)).fact.id;
    await expectIndexTrue();
    await expectFirmsInAsSlow([park.id, county, province]);
    expect((await firmsInPaged(county, true)).rows.some((r) => r.firm === firm)).toBe(true);

    // A WITHIN between two seeded places: every firm of the park (seeded ones too) is now in the other county.
    await accept((c) => c.relationType === 'WITHIN');
    await expectIndexTrue();
    await expectFirmsInAsSlow([otherCounty, park.id, county]);
    const inOther = new Set((await firmsInPaged(otherCounty, true)).rows.map((r) => r.firm));
    const parkFirms = curated.relations.filter((r) => r.type === 'LOCATED_IN' && r.to === park.id && isFirm(r.from));
    expect(parkFirms.length).toBeGreaterThan(0);
    for (const r of parkFirms) expect(inOther.has(r.from)).toBe(true);

    await accept((c) => c.relationType === 'LOCATED_IN' && c.to === NEW_PARK);
    await expectIndexTrue();
    await expectFirmsInAsSlow([newPark, county]);

    const retracted = await cgql(tokens.admin, `mutation ($id: ID!) { retractFact(id: $id, reason: "测试撤回") { current } }`, { id: located });
    expect(retracted.data?.retractFact.current).toBe(false);
    await expectIndexTrue();
    await expectFirmsInAsSlow([park.id, county, otherCounty]);
    expect((await firmsInPaged(park.id, true)).rows.some((r) => r.firm === firm)).toBe(false);
    expect((await firmsInPaged(county, true)).rows.some((r) => r.firm === firm && r.place === newPark)).toBe(true);
  });
});

describe('area index: a curated seed load that moves a county and drops a placement', () => {
  it('rewrites the firms under the moved county and the firm that lost its place; loading the files again restores it', async () => {
    const target = curated.entities.find((e) => e.kind === 'Place' && e.placeKind === 'prefecture' && e.id !== prefecture)!.id;
    const dropped = curated.relations.find((r) => r.type === 'LOCATED_IN' && r.to === park.id && isFirm(r.from))!;
    const moved: SeedGraph = {
      ...curated,
      relations: curated.relations
        .filter((r) => r.key !== dropped.key)
        .map((r) => (r.type === 'WITHIN' && r.from === county ? { ...r, to: target, key: r.key.replace(`|${prefecture}`, `|${target}`) } : r)),
    };
    expect(moved.relations.some((r) => r.type === 'WITHIN' && r.from === county && r.to === target && !r.key.includes(prefecture))).toBe(true);
    const before = await firmsInPaged(target, true);
    try {
      const summary = await loadSeed(db, moved);
      expect(summary.areaFirms).toBeGreaterThan(0);
      await expectIndexTrue();
      await expectFirmsInAsSlow([target, prefecture, county, park.id]);
      const now = await firmsInPaged(target, true);
      expect(now.total).toBeGreaterThan(before.total);
      expect(now.rows.some((r) => r.firm === dropped.from && r.place === park.id)).toBe(false);
    } finally {
      await loadSeed(db, curated);
    }
    await expectIndexTrue();
    await expectFirmsInAsSlow([target, prefecture, county]);
    expect((await firmsInPaged(target, true)).total).toBe(before.total);
  }, 600_000);
});

describe('area index: the bulk loader and synth --remove', () => {
  const cacheRoot = mkdtempSync(path.join(tmpdir(), 'gzkg-area-synth-'));
  const outsider = 'test-firm:area-outsider';
  afterAll(async () => {
    await db.write(T.fixtureRemove, { ids: [outsider] });
    await removeSynthetic(db);
    rmSync(cacheRoot, { recursive: true, force: true });
  });

  it('indexes every batch of placements as it commits, and removal leaves no row behind', async () => {
    const result = await loadSynthetic(db, curated, { firms: 1_500, seed: 11, batchSize: 400 }, { cacheRoot });
    expect(result.rows).toBeGreaterThan(1_500);
    await expectIndexTrue();
    const [synthPark] = await raw.raw(`MATCH (p:Place {origin: $o}) WHERE EXISTS { (p)<-[:LOCATED_IN]-(:Firm) } RETURN p.id AS id ORDER BY p.id LIMIT 1`, { o: SYNTH_ORIGIN });
    const [synthCounty] = await raw.raw(`MATCH (p:Entity {id: $p})-[:WITHIN]->(c:Place) RETURN c.id AS id`, { p: synthPark.id });
    await expectFirmsInAsSlow([synthPark.id as string, synthCounty.id as string, province]);

    // A firm of another layer placed in a synthetic park: removing the park rewrites its rows.
    await db.write(T.fixtureAddEntity, { id: outsider, kind: 'Firm', name: '测试园外企业', primaryKeys: [], searchKeys: [], searchText: '' });
    await db.write(T.fixtureAddRelation, { from: outsider, to: synthPark.id as string, type: 'LOCATED_IN', key: 'test-area-outsider', props: {} });
    await db.writeAll('test', async (run) => {
      await refreshAreaIndex(run, [outsider]);
    });
    expect((await firmsInPaged(synthCounty.id as string, true)).rows.some((r) => r.firm === outsider)).toBe(true);

    await removeSynthetic(db);
    await expectIndexTrue();
    await expectFirmsInAsSlow([province, county]);
    const [{ rows }] = await raw.raw(`MATCH (:Entity {id: $id})-[x:IN_AREA]->() RETURN count(x) AS rows`, { id: outsider });
    expect(Number(rows)).toBe(0);
  }, 900_000);
});

describe('area index: an index, never a fact', () => {
  it('no generic surface shows IN_AREA: relations, neighbourhood, path, counts, stats, export', async () => {
    const [{ rows }] = await raw.raw(`MATCH ()-[x:IN_AREA]->() RETURN count(x) AS rows`);
    expect(Number(rows)).toBeGreaterThan(0);
    const firm = curated.relations.find((r) => r.type === 'LOCATED_IN' && r.to === park.id && isFirm(r.from))!.from;
    // One question per request: the shared machine is slow, and each has its own time budget.
    const ask = async (query: string, variables: Record<string, unknown>) => dataOf(await gql(query, variables));
    const place = (await ask(`query ($p: ID!) { entity(id: $p) { relations { type } } }`, { p: province })).entity;
    const located = (await ask(`query ($f: ID!) { entity(id: $f) { relations { type } } }`, { f: firm })).entity;
    const around = (await ask(`query ($p: ID!) { neighborhood(id: $p, depth: 1, limit: 500) { edges { type } } }`, { p: province })).neighborhood;
    const deeper = (await ask(`query ($p: ID!) { neighborhood(id: $p, depth: 2, limit: 100) { edges { type } } }`, { p: county })).neighborhood;
    // Were the index visible, the firm would be one IN_AREA hop from its prefecture, and that would be the shortest path.
    const paths = (await ask(`query ($f: String!, $p: String!) { path(from: $f, to: $p, maxHops: 4) { edges { type } } }`, { f: firm, p: prefecture })).path;
    const data = { place, firm: located, neighborhood: { edges: [...around.edges, ...deeper.edges] }, path: paths };
    const types = [
      ...data.place.relations,
      ...data.firm.relations,
      ...data.neighborhood.edges,
      ...data.path.flatMap((p: any) => p.edges),
    ].map((e: any) => e.type);
    expect(types.length).toBeGreaterThan(0);
    expect(types).not.toContain('IN_AREA');
    expect(data.path.length).toBeGreaterThan(0);

    await expectIndexNotCountedNorExported(db, 'IN_AREA');
  }, 300_000);
});
