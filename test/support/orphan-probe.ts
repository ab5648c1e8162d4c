// Starts an embedded Neo4j, prints its JVM's pid, then waits to be killed (by test/launcher.int.test.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedNeo4j } from '../../src/neo4j/launcher.js';

const neo4j = await startEmbeddedNeo4j({ home: mkdtempSync(path.join(tmpdir(), 'gzkg-orphan-')), port: 0, heap: '512m', pageCacheMiB: 32, log: () => {} });
console.log(`JAVA_PID ${neo4j.pid}`);
setInterval(() => {}, 60_000);
