import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import neo4j, { type ProfiledPlan } from 'neo4j-driver';
import { GraphDb } from '../../src/db/graph.js';
import { Q } from '../../src/db/queries.js';
import { startEmbeddedNeo4j } from '../../src/neo4j/launcher.js';
import { loadSeed } from '../../src/seed/load.js';
import { readSeed } from '../../src/seed/read.js';
import { exactName } from '../../src/services/resolve.js';
import { searchBound } from '../../src/services/search.js';
import { EVERY_RELATION, RELATIONS_LIST_DEFAULT, relationGroups } from '../../src/services/relations.js';
import { luceneQuery } from '../../src/services/resolve.js';
import { searchKey } from '../../src/text/normalize.js';
import { applySchemaWhenReady } from './schema-ready.js';
import { catalogueCase } from '../support/catalogue-case.js';

/**
 * The Neo4j side of the load suite's realistic mix (by hand, not in CI): each Cypher query a cache
 * miss of lookup, search, firmsIn and path runs, on the seed, with PROFILE (db hits, rows), the bytes
 * of its answer (records as JSON), its time cold (first run: planning included) and warm (median
 * of RUNS, the plan cached), and the Neo4j process's CPU per warm call (its /proc CPU time over the
 * RUNS calls: steadier than times on a shared machine). `npx tsx test/load/cypher-mix.ts` (BOLT_URI=…
 * to use a running Neo4j with the seed loaded, NEO4J_PID=… its process for the CPU column).
 */
const RUNS = Number(process.env.RUNS ?? 30);

/** CPU milliseconds (user + system) the process has used, from /proc (Linux); null elsewhere. */
function cpuMillis(pid: number | null): number | null {
  if (!pid) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks: 100 per second on Linux
  } catch {
    return null;
  }
}

const totalHits = (p: ProfiledPlan): number => p.dbHits + p.children.reduce((n, c) => n + totalHits(c), 0);

async function main() {
  const home = process.env.BOLT_URI ? null : mkdtempSync(path.join(tmpdir(), 'gzkg-cymix-'));
  const server = home ? await startEmbeddedNeo4j({ home, port: 0, heap: '768m', pageCacheMiB: 64, log: () => {}, readyTimeoutMs: 600_000 }) : null;
  const uri = process.env.BOLT_URI ?? server!.uri;
  const pid = server?.pid ?? (process.env.NEO4J_PID ? Number(process.env.NEO4J_PID) : null);
  const db = GraphDb.connect(uri, {});
  const driver = neo4j.driver(uri, undefined, { disableLosslessIntegers: true });
  try {
    if (server) {
      await applySchemaWhenReady(db);
      await loadSeed(db, readSeed(), { reset: true, log: () => {} });
    }
    const resolveItem = (name: string) => ({ ...exactName(name, null), minPartial: 2 });
    const [chuanheng] = await db.read(Q.resolveNames, { items: [resolveItem('chuanheng')] });
    const [guizhou] = await db.read(Q.resolveNames, { items: [resolveItem('贵州省')] });
    const idOf = (row: typeof chuanheng) => row.matches[0]?.node.id ?? row.partial[0]?.node.id;
    // Rows as the mix's selections read them (ids and names), as the API sends them.
    const names = { fields: ['id', 'kind', 'name', 'status'], relFields: [] as string[] };
    const search = (text: string, first: number) => ({ key: searchKey(text), lucene: luceneQuery(text), kinds: null, offset: 0, first, bound: searchBound(0, first), withTotal: true, ...names });
    const firmsIn = (place: string) => ({ ...exactName(place, 'Place'), includeSubareas: true, after: null, first: 25, withTotal: true, withCursors: false, withPlacements: false, withAncestors: false, withDocuments: false, ...names });
    const ask = catalogueCase;
    const cases = [
      ask('lookup: resolveNames (chuanheng, partial)', Q.resolveNames, { items: [resolveItem('chuanheng')] }),
      ask('lookup: resolveNames (贵安新区, exact)', Q.resolveNames, { items: [resolveItem('贵安新区')] }),
      ask('lookup: entityRelationPage (川恒, as the mix selects)', Q.entityRelationPage, { ids: [idOf(chuanheng)!], groups: relationGroups(EVERY_RELATION, null), limit: RELATIONS_LIST_DEFAULT + 1, ...names }),
      ask('lookup: entityRelationPage (贵州省, as the mix selects)', Q.entityRelationPage, { ids: [idOf(guizhou)!], groups: relationGroups(EVERY_RELATION, null), limit: RELATIONS_LIST_DEFAULT + 1, ...names }),
      ask('search: searchEntities (磷, 10, total)', Q.searchEntities, search('磷', 10)),
      ask('search: searchEntities (Guizhou, 10, total)', Q.searchEntities, search('Guizhou', 10)),
      ask('firmsIn: firmsInPlace (福泉, 20, total)', Q.firmsInPlace, firmsIn('福泉')),
      ask('firmsIn: firmsInPlace (贵阳, 20, total)', Q.firmsInPlace, firmsIn('贵阳')),
      ask('path: shortestPaths (川恒 → 贵安新区)', Q.shortestPaths, { names: [exactName('川恒', null), exactName('贵安新区', null)], maxHops: 5, limit: 20, ...names }),
      ask('path: shortestPaths (福泉 → 磷矿石)', Q.shortestPaths, { names: [exactName('福泉', null), exactName('磷矿石', null)], maxHops: 5, limit: 20, ...names }),
      ask('version: graphVersionRead', Q.graphVersionRead, {}),
    ];
    console.log('| query | rows | db hits | bytes | cold ms | warm ms (median) | Neo4j CPU ms per warm call |');
    console.log('|---|---|---|---|---|---|---|');
    for (const [label, query, params] of cases) {
      const session = driver.session({ defaultAccessMode: neo4j.session.READ });
      try {
        const t0 = performance.now();
        const first = await session.run(query.text, params);
        const cold = performance.now() - t0;
        const bytes = Buffer.byteLength(JSON.stringify(first.records.map((r) => r.toObject())));
        const times: number[] = [];
        const cpuBefore = cpuMillis(pid);
        for (let i = 0; i < RUNS; i++) {
          const t = performance.now();
          await session.run(query.text, params);
          times.push(performance.now() - t);
        }
        const cpuAfter = cpuMillis(pid);
        const cpu = cpuBefore !== null && cpuAfter !== null ? ((cpuAfter - cpuBefore) / RUNS).toFixed(2) : '–';
        times.sort((a, b) => a - b);
        const profiled = await session.run(`PROFILE ${query.text}`, params);
        const plan = profiled.summary.profile;
        console.log(`| ${label} | ${first.records.length} | ${plan ? totalHits(plan) : '?'} | ${bytes} | ${cold.toFixed(1)} | ${times[Math.floor(times.length / 2)].toFixed(2)} | ${cpu} |`);
      } finally {
        await session.close();
      }
    }
  } finally {
    await driver.close();
    await db.close();
    await server?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
