import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { getOperationAST, type DocumentNode, type ExecutionResult, type GraphQLError } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { Admission, OverloadedError } from '../../server/admission.js';
import { GraphUnavailableError } from '../../db/graph.js';
import type { Context } from '../context.js';
import type { ResponseCache } from '../cache/response-cache.js';
import { operationCost } from './cost.js';

/** Every limit a request meets, in one place (docs/limits.md explains each number). */
export interface Limits {
  /** Lexical tokens in the document: bounds parsing (a 5,000-level nesting never reaches the recursive parser). */
  tokens: number;
  /** Nesting of selection sets, fragments expanded. */
  depth: number;
  aliases: number;
  directives: number;
  /** The per-request cost budget (see cost.ts for the model). */
  cost: number;
  /** Time from arrival to answer, queueing included. */
  timeoutMs: number;
}

// Numbers chosen so that every operation of the explorer and of GraphiQL's examples passes at its
// largest variables (test/limits.test.ts runs them all) while everything issue 12 lists is refused.
export const DEFAULT_LIMITS: Limits = { tokens: 2_000, depth: 10, aliases: 20, directives: 20, cost: 10_000, timeoutMs: 10_000 };

const refusal = (message: string, code: string, details: Record<string, unknown> = {}, http?: { status: number; headers?: Record<string, string> }): ExecutionResult => ({
  errors: [createGraphQLError(message, { extensions: { code, ...details, ...(http ? { http } : {}) } })],
});

/**
 * graphql-armor's parse- and validation-time limits (tokens, depth, aliases, directives), then our
 * own execution-time guard: graphql-armor's cost rule runs at validation, without the request's
 * variables, and ignores `first`/`limit`/`maxHops`, so the cost is computed here, where variables are known.
 */
export function limitPlugins(limits: Limits, admission: Admission, cache: ResponseCache): Plugin<Context>[] {
  // graphql-armor's errors carry no code; each limit gets its own, so clients can tell them apart.
  const coded = (code: string) => ({
    exposeLimits: true,
    propagateOnRejection: true,
    onReject: [(_: unknown, error: GraphQLError) => void ((error.extensions as Record<string, unknown>).code = code)],
  });
  return [
    maxTokensPlugin({ n: limits.tokens, ...coded('TOO_MANY_TOKENS') }) as Plugin<Context>,
    maxDepthPlugin({ n: limits.depth, flattenFragments: true, ignoreIntrospection: true, ...coded('QUERY_TOO_DEEP') }) as Plugin<Context>,
    maxAliasesPlugin({ n: limits.aliases, ...coded('TOO_MANY_ALIASES') }) as Plugin<Context>,
    maxDirectivesPlugin({ n: limits.directives, ...coded('TOO_MANY_DIRECTIVES') }) as Plugin<Context>,
    guardPlugin(limits, admission, cache),
  ];
}

/**
 * Around each execution, before any resolver (so any Cypher) runs: the response cache (a hit is
 * answered at once), the cost check, fail-fast while the breaker is open, joining an identical miss
 * already running, admission (backpressure) and the deadline.
 */
