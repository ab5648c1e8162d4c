import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { DEFAULT_LIMITS } from '../src/graphql/limits/guard.js';
import { expectIndexNotCountedNorExported } from './support/index-hidden.js';
import { ensureProducerRanks, rebuildProducerRanks, refreshProducerRanks } from '../src/producers/refresh.js';
import { rankKey, statusRank } from '../src/producers/rank-key.js';
import { ANY_PRODUCER, producerCounts, producerPages, type StepProduction } from '../src/services/chains.js';
import type { Page } from '../src/services/paging.js';
import { loadSeed } from '../src/seed/load.js';
import type { SeedGraph } from '../src/seed/read.js';
import { SYNTH_ORIGIN } from '../src/synth/generate.js';
import { loadSynthetic, removeSynthetic } from '../src/synth/load.js';
import { FloorRunner } from './bench/scale-questions.js';
import { scriptedExtractor, testTokens, useCuratedGraphQL, type ScriptedArticle } from './support/curation.js';
import { removeContribLayer, T } from './support/fixtures.js';
import { dataOf, seed, useGraphQL, useTestDb } from './support/harness.js';

/**
 * The producer index PRODUCER_RANK (cypher/producers.cypher) after every kind of writer: the pages
 * and counts of a step's producers must equal the answer of the sort the API ran before the index
 * (OLD_SORT below, kept as the reference), and the index must hold exactly one row per (current
 * production, product on its KIND_OF*0..3 chain) with the rankKey the TypeScript twin computes.
 * Nothing here is typed in: every expectation is computed.
 */
const db = useTestDb();
const gql = useGraphQL(db, { limits: { ...DEFAULT_LIMITS, timeoutMs: 120_000 } });
const curated = seed();
const neo4j = inject('neo4j');
const raw = new FloorRunner(neo4j.uri, neo4j, neo4j.database);
afterAll(() => raw.close());

// The reference: stepProductions + rankAndPage as they were before the index, a whole step sorted by
// the tuple [status rank, no-capacity flag, −capacity, producer id, product id, relation key]
// (DISTINCT: one row per production and step, as the index holds it, when KIND_OF paths join).
const OLD_SORT = `
MATCH (step:Entity {id: $step}) WHERE step:Product
MATCH (producer:Entity)-[r:PRODUCES]->(made:Product)-[:KIND_OF*0..3]->(step)
WHERE coalesce(r.superseded, false) = false
WITH DISTINCT producer, r, made, coalesce(r.status, CASE WHEN producer:Project THEN coalesce(producer.status, 'planned') ELSE 'operating' END) AS status
WHERE $statuses IS NULL OR status IN $statuses
WITH producer, r, made, status,
     CASE status WHEN 'operating' THEN 0 WHEN 'trial' THEN 1 WHEN 'under_construction' THEN 2 WHEN 'signed' THEN 3 WHEN 'planned' THEN 4 ELSE 5 END AS rank
WITH producer, r, made, status, [rank, CASE WHEN r.capacity IS NULL THEN 1 ELSE 0 END, -coalesce(r.capacity, 0), producer.id, made.id, coalesce(r.key, elementId(r))] AS sortKey
ORDER BY sortKey
// The production's place: the stated site, the producer itself when a place, none when unstated, else its placements by role, then id.
WITH producer, r, made, status, coalesce(head(COLLECT { MATCH (x:Place {id: r.at}) RETURN x.id }), CASE WHEN producer:Place THEN producer.id END,
     CASE WHEN r.siteNotStated THEN null ELSE head(COLLECT { MATCH (producer)-[l:LOCATED_IN]->(pl:Place) RETURN pl.id ORDER BY CASE WHEN l.role IN ['production_base', 'plant', 'site'] THEN 0 ELSE 1 END, pl.id }) END, '') AS place
RETURN producer.id + '|' + made.id + '|' + coalesce(r.key, elementId(r)) + '|' + status + '|' + place AS row`;

// What the index must hold, from the facts: every current production with its products up the KIND_OF
// chain, and the parts of its place (the stated site, the producer itself when a place, the unstated
// mark, the firm's placements with a production role first, then by id).
const PRODUCTIONS = `
MATCH (producer:Entity)-[r:PRODUCES]->(made:Product)
WHERE coalesce(r.superseded, false) = false
RETURN producer.id AS producer, producer:Project AS project, producer.status AS projectStatus, r.key AS key, r.status AS status,
       toFloat(r.capacity) AS capacity, made.id AS made, COLLECT { MATCH (made)-[:KIND_OF*0..3]->(s:Product) RETURN DISTINCT s.id } AS steps,
       COLLECT { MATCH (x:Place {id: r.at}) RETURN x.id } AS stated, CASE WHEN producer:Place THEN producer.id END AS self, r.siteNotStated = true AS unstated,
       COLLECT { MATCH (producer)-[l:LOCATED_IN]->(pl:Place) RETURN pl.id ORDER BY CASE WHEN l.role IN ['production_base', 'plant', 'site'] THEN 0 ELSE 1 END, pl.id } AS located`;
