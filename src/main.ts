import type { Server } from 'node:http';
import { loadEnv } from './config/env.js';
import { connectNeo4j } from './neo4j/provision.js';
import { loadSeed } from './seed/load.js';
import { ensureProducerRanks } from './producers/refresh.js';
import { readSeed } from './seed/read.js';
import { planRelationQueries } from './services/relations.js';
import { explainStartupFault } from './neo4j/faults.js';
import { createHttpServer, listen } from './server/http.js';
import { warmUpPlans } from './server/warm-up.js';
import { DEFAULT_RESPONSE_CACHE, ResponseCache } from './graphql/cache/response-cache.js';
import { DEFAULT_ROW_CACHE, RowCache } from './db/row-cache.js';
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
  // A store written before the producer index (or its rows' places) gets it once, before anything writes.
  await ensureProducerRanks(neo4j.db, console.log);
  if (graph) await loadSeed(neo4j.db, graph, { log: console.log });
  // The first lookup of an entity's relations would otherwise wait seconds for their statements' plans.
  await planRelationQueries(neo4j.db);
  const http = createHttpServer(neo4j.db, {
    curators,
    responseCache: new ResponseCache({ ...DEFAULT_RESPONSE_CACHE, maxBytes: env.RESPONSE_CACHE_MIB * 1024 * 1024 }),
    rowCache: new RowCache({ ...DEFAULT_ROW_CACHE, maxBytes: env.ROW_CACHE_MIB * 1024 * 1024 }),
  });
  server = http;
  await http.ready;
  console.log(`curators: ${curators.size} token(s) in ${env.CURATORS_FILE}${curators.size ? '' : ' (create one with npm run token -- --name NAME --role curator)'}`);
  const port = await listen(server, env.PORT, env.HOST, env.ACCEPT_HANDLES);
  const base = `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${port}`;
  console.log(`ready: GraphiQL ${base}/graphql · explorer ${base}/ · health ${base}/health`);
  // In the background: the first request of each kind would otherwise wait for its statements' plans.
  void warmUpPlans(`${base}/graphql`).then((r) =>
    console.log(`warm-up: the explorer's ${r.operations} main views asked once in ${(r.millis / 1000).toFixed(1)} s (query plans compiled)${r.failed.length ? `; answered with errors: ${r.failed.join(', ')}` : ''}`),
  );
}

main().catch((error) => {
  // Expected faults (bad seed, unreachable Neo4j, wrong credentials, no java, a bad curators file …): cause and fix, no stack trace.
  console.error(error instanceof CuratorFileError ? error.message : (explainStartupFault(error, process.env) ?? error));
  process.exit(1);
});