function guardPlugin(limits: Limits, admission: Admission, cache: ResponseCache): Plugin<Context> {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args) => {
        const ctx = args.contextValue as Context;
        const variables = (args.variableValues ?? {}) as Record<string, unknown>;
        // Only public reads are cached: a request with credentials, and any mutation, always executes.
        let cached: { key: string; version: string } | null = null;
        if (cache.enabled) {
          const operation = getOperationAST(args.document as DocumentNode, args.operationName);
          const version = operation?.operation === 'query' && ctx.isPublic ? await ctx.db.version.current() : null;
          if (version) {
            cache.observe(version);
            const key = cache.key(args.document as DocumentNode, args.operationName, variables, version);
            const hit = cache.get(key) as ExecutionResult | undefined;
            if (hit) {
              cache.counters.hits += 1;
              ctx.timing.cache = 'hit';
              ctx.timing.cacheVersion = version;
              ctx.budget.abort(new Error('finished'));
              return hit;
            }
            cached = { key, version };
          } else {
            cache.counters.bypassed += 1;
          }
        }
        const cost = operationCost(args.schema, args.document, args.operationName, variables, limits.cost);
        if (cost > limits.cost) {
          ctx.budget.abort(new Error('refused'));
          return refusal(
            `The query costs at least ${cost}, over the limit of ${limits.cost} per request: ask for fewer items (first, limit, maxHops, depth), fewer aliases or less nesting.`,
            'QUERY_TOO_COSTLY',
            { cost, limit: limits.cost },
          );
        }
        // While Neo4j is known to be down, answer at once instead of queueing for it.
        if (ctx.db.breaker.state === 'open') {
          ctx.budget.abort(new Error('refused'));
          return unavailable(ctx.db.breaker.lastError);
        }
        // Cut short while Neo4j is in trouble (src/db/breaker.ts): SERVICE_UNAVAILABLE; out of time or client gone: TIMEOUT.
        const ended = () => (ctx.budget.signal.reason instanceof GraphUnavailableError ? unavailable(ctx.budget.signal.reason.message) : timedOut(limits));
        // The same public read already running (after a new graph version every popular request misses at
        // once): wait for its answer instead of queueing to run the same Cypher. Errors are not shared.
        let settle: ((answer: ExecutionResult | undefined) => void) | null = null;
        if (cached) {
          const running = cache.join(cached.key);
          const shared = running && (await untilAborted(running as Promise<ExecutionResult | undefined | null>, ctx.budget.signal, () => null));
          if (shared === null) return ended();
          if (shared) {
            cache.counters.hits += 1;
            cache.counters.shared += 1;
            ctx.timing.cache = 'shared';
            ctx.timing.cacheVersion = cached.version;
            ctx.budget.abort(new Error('finished'));
            return shared;
          }
          cache.counters.misses += 1;
          ctx.timing.cache = 'miss';
          if (!running) settle = cache.lead(cached.key);
        }
        try {
          const result = await admitAndRun(admission, limits, ctx, cost, () => Promise.resolve(executeFn(args)) as Promise<ExecutionResult>, ended);
          // Errors are never kept nor shared: only a complete, successful answer.
          if (cached && result.data && !result.errors?.length) {
            const answer = { data: result.data };
            cache.set(cached.key, cached.version, answer);
            settle?.(answer);
          }
          return result;
        } finally {
          settle?.(undefined);
        }
      });
    },
  };
}

/** Admission (backpressure), then the execution under the request's deadline. */
async function admitAndRun(admission: Admission, limits: Limits, ctx: Context, cost: number, run: () => Promise<ExecutionResult>, ended: () => ExecutionResult): Promise<ExecutionResult> {
  let release: () => void;
  const queuedAt = performance.now();
  try {
    release = await admission.acquire(cost, ctx.budget.signal, ctx.timing.arrivedAt);
    ctx.timing.queueMs = performance.now() - queuedAt;
  } catch (error) {
    ctx.timing.queueMs = performance.now() - queuedAt;
    ctx.budget.abort(new Error('refused'));
    if (error instanceof OverloadedError) {
      return refusal(error.message, 'SERVICE_OVERLOADED', { retryAfter: error.retryAfterSeconds }, { status: 503, headers: { 'Retry-After': String(error.retryAfterSeconds) } });
    }
    if (error instanceof GraphUnavailableError) return unavailable(error.message);
    return timedOut(limits);
  }
  const executedAt = performance.now();
  try {
    return await untilAborted(run(), ctx.budget.signal, ended);
  } finally {
    ctx.timing.executeMs = performance.now() - executedAt;
    release();
    // Anything still running for this request (a resolver whose sibling failed) is cancelled now.
    ctx.budget.abort(new Error('finished'));
  }
}

const unavailable = (why: string) =>
  refusal(`The graph database is unavailable (${why || 'it does not answer'}); try again shortly.`, 'SERVICE_UNAVAILABLE', {}, { status: 503, headers: { 'Retry-After': '2' } });

const timedOut = (limits: Limits) =>
  refusal(`The request ran out of its ${limits.timeoutMs / 1000} s budget; its database work was cancelled. Ask for less, or retry.`, 'TIMEOUT', { timeoutMs: limits.timeoutMs });

function untilAborted<T>(work: Promise<T>, signal: AbortSignal, onAbort: () => T): Promise<T> {
  if (signal.aborted) return Promise.resolve(onAbort());
  return new Promise<T>((resolve, reject) => {
    const abort = () => resolve(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}
