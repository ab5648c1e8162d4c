import type { Server } from 'node:http';
import { loadEnv } from './config/env.js';
import { connectNeo4j } from './neo4j/provision.js';
import { loadSeed } from './seed/load.js';
import { readSeed, SeedValidationError } from './seed/read.js';
import { createHttpServer, listen } from './server/http.js';
import { CuratorFileError, CuratorStore } from './auth/tokens.js';

/** The main job: start or reach Neo4j, apply the schema, seed the curated graph, serve GraphQL. */
async function main(): Promise<void> {
  const env = loadEnv();
  const graph = env.SEED_ON_START ? readSeed() : null;
  const curators = CuratorStore.fromFile(env.CURATORS_FILE);
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
  server = createHttpServer(neo4j.db, { curators });
  console.log(`curators: ${curators.size} token(s) in ${env.CURATORS_FILE}${curators.size ? '' : ' (create one with npm run token -- --name NAME --role curator)'}`);
  const port = await listen(server, env.PORT, env.HOST);
  const base = `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${port}`;
  console.log(`ready: GraphiQL ${base}/graphql · explorer ${base}/ · health ${base}/health`);
}

main().catch((error) => {
  console.error(error instanceof SeedValidationError || error instanceof CuratorFileError || (error instanceof Error && error.name === 'LauncherError') ? error.message : error);
  process.exit(1);
});
