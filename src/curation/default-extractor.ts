import { extractArticle, normalizeArticle } from '../ingest/extract.js';
import type { Extractor } from './extractor.js';

/** The ingest issue's extractor (src/ingest/extract.ts), as curation calls it. */
export const defaultExtractor: Extractor = {
  normalize: (input) => normalizeArticle(input),
  extract: (db, text, meta) => extractArticle(db, text, meta),
};
