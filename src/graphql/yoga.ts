import type { GraphQLError } from 'graphql';
import { createGraphQLError, createYoga, type Plugin } from 'graphql-yoga';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { GraphDb } from '../db/graph.js';
import { GraphTimeoutError, GraphUnavailableError } from '../db/graph.js';
import { DEFAULT_RESPONSE_CACHE, ResponseCache } from './cache/response-cache.js';
import { documentCache } from '../cache/byte-lru.js';
import { rowCacheBeside, type RowCache } from '../db/row-cache.js';

/** Parsed documents (and parse errors) kept by graphql-yoga's parser cache, in bytes each: part of the memory bound. */
const DOCUMENT_CACHE_BYTES = 16 * 1024 * 1024;
import { Admission } from '../server/admission.js';
import { UserFacingError } from '../services/errors.js';
import { createContext, isPublicRequest, serverTimingHeader, type Context } from './context.js';
import { EXAMPLE_TABS } from './examples.js';
import { DEFAULT_LIMITS, limitPlugins, type Limits } from './limits/guard.js';
import { buildSchema } from './schema.js';
import { authPlugin } from '../auth/plugin.js';
import { FailureLimiter } from '../auth/rate-limit.js';
import { CuratorStore } from '../auth/tokens.js';
import type { Extractor } from '../curation/extractor.js';
import { defaultExtractor } from '../curation/default-extractor.js';

export interface GraphQLOptions {
  limits?: Limits;
  /** Shared by every request of the server: the bound on concurrent Cypher work. */
  admission?: Admission;
  /** Who may write (default: nobody). The server passes the store read from CURATORS_FILE. */
  curators?: CuratorStore;
  limiter?: FailureLimiter;
  /** The article extractor (default: src/ingest/extract.ts). */
  extractor?: Extractor;
  /** The public read cache (default: 32 MiB; `ResponseCache.off()` keeps nothing). */
  responseCache?: ResponseCache;
  /** The public row cache (default: 16 MiB, and off when the response cache is: both are "the cache" to benchmarks and round-trip counts). */
  rowCache?: RowCache;
}

/** Reports the Cypher round trips each request cost, under extensions.cypher. */
const roundTripReport: Plugin<Context> = {
  onExecute() {
    return {
      onExecuteDone({ args, result, setResult }) {
        const ctx = args.contextValue as Context;
        if (!ctx.counter || Symbol.asyncIterator in result) return;
        setResult({ ...result, extensions: { ...result.extensions, cypher: { roundTrips: ctx.counter.roundTrips, queries: ctx.counter.names } } });
      },
    };
  },
};

// By name, not instanceof: graphql's CJS and ESM builds may both be loaded, each with its own class.
const isGraphQLError = (e: unknown): e is GraphQLError => e instanceof Error && e.name === 'GraphQLError';

function maskError(error: unknown, message: string) {
  const original = (error as { originalError?: unknown }).originalError ?? error;
  if (original instanceof UserFacingError) {
    return createGraphQLError(original.message, {
      extensions: { code: original.code, ...original.details },
      path: (error as { path?: readonly (string | number)[] }).path,
    });
  }
  if (original instanceof GraphUnavailableError) {
    return createGraphQLError('The graph database is unavailable; try again shortly.', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
  }
  if (original instanceof GraphTimeoutError) {
    return createGraphQLError('The request ran out of time; its database work was cancelled.', { extensions: { code: 'TIMEOUT' } });
  }
  // Errors graphql-js raises about the request itself (validation, variable coercion) are the client's to see.
  if (isGraphQLError(error) && (!error.originalError || isGraphQLError(original))) {
    return error.extensions?.code ? error : createGraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'BAD_USER_INPUT' } });
  }
  console.error('graphql: unexpected error:', original);
  return createGraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

/** Each request's context, for its Server-Timing header (a WeakMap: nothing outlives its request). */
const contexts = new WeakMap<Request, Context>();
const serverTiming: Plugin<Context> = {
  onResponse({ request, response }) {
    const ctx = contexts.get(request);
    if (ctx) response.headers.set('server-timing', serverTimingHeader(ctx));
  },
};

