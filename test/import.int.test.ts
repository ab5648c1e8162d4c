import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config/paths.js';
import { GraphDb } from '../src/db/graph.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../src/neo4j/launcher.js';
import { loadSeed } from '../src/seed/load.js';
import { cacheFolder, readBatchFile } from '../src/synth/cache.js';
import { planSynth, type SynthOptions } from '../src/synth/generate.js';
import { ImportRefusedError, importSynthetic, type EmbeddedTarget } from '../src/synth/import/offline.js';
import { loadSynthetic, removeSynthetic } from '../src/synth/load.js';
import { dataOf, seed, useGraphQL } from './support/harness.js';

/**
 * The offline import (npm run synth -- --import) against the online loader, on an embedded Neo4j of
 * its own (a temporary home, any free port): the shared test database is never touched. Same seed,
 * same synthetic options: the online load is measured first, then the same home is imported into.
 * Expected figures come from the generator's batch files, never typed in. No timings.
 */
const curated = seed();
const options: SynthOptions = { firms: 2_000, seed: 5, dense: null, batchSize: 500 };
const plan = planSynth(curated, options);
const home = mkdtempSync(path.join(tmpdir(), 'gzkg-import-test-'));
const cacheRoot = mkdtempSync(path.join(tmpdir(), 'gzkg-import-cache-'));
const target: EmbeddedTarget = { home, port: 0, heap: '768m', pageCacheMiB: 64, readyTimeoutMs: 600_000 };
// Room for a shared, busy machine (several JVM starts and one neo4j-admin run): not a timing assertion.
const TIMEOUT = 1_500_000;

let running: { embedded: EmbeddedNeo4j; db: GraphDb; driver: Driver } | null = null;
function attach(embedded: EmbeddedNeo4j, db: GraphDb = GraphDb.connect(embedded.uri, {})) {
  running = { embedded, db, driver: neo4j.driver(embedded.uri, undefined, { disableLosslessIntegers: true }) };
  return db;
}
async function start() {
  return attach(await startEmbeddedNeo4j({ home, port: 0, heap: target.heap, pageCacheMiB: target.pageCacheMiB, log: () => {}, readyTimeoutMs: target.readyTimeoutMs }));
}
async function stop() {
  if (!running) return;
  await running.driver.close();
  await running.db.close();
  await running.embedded.stop();
  running = null;
}
afterAll(async () => {
  await stop();
  rmSync(home, { recursive: true, force: true });
  rmSync(cacheRoot, { recursive: true, force: true });
});

/** Plain Cypher for the checks, on the running instance's own driver (the app's GraphDb runs catalogue queries only). */
const raw = async (_db: GraphDb, cypher: string) => {
  const session = running!.driver.session();
  try {
    return (await session.run(cypher)).records.map((r) => r.toObject());
  } finally {
    await session.close();
  }
};

/** Everything the comparison looks at: counts per label and type, the name keys, every synthetic record's properties. */
async function snapshot(db: GraphDb) {
  // The producer index's format marker (IndexState) is store state, written by whichever process starts the store first: not compared.
  const labels = await raw(db, 'MATCH (n) WHERE NOT n:IndexState UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label');
  const types = await raw(db, 'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type');
  const keys = await raw(db, "MATCH (k:NameKey) RETURN k.key + '|' + k.entityId + '|' + k.kind + '|' + toString(k.primary) AS k ORDER BY k");
  const nodes = await raw(db, "MATCH (n:Entity) WHERE n.origin = 'synth' OR n:Place RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id");
  const rels = await raw(db, "MATCH (a)-[r]->(b) WHERE r.origin = 'synth' RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props ORDER BY r.key");
  const count = (rows: Record<string, unknown>[], field: string) => Object.fromEntries(rows.map((r) => [r[field] as string, Number(r.n)]));
  // labels() has no defined order: compared as sets.
  const sortedLabels = nodes.map((n) => ({ ...n, labels: [...(n.labels as string[])].sort() }));
  return { labels: count(labels, 'label'), types: count(types, 'type'), keys: keys.map((r) => r.k as string), nodes: sortedLabels, rels };
}