const INDEX_ROWS = `
MATCH (producer)-[x:PRODUCER_RANK]->(s)
RETURN producer.id + '|' + x.stepId + '|' + x.production + '|' + x.status + '|' + x.rankKey + '|' + x.placeId AS row, x.stepId = s.id AND s:Product AS sane`;

async function expectIndexTrue() {
  const want: string[] = [];
  for (const p of await raw.raw(PRODUCTIONS)) {
    const status = (p.status as string | null) ?? (p.project ? ((p.projectStatus as string | null) ?? 'planned') : 'operating');
    const key = rankKey({ status, capacity: p.capacity as number | null, producerId: p.producer as string, madeId: p.made as string, key: p.key as string });
    const place = (p.stated as string[])[0] ?? (p.self as string | null) ?? (p.unstated ? null : (p.located as string[])[0]) ?? '';
    for (const s of p.steps as string[]) want.push(`${p.producer}|${s}|${p.key}|${status}|${key}|${place}`);
  }
  const have = await raw.raw(INDEX_ROWS);
  const rows = have.map((h) => h.row as string);
  expect(rows.length, 'one index row per production and step (no duplicates)').toBe(new Set(rows).size);
  expect(rows.sort()).toEqual(want.sort());
  expect(have.every((h) => h.sane)).toBe(true);
  return rows.length;
}

const FILTERS: (string[] | null)[] = [null, ['operating'], ['planned', 'issued'], ['trial', 'signed', 'under_construction']];

/** Every page of each step's producers (first rows at a time, by the cursors) and the counts equal the old sort, under every filter. */
async function expectPagesAsOld(stepIds: string[], first = 2) {
  let compared = 0;
  for (const statuses of FILTERS) {
    const filter = { ...ANY_PRODUCER, statuses };
    const counts = await producerCounts(db, stepIds, filter);
    for (const step of stepIds) {
      const old = (await raw.raw(OLD_SORT, { step, statuses })).map((r) => r.row as string);
      const got: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 10_000; pages++) {
        const page: Page<StepProduction> = (await producerPages(db, [step], filter, { first, after }, async () => -1)).get(step)!;
        got.push(...page.items.map((i) => `${i.value.producer.id}|${i.value.product.id}|${i.value.rel?.key}|${i.value.status}|${i.value.place?.id ?? ''}`));
        if (!page.hasNextPage) break;
        after = page.items.at(-1)!.cursor;
      }
      expect(got, `${step} ${statuses ?? 'any status'}`).toEqual(old);
      expect(counts.get(step), `${step} ${statuses ?? 'any status'} count`).toBe(old.length);
      compared += old.length;
    }
  }
  expect(compared, 'some producers were compared').toBeGreaterThan(0);
}

const productIds = curated.entities.filter((e) => e.kind === 'Product').map((e) => e.id);

