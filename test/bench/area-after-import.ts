import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { rebuildAreaIndex } from '../../src/areas/refresh.js';
import { GraphDb } from '../../src/db/graph.js';
import { adminImport } from '../../src/neo4j/admin-import.js';
import { startEmbeddedNeo4j } from '../../src/neo4j/launcher.js';
import { defaultBoltPort } from '../../src/neo4j/provision.js';
import { ARRAY_DELIMITER, ID_TYPE, type CsvSource } from '../../src/synth/import/csv.js';

/**
 * Lever 2 of the offline import, by hand (not in CI): is a maintained index cheaper written by Cypher
 * after the import than by neo4j-admin from CSV? On the CSV kept by test/bench/admin-import.ts:
 *   npx tsx test/bench/area-after-import.ts --dir /tmp/imp [--without IN_AREA] [--batch 5000]
 * imports it (without the links of `--without`), starts Neo4j on the store, creates the schema
 * (constraints and indexes, populated), and with `--without` rebuilds those links by the online rule
 * (rebuildAreaIndex, `--batch` firms per transaction). Prints wall and CPU seconds of each step
 * (neo4j-admin's and the server's JVM from /proc), so both ways can be summed and compared.
 */
const cpuOf = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

async function main() {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, without: { type: 'string', default: '' }, batch: { type: 'string', default: '5000' }, heap: { type: 'string', default: '1g' } } });
  if (!values.dir) throw new Error('--dir is the folder test/bench/admin-import.ts wrote (its csv/manifest.json)');
  if (values.without && values.without !== 'IN_AREA') throw new Error('--without: only IN_AREA has an online rebuild here (rebuildAreaIndex)');
  const dir = path.resolve(values.dir);
  const manifest = JSON.parse(readFileSync(path.join(dir, 'csv', 'manifest.json'), 'utf8')) as { rows: number; sources: CsvSource[] };
  const sources = manifest.sources.filter((s) => !(s.kind === 'relationships' && s.name === values.without));
  const home = path.join(dir, 'after-home');
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const load = loadavg()[0];
  const imported = await adminImport({ home, sources, arrayDelimiter: ARRAY_DELIMITER, idType: ID_TYPE, workDir: path.join(dir, 'after-work'), heap: values.heap });
  log(`neo4j-admin ${values.without ? `without ${values.without}` : '(all links)'}: ${s(imported.millis)} wall, ${s(imported.cpuMillis)} CPU; ${imported.totals.relationships.toLocaleString('en')} relationships`);
  const neo4j = await startEmbeddedNeo4j({ home, port: await defaultBoltPort(() => {}), heap: values.heap, pageCacheMiB: 1024, log: () => {} });
  const db = GraphDb.connect(neo4j.uri, {});
  try {
    let cpu = cpuOf(neo4j.pid);
    let started = Date.now();
    await db.applySchema(3_600);
    log(`schema (constraints, indexes, population): ${s(Date.now() - started)} wall, ${s(cpuOf(neo4j.pid) - cpu)} server CPU`);
    if (values.without) {
      cpu = cpuOf(neo4j.pid);
      started = Date.now();
      const firms = await rebuildAreaIndex(db, { batch: Number(values.batch) });
      log(`rebuildAreaIndex of ${firms.toLocaleString('en')} firms (${values.batch} per transaction): ${s(Date.now() - started)} wall, ${s(cpuOf(neo4j.pid) - cpu)} server CPU`);
    }
    const [row] = await db.read({ name: 'benchAreaLinks', text: 'MATCH ()-[x:IN_AREA]->() RETURN count(x) AS n', params: z.object({}), row: z.object({ n: z.unknown() }) }, {});
    log(`IN_AREA links in the store: ${Number(row.n).toLocaleString('en')}; load ${load.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
  } finally {
    await db.close();
    await neo4j.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

await main();
