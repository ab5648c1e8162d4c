import { createServer } from 'node:net';
import { GraphDb } from '../db/graph.js';
import type { Env } from '../config/env.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j, type Log } from './launcher.js';

export interface Neo4jHandle {
  db: GraphDb;
  uri: string;
  source: 'external' | 'embedded' | 'testcontainers';
  embedded: EmbeddedNeo4j | null;
  close(): Promise<void>;
}

const DEFAULT_BOLT_PORT = 7687;

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** Neo4j's usual port when it is free, so cypher-shell and Neo4j Browser find it; otherwise any free port. */
export async function defaultBoltPort(log: Log): Promise<number> {
  if (await portIsFree(DEFAULT_BOLT_PORT)) return DEFAULT_BOLT_PORT;
  log(`neo4j: port ${DEFAULT_BOLT_PORT} is taken; the embedded Neo4j takes a free port (set NEO4J_EMBEDDED_PORT to choose one)`);
  return 0;
}

/** NEO4J_URI set → that server; otherwise the project's embedded launcher on 127.0.0.1. */
export async function connectNeo4j(env: Env, log: Log = console.log, overrides: Partial<Pick<Env, 'NEO4J_EMBEDDED_HOME' | 'NEO4J_EMBEDDED_PORT'>> = {}): Promise<Neo4jHandle> {
  if (env.NEO4J_URI) {
    const db = GraphDb.connect(env.NEO4J_URI, { username: env.NEO4J_USERNAME, password: env.NEO4J_PASSWORD }, env.NEO4J_DATABASE);
    await db.verify();
    log(`neo4j: using ${env.NEO4J_URI}`);
    return { db, uri: env.NEO4J_URI, source: 'external', embedded: null, close: () => db.close() };
  }
  const embedded = await startEmbeddedNeo4j({
    home: overrides.NEO4J_EMBEDDED_HOME ?? env.NEO4J_EMBEDDED_HOME,
    port: overrides.NEO4J_EMBEDDED_PORT ?? env.NEO4J_EMBEDDED_PORT ?? (await defaultBoltPort(log)),
    heap: env.NEO4J_EMBEDDED_HEAP,
    pageCacheMiB: env.NEO4J_EMBEDDED_PAGECACHE_MIB,
    log,
  });
  log(`neo4j: embedded Neo4j ${embedded.version} ready at ${embedded.uri} in ${(embedded.startMillis / 1000).toFixed(1)} s`);
  const db = GraphDb.connect(embedded.uri, {});
  return {
    db,
    uri: embedded.uri,
    source: 'embedded',
    embedded,
    close: async () => {
      await db.close();
      await embedded.stop();
    },
  };
}
