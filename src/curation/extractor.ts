import type { GraphDb } from '../db/graph.js';
import type { Extraction } from '../ingest/extraction.js';

/** The extraction entry point (src/ingest/extract.ts, the ingest issue), as curation calls it. */
export interface Extractor {
  normalize(input: string): string | Promise<string>;
  extract(db: GraphDb, text: string, meta: { title?: string | null; publisher?: string | null; date?: string | null; url?: string | null }): Promise<Extraction>;
}