describe('producer index: the curated seed load', () => {
  it('holds one row per production and step, and every step pages and counts as the old sort did', async () => {
    expect(await expectIndexTrue()).toBeGreaterThan(curated.relations.filter((r) => r.type === 'PRODUCES').length);
    await expectPagesAsOld(productIds, 1);
  }, 600_000);

  it("supplyChain (its one-trip first page and the field's own trip) pages as the old sort", async () => {
    const query = /* GraphQL */ `query ($first: Int!, $after: String) { supplyChain(from: "磷矿石", to: "新能源汽车") { steps { product { id }
      a: producers(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { producer { id } product { id } status place { id } } } } } } }`;
    // Two fields asking different pages: the prefetch is off, each field has its own trip (chainProducers).
    const split = /* GraphQL */ `query ($first: Int!, $after: String) { supplyChain(from: "磷矿石", to: "新能源汽车") { steps { product { id }
      a: producers(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { producer { id } product { id } status place { id } } } }
      b: producers(first: 1) { totalCount } } } }`;
    for (const text of [query, split]) {
      const seen = new Map<string, string[]>();
      const totals = new Map<string, number>();
      const afters = new Map<string, string | null>();
      let steps: any[] = dataOf(await gql(text, { first: 1, after: null })).supplyChain.steps;
      for (const s of steps) {
        seen.set(s.product.id, s.a.edges.map((e: any) => `${e.node.producer.id}|${e.node.product.id}|${e.node.status}|${e.node.place?.id ?? ''}`));
        totals.set(s.product.id, s.a.totalCount);
        afters.set(s.product.id, s.a.pageInfo.hasNextPage ? s.a.pageInfo.endCursor : null);
      }
      // Every step that has more pages, followed by its own cursor.
      for (const [id, start] of afters) {
        let after = start;
        while (after) {
          steps = dataOf(await gql(text, { first: 1, after })).supplyChain.steps;
          const s = steps.find((x: any) => x.product.id === id);
          seen.get(id)!.push(...s.a.edges.map((e: any) => `${e.node.producer.id}|${e.node.product.id}|${e.node.status}|${e.node.place?.id ?? ''}`));
          after = s.a.pageInfo.hasNextPage ? s.a.pageInfo.endCursor : null;
        }
      }
      expect(seen.size).toBeGreaterThan(3);
      for (const [id, rows] of seen) {
        const old = (await raw.raw(OLD_SORT, { step: id, statuses: null })).map((r) => (r.row as string).split('|'));
        expect(rows, id).toEqual(old.map((o) => `${o[0]}|${o[1]}|${o.at(-2)}|${o.at(-1)}`));
        expect(totals.get(id), id).toBe(old.length);
      }
    }
  }, 600_000);

  it('refuses a cursor of another shape (the sort key tuple the API gave before the index) as BAD_USER_INPUT on after', async () => {
    const oldShape = Buffer.from(`key:${JSON.stringify([0, 0, 0, -8, 'firm:chuanheng', 'product:lfp', 'k'])}`).toString('base64url');
    for (const text of [
      `query ($a: String) { supplyChain(from: "磷矿石", to: "磷酸铁锂") { steps { producers(first: 2, after: $a) { totalCount } } } }`,
      `query ($a: String) { supplyChain(from: "磷矿石", to: "磷酸铁锂") { steps { x: producers(first: 2, after: $a) { totalCount } y: producers(first: 1) { totalCount } } } }`,
      `query ($a: String) { chainGaps(place: "福泉", from: "磷矿石", to: "新能源汽车") { candidates(first: 2, after: $a) { totalCount } } }`,
    ]) {
      const result = await gql(text, { a: oldShape });
      expect(result.errors?.[0].extensions?.code, text).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].extensions?.argument, text).toBe('after');
    }
  });
});

describe('producer index: a store written before the index existed', () => {
  it('is indexed once at start (ensureProducerRanks), also when its rows predate placeId, and a store that has the index is left alone', async () => {
    const rows = await expectIndexTrue();
    await raw.raw('MATCH ()-[x:PRODUCER_RANK]->() DELETE x');
    expect(await ensureProducerRanks(db)).toBeGreaterThan(0);
    expect(await expectIndexTrue()).toBe(rows);
    expect(await ensureProducerRanks(db)).toBe(0);
    // Rows written before they carried the production's place (a store without the marker): rebuilt once too.
    await raw.raw('MATCH ()-[x:PRODUCER_RANK]->() WITH x LIMIT 3 REMOVE x.placeId');
    await raw.raw("MATCH (s:IndexState {id: 'producer-rank'}) DELETE s");
    expect(await ensureProducerRanks(db)).toBeGreaterThan(0);
    expect(await expectIndexTrue()).toBe(rows);
    expect(await ensureProducerRanks(db)).toBe(0);
  }, 300_000);
});

