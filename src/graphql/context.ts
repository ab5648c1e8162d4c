import type { GraphDb, QueryCounter } from '../db/graph.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface Context {
  db: GraphDb;
  loaders: Loaders;
  counter: QueryCounter;
}

export function createContext(db: GraphDb): Context {
  const counter: QueryCounter = { roundTrips: 0, names: [] };
  const counted = db.counting(counter);
  return { db: counted, loaders: createLoaders(counted), counter };
}