/**
 * The server-context field by which src/server/http.ts hands yoga a public request's fingerprint
 * (src/graphql/cache/raw-answer.ts). When yoga answers such a request from the response cache (so a
 * complete success, and byte for byte what it would send for the next identical request), the answer
 * is kept under the raw key as well, and http.ts sends it itself next time. An answer computed by a
 * miss is not kept raw: its extensions report that miss's Cypher round trips, a hit's report none.
 */
export const RAW_FINGERPRINT = 'rawFingerprint';
/**
 * A kept answer's bytes in an ArrayBuffer of their own, exactly their size. What the response gives may be
 * a view of Node's 8 KiB buffer pool, and Buffer.from copies a small one into that pool too: a cached
 * answer of 500 bytes then held its whole slab (measured: 72–102 MiB of array buffers under the load
 * mix for a 32 MiB cache).
 */
export function ownBytes(body: ArrayBuffer | ArrayBufferView): Buffer {
  const view = ArrayBuffer.isView(body) ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength) : new Uint8Array(body);
  const own = Buffer.allocUnsafeSlow(view.byteLength);
  own.set(view);
  return own;
}

function rawAnswers(cache: ResponseCache): Plugin<Context> {
  return {
    onResponse({ request, response, serverContext }) {
      const fingerprint = (serverContext as Record<string, unknown> | undefined)?.[RAW_FINGERPRINT];
      const version = contexts.get(request)?.timing.cacheVersion;
      if (!(fingerprint instanceof Buffer) || !version || response.status !== 200) return;
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (name !== 'server-timing') headers[name] = value;
      });
      return response
        .clone()
        .arrayBuffer()
        .then((body) => cache.setRaw(cache.rawKey(fingerprint, version), version, { status: response.status, headers, body: ownBytes(body) }));
    },
  };
}

export function createGraphQLHandler(db: GraphDb, options: GraphQLOptions = {}) {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const admission = options.admission ?? new Admission();
  const extractor = options.extractor ?? defaultExtractor;
  const cache = options.responseCache ?? new ResponseCache(DEFAULT_RESPONSE_CACHE);
  const rows = options.rowCache ?? rowCacheBeside(cache);
  // Neo4j went down: the queued requests would only wait to fail; they are answered now.
  db.breaker.onOpen((reason) => admission.refuseWaiting(new GraphUnavailableError(reason)));
  return createYoga<Record<string, unknown>, Context>({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    context: ({ request }) => {
      const isPublic = isPublicRequest(request.headers.get('authorization'));
      const ctx = createContext(db, { timeoutMs: limits.timeoutMs, clientSignal: request.signal, extractor, isPublic, rows });
      contexts.set(request, ctx);
      return ctx;
    },
    plugins: [...limitPlugins(limits, admission, cache), roundTripReport, serverTiming, rawAnswers(cache), authPlugin(options.curators ?? CuratorStore.empty(), options.limiter)],
    // Parsing and validation are cached by document text (graphql-yoga's default cache, bounded here in bytes).
    parserAndValidationCache: { documentCache: documentCache(DOCUMENT_CACHE_BYTES), errorCache: documentCache(DOCUMENT_CACHE_BYTES / 4) },
    maskedErrors: { maskError },
    graphiql: { title: 'Guizhou industry graph · 贵州产业知识图谱', defaultTabs: EXAMPLE_TABS },
    renderGraphiQL,
    landingPage: false,
    // Bodies are bounded once, before they are read, by src/server/http.ts (MAX_BODY_BYTES; a Content-Length is
    // required and Node frames the body by it). yoga's own limit would pipe every body through a counting stream.
    maxRequestBodySize: false,
    healthCheckEndpoint: '/graphql/health',
    // Expected errors are answers, not incidents; unexpected ones are logged in maskError.
    logging: false,
  });
}
export type GraphQLHandler = ReturnType<typeof createGraphQLHandler>;