describe('producer index: rankKey order is the tuple order', () => {
  const firm = 'test-firm:rank-awkward';
  const product = 'test-product:rank-awkward';
  afterAll(() => db.write(T.fixtureRemove, { ids: [firm, product] }));
  // Decimals, neighbours of powers of two, the largest and smallest doubles, subnormals, huge integers, zero, negatives.
  const CAPACITIES: (number | null)[] = [
    null, 0, -0, 1, 2, 3, 0.1, 0.2, 0.30000000000000004, 0.3, 1 + 2 ** -52, 2 - 2 ** -52, 2 ** 53, 2 ** 53 + 2, 1e15, 999999.9999999999,
    1e-7, 5e-324, 1e-310, 2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308, 1e300, 12.5, 12.499999999999998,
    -1, -0.5, -1e300, 7, 7, 4096, 4095.9999999999995,
  ];

  it('stores keys whose string order equals [status rank, no-capacity flag, −capacity, producer id, product id, key], equal to the TS twin', async () => {
    await db.write(T.fixtureAddEntity, { id: firm, kind: 'Firm', name: '测试排序企业', primaryKeys: [], searchKeys: [], searchText: '' });
    await db.write(T.fixtureAddEntity, { id: product, kind: 'Product', name: '测试排序产品', primaryKeys: [], searchKeys: [], searchText: '' });
    const statuses = ['operating', 'planned', 'issued', 'trial'];
    const rows = CAPACITIES.map((capacity, i) => ({ key: `test-rank-${String(i).padStart(2, '0')}`, capacity, status: statuses[i % statuses.length] }));
    for (const r of rows) {
      await db.write(T.fixtureAddRelation, { from: firm, to: product, type: 'PRODUCES', key: r.key, props: { status: r.status, ...(r.capacity === null ? {} : { capacity: r.capacity }) } });
    }
    await db.writeAll('test', async (run) => {
      expect(await refreshProducerRanks(run, [firm])).toBe(1);
    });
    const stored = await raw.raw(`MATCH (:Entity {id: $firm})-[x:PRODUCER_RANK]->() RETURN x.production AS key, x.rankKey AS rankKey ORDER BY x.rankKey`, { firm });
    expect(stored).toHaveLength(rows.length);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    for (const s of stored) {
      const r = byKey.get(s.key as string)!;
      expect(s.rankKey, `capacity ${r.capacity}`).toBe(rankKey({ status: r.status, capacity: r.capacity, producerId: firm, madeId: product, key: r.key }));
    }
    // The tuple order, compared element by element (numbers as numbers, strings as strings).
    const tuple = (r: (typeof rows)[number]) => [statusRank(r.status), r.capacity === null ? 1 : 0, -(r.capacity ?? 0), firm, product, r.key] as const;
    const byTuple = [...rows].sort((a, b) => {
      const [x, y] = [tuple(a), tuple(b)];
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
      return 0;
    });
    expect(stored.map((s) => s.key)).toEqual(byTuple.map((r) => r.key));
    // And the API pages them in that order, as the old sort does.
    await expectPagesAsOld([product], 3);
  });
});

describe('producer index: curation writers (accept a production that supersedes, a KIND_OF, retract)', () => {
  const tokens = testTokens();
  const article: ScriptedArticle = {
    text: '川恒股份福泉磷酸铁产能扩至15万吨，已全面投产。磷酸铁是一种磷系电池材料。川恒股份在瓮安县建有生产基地。',
    entities: [
      { name: '川恒股份', kind: 'Firm', match: 'firm:chuanheng' },
      { name: '磷酸铁', kind: 'Product', match: 'product:iron-phosphate' },
      { name: '磷系电池材料', kind: 'Product', match: 'product:phosphorus-battery-materials' },
      { name: '瓮安县', kind: 'Place', match: 'place:wengan' },
    ],
    relations: [
      { type: 'PRODUCES', from: '川恒股份', to: '磷酸铁', fromId: 'firm:chuanheng', toId: 'product:iron-phosphate', quote: '川恒股份福泉磷酸铁产能扩至15万吨，已全面投产。', capacity: 15, unit: '万吨/年', status: 'operating', asOf: '2099-01-01' },
      { type: 'KIND_OF', from: '磷酸铁', to: '磷系电池材料', fromId: 'product:iron-phosphate', toId: 'product:phosphorus-battery-materials', quote: '磷酸铁是一种磷系电池材料。' },
      { type: 'LOCATED_IN', from: '川恒股份', to: '瓮安县', fromId: 'firm:chuanheng', toId: 'place:wengan', quote: '川恒股份在瓮安县建有生产基地。' },
    ],
  };
  const cgql = useCuratedGraphQL(db, { curators: tokens.store, extractor: scriptedExtractor([article]) });
  const REVIEW = /* GraphQL */ `mutation ($id: ID!, $edit: CandidateEdit) { reviewCandidate(id: $id, decision: ACCEPT, edit: $edit) { fact { id } } }`;
  const steps = ['product:iron-phosphate', 'product:phosphorus-battery-materials', 'product:lfp', 'product:cathode-material'];
  afterAll(() => removeContribLayer(db));

  it('follows the accepted production (and the statement it supersedes), the KIND_OF and a retraction in the same transaction', async () => {
    const ingested = await cgql(tokens.curator, `mutation ($t: String!) { ingestDocument(input: { text: $t, date: "2099-01-01" }) { candidates { id relationType } } }`, { t: article.text });
    expect(ingested.errors).toBeUndefined();
    const candidates: any[] = ingested.data!.ingestDocument.candidates;
    const accept = async (type: string, edit: Record<string, unknown> | null = null) => {
      const result = await cgql(tokens.curator, REVIEW, { id: candidates.find((c) => c.relationType === type).id, edit });
      expect(result.errors).toBeUndefined();
      return result.data!.reviewCandidate.fact.id as string;
    };
    const before = await raw.raw(OLD_SORT, { step: 'product:phosphorus-battery-materials', statuses: null });
    const produces = await accept('PRODUCES');
    await expectIndexTrue();
    await expectPagesAsOld(steps);
    await accept('KIND_OF');
    await expectIndexTrue();
    await expectPagesAsOld(steps);
    // The step above now has 磷酸铁's producers too.
    expect((await raw.raw(OLD_SORT, { step: 'product:phosphorus-battery-materials', statuses: null })).length).toBeGreaterThan(before.length);
    // A production base moves the productions without a stated site to it: their rows carry the new place.
    const placeOf = `MATCH (:Entity {id: 'firm:chuanheng'})-[x:PRODUCER_RANK {stepId: 'product:iron-phosphate'}]->() RETURN x.placeId AS place`;
    expect((await raw.raw(placeOf)).map((r) => r.place)).not.toContain('place:wengan');
    await accept('LOCATED_IN', { role: 'production_base' });
    expect((await raw.raw(placeOf)).map((r) => r.place)).toContain('place:wengan');
    await expectIndexTrue();
    const retracted = await cgql(tokens.admin, `mutation ($id: ID!) { retractFact(id: $id, reason: "测试撤回") { current } }`, { id: produces });
    expect(retracted.data?.retractFact.current).toBe(false);
    await expectIndexTrue();
    await expectPagesAsOld(steps);
  }, 600_000);
});

