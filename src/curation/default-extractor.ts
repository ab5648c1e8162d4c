import type { Extractor } from './extractor.js';

// The ingest issue's module (src/ingest/extract.ts), loaded on first use so reads never pay for it.
const MODULE = '../ingest/extract.js';
type IngestModule = { normalizeArticle(input: string): string; extractArticle: Extractor['extract'] };
let loaded: Promise<IngestModule> | undefined;
const ingestModule = () => (loaded ??= import(MODULE) as Promise<IngestModule>);

export const defaultExtractor: Extractor = {
  normalize: async (input) => (await ingestModule()).normalizeArticle(input),
  extract: async (db, text, meta) => (await ingestModule()).extractArticle(db, text, meta),
};
