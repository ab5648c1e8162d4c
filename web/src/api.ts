/** The only way the page talks to the server: POST /graphql, with the typed operations of ./operations.ts. */
import type { EdgeFactsFragment, RefFragment, SourcesFragment, StatementFragment, TypedDocumentString } from './generated/graphql.js';
import { normKind } from './i18n.js';

/** The shapes the views share, as the generated operation types give them. */
export type EntityRef = RefFragment;
export type Evidence = SourcesFragment;
export type Statement = StatementFragment;
/** What every relation says about itself, whichever view reads it. */
export type EdgeFacts = EdgeFactsFragment;

/** An entity an error names as a candidate (NOT_FOUND, AMBIGUOUS). */
export interface Candidate {
  id: string;
  kind: string;
  name: string;
  nameEn: string | null;
}

/** A failed request: the API's code (NOT_FOUND, AMBIGUOUS, BAD_USER_INPUT, …) and its candidates. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly candidates: Candidate[] = [],
    /** The name the API could not resolve, when it says. */
    readonly asked: string | null = null,
  ) {
    super(message);
  }
}

/** An operation from ./operations.ts; its variables are required exactly when it declares some. */
type Operation<R, V> = TypedDocumentString<R, V>;
type Args<V> = V extends Record<string, never> ? [] : [variables: V];

const cache = new Map<string, Promise<unknown>>();

const TOKEN_KEY = 'gz-curator-token';
/** The curator token pasted in the ingest view, kept for this browser session only. */
export function curatorToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}
export function setCuratorToken(token: string): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    /* private mode: the token lasts for this page */
  }
}

/** Runs a mutation with the curator's token; cached answers are dropped, since the graph has changed. */
export async function mutate<R, V>(operation: Operation<R, V>, ...[variables]: Args<V>): Promise<R> {
  try {
    return await request<R>(operation.toString(), variables ?? {}, curatorToken());
  } finally {
    cache.clear();
  }
}

/** Runs a query without the page cache (the review queue changes as curators work). */
export const fresh = <R, V>(operation: Operation<R, V>, ...[variables]: Args<V>): Promise<R> => request<R>(operation.toString(), variables ?? {});

/** Runs a query; resolves its data or rejects with the first error as an ApiError. Answers are cached until the next mutation. */
export function gql<R, V>(operation: Operation<R, V>, ...[variables]: Args<V>): Promise<R> {
  const query = operation.toString();
  const key = query + '\u0000' + JSON.stringify(variables ?? {});
  let pending = cache.get(key) as Promise<R> | undefined;
  if (!pending) {
    pending = request<R>(query, variables ?? {});
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

async function request<T>(query: string, variables: object, token = ''): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new ApiError((error as Error).message, 'NETWORK');
  }
  let body: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`HTTP ${response.status}`, response.ok ? 'BAD_RESPONSE' : 'NETWORK');
  }
  const first = body.errors?.[0];
  if (first) {
    const ext = first.extensions ?? {};
    const candidates = Array.isArray(ext.candidates)
      ? (ext.candidates as Candidate[]).map((c) => ({ ...c, kind: normKind(String(c.kind)) }))
      : [];
    throw new ApiError(first.message, String(ext.code ?? 'ERROR'), candidates, typeof ext.name === 'string' ? ext.name : null);
  }
  if (!body.data) throw new ApiError(`HTTP ${response.status}`, 'BAD_RESPONSE');
  return body.data;
}