describe('producer index: a curated seed load that moves a KIND_OF, drops a production and changes a project', () => {
  it('rewrites the producers it touches; loading the files again restores the index', async () => {
    const kindOf = curated.relations.find((r) => r.type === 'KIND_OF' && r.from === 'product:lfp' && r.to === 'product:cathode-material')!;
    const dropped = curated.relations.find((r) => r.type === 'PRODUCES' && r.to === 'product:matcha')!;
    const project = curated.entities.find((e) => e.kind === 'Project' && curated.relations.some((r) => r.type === 'PRODUCES' && r.from === e.id))!;
    expect([kindOf, dropped, project].every(Boolean)).toBe(true);
    // A production of the project that states no status of its own (the project's status then rules it).
    const fixtureKey = 'test-rank-project-production';
    await db.write(T.fixtureAddRelation, { from: project.id, to: 'product:matcha', type: 'PRODUCES', key: fixtureKey, props: {} });
    await db.writeAll('test', async (run) => {
      await refreshProducerRanks(run, [project.id]);
    });
    const moved: SeedGraph = {
      ...curated,
      entities: curated.entities.map((e) => (e.id === project.id ? { ...e, status: e.status === 'trial' ? 'signed' : 'trial' } : e)),
      relations: curated.relations
        .filter((r) => r.key !== dropped.key)
        .map((r) => (r.key === kindOf.key ? { ...r, to: 'product:phosphorus-battery-materials', key: r.key.replace('|product:cathode-material', '|product:phosphorus-battery-materials') } : r)),
    };
    const touched = ['product:lfp', 'product:cathode-material', 'product:phosphorus-battery-materials', 'product:matcha'];
    try {
      const summary = await loadSeed(db, moved);
      expect(summary.rankProducers).toBeGreaterThan(0);
      await expectIndexTrue();
      await expectPagesAsOld(touched);
      const [{ status }] = await raw.raw(`MATCH (:Entity {id: $p})-[x:PRODUCER_RANK {production: $k}]->() RETURN x.status AS status`, { p: project.id, k: fixtureKey });
      expect(status).toBe(moved.entities.find((e) => e.id === project.id)!.status);
    } finally {
      await loadSeed(db, curated);
      await raw.raw(`MATCH (:Entity {id: $p})-[r:PRODUCES {key: $k}]->() DELETE r`, { p: project.id, k: fixtureKey });
      await rebuildProducerRanks(db);
    }
    await expectIndexTrue();
    await expectPagesAsOld(touched);
  }, 600_000);
});

