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
import { FloorRunner, introspect, pickTargets, questions } from './bench/scale-questions.js';
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
      for (const f of q.floors) expect((await floor.run(f, q.floorParams(0))).length, `${q.label}: floor ${f}`).toBeGreaterThan(0);
    }
    const lookup = dataOf(await gql(asked[0].query, asked[0].variables(3)));
    expect(lookup.lookup.id).toBe(targets.firms[3].id);
  }, QUESTION_TIMEOUT);

  it('chainGaps: reading an area from its side and each step from its side give the same gaps, parks to the province', async () => {
    const targets = await pickTargets(floor, plan);
    const places = [...targets.parks.slice(0, 6), ...targets.counties.slice(0, 6), targets.province, '福泉市', '贵安新区'];
    const chains = [targets.chain, { from: '磷矿石', to: '新能源汽车' }];
    let gaps = 0;
    let local = 0;
    for (const place of places) {
      for (const chain of chains) {
        const ask = (areaScanLimit: number) =>
          db.read(Q.chainGapSteps, { names: [exactName(place, 'Place'), exactName(chain.from, 'Product'), exactName(chain.to, 'Product')], statuses: ['operating'], fields: null, placeAncestry: false, areaScanLimit });
        const [fromArea] = await ask(2 ** 31 - 1);
        const [fromSteps] = await ask(0);
        const localOf = (row: typeof fromArea) => row.steps.map((s) => [s.product.id, s.local]).sort();
        expect(localOf(fromArea), `${place}: ${chain.from} → ${chain.to}`).toEqual(localOf(fromSteps));
        gaps += fromSteps.steps.filter((s) => !s.local).length;
        local += fromSteps.steps.filter((s) => s.local).length;
      }
    }
    // Both kinds of step occur, so the comparison could have failed either way.
    expect(gaps).toBeGreaterThan(0);
    expect(local).toBeGreaterThan(0);
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
