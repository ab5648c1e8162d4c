import { setMaxListeners } from 'node:events';
import { GraphUnavailableError, type GraphDb, type QueryCounter, type RequestBudget } from '../db/graph.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { Curator } from '../auth/tokens.js';
import type { Extractor } from '../curation/extractor.js';
import type { RowCache } from '../db/row-cache.js';

export interface Context {
  db: GraphDb;
  /** No credentials (no Authorization header): the caches may answer it and keep what it read (isPublicRequest). */
  isPublic: boolean;
  loaders: Loaders;
  counter: QueryCounter;
  /** Aborts when the request's time budget runs out or its client disconnects; the deadline is epoch ms. */
  budget: RequestBudget & { abort(reason: Error): void };
  /** Who is writing: set by the auth plugin before a mutation runs (null for reads). */
  curator?: Curator | null;
  /** The article extractor curation ingests with. */
  extractor: Extractor;
  /** Where the request's time went, reported in its Server-Timing header (the load suite reads it). */
  timing: RequestTiming;
}

export interface RequestTiming {
  /** performance.now() when the context was made (the request's arrival, as near as yoga lets us see it). */
  arrivedAt: number;
  /** Waiting for admission (src/server/admission.ts). */
  queueMs: number;
  /** Executing once admitted: resolvers and their Cypher. */
  executeMs: number;
  /** The response cache's answer: hit, shared (an identical miss running answered it), miss, or bypass (credentials, a mutation, the version unknown, the cache off). */
  cache: 'hit' | 'shared' | 'miss' | 'bypass';
  /**
   * On a hit (or shared), the graph version of the entry (src/graphql/yoga.ts then keeps the raw answer too). Kept
   * here, not on the context: yoga merges the context into its own object, this one is shared by reference.
   */
  cacheVersion?: string;
}

/**
 * Which requests the public caches (response, raw answer, row) serve: those without credentials. A
 * curator's reads go to Neo4j, so a curator sees a write at once, and never fill a cache.
 */
export const isPublicRequest = (authorization: string | null | undefined): boolean => !authorization;

/** The Server-Timing header of a request (durations in ms). */
export function serverTimingHeader(ctx: Context): string {
  const t = ctx.timing;
  return formatServerTiming(t.queueMs, t.executeMs, ctx.counter.cypherMs ?? 0, performance.now() - t.arrivedAt, t.cache);
}

/** The header's one format, also for the raw answers src/server/http.ts sends before yoga. */
export function formatServerTiming(queueMs: number, executeMs: number, cypherMs: number, totalMs: number, cache: RequestTiming['cache']): string {
  const ms = (n: number) => n.toFixed(1);
  return `queue;dur=${ms(queueMs)}, execute;dur=${ms(executeMs)}, cypher;dur=${ms(cypherMs)}, total;dur=${ms(totalMs)}, cache;desc=${cache}`;
}

/** The header read back (the load suite and the benchmark): each part's `dur` as a number, its `desc` as text; null when absent. */
export function parseServerTiming(header: string | null | undefined): Record<string, number | string> | null {
  if (!header) return null;
  const timing: Record<string, number | string> = {};
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().split(';');
    for (const param of params) {
      const [key, value] = param.split('=');
      if (key === 'dur') timing[name] = Number(value);
      if (key === 'desc') timing[name] = value;
    }
  }
  return timing;
}

/**
 * One request's context. Its budget starts now: `timeoutMs` from arrival, sooner when the client's
 * own signal (its connection) aborts.
 */
export function createContext(db: GraphDb, options: { timeoutMs: number; clientSignal?: AbortSignal; extractor: Extractor; isPublic: boolean; rows: RowCache }): Context {
  const counter: QueryCounter = { roundTrips: 0, names: [], cypherMs: 0 };
  const timing: RequestTiming = { arrivedAt: performance.now(), queueMs: 0, executeMs: 0, cache: 'bypass' };
  const controller = new AbortController();
  // Every Cypher call of the request listens to its budget; a request may make many at once (loaders).
  setMaxListeners(200, controller.signal);
  const timer = setTimeout(() => controller.abort(new Error('deadline')), options.timeoutMs);
  timer.unref();
  controller.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  options.clientSignal?.addEventListener('abort', () => controller.abort(new Error('client disconnected')), { once: true });
  // While Neo4j is in trouble the request gets the breaker's short budget (TROUBLED_BUDGET_MS, src/db/breaker.ts).
  const unwatch = db.breaker.watch(Date.now(), (reason) =>
    controller.abort(new GraphUnavailableError(`Neo4j is in trouble (${reason}); the request was cancelled after the short budget an outage allows`)),
  );
  controller.signal.addEventListener('abort', unwatch, { once: true });
  const budget = { signal: controller.signal, deadline: Date.now() + options.timeoutMs, abort: (reason: Error) => controller.abort(reason) };
  const counted = db.forRequest(counter, budget, options.isPublic ? options.rows : undefined);
  return { db: counted, isPublic: options.isPublic, loaders: createLoaders(counted), counter, budget, extractor: options.extractor, timing };
}
