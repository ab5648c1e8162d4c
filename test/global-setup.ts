import type { TestProject } from 'vitest/node';
import { loadSeed } from '../src/seed/load.js';
import { readSeed } from '../src/seed/read.js';
import { connectTestDb, startNeo4jForTests, type TestNeo4j } from './support/neo4j-for-tests.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Pick<TestNeo4j, 'uri' | 'username' | 'password' | 'database'>;
  }
}

/** Starts one real Neo4j for the whole run and loads the curated seed into it; tests treat it as read-only. */
export default async function setup(project: TestProject) {
  const log = (line: string) => console.log(`[test setup] ${line}`);
  let neo4j: TestNeo4j;
  try {
    neo4j = await startNeo4jForTests(log);
  } catch (error) {
    // Fail the run loudly: a test suite that cannot reach Neo4j must not pass by skipping.
    throw new Error(`Neo4j could not be started for the tests: ${(error as Error).message}`);
  }
  log(`Neo4j: ${neo4j.how}`);
  const db = connectTestDb(neo4j);
  try {
    await db.applySchema();
    await loadSeed(db, readSeed(), { reset: true, log });
  } finally {
    await db.close();
  }
  project.provide('neo4j', { uri: neo4j.uri, username: neo4j.username, password: neo4j.password, database: neo4j.database });
  return async () => {
    await neo4j.stop();
  };
}
