import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadEnv } from '../config/env.js';
import type { Extraction } from './extraction.js';
import { ArticleInputError, normalizeArticle } from './input.js';
import { MAX_ARTICLE_BYTES } from './limits.js';
import { runCli, UsageError } from '../cli/run.js';

const HELP = `Usage: npm run ingest -- <file.txt> [--title T] [--publisher P] [--date YYYY-MM-DD] [--url U] [--json]
  Reads a Chinese article (simplified or traditional, pinyin glosses allowed, UTF-8, any line ends) and
  prints candidate entities and relations matched to the graph. Writes nothing to Neo4j.
  --json   one JSON document on stdout (the extraction contract); progress goes to stderr
Neo4j: NEO4J_URI (+ NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE), else the embedded launcher.`;

const MetaModel = z.object({
  title: z.string().trim().min(1).max(300).optional(),
  publisher: z.string().trim().min(1).max(200).optional(),
  date: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date like 2024-05-18 (or 2024-05, 2024)')
    .optional(),
  url: z.url().optional(),
});

const log = (line: string) => process.stderr.write(`${line}\n`);

function readArticle(file: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UsageError(`cannot read ${file}: no such file`);
  }
  // Refuse before reading a huge file into memory; normalizeArticle checks the same limit again.
  if (size > MAX_ARTICLE_BYTES) throw new ArticleInputError(`article too large: ${size} bytes, the limit is ${MAX_ARTICLE_BYTES} bytes (${MAX_ARTICLE_BYTES / 1024} KiB)`);
  return normalizeArticle(readFileSync(file));
}

function printHuman(x: Extraction): void {
  const out: string[] = [];
  out.push(`document ${x.document.sha256.slice(0, 12)}${x.document.title ? ` · ${x.document.title}` : ''}`);
  out.push(`\nentities (${x.entities.length}):`);
  for (const e of x.entities) {
    const match = e.match ?? (e.matches.length > 1 ? `AMBIGUOUS: ${e.matches.join(', ')}` : 'new');
    out.push(`  ${e.kind.padEnd(14)} ${e.name}  [${match}]  ×${e.mentions.length}`);
  }
  out.push(`\nrelations (${x.relations.length}):`);
  for (const r of x.relations) {
    const figures = [r.capacity !== undefined ? `${r.capacity} ${r.unit}` : '', r.amount !== undefined ? `${r.amount} ${r.amountUnit ?? ''} ${r.currency ?? ''}`.trim() : '', r.status ?? '', r.asOf ? `as of ${r.asOf}` : '']
      .filter(Boolean)
      .join(', ');
    out.push(`  ${r.from} -[${r.type}]-> ${r.to}${figures ? ` (${figures})` : ''}  ${r.confidence.toFixed(2)}`);
    out.push(`      “${r.quote}”`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      title: { type: 'string' },
      publisher: { type: 'string' },
      date: { type: 'string' },
      url: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    log(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('give exactly one article file: npm run ingest -- <file.txt> [--json] (see --help)');
  const meta = MetaModel.safeParse({ title: values.title, publisher: values.publisher, date: values.date, url: values.url });
  if (!meta.success) {
    const issue = meta.error.issues[0];
    throw new UsageError(`--${issue.path.join('.')}: ${issue.message}`);
  }
  const text = readArticle(positionals[0]);
  // Loaded only for readable input: a refusal answers at once, without OpenCC, jieba or a driver.
  const [{ connectNeo4j }, { extractArticle }] = await Promise.all([import('../neo4j/provision.js'), import('./extract.js')]);
  const env = loadEnv();
  const neo4j = await connectNeo4j(env, log);
  try {
    const started = performance.now();
    const extraction = await extractArticle(neo4j.db, text, meta.data);
    log(`ingest: ${text.length} characters → ${extraction.entities.length} entities, ${extraction.relations.length} relations in ${Math.round(performance.now() - started)} ms (nothing written)`);
    if (values.json) process.stdout.write(`${JSON.stringify(extraction, null, 2)}\n`);
    else printHuman(extraction);
  } finally {
    await neo4j.close();
  }
  return 0;
}

// Unreadable or unusable input is a wrong command line too: exit 2.
runCli('ingest', main, [[ArticleInputError, 2]]);
