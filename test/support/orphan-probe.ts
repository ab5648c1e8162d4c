// Starts an embedded Neo4j, prints its JVM's pid and its home, then waits to be killed (by
// test/launcher.int.test.ts, which removes the home once the JVM is gone: ~520 MB a run).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedNeo4j } from '../../src/neo4j/launcher.js';

const home = mkdtempSync(path.join(tmpdir(), 'gzkg-orphan-'));
const neo4j = await startEmbeddedNeo4j({ home, port: 0, heap: '512m', pageCacheMiB: 32, log: () => {} });
console.log(`JAVA_PID ${neo4j.pid} HOME ${home}`);
setInterval(() => {}, 60_000);
