import { parseArgs } from 'node:util';
import { loadEnv } from '../config/env.js';
import { connectNeo4j } from '../neo4j/provision.js';
import { readSeed } from '../seed/read.js';
import { extractWith } from './extract.js';
import { gazetteerFor, withoutEntities } from './gazetteer.js';
import { runCli } from '../cli/run.js';
import { mergeTables, nameIndex, ownEntities, scoreDocument, tallyTable, type DocumentScore } from './eval.js';

const HELP = `Usage: npm run eval:ingest [-- --per-document]
  Runs the extractor on each seed document and scores it against that document's curated records,
  twice: with the graph's full name dictionary, and with the document's own entities held out of the
  dictionary (as for an article the graph has never seen). Prints markdown tables. Reads only.`;

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'per-document': { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } });
  if (values.help) {
    log(HELP);
    return 0;
  }
  const seed = readSeed();
  const index = nameIndex(seed);
  const neo4j = await connectNeo4j(loadEnv(), log);
  const out: string[] = [];
  try {
    const warm = performance.now();
    const full = await gazetteerFor(neo4j.db);
    const warmMillis = performance.now() - warm;
    if (full.entities.size === 0) throw new Error('the graph is empty: run `npm run seed` first');
    for (const mode of ['full', 'held-out'] as const) {
      const scores: DocumentScore[] = [];
      for (const doc of seed.documents) {
        const gazetteer = mode === 'full' ? full : withoutEntities(full, ownEntities(seed, doc.id));
        const started = performance.now();
        const x = extractWith(gazetteer, doc.text, { title: doc.title });
        const millis = performance.now() - started;
        scores.push({ doc: doc.id, chars: doc.text.length, millis, ...scoreDocument(seed, index, doc.id, x) });
        log(`eval: ${mode} ${doc.id}: ${x.entities.length} entities, ${x.relations.length} relations in ${millis.toFixed(0)} ms`);
      }
      const heading = mode === 'full' ? 'Dictionary: every name in the graph' : "Dictionary without each document's own entities (held out)";
      out.push(`## ${heading}\n`);
      if (values['per-document']) {
        for (const s of scores) out.push(`### ${s.doc}\n\n${tallyTable('entity kind', s.entities)}\n\n${tallyTable('relation type', s.relations)}\n`);
      }
      out.push(`### Overall (${scores.length} documents)\n\n${tallyTable('entity kind', mergeTables(scores.map((s) => s.entities)))}\n\n${tallyTable('relation type', mergeTables(scores.map((s) => s.relations)))}\n`);
      const chars = scores.reduce((n, s) => n + s.chars, 0);
      const millis = scores.reduce((n, s) => n + s.millis, 0);
      out.push(`Time: ${(millis / (chars / 1000)).toFixed(1)} ms per 1,000 characters (${chars} characters in ${millis.toFixed(0)} ms, dictionary warm)${mode === 'full' ? `; loading jieba and the dictionary once: ${warmMillis.toFixed(0)} ms` : ''}.\n`);
    }
  } finally {
    await neo4j.close();
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

runCli('eval:ingest', main);
