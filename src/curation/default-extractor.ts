import type { Extractor } from './extractor.js';

// The ingest issue's module (src/ingest/extract.ts); loaded on first use.
const MODULE = '../ingest/extract.js';
type IngestModule = { normalizeArticle(input: string): string; extractArticle: Extractor['extract'] };
let loaded: IngestModule | undefined;
export async function loadDefaultExtractor(): Promise<Extractor> {
  loaded ??= (await import(MODULE)) as IngestModule;
  const mod = loaded;
  return { normalize: (input) => mod.normalizeArticle(input), extract: (db, text, meta) => mod.extractArticle(db, text, meta) };
}