describe('producer index: the bulk loader and synth --remove', () => {
  const cacheRoot = mkdtempSync(path.join(tmpdir(), 'gzkg-rank-synth-'));
  const outsider = 'test-firm:rank-outsider';
  afterAll(async () => {
    await db.write(T.fixtureRemove, { ids: [outsider] });
    await removeSynthetic(db);
    rmSync(cacheRoot, { recursive: true, force: true });
  });

  it('indexes every batch of productions as it commits, and removal leaves no row behind', async () => {
    const result = await loadSynthetic(db, curated, { firms: 1_500, seed: 11, batchSize: 400 }, { cacheRoot });
    expect(result.rows).toBeGreaterThan(1_500);
    await expectIndexTrue();
    // The busiest synthetic steps, a variant's parent (KIND_OF) and the benchmark chain's ends.
    const busiest = await raw.raw(
      `MATCH (p:Product {origin: $o}) RETURN p.id AS id ORDER BY COUNT { (p)<-[:PRODUCER_RANK]-() } DESC, p.id LIMIT 4`,
      { o: SYNTH_ORIGIN },
    );
    const [parent] = await raw.raw(`MATCH (:Product {origin: $o})-[:KIND_OF]->(p:Product) WHERE EXISTS { (p)<-[:PRODUCES]-() } RETURN p.id AS id ORDER BY p.id LIMIT 1`, { o: SYNTH_ORIGIN });
    expect(parent).toBeDefined();
    await expectPagesAsOld([...busiest.map((b) => b.id as string), parent.id as string], 25);

    // A producer of another layer making a synthetic product: removing the product rewrites its rows.
    await db.write(T.fixtureAddEntity, { id: outsider, kind: 'Firm', name: '测试链外企业', primaryKeys: [], searchKeys: [], searchText: '' });
    await db.write(T.fixtureAddRelation, { from: outsider, to: busiest[0].id as string, type: 'PRODUCES', key: 'test-rank-outsider', props: { status: 'operating' } });
    await db.writeAll('test', async (run) => {
      await refreshProducerRanks(run, [outsider]);
    });
    await expectIndexTrue();

    await removeSynthetic(db);
    await expectIndexTrue();
    const [{ rows }] = await raw.raw(`MATCH (:Entity {id: $id})-[x:PRODUCER_RANK]->() RETURN count(x) AS rows`, { id: outsider });
    expect(Number(rows)).toBe(0);
    await expectPagesAsOld(['product:lfp', 'product:matcha']);
  }, 900_000);
});

describe('producer index: an index, never a fact', () => {
  it('no generic surface shows PRODUCER_RANK: relations, neighbourhood, path, counts, stats, export', async () => {
    const [{ rows }] = await raw.raw(`MATCH ()-[x:PRODUCER_RANK]->() RETURN count(x) AS rows`);
    expect(Number(rows)).toBeGreaterThan(0);
    // A product that is a kind of another: its producers have index rows to both.
    const kind = curated.relations.find((r) => r.type === 'KIND_OF' && curated.relations.some((p) => p.type === 'PRODUCES' && p.to === r.from))!;
    const producer = curated.relations.find((p) => p.type === 'PRODUCES' && p.to === kind.from)!.from;
    const ask = async (query: string, variables: Record<string, unknown>) => dataOf(await gql(query, variables));
    const ofProducer = (await ask(`query ($f: ID!) { entity(id: $f) { relations { type } } }`, { f: producer })).entity;
    const ofStep = (await ask(`query ($p: ID!) { entity(id: $p) { relations { type } } }`, { p: kind.to })).entity;
    const around = (await ask(`query ($p: ID!) { neighborhood(id: $p, depth: 2, limit: 200) { edges { type } } }`, { p: kind.to })).neighborhood;
    // Were the index visible, the producer would be one PRODUCER_RANK hop from the parent product.
    const paths = (await ask(`query ($f: String!, $p: String!) { path(from: $f, to: $p, maxHops: 4) { length edges { type } } }`, { f: producer, p: kind.to })).path;
    const types = [...ofProducer.relations, ...ofStep.relations, ...around.edges, ...paths.flatMap((p: any) => p.edges)].map((e: any) => e.type);
    expect(types.length).toBeGreaterThan(0);
    expect(types).not.toContain('PRODUCER_RANK');
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) expect(p.length).toBe(2);

    await expectIndexNotCountedNorExported(db, 'PRODUCER_RANK');
  }, 300_000);
});
