import { Session } from 'node:inspector/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { GraphDb } from '../../src/db/graph.js';
import { startEmbeddedNeo4j } from '../../src/neo4j/launcher.js';
import { loadSeed } from '../../src/seed/load.js';
import { readSeed } from '../../src/seed/read.js';
import { ResponseCache } from '../../src/graphql/cache/response-cache.js';
import { createHttpServer, listen } from '../../src/server/http.js';
import { applySchemaWhenReady } from './schema-ready.js';

/**
 * Where a realistic request's time goes (by hand, not in CI): the API in this process under a CPU
 * profiler, the realistic core mix with the response cache off, self time summed by package or folder.
 * `npx tsx test/load/profile.ts` (PROFILE_SECONDS, PROFILE_CONNECTIONS).
 */
const SECONDS = Number(process.env.PROFILE_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.PROFILE_CONNECTIONS ?? 16);
const MIX = [
  `{ firmsIn(place: "福泉", first: 20) { totalCount edges { node { firm { id name } place { name } role } } } }`,
  `{ supplyChain(from: "磷矿石", to: "新能源汽车") { steps { product { name } producers { producer { name } place { name } status } } } }`,
  `{ lookup(name: "chuanheng") { id name sources { quote document { title } } relations { type fromEntity { name } toEntity { name } } } }`,
  `{ search(text: "磷", first: 10) { totalCount edges { node { id kind name } } } }`,
  `{ path(from: "川恒", to: "贵安新区") { length nodes { name } edges { type } } }`,
];

async function main() {
  const home = mkdtempSync(path.join(tmpdir(), 'gzkg-prof-'));
  const neo4j = await startEmbeddedNeo4j({ home, port: 0, heap: '768m', pageCacheMiB: 64, log: () => {}, readyTimeoutMs: 600_000 });
  const db = GraphDb.connect(neo4j.uri, {});
  try {
    await applySchemaWhenReady(db);
    await loadSeed(db, readSeed(), { reset: true, log: () => {} });
    const server = createHttpServer(db, { responseCache: ResponseCache.off() });
    await server.ready;
    const port = await listen(server, 0, '127.0.0.1');
    const run = (seconds: number, perQuery?: string) =>
      autocannon({
        url: `http://127.0.0.1:${port}/graphql`,
        connections: perQuery ? 4 : CONNECTIONS,
        duration: seconds,
        requests: (perQuery ? [perQuery] : MIX).map((query) => ({ method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })),
      });
    await run(3);
    for (const q of MIX) {
      const r = await run(4, q);
      console.log(`${q.slice(2, 40).padEnd(40)} ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms (4 connections)`);
    }
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    const result = await run(SECONDS);
    const wall = performance.now() - started;
    const cpu = process.cpuUsage(cpuStart);
    const { profile } = await session.post('Profiler.stop');
    console.log(`mix: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; API process CPU ${(((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(0)} % of one core`);
    const self = new Map<string, number>();
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const dt = new Map<number, number>();
    profile.samples!.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas![i] ?? 0)));
    let total = 0;
    for (const [id, micros] of dt) {
      const node = nodes.get(id)!;
      const url = node.callFrame.url;
      const group = !url
        ? `(${node.callFrame.functionName || 'native'})`
        : url.includes('node_modules')
          ? url.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1')
          : url.includes('/src/')
            ? `src/${url.split('/src/')[1].split('/')[0]}`
            : url.startsWith('node:')
              ? url
              : 'other';
      self.set(group, (self.get(group) ?? 0) + micros);
      total += micros;
    }
    for (const [group, micros] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log(`${((micros / total) * 100).toFixed(1).padStart(5)} %  ${group}`);
    server.closeAllConnections();
    server.close();
  } finally {
    await db.close();
    await neo4j.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
