/** The only way the page talks to the server: POST /graphql. */
import { localized, normKind } from './i18n.js';

export interface Candidate {
  id: string;
  kind: string;
  name: string;
  nameEn: string | null;
}

export interface EntityRef {
  id: string;
  kind: string;
  name: string;
  nameEn: string | null;
}

export interface Evidence {
  quote: string | null;
  note: string | null;
  document: { title: string } | null;
}

/** A failed request: the API's code (NOT_FOUND, AMBIGUOUS, BAD_USER_INPUT, …) and its candidates. */
/** What every relation says about itself, whichever view reads it. */
export interface EdgeFacts {
  type: string;
  role: string | null;
  status: string | null;
  capacity: number | null;
  unit: string | null;
  amount: number | null;
  amountUnit: string | null;
  label: string | null;
  labelZh: string | null;
  output?: number | null;
  sources: Evidence[];
}
/** The label of a relation in the current language (Chinese labels are curated next to the English ones). */
export const edgeText = (e: { label: string | null; labelZh?: string | null }): string | null => localized(e.label, e.labelZh);

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

/** Fragments used by several views. */
export const EVIDENCE = 'sources { quote note document { title } }';
export const REF = 'id kind name nameEn';

const cache = new Map<string, Promise<unknown>>();

/** Runs a query; resolves its data or rejects with the first error as an ApiError. Answers are cached for the page's life (the graph is read-only). */
export function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const key = query + '\u0000' + JSON.stringify(variables);
  let pending = cache.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = request<T>(query, variables);
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

async function request<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
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
