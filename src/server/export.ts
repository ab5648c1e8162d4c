import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { GraphDb } from '../db/graph.js';
import { CONTEXT_FILE } from '../export/jsonld.js';
import { streamSink } from '../export/sink.js';
import { chainExport, placeExport, searchExport, VIEW_FORMATS, type ViewExport, type ViewFormat } from '../export/views.js';
import { ENTITY_KINDS } from '../seed/model.js';
import { UserFacingError } from '../services/errors.js';

/**
 * Downloads for the explorer, in their own module so a concurrency limit can wrap them:
 *   GET /export/place/:name.csv|graphml|jsonld[?subareas=0]  the place view's firm table (CSV) or its subtree graph
 *   GET /export/chain?from=&to=[&place=]&format=csv|graphml|jsonld   steps, producers, gaps
 *   GET /export/search?q=[&kinds=Firm,Place]&format=csv|graphml|jsonld
 *   GET /context.jsonld                                       the JSON-LD context every JSON-LD export uses
 * Names resolve like the API; errors are JSON { error: { code, message, … } } with 400/404/409.
 */
const CONTENT_TYPES: Record<ViewFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  graphml: 'application/graphml+xml; charset=utf-8',
  jsonld: 'application/ld+json; charset=utf-8',
};
const STATUS: Record<string, number> = { NOT_FOUND: 404, AMBIGUOUS: 409, BAD_USER_INPUT: 400 };

const Format = z.enum(VIEW_FORMATS);
// Kinds as the model spells them (IndustrialBase) or as GraphQL enum values (INDUSTRIAL_BASE).
const kindKey = (k: string) => k.replace(/_/g, '').toLowerCase();
const Kinds = z
  .string()
  .transform((s) => s.split(',').map((k) => k.trim()).filter(Boolean).map((k) => ENTITY_KINDS.find((kind) => kindKey(kind) === kindKey(k)) ?? k))
  .pipe(z.array(z.enum(ENTITY_KINDS)));
const Text = z.string().trim().min(1).max(200);

function sendError(res: ServerResponse, status: number, code: string, message: string, details: Record<string, unknown> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: { code, message, ...details } }));
}

function dispositionOf(name: string, displayName: string, format: ViewFormat): string {
  const ascii = `${name}.${format}`.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(`${displayName}.${format}`)}`;
}

/** Routes /export/* and /context.jsonld; returns false for any other path. */
export function createExportHandler(db: GraphDb) {
  const context = readFileSync(CONTEXT_FILE);
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname === '/context.jsonld') {
      res.writeHead(200, { 'content-type': 'application/ld+json; charset=utf-8', 'access-control-allow-origin': '*' });
      res.end(context);
      return true;
    }
    if (!url.pathname.startsWith('/export/')) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 405, 'METHOD_NOT_ALLOWED', 'exports are read with GET');
      return true;
    }
    let job: ViewExport;
    let format: ViewFormat;
    try {
      const q = url.searchParams;
      const place = /^\/export\/place\/(.+)\.(csv|graphml|jsonld)$/.exec(url.pathname);
      if (place) {
        format = place[2] as ViewFormat;
        const name = Text.parse(decodeURIComponent(place[1]));
        job = await placeExport(db, { place: name, format, includeSubareas: q.get('subareas') !== '0' });
      } else if (url.pathname === '/export/chain') {
        format = Format.parse(q.get('format') ?? 'csv');
        job = await chainExport(db, { from: Text.parse(q.get('from') ?? ''), to: Text.parse(q.get('to') ?? ''), place: q.get('place') ? Text.parse(q.get('place')) : null, format });
      } else if (url.pathname === '/export/search') {
        format = Format.parse(q.get('format') ?? 'csv');
        job = await searchExport(db, { text: Text.parse(q.get('q') ?? ''), kinds: q.get('kinds') ? Kinds.parse(q.get('kinds')) : null, format });
      } else {
        sendError(res, 404, 'NOT_FOUND', 'no such export: /export/place/NAME.csv|graphml|jsonld, /export/chain?from=&to=&format=, /export/search?q=&format=');
        return true;
      }
    } catch (error) {
      if (error instanceof z.ZodError) sendError(res, 400, 'BAD_USER_INPUT', z.prettifyError(error));
      else if (error instanceof UserFacingError) sendError(res, STATUS[error.code] ?? 400, error.code, error.message, error.details);
      else if (error instanceof URIError) sendError(res, 400, 'BAD_USER_INPUT', 'the name is not valid percent-encoding');
      else {
        console.error('export: unexpected error:', error);
        sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'the export failed');
      }
      return true;
    }
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[format],
      'content-disposition': dispositionOf(job.name, job.displayName, format),
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    try {
      await job.write(streamSink(res));
    } catch (error) {
      // Headers are gone: a failure mid-stream can only cut the response short, which the client sees.
      if (!res.destroyed) console.error('export: failed while streaming:', error);
      res.destroy();
    }
    return true;
  };
}
