import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatServerTiming, isPublicRequest } from '../context.js';
import type { RawAnswer } from './response-cache.js';

/**
 * Answering a repeated public request before graphql-yoga (docs/limits.md, "Response cache"): the
 * request is recognised by its raw bytes, and the answer yoga sent for the same bytes, under the same
 * graph version, is written again. Only what yoga's answer can depend on goes into the fingerprint.
 */

/**
 * A request the raw cache may answer: a public (no Authorization header) GraphQL POST with a JSON
 * body, or a GET with `?query=`. Anything else (credentials, forms, multipart, GraphiQL's page)
 * goes to yoga as it came.
 */
export function rawCacheable(req: IncomingMessage, url: URL): boolean {
  if (!isPublicRequest(req.headers.authorization)) return false;
  if (req.method === 'POST') return (req.headers['content-type'] ?? '').includes('application/json');
  return req.method === 'GET' && url.searchParams.has('query');
}

/**
 * The request's bytes as yoga's answer depends on them: method and URL (path and query string), the
 * headers it negotiates on (content type of the body, Accept for the answer's media type, Origin for
 * CORS, Accept-Encoding) and the body. Two requests with the same fingerprint get the same answer
 * under one graph version.
 */
export function fingerprintOf(req: IncomingMessage, body: Buffer): Buffer {
  const h = req.headers;
  const head = `${req.method}\n${req.url}\n${h['content-type'] ?? ''}\n${h.accept ?? ''}\n${h.origin ?? ''}\n${h['accept-encoding'] ?? ''}\n\n`;
  return body.length ? Buffer.concat([Buffer.from(head), body]) : Buffer.from(head);
}

/**
 * The whole body, read once (Node frames it by its Content-Length, which src/server/http.ts has
 * bounded before). Rejects when the client goes away before the end.
 */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  if (req.method === 'GET' || req.method === 'HEAD') return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new Error('client disconnected'));
    });
  });
}

/** Writes a kept answer: yoga's status, headers and body bytes, with this request's own Server-Timing. */
export function sendRawAnswer(res: ServerResponse, answer: RawAnswer, arrivedAt: number): void {
  res.writeHead(answer.status, { ...answer.headers, 'server-timing': formatServerTiming(0, 0, 0, performance.now() - arrivedAt, 'hit') });
  res.end(answer.body);
}
