import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Q } from '../src/db/queries.js';
import { InjectedFailure } from '../src/seed/bulk.js';
import { cacheFolder, readBatchFile } from '../src/synth/cache.js';
import { planSynth, type SynthOptions } from '../src/synth/generate.js';
import { loadSynthetic, removeSynthetic } from '../src/synth/load.js';
import { toTraditional } from '../src/text/normalize.js';
import { exactName } from '../src/services/resolve.js';
import { STEP_SIDE } from '../src/services/chains.js';
import { FloorRunner, introspect, pickTargets, questions } from './bench/scale-questions.js';
import { GraphQLFloor, withTypenames } from './bench/graphql-floor.js';
import { dataOf, seed, useGraphQL, useTestDb } from './support/harness.js';

/**
 * The scale benchmark's questions at 10k synthetic firms, on the shared test database: every
 * synthetic record is removed at the end (and checked gone), so the curated tests never see them.
 * No timings here: the chain test proves polynomial work by finishing where paths cannot be listed.
 */
const db = useTestDb();
const gql = useGraphQL(db);
const curated = seed();
const options: SynthOptions = { firms: 10_000, seed: 7, dense: { width: 14, hops: 12 }, batchSize: 2_000 };
const plan = planSynth(curated, options);
const cacheRoot = mkdtempSync(path.join(tmpdir(), 'gzkg-synth-test-'));
// Generous limits: not timings, but room for a shared, busy CI machine (a quiet one needs seconds).
const LOAD_TIMEOUT = 900_000;
const QUESTION_TIMEOUT = 300_000;
const floor = new FloorRunner(inject('neo4j').uri, inject('neo4j'), inject('neo4j').database);

async function counts() {
  const [all] = await floor.raw('CALL { MATCH (n) RETURN count(n) AS nodes } CALL { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels');
  const [synth] = await db.read(Q.bulkOriginCounts, { origin: 'synth' });
  const [curatedCounts] = await db.read(Q.bulkOriginCounts, { origin: 'seed' });
  return { nodes: Number(all.nodes), rels: Number(all.rels), synthNodes: Number(synth.nodes), synthRels: Number(synth.relationships), seedNodes: Number(curatedCounts.nodes), seedRels: Number(curatedCounts.relationships) };
}

let before: Awaited<ReturnType<typeof counts>>;
beforeAll(async () => {
  before = await counts();
});
afterAll(async () => {
  await removeSynthetic(db); // also after a failed test: the shared database goes back as it was
  await floor.close();
  rmSync(cacheRoot, { recursive: true, force: true });
});

