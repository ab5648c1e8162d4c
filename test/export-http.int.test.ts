import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTEXT_FILE } from '../src/export/jsonld.js';
import { ExportSource } from '../src/export/source.js';
import { placeExport } from '../src/export/views.js';
import { dataOf, startTestServer, useGraphQL, useTestDb } from './support/harness.js';

const db = useTestDb();
const gql = useGraphQL(db);
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer(db);
});
afterAll(() => server?.close());

const get = (path: string) => fetch(`${server.url}${path}`);
const csvOf = async (response: Response) => {
  const bytes = Buffer.from(await response.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(bytes, { bom: true, columns: true }) as Record<string, string>[];
};

describe('GET /export/…', () => {
  it('the place view firm table as CSV: every placement the API lists, with evidence, named in the place’s own characters', async () => {
    const response = await get(`/export/place/${encodeURIComponent('福泉')}.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('福泉市-企业.csv')}`);
    const rows = await csvOf(response);
    const api = dataOf(await gql(`{ firmsIn(place: "place:fuquan", includeSubareas: true, first: 100) { totalCount edges { node { firm { id } place { id } sources { quote } } } } }`));
    expect(rows.length).toBe(api.firmsIn.totalCount);
    const key = (firm: string, place: string) => `${firm}@${place}`;
    expect(rows.map((r) => key(r.id, r.place_id)).sort()).toEqual(api.firmsIn.edges.map((e: any) => key(e.node.firm.id, e.node.place.id)).sort());
    const quoted = api.firmsIn.edges.find((e: any) => e.node.sources.some((s: any) => s.quote)).node;
    const row = rows.find((r) => r.id === quoted.firm.id && r.place_id === quoted.place.id)!;
    expect(row.evidence_quote.split('\n')).toEqual(quoted.sources.map((s: any) => s.quote ?? ''));

    const own = await csvOf(await get('/export/place/place:fuquan.csv?subareas=0'));
    expect(own.every((r) => r.place_id === 'place:fuquan')).toBe(true);
    expect(own.length).toBeLessThan(rows.length);
  });

  it('pages the firm table by keyset: pages of 2 rows give the same file as one page', async () => {
    const text = async (pageSize?: number) => {
      const chunks: string[] = [];
      const job = await placeExport(db, { place: 'place:fuquan', format: 'csv', includeSubareas: true, pageSize });
      await job.write({ write: async (t) => void chunks.push(t), close: async () => {} });
      return chunks.join('');
    };
    const whole = await text();
    expect(whole.split('\r\n').length).toBeGreaterThan(5);
    expect(await text(2)).toBe(whole);
  });

  it('the place subtree as GraphML and JSON-LD, with the same nodes and edges as npm run export --place', async () => {
    const source = await ExportSource.open(db, { layer: 'all', kinds: null, place: 'place:fuquan' });
    const counts = await source.counts();
    const graphml = await get('/export/place/place:fuquan.graphml');
    expect(graphml.headers.get('content-type')).toBe('application/graphml+xml; charset=utf-8');
    const graph = parseGraphml(MultiDirectedGraph, await graphml.text(), { addMissingNodes: false });
    expect(graph.order).toBe(counts.entities);
    expect(graph.size).toBe(counts.relations);
    const doc = await (await get('/export/place/place:fuquan.jsonld')).json();
    const quads = ((await jsonld.toRDF(doc, { format: 'application/n-quads' })) as unknown as string).split('\n');
    expect(quads.filter((q) => q.endsWith('<http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> .')).length).toBe(counts.relations);
  });

  it('the chain view: steps in order with producers, and gap flags exactly as chainGaps answers', async () => {
    const rows = await csvOf(await get(`/export/chain?${new URLSearchParams({ from: '磷矿石', to: '磷酸铁锂', place: '福泉', format: 'csv' })}`));
    const api = dataOf(
      await gql(`{
        supplyChain(from: "磷矿石", to: "磷酸铁锂") { steps { product { id } producers { totalCount edges { node { producer { id } } } } } }
        chainGaps(place: "福泉", from: "磷矿石", to: "磷酸铁锂") { product { id } }
      }`),
    );
    const steps = (api.supplyChain.steps as { product: { id: string }; producers: { totalCount: number; edges: { node: { producer: { id: string } } }[] } }[]).map((s) => {
      // The default page holds every curated producer of a step.
      expect(s.producers.edges.length).toBe(s.producers.totalCount);
      return { product: s.product, producers: s.producers.edges.map((e) => e.node) };
    });
    expect([...new Set(rows.map((r) => r.product_id))]).toEqual(steps.map((s) => s.product.id));
    for (const step of steps) {
      const mine = rows.filter((r) => r.product_id === step.product.id);
      expect(mine.filter((r) => r.producer_id).map((r) => r.producer_id).sort()).toEqual(step.producers.map((p) => p.producer.id).sort());
    }
    const gaps = new Set(api.chainGaps.map((g: any) => g.product.id));
    for (const r of rows) expect(r.gap_in_place, r.product_id).toBe(String(gaps.has(r.product_id)));
    const graph = parseGraphml(MultiDirectedGraph, await (await get(`/export/chain?from=product:phosphate-rock&to=product:lfp&format=graphml`)).text());
    for (const s of steps) expect(graph.hasNode(s.product.id)).toBe(true);
  });

  it('a search result, ranked as the API ranks it, of the kinds asked for', async () => {
    const rows = await csvOf(await get(`/export/search?${new URLSearchParams({ q: '福泉', kinds: 'FIRM,PLACE', format: 'csv' })}`));
    const api = dataOf(await gql(`{ search(text: "福泉", kinds: [FIRM, PLACE], first: 100) { totalCount edges { node { id } } } }`));
    expect(rows.length).toBe(api.search.totalCount);
    expect(rows.map((r) => r.id)).toEqual(api.search.edges.map((e: any) => e.node.id).slice(0, rows.length));
    expect(rows.map((r) => r.rank)).toEqual(rows.map((_, i) => String(i + 1)));
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['Firm', 'Place'].filter((k) => rows.some((r) => r.kind === k))));
  });

  it('answers bad input with a JSON error and the right status, before any byte of a file', async () => {
    const missing = await get(`/export/place/${encodeURIComponent('不存在的地方')}.csv`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('NOT_FOUND');
    const ambiguous = await get(`/export/search?q=${encodeURIComponent('福泉')}&format=xls`);
    expect(ambiguous.status).toBe(400);
    expect((await ambiguous.json()).error.code).toBe('BAD_USER_INPUT');
    expect((await get('/export/search?q=&format=csv')).status).toBe(400);
    expect((await get('/export/search?q=x&kinds=Dragon')).status).toBe(400);
    expect((await get('/export/nothing')).status).toBe(404);
    expect((await fetch(`${server.url}/export/search?q=x`, { method: 'POST' })).status).toBe(405);
  });

  it('serves the JSON-LD context every JSON-LD export uses', async () => {
    const response = await get('/context.jsonld');
    expect(response.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    expect(await response.json()).toEqual(JSON.parse(readFileSync(CONTEXT_FILE, 'utf8')));
  });
});
