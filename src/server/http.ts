import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { GraphDb } from '../db/graph.js';
import { projectPath } from '../config/paths.js';
import { MAX_ARTICLE_BYTES } from '../ingest/limits.js';
import { createGraphQLHandler, RAW_FINGERPRINT, type GraphQLOptions } from '../graphql/yoga.js';
import { fingerprintOf, rawCacheable, readBody, sendRawAnswer } from '../graphql/cache/raw-answer.js';
import { DEFAULT_RESPONSE_CACHE, ResponseCache } from '../graphql/cache/response-cache.js';
import { rowCacheBeside } from '../db/row-cache.js';
import { Admission } from './admission.js';
import { addAcceptors } from './acceptors.js';
import { createExportHandler } from './export.js';
import { HealthProbe } from './health.js';

/**
 * Request bodies above this are refused before they are read. Room for the largest article `extract` and
 * `ingestDocument` accept (JSON escaping can double it) plus the operation; reads are far smaller and the
 * token and cost limits bound them anyway.
 */
export const MAX_BODY_BYTES = 2 * MAX_ARTICLE_BYTES + 64 * 1024;

/**
 * The request bodies all GraphQL requests in progress (reading, queued, running) may declare together;
 * one more is answered 503 at once. With the admission queue this bounds what waiting requests hold
 * (docs/limits.md, "Memory bound"): 450 ordinary reads of a few hundred bytes fit many times over, 100 articles do not.
 */
export const MAX_BODY_BYTES_IN_FLIGHT = 32 * 1024 * 1024;

const WEB_DIST = projectPath('web', 'dist');
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** GraphQL at /graphql, JSON health at /health, downloads at /export/… (src/server/export.ts), the web explorer (web/dist) at /. */
export function createHttpServer(db: GraphDb, options: GraphQLOptions = {}): Server & { ready: Promise<void> } {
  const responseCache = options.responseCache ?? new ResponseCache(DEFAULT_RESPONSE_CACHE);
  const rowCache = options.rowCache ?? rowCacheBeside(responseCache);
  const yoga = createGraphQLHandler(db, { ...options, admission: options.admission ?? new Admission(), responseCache, rowCache });
  const probe = new HealthProbe(db).start();
  const exports = createExportHandler(db);
  let bodyBytesInFlight = 0;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') {
      // troubled: requests get the short budget of src/db/breaker.ts (TROUBLED_BUDGET_MS).
      const body = { ...(await probe.current()), breaker: db.breaker.state, troubled: db.breaker.troubled, responseCache: responseCache.stats, rowCache: rowCache.stats };
      res.writeHead(body.status === 'ok' ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
      return;
    }
    if (url.pathname.startsWith('/graphql')) {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > MAX_BODY_BYTES || (req.method === 'POST' && req.headers['transfer-encoding'] && !req.headers['content-length'])) {
        res.writeHead(413, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
        res.end(JSON.stringify({ errors: [{ message: `Request bodies are limited to ${MAX_BODY_BYTES} bytes and need a Content-Length.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }));
        return;
      }
      if (bodyBytesInFlight + declared > MAX_BODY_BYTES_IN_FLIGHT) {
        res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' });
        res.end(JSON.stringify({ errors: [{ message: 'The server is busy (large requests in progress); retry in 1 s.', extensions: { code: 'SERVICE_OVERLOADED', retryAfter: 1 } }] }));
        return;
      }
      bodyBytesInFlight += declared;
      res.once('close', () => (bodyBytesInFlight -= declared));
      if (!responseCache.enabled || url.pathname !== '/graphql' || !rawCacheable(req, url)) return yoga(req, res);
      // A public read: its raw bytes may have been answered already under the current graph version
      // (docs/limits.md, "Response cache"); then the answer yoga sent is sent again, without yoga.
      const arrivedAt = performance.now();
      let body: Buffer;
      try {
        body = await readBody(req);
      } catch {
        return void res.destroy();
      }
      const fingerprint = fingerprintOf(req, body);
      const version = await db.version.current();
      if (version) {
        responseCache.observe(version);
        const answer = responseCache.getRaw(responseCache.rawKey(fingerprint, version));
        if (answer) {
          responseCache.counters.hits += 1;
          responseCache.counters.rawHits += 1;
          return sendRawAnswer(res, answer, arrivedAt);
        }
      }
      // Otherwise yoga answers. @whatwg-node/server (yoga's Node adapter) takes a body already read from
      // `req.body` instead of the socket (normalizeNodeRequest: "the request stream is already consumed").
      (req as { body?: Buffer }).body = body;
      return yoga(req, res, { [RAW_FINGERPRINT]: fingerprint });
    }
    if (await exports(req, res, url)) return;
    serveStatic(url.pathname, res);
  });
  server.once('close', () => probe.stop());
  return Object.assign(server, { ready: warmUp(yoga) });
}

/**
 * The first request pays for compiling the schema's plugins, the limit rules and the cost walk; this
 * pays it at start instead, with operations refused before admission, so they never run Cypher nor hold
 * a place in the queue (issue 12: refusals within 50 ms).
 */
async function warmUp(yoga: ReturnType<typeof createGraphQLHandler>): Promise<void> {
  const nested = (n: number) => `${'relations { toEntity { '.repeat(n)}id${' } }'.repeat(n)}`;
  const operations = [
    `{ lookup(name: "贵州省") { ${nested(3)} } }`,
    `{ a: search(text: "x", first: 100) { edges { node { relations { toEntity { relations { type } } } } } } }`,
    `{ lookup(name: "x") { ... on Place { ${'children { '.repeat(12)}id${' }'.repeat(12)} } } }`,
  ];
  for (const query of operations) {
    try {
      await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    } catch {
      /* a warm-up that fails costs nothing but the warm-up */
    }
  }
}

function serveStatic(pathname: string, res: import('node:http').ServerResponse): void {
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = path.join(WEB_DIST, relative);
  const inside = file.startsWith(WEB_DIST + path.sep);
  const target = inside && existsSync(file) && statSync(file).isFile() ? file : path.join(WEB_DIST, 'index.html');
  if (!existsSync(target)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The web explorer is not built (npm run build:web). GraphiQL is at /graphql.\n');
    return;
  }
  res.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(target)] ?? 'application/octet-stream' });
  res.end(readFileSync(target));
}

/**
 * Listens on host:port and resolves with the port; `acceptHandles` extra handles on the socket take in
 * bursts of new connections while the server is busy (src/server/acceptors.ts; ACCEPT_HANDLES).
 */
export async function listen(server: Server, port: number, host: string, acceptHandles = 0): Promise<number> {
  const bound = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
  await addAcceptors(server, acceptHandles);
  return bound;
}
