import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, inject, onTestFinished } from 'vitest';
import type { GraphDb } from '../../src/db/graph.js';
import { DEFAULT_LIMITS, type Limits } from '../../src/graphql/limits/guard.js';
import { createGraphQLHandler, type GraphQLOptions } from '../../src/graphql/yoga.js';
import { readSeed, type SeedGraph } from '../../src/seed/read.js';
import { createHttpServer, listen } from '../../src/server/http.js';
import { connectTestDb } from './neo4j-for-tests.js';

/** A fresh folder in the system's temporary one, removed when the test that asked for it ends (passed or not). */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let seedCache: SeedGraph | undefined;
/** The curated seed as the files declare it: expected answers are derived from this, never typed in. */
export const seed = (): SeedGraph => (seedCache ??= readSeed());

/** A driver for this test file, closed after it. */
export function useTestDb(): GraphDb {
  const db = connectTestDb(inject('neo4j'));
  afterAll(() => db.close());
  return db;
}

export interface GraphQLResult<T = any> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, any>; path?: (string | number)[] }[];
  extensions?: { cypher?: { roundTrips: number; queries: string[] } };
}

/**
 * The request budget of tests that are not about deadlines: the suite runs its files side by side on a
 * shared 2-core machine, where a cold first query can take longer than the server's 10 s (a CI run
 * failed that way). The deadline itself is tested with its own small budgets (resilience tests).
 */
export const TEST_LIMITS: Limits = { ...DEFAULT_LIMITS, timeoutMs: 120_000 };

/** Runs an operation through yoga.fetch, without a port. */
export function useGraphQL(db: GraphDb, options: GraphQLOptions = {}) {
  const yoga = createGraphQLHandler(db, { limits: TEST_LIMITS, ...options });
  return async function gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> {
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult<T>;
  };
}

/** The real HTTP listener on a free 127.0.0.1 port (with the tests' request budget unless `options` says otherwise). */
export async function startTestServer(db: GraphDb, options: GraphQLOptions = {}): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createHttpServer(db, { limits: TEST_LIMITS, ...options });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Asserts the request succeeded and returns its data, showing the errors otherwise. */
export function dataOf<T>(result: GraphQLResult<T>): T {
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
  return result.data as T;
}