describe('synthetic graph (10k firms) and its bulk load', () => {
  it('a load failing mid-way keeps whole batches only, and the next run resumes to the complete graph', async () => {
    const failAt = plan.batches.findIndex((b) => b.phase === 'firms') + 2;
    await expect(loadSynthetic(db, curated, options, { cacheRoot, failAtBatch: failAt })).rejects.toThrow(InjectedFailure);
    const folder = cacheFolder(plan, cacheRoot);
    const batches = await Promise.all(plan.batches.map((_, k) => readBatchFile(folder, k)));
    const sum = (upTo: number, part: 'entities' | 'relations') => batches.slice(0, upTo).reduce((s, b) => s + b[part].length, 0);

    // Two batches are in flight at once: the one beside the failed batch may have committed too
    // (the checkpoint lists it in `done`). Whole batches only, and nothing of the failed one.
    const afterFailure = await counts();
    const [{ state }] = await db.read(Q.bulkLoadState, { runId: 'synth' });
    expect(state?.nextBatch).toBe(failAt);
    const beyond = ((state?.done as number[] | undefined) ?? []).map(Number);
    expect(beyond).not.toContain(failAt);
    expect(beyond.every((k) => k > failAt && k <= failAt + 1)).toBe(true);
    const extra = (part: 'entities' | 'relations') => beyond.reduce((n, k) => n + batches[k][part].length, 0);
    expect(afterFailure.synthNodes).toBe(sum(failAt, 'entities') + extra('entities'));
    expect(afterFailure.synthRels).toBe(sum(failAt, 'relations') + extra('relations'));

    const resumed = await loadSynthetic(db, curated, options, { cacheRoot });
    expect(resumed.resumedAt).toBe(failAt);
    const complete = await counts();
    expect(complete.synthNodes).toBe(sum(batches.length, 'entities'));
    expect(complete.synthRels).toBe(sum(batches.length, 'relations'));
    expect(complete.synthNodes).toBeGreaterThan(options.firms);
    // Curated records untouched.
    expect([complete.seedNodes, complete.seedRels]).toEqual([before.seedNodes, before.seedRels]);
    // Running it again is refused for other parameters, and a no-op for the same ones.
    await expect(loadSynthetic(db, curated, { ...options, seed: 8 }, { cacheRoot })).rejects.toThrow(/different load/);
    expect((await loadSynthetic(db, curated, options, { cacheRoot })).rows).toBe(0);
  }, LOAD_TIMEOUT);

  it('names synthetic records the way the curated ones are named: traditional and pinyin forms resolve', async () => {
    const targets = await pickTargets(floor, plan, 3);
    for (const firm of targets.firms) {
      const traditional = toTraditional(firm.name);
      const data = dataOf(await gql(`query ($n: String!) { lookup(name: $n) { id } search(text: $n, first: 1) { edges { node { id } } } }`, { n: traditional }));
      expect(data.lookup.id, traditional).toBe(firm.id);
      expect(data.search.edges[0].node.id).toBe(firm.id);
    }
  }, QUESTION_TIMEOUT);

  it('answers every question of the scale benchmark without errors, as its floor does', async () => {
    const targets = await pickTargets(floor, plan);
    expect(targets.firms.length).toBe(20);
    expect(targets.parks.length).toBeGreaterThan(0);
    const post = (query: string, variables: Record<string, unknown> = {}) => gql(query, variables);
    const asked = questions(targets, await introspect(post));
    for (const q of asked) {
      const result = await post(q.query, q.variables(0));
      expect(result.errors, q.label).toBeUndefined();
      expect(result.data, q.label).toBeTruthy();
      for (const f of q.floors) {
        const rows = await floor.run(f, q.floorParams(0));
        expect(rows.length, `${q.label}: floor ${f}`).toBeGreaterThan(0);
        // Where answers are compared (search), the floor is the API's answer, in order.
        if (q.sameAnswer) expect(q.sameAnswer(result.data, rows), `${q.label}: floor ${f} answers as the API does`).toBe(true);
      }
    }
    expect(asked.some((q) => q.sameAnswer)).toBe(true);
    // The GraphQL floor (the benchmark's second floor) serves each answer as the API gave it, or its figure means nothing.
    const graphqlFloor = new GraphQLFloor();
    for (const q of asked) {
      const typed = await post(withTypenames(q.query), q.variables(0));
      graphqlFloor.serve(typed.data);
      const response = await graphqlFloor.yoga.fetch('http://floor/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q.query, variables: q.variables(0) }) });
      const served = (await response.json()) as { data?: unknown; errors?: unknown };
      expect(served.errors, q.label).toBeUndefined();
      expect(served.data, q.label).toEqual((await post(q.query, q.variables(0))).data);
    }
    const lookup = dataOf(await gql(asked[0].query, asked[0].variables(3)));
    expect(lookup.lookup.id).toBe(targets.firms[3].id);
  }, QUESTION_TIMEOUT);

  it('chainGaps: seeking an area place by place and reading each step from its side give the gaps that placing every production gives, parks to the province', async () => {
    const targets = await pickTargets(floor, plan);
    const places = [...targets.parks.slice(0, 6), ...targets.counties.slice(0, 6), targets.province, '福泉市', '贵安新区'];
    const chains = [targets.chain, { from: '磷矿石', to: '新能源汽车' }];
    let gaps = 0;
    let local = 0;
    for (const place of places) {
      for (const chain of chains) {
        const ask = (areaSeekLimit: number) =>
          db.read(Q.chainGapSteps, { names: [exactName(place, 'Place'), exactName(chain.from, 'Product'), exactName(chain.to, 'Product')], statuses: ['operating'], fields: null, areaSeekLimit });
        const [fromArea] = await ask(2 ** 31 - 1);
        const [fromSteps] = await ask(0);
        const localOf = (row: typeof fromArea) => row.steps.map((s) => [s.product.id, s.local]).sort();
        expect(localOf(fromArea), `${place}: ${chain.from} → ${chain.to}`).toEqual(localOf(fromSteps));
        // And both say what placing every operating production of the step (the productionPlace rule, no index) says.
        const placed = await db.read(Q.chainProducersPlacedCount, { steps: fromSteps.steps.map((s) => s.product.id), within: [fromSteps.names[0]!.id], outside: null, statuses: ['operating'], placeAncestry: true });
        expect(localOf(fromSteps), `${place}: ${chain.from} → ${chain.to}, by placing`).toEqual(placed.map((r) => [r.stepId, r.total > 0]).sort());
        gaps += fromSteps.steps.filter((s) => !s.local).length;
        local += fromSteps.steps.filter((s) => s.local).length;
      }
    }
    // Both kinds of step occur, so the comparison could have failed either way.
    expect(gaps).toBeGreaterThan(0);
    expect(local).toBeGreaterThan(0);
  }, QUESTION_TIMEOUT);

  it('chainGaps candidates: the place seeks ring by ring give every page and count of ranking every production', async () => {
    const targets = await pickTargets(floor, plan);
    // Parks, counties, the province, curated places, and 贵阳贵安 (within two places: the tree is not a tree there).
    const places = [...targets.parks.slice(0, 3), ...targets.counties.slice(0, 3), targets.province, '福泉市', '贵阳贵安'];
    const idsOf = async (names: string[], kind: 'Place' | 'Product') =>
      Promise.all(names.map(async (name) => (await floor.raw(`MATCH (n:Entity {name: $name}) WHERE n.kind = $kind RETURN n.id AS id`, { name, kind }))[0].id as string));
    const placeIds = await idsOf(places, 'Place');
    const [from, to] = await idsOf([targets.chain.from, targets.chain.to], 'Product');
    const steps = (await db.read(Q.chainSteps, { fromId: from, toId: to, fields: null })).map((s) => s.product.id);
    // Curated steps with producers in several places, so rings near and far are both read.
    steps.push('product:lfp', 'product:phosphate-rock', 'product:new-energy-vehicles');
    const rowOf = (p: { producer: { id: string }; made: { id: string } | null; rel: Record<string, unknown>; place: { id: string } | null; sortKey: unknown; ancestry: unknown[] }) =>
      JSON.stringify([p.producer.id, p.made?.id, p.rel.key, p.place?.id ?? null, p.sortKey, p.ancestry.length]);
    let compared = 0;
    const distances = new Set<number>();
    for (const target of placeIds) {
      const common = { steps, target, withAncestry: true, placeAncestry: true, fields: null, relFields: null, withMade: true, edgeCursors: true, withDocuments: false };
      const [seeks, ranked] = await Promise.all([db.read(Q.gapCandidatesCount, { steps, target }), db.read(Q.chainProducersPlacedCount, { steps, within: [], outside: target, statuses: null, placeAncestry: true })]);
      expect(new Map(seeks.map((r) => [r.stepId, r.total])), `${target}: counts`).toEqual(new Map(ranked.map((r) => [r.stepId, r.total])));
      // Three pages of 4 (the cursor of each step's last row), ancestry included as exports ask it.
      // Each page three ways: the default choice per step, every step ring by ring, every step from its side.
      let after: [number, string] | null = null;
      for (let page = 0; page < 3; page++) {
        const [a, rings, sides, b] = await Promise.all([
          db.read(Q.gapCandidates, { ...common, after, first: 4, stepSide: STEP_SIDE }),
          db.read(Q.gapCandidates, { ...common, after, first: 4, stepSide: 0 }),
          db.read(Q.gapCandidates, { ...common, after, first: 4, stepSide: 1e12 }),
          db.read(Q.chainProducersPlaced, { ...common, within: [], outside: target, statuses: null, placeAncestry: true, after, first: 4 }),
        ]);
        const pages = (rows: typeof a) => new Map(rows.map((r) => [r.stepId, r.producers.map(rowOf)]));
        expect(pages(a), `${target}: page ${page + 1}`).toEqual(pages(b));
        expect(pages(rings), `${target}: page ${page + 1}, ring by ring`).toEqual(pages(b));
        expect(pages(sides), `${target}: page ${page + 1}, from the steps' side`).toEqual(pages(b));
        compared += a.reduce((n, r) => n + r.producers.length, 0);
        for (const r of a) for (const p of r.producers) distances.add(p.sortKey![0]);
        // The next page continues after one step's last row: every step is asked from that cursor.
        const last = b.map((r) => r.producers.at(-1)).filter(Boolean).at(page % 2 ? 0 : -1);
        if (!last) break;
        after = last.sortKey as [number, string];
      }
    }
    expect(compared, 'some candidates were compared').toBeGreaterThan(100);
    // Near rings, far rings and the productions with no place in the target's tree (1000) all occurred.
    expect(distances.has(1000), [...distances].join(',')).toBe(true);
    expect(distances.size).toBeGreaterThanOrEqual(4);
  }, QUESTION_TIMEOUT);

  it('traces a chain with more than 10^12 INPUT_TO paths: reachability, not path enumeration', async () => {
    const dense = plan.denseChain!;
    expect(dense.paths).toBeGreaterThan(1e12);
    const data = dataOf(await gql(`query ($a: String!, $b: String!) { supplyChain(from: $a, to: $b) { steps { product { id } inputs { id } } } }`, { a: dense.from, b: dense.to }));
    expect(data.supplyChain.steps).toHaveLength(dense.steps);
    // Inputs come before what they make, and each inner step has the whole previous layer as inputs.
    const position = new Map<string, number>(data.supplyChain.steps.map((s: { product: { id: string } }, i: number) => [s.product.id, i]));
    for (const step of data.supplyChain.steps) for (const input of step.inputs) expect(position.get(input.id)).toBeLessThan(position.get(step.product.id)!);
    expect(Math.max(...data.supplyChain.steps.map((s: { inputs: unknown[] }) => s.inputs.length))).toBe(options.dense!.width);
  }, QUESTION_TIMEOUT);

  it('--remove deletes every synthetic record in batches and leaves the curated graph as it was', async () => {
    const removed = await removeSynthetic(db);
    expect(removed).toBeGreaterThan(options.firms);
    const after = await counts();
    expect(after).toEqual(before);
    expect(after.synthNodes).toBe(0);
  }, QUESTION_TIMEOUT);
});
