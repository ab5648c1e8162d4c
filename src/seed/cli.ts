import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadEnv } from '../config/env.js';
import { connectNeo4j } from '../neo4j/provision.js';
import { ensureProducerRanks } from '../producers/refresh.js';
import { loadSeed } from './load.js';
import { DEFAULT_SEED_DIR, readSeed } from './read.js';
import { runCli } from '../cli/run.js';

const HELP = `Usage: npm run seed -- [--reset] [--check [DIR]] [--dir seed]
  Validates seed/data/*.yaml against seed/sources/ and loads it into Neo4j in one transaction.
  --reset   remove every node and relationship first (same transaction)
  --check   validate only; do not touch Neo4j. With DIR: validate a folder laid out like seed/
            (data/*.yaml, sources/index.yaml and texts), e.g. one written by npm run export -- --format seed
  --dir     the seed folder (default: seed/)
Neo4j: NEO4J_URI (+ NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE), else the embedded launcher.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { reset: { type: 'boolean', default: false }, check: { type: 'boolean', default: false }, dir: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length > 1 || (positionals.length && !values.check) || (positionals.length && values.dir)) {
    console.error(`seed: a folder is given as --check DIR or --dir DIR, once\n\n${HELP}`);
    return 2;
  }
  const dir = positionals[0] ?? values.dir ?? DEFAULT_SEED_DIR;
  if (!existsSync(path.join(dir, 'sources', 'index.yaml')) || !existsSync(path.join(dir, 'data'))) {
    console.error(`seed: ${dir} is not laid out like seed/: it needs data/*.yaml and sources/index.yaml`);
    return 1;
  }
  const env = loadEnv();
  const started = Date.now();
  // Invalid seed data throws SeedValidationError: runCli prints its list of problems, exit 1.
  const graph = readSeed(dir);
  console.log(`seed: ${graph.files.length} files valid: ${graph.entities.length} entities, ${graph.relations.length} relations, every quote found in its document (${Date.now() - started} ms)`);
  if (values.check) return 0;
  const neo4j = await connectNeo4j(env);
  try {
    await neo4j.db.applySchema();
    await ensureProducerRanks(neo4j.db, console.log);
    await loadSeed(neo4j.db, graph, { reset: values.reset, log: console.log });
  } finally {
    await neo4j.close();
  }
  return 0;
}

runCli('seed', main);
