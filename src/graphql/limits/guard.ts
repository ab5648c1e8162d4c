import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { ExecutionResult, GraphQLError } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { Admission, OverloadedError } from '../../server/admission.js';
import type { Context } from '../context.js';
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
export function limitPlugins(limits: Limits, admission: Admission): Plugin<Context>[] {
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
    guardPlugin(limits, admission),
  ];
}

/** Cost check, admission (backpressure) and the deadline around each execution, before any resolver (so any Cypher) runs. */
function guardPlugin(limits: Limits, admission: Admission): Plugin<Context> {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args) => {
        const ctx = args.contextValue as Context;
        const cost = operationCost(args.schema, args.document, args.operationName, (args.variableValues ?? {}) as Record<string, unknown>, limits.cost);
        if (cost > limits.cost) {
          ctx.budget.abort(new Error('refused'));
          return refusal(
            `The query costs at least ${cost}, over the limit of ${limits.cost} per request: ask for fewer items (first, limit, maxHops, depth), fewer aliases or less nesting.`,
            'QUERY_TOO_COSTLY',
            { cost, limit: limits.cost },
          );
        }
        let release: () => void;
        try {
          release = await admission.acquire(cost, ctx.budget.signal);
        } catch (error) {
          ctx.budget.abort(new Error('refused'));
          if (error instanceof OverloadedError) {
            return refusal(error.message, 'SERVICE_OVERLOADED', { retryAfter: error.retryAfterSeconds }, { status: 503, headers: { 'Retry-After': String(error.retryAfterSeconds) } });
          }
          return timedOut(limits);
        }
        try {
          return await untilAborted(Promise.resolve(executeFn(args)) as Promise<ExecutionResult>, ctx.budget.signal, () => timedOut(limits));
        } finally {
          release();
          // Anything still running for this request (a resolver whose sibling failed) is cancelled now.
          ctx.budget.abort(new Error('finished'));
        }
      });
    },
  };
}

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
