import type { Server } from 'node:http';
import { loadEnv } from './config/env.js';
import { connectNeo4j } from './neo4j/provision.js';
import { loadSeed } from './seed/load.js';
import { readSeed } from './seed/read.js';
import { explainStartupFault } from './neo4j/faults.js';
import { createHttpServer, listen } from './server/http.js';

/** The main job: start or reach Neo4j, apply the schema, seed the curated graph, serve GraphQL. */
async function main(): Promise<void> {
  const env = loadEnv();
  const graph = env.SEED_ON_START ? readSeed() : null;
  const neo4j = await connectNeo4j(env);
  let server: Server | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: shutting down…`);
    server?.close();
    server?.closeAllConnections();
    await neo4j.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await neo4j.db.applySchema();
  if (graph) await loadSeed(neo4j.db, graph, { log: console.log });
  server = createHttpServer(neo4j.db);
  const port = await listen(server, env.PORT, env.HOST);
  const base = `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${port}`;
  console.log(`ready: GraphiQL ${base}/graphql · explorer ${base}/ · health ${base}/health`);
}

main().catch((error) => {
  // Expected faults (bad seed, unreachable Neo4j, wrong credentials, no java …): cause and fix, no stack trace.
  console.error(explainStartupFault(error, process.env) ?? error);
  process.exit(1);
});
