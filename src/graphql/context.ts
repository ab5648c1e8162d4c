import type { GraphDb, QueryCounter } from '../db/graph.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { Curator } from '../auth/tokens.js';
import type { Extractor } from '../curation/extractor.js';

export interface Context {
  db: GraphDb;
  loaders: Loaders;
  counter: QueryCounter;
  /** Who is writing: set by the auth plugin before a mutation runs (null for reads). */
  curator?: Curator | null;
  /** The article extractor curation ingests with. */
  extractor: Extractor;
}

export function createContext(db: GraphDb, extractor: Extractor): Context {
  const counter: QueryCounter = { roundTrips: 0, names: [] };
  const counted = db.counting(counter);
  return { db: counted, loaders: createLoaders(counted), counter, extractor };
}
