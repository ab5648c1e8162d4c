import { Q } from '../../src/db/queries.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GraphDb } from '../../src/db/graph.js';
import { createGraphQLHandler } from '../../src/graphql/yoga.js';
import type { RowCache } from '../../src/db/row-cache.js';
import type { ResponseCache } from '../../src/graphql/cache/response-cache.js';
import { FailureLimiter } from '../../src/auth/rate-limit.js';
import { CuratorStore, createToken } from '../../src/auth/tokens.js';
import type { Extractor } from '../../src/curation/extractor.js';
import type { GraphQLResult } from './harness.js';

/** Three tokens in a fresh, temporary curators file: a curator, an admin, and one never stored. */
export function testTokens() {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'curators-')), 'curators');
  const curator = createToken(file, '测试编辑 Test Curator', 'curator').token;
  const admin = createToken(file, 'Test Admin', 'admin').token;
  const stranger = `gzk_${'0'.repeat(12)}_${'A'.repeat(43)}`;
  return { file, curator, admin, stranger, store: CuratorStore.fromFile(file) };
}

/** GraphQL through yoga.fetch with a bearer token (or none), a curators store and an extractor. */
export function useCuratedGraphQL(db: GraphDb, options: { curators: CuratorStore; extractor?: Extractor; limiter?: FailureLimiter; responseCache?: ResponseCache; rowCache?: RowCache }) {
  const yoga = createGraphQLHandler(db, options);
  return async function gql<T = any>(token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T> & { status: number }> {
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { ...((await response.json()) as GraphQLResult<T>), status: response.status };
  };
}

export async function counts(db: GraphDb) {
  const [row] = await db.read(Q.curationCounts, {});
  return row;
}

export interface ScriptedArticle {
  text: string;
  entities: { name: string; kind: string; match: string | null; matches?: string[] }[];
  relations: { type: string; from: string; to: string; fromId: string | null; toId: string | null; quote: string; capacity?: number; unit?: string; amount?: number; currency?: string; status?: string; asOf?: string }[];
}

/**
 * A scripted extraction for the curation tests: the contract's shape with offsets computed from the text,
 * so these tests exercise review and storage whatever the real extractor finds (it is tested on its own).
 */
export function scriptedExtractor(articles: ScriptedArticle[]): Extractor {
  return {
    normalize: (input) => input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'),
    async extract(_db, text, meta) {
      const article = articles.find((a) => a.text === text);
      if (!article) throw new Error('scriptedExtractor: unknown article');
      const at = (quote: string) => {
        const start = text.indexOf(quote);
        if (start < 0) throw new Error(`scriptedExtractor: "${quote}" is not in the text`);
        return { quote, start, end: start + quote.length };
      };
      const { createHash } = await import('node:crypto');
      return {
        document: { title: meta.title ?? null, publisher: meta.publisher ?? null, date: meta.date ?? null, url: meta.url ?? null, sha256: createHash('sha256').update(text, 'utf8').digest('hex') },
        entities: article.entities.map((e) => ({ name: e.name, kind: e.kind as never, match: e.match, matches: e.matches ?? (e.match ? [e.match] : []), mentions: [at(e.name)] })),
        relations: article.relations.map((r) => ({ ...r, type: r.type as never, status: r.status as never, ...at(r.quote), confidence: 0.9 })),
      };
    },
  };
}
