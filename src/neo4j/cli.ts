import { loadEnv } from '../config/env.js';
import { ensureLauncherBuilt, startEmbeddedNeo4j } from './launcher.js';
import { defaultBoltPort } from './provision.js';

/** `npm run neo4j`: build the launcher if needed and run the embedded Neo4j in the foreground until Ctrl-C. */
async function main(): Promise<void> {
  const env = loadEnv();
  if (process.argv.includes('--build-only')) {
    ensureLauncherBuilt();
    return;
  }
  const neo4j = await startEmbeddedNeo4j({
    home: env.NEO4J_EMBEDDED_HOME,
    port: env.NEO4J_EMBEDDED_PORT ?? (await defaultBoltPort(console.log)),
    heap: env.NEO4J_EMBEDDED_HEAP,
    pageCacheMiB: env.NEO4J_EMBEDDED_PAGECACHE_MIB,
  });
  console.log(`neo4j: ${neo4j.version} at ${neo4j.uri} (started in ${neo4j.startMillis} ms, pid ${neo4j.pid}); Ctrl-C stops it`);
  const stop = async () => {
    await neo4j.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
