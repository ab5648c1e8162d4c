import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadEnv } from '../config/env.js';
import { connectNeo4j } from '../neo4j/provision.js';
import { ENTITY_KINDS } from '../seed/model.js';
import { ExportOptionsModel, ExportTargetError, FORMATS, runExport } from './run.js';
import { LAYERS } from './source.js';
import { runCli } from '../cli/run.js';

const HELP = `Usage: npm run export -- --format ${FORMATS.join('|')} --out DIR [--layer ${LAYERS.join('|')}] [--place P] [--kinds Firm,Place,…]
  Streams the graph (or a layer, or a place's subtree) into DIR page by page, with manifest.json beside the files.
  --format   csv: one file per kind and relation type (UTF-8 with BOM), plus documents.csv and evidence.csv
             graphml: graph.graphml for Gephi and NetworkX
             jsonld: graph.jsonld (schema.org/Wikidata terms, context in src/export/context.jsonld)
             seed: the seed format (data/*.yaml, sources/), accepted by npm run seed -- --check DIR
  --layer    all (default), seed (loaded from seed/) or contrib (accepted by curators)
  --place    a place in any script (福泉, 福泉市, fuquan, place:fuquan): it, its sub-areas, what is there, one hop out
  --kinds    only these entity kinds (${ENTITY_KINDS.join(', ')}); relations between them
  --page     rows per round trip (default 1000)
Neo4j: NEO4J_URI (+ NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE), else the embedded launcher.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      layer: { type: 'string' },
      place: { type: 'string' },
      kinds: { type: 'string' },
      page: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const parsed = ExportOptionsModel.safeParse({
    format: values.format,
    out: values.out,
    layer: values.layer,
    place: values.place ?? null,
    kinds: values.kinds ? values.kinds.split(',').map((k) => k.trim()).filter(Boolean) : null,
    pageSize: values.page === undefined ? undefined : Number(values.page),
  });
  if (!parsed.success) {
    console.error(`export: ${z.prettifyError(parsed.error)}\n\n${HELP}`);
    return 2;
  }
  const env = loadEnv();
  const neo4j = await connectNeo4j(env, (line) => console.error(line));
  try {
    await runExport(neo4j.db, parsed.data, (line) => console.error(line));
    return 0;
  } finally {
    await neo4j.close();
  }
}

runCli('export', main, [[ExportTargetError, 1]]);
