import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GraphDb } from '../../src/db/graph.js';
import { startEmbeddedNeo4j } from '../../src/neo4j/launcher.js';

export interface TestNeo4j {
  uri: string;
  username?: string;
  password?: string;
  database?: string;
  how: string;
  stop(): Promise<void>;
}

async function dockerAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await Promise.race([getContainerRuntimeClient(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 5_000))]);
    return true;
  } catch {
    return false;
  }
}

/**
 * A real Neo4j for the test run: NEO4J_URI if set; else testcontainers when a Docker engine answers;
 * else the project's embedded launcher in a fresh temporary folder. Never a mock, never skipped.
 */
export async function startNeo4jForTests(log: (line: string) => void): Promise<TestNeo4j> {
  if (process.env.NEO4J_URI) {
    return {
      uri: process.env.NEO4J_URI,
      username: process.env.NEO4J_USERNAME,
      password: process.env.NEO4J_PASSWORD,
      database: process.env.NEO4J_DATABASE,
      how: `NEO4J_URI (${process.env.NEO4J_URI}); the test run resets that database`,
      stop: async () => {},
    };
  }
  if (process.env.NEO4J_TEST_DOCKER !== 'false' && (await dockerAnswers())) {
    const { Neo4jContainer } = await import('@testcontainers/neo4j');
    const container = await new Neo4jContainer('neo4j:5.26.30-community').withPassword('test-password').start();
    return {
      uri: container.getBoltUri(),
      username: container.getUsername(),
      password: container.getPassword(),
      how: 'testcontainers (neo4j:5.26.30-community)',
      stop: async () => {
        await container.stop();
      },
    };
  }
  const home = mkdtempSync(path.join(tmpdir(), 'gzkg-test-neo4j-'));
  // A shared, busy machine can take minutes to start a JVM: wait up to 10 minutes rather than fail the run.
  // Its data (~580 MiB a run) goes with it: left behind, a day of test runs filled the disk (2026-11-26).
  const remove = () => rmSync(home, { recursive: true, force: true });
  let embedded: Awaited<ReturnType<typeof startEmbeddedNeo4j>>;
  try {
    embedded = await startEmbeddedNeo4j({ home, port: 0, heap: '768m', pageCacheMiB: 64, log, readyTimeoutMs: 600_000 });
  } catch (error) {
    remove();
    throw error;
  }
  return {
    uri: embedded.uri,
    how: `embedded launcher (${embedded.version}, started in ${embedded.startMillis} ms)`,
    stop: async () => {
      await embedded.stop();
      remove();
    },
  };
}

export function connectTestDb(t: Pick<TestNeo4j, 'uri' | 'username' | 'password' | 'database'>): GraphDb {
  return GraphDb.connect(t.uri, { username: t.username, password: t.password }, t.database);
}
