import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { GraphDb } from '../db/graph.js';
import { projectPath } from '../config/paths.js';
import { createGraphQLHandler, type GraphQLOptions } from '../graphql/yoga.js';
import { health } from './health.js';

const WEB_DIST = projectPath('web', 'dist');
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** GraphQL at /graphql, JSON health at /health, the web explorer (web/dist) at /. */
export function createHttpServer(db: GraphDb, options: GraphQLOptions = {}): Server {
  const yoga = createGraphQLHandler(db, options);
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') {
      const body = await health(db);
      res.writeHead(body.status === 'ok' ? 200 : 503, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
      return;
    }
    if (url.pathname.startsWith('/graphql')) return yoga(req, res);
    serveStatic(url.pathname, res);
  });
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

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