/** A few firmsIn and lookup questions through the GraphQL API, targets taken from the generated batches. */
async function answers(db: GraphDb, targets: { firms: string[]; places: string[] }) {
  const gql = useGraphQL(db);
  const out: unknown[] = [];
  for (const name of targets.firms) out.push(dataOf(await gql('query ($n: String!) { lookup(name: $n) { id kind name } search(text: $n, first: 3) { edges { node { id } } } }', { n: name })));
  for (const place of targets.places) {
    out.push(dataOf(await gql('query ($p: String!) { firmsIn(place: $p, first: 20) { totalCount edges { node { firm { id name } place { id } role sources { document { id } quote note } } } } }', { p: place })));
  }
  return out;
}

describe('offline bulk import (npm run synth -- --import)', () => {
  it('writes the same graph as the online loader, with IN_AREA and PRODUCER_RANK rows by the rule; refuses foreign data with zero writes; --remove still works', async () => {
    // The generator's own figures.
    const folder = cacheFolder(plan, cacheRoot);
    let db = await start();
    await db.applySchema();
    await loadSeed(db, curated);
    const seedOnly = await snapshot(db);
    await loadSynthetic(db, curated, options, { cacheRoot, workers: 1 });
    const batches = await Promise.all(plan.batches.map((_, k) => readBatchFile(folder, k)));
    const entities = batches.flatMap((b) => b.entities);
    const relations = batches.flatMap((b) => b.relations);
    const byKey = <T,>(rows: T[], key: (row: T) => string) => rows.reduce<Record<string, number>>((m, r) => ((m[key(r)] = (m[key(r)] ?? 0) + 1), m), {});
    const expectedKinds = byKey(entities, (e) => e.kind);
    const expectedTypes = byKey(relations, (r) => r.type);
    const expectedKeys = entities.reduce((n, e) => n + (e.props.searchKeys as string[]).length, 0);
    const park = entities.find((e) => e.kind === 'Place')!;
    const county = relations.find((r) => r.type === 'WITHIN')!.to;
    const countyName = curated.entities.find((e) => e.id === county)!.name;
    const firms = entities.filter((e) => e.kind === 'Firm');
    const targets = { firms: [firms[0], firms[777], firms.at(-1)!].map((f) => f.props.name), places: [park.props.name, countyName] };

    const online = await snapshot(db);
    const onlineAnswers = await answers(db, targets);
    const onlineLinks = await areaIndexLinks(db);
    const onlineRanks = await producerIndexRows(db);
    await stop();

    // Two CSV writer threads: the shards they write side by side must add up to the online graph.
    const result = await importSynthetic(target, curated, options, { cacheRoot, workers: 2, keepRunning: true });
    db = attach(result.neo4j!.embedded, result.neo4j!.db);
    const offline = await snapshot(db);

    // The generator's figures, in both.
    expect(result.rows).toBe(entities.length + relations.length);
    expect(result.nameKeys).toBe(expectedKeys);
    for (const snap of [online, offline]) {
      for (const [kind, n] of Object.entries(expectedKinds)) expect(snap.labels[kind] - (seedOnly.labels[kind] ?? 0), kind).toBe(n);
      for (const [type, n] of Object.entries(expectedTypes)) expect(snap.types[type] - (seedOnly.types[type] ?? 0), type).toBe(n);
      expect(snap.keys.length - seedOnly.keys.length).toBe(expectedKeys);
    }
    // The same graph: counts per label and type (IN_AREA included), the same name keys, the same
    // properties on every synthetic record and curated place.
    // IN_AREA first, link by link: a difference names the links (counts alone say only how many).
    const offlineLinks = await areaIndexLinks(db);
    const onlineSet = new Set(onlineLinks.map((l) => l.link));
    const offlineSet = new Set(offlineLinks.map((l) => l.link));
    expect({ onlyOnline: [...onlineSet].filter((l) => !offlineSet.has(l)), onlyOffline: [...offlineSet].filter((l) => !onlineSet.has(l)) }).toEqual({ onlyOnline: [], onlyOffline: [] });
    expect(offline.types).toEqual(online.types);
    expect(offline.labels).toEqual(online.labels);
    expect(offline.keys).toEqual(online.keys);
    expect(offline.nodes).toEqual(online.nodes);
    expect(offline.rels).toEqual(online.rels);
    // The import marks its store's producer index as carrying places: the next start rebuilds nothing.
    expect(await raw(db, "MATCH (s:IndexState {id: 'producer-rank'}) RETURN s.placed AS placed")).toEqual([{ placed: true }]);
    expect(await answers(db, targets)).toEqual(onlineAnswers);
    const parkPage = (onlineAnswers[3] as { firmsIn: { totalCount: number; edges: { node: { sources: { note: string | null }[] } }[] } }).firmsIn;
    expect(parkPage.totalCount).toBeGreaterThan(0);
    // The synthetic evidence (a note, no document or quote) reads back whole although its [''] lists are not stored.
    expect(parkPage.edges[0].node.sources).toEqual([{ document: null, quote: null, note: expect.stringMatching(/synthetic record/) }]);

    // IN_AREA: the CSV's links (areaLinks) are exactly those the online writers' refreshAreaIndex made.
    expect(offlineLinks).toEqual(onlineLinks);
    expect(offlineLinks.filter((l) => l.synthetic).length).toBe(result.areaLinks);
    expect(result.links).toEqual({ IN_AREA: result.areaLinks, PRODUCER_RANK: result.rankLinks });
    // neo4j-admin's own totals: the synthetic records, their name keys and links, and the curated places and WITHIN edges they hang from.
    expect(result.store.nodes).toBe(entities.length + expectedKeys + curated.entities.filter((e) => e.kind === 'Place').length);
    expect(result.store.relationships).toBe(relations.length + result.areaLinks + result.rankLinks + curated.relations.filter((r) => r.type === 'WITHIN').length);
    expect(offlineLinks.length).toBeGreaterThan(firms.length * 2);

    // PRODUCER_RANK: the CSV's rows (producerRankLinks, rankKey in TypeScript) are exactly those refreshProducerRanks made.
    const offlineRanks = await producerIndexRows(db);
    expect(offlineRanks).toEqual(onlineRanks);
    expect(offlineRanks.filter((l) => l.synthetic).length).toBe(result.rankLinks);
    expect(result.rankLinks).toBeGreaterThan(relations.filter((r) => r.type === 'PRODUCES').length);

    // A record the import would not write back (a review candidate): refused, and nothing changed.
    await raw(db, "CREATE (:Candidate {id: 'candidate:import-test', state: 'pending'})");
    const withCandidate = await snapshot(db);
    await stop();
    await expect(importSynthetic(target, curated, options, { cacheRoot, workers: 1 })).rejects.toThrow(ImportRefusedError);
    db = await start();
    expect(await snapshot(db)).toEqual(withCandidate);
    await raw(db, "MATCH (c:Candidate {id: 'candidate:import-test'}) DELETE c");

    // --remove after an offline import: back to the curated graph (the graph version node aside, which writes create).
    await removeSynthetic(db);
    const removed = await snapshot(db);
    const { GraphVersion: _v1, ...removedLabels } = removed.labels;
    const { GraphVersion: _v2, ...seedLabels } = seedOnly.labels;
    expect(removedLabels).toEqual(seedLabels);
    expect(removed.types).toEqual(seedOnly.types);
    expect(removed.keys).toEqual(seedOnly.keys);
    await stop();
  }, TIMEOUT);

  it('refuses in one line when NEO4J_URI names an external server, before touching anything', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/synth/cli.ts', '--firms', '100', '--import'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NEO4J_URI: 'bolt://127.0.0.1:9' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^synth: --import .*NEO4J_URI.*Nothing was changed/);
  });
});

/** Every PRODUCER_RANK row as one comparable string, and whether its producer is synthetic. */
async function producerIndexRows(db: GraphDb): Promise<{ row: string; synthetic: boolean }[]> {
  const rows = await raw(
    db,
    `MATCH (f:Entity)-[x:PRODUCER_RANK]->(s:Product)
     RETURN f.id + '>' + s.id + '|' + x.stepId + '|' + x.production + '|' + x.status + '|' + x.rankKey AS row, f.origin = 'synth' AS synthetic ORDER BY row`,
  );
  return rows as { row: string; synthetic: boolean }[];
}

/** Every IN_AREA link as one comparable string, and whether its firm is synthetic. */
async function areaIndexLinks(db: GraphDb): Promise<{ link: string; synthetic: boolean }[]> {
  const rows = await raw(
    db,
    `MATCH (f:Firm)-[l:IN_AREA]->(a:Place)
     RETURN f.id + '>' + a.id + '|' + l.placeId + '|' + l.placement + '|' + l.sortKey AS link, f.origin = 'synth' AS synthetic ORDER BY link`,
  );
  return rows as { link: string; synthetic: boolean }[];
}
