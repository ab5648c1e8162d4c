/** Downloads from the explorer in headless Chromium: the place view's firm CSV and the neighbourhood GraphML. */
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildWeb } from '../../web/build.mjs';
import { dataOf, startTestServer, useGraphQL, useTestDb } from '../support/harness.js';
import { E2E_TEST_MS, launchBrowser, UI_WAIT_MS, type Browser } from './browser.js';

vi.setConfig({ testTimeout: E2E_TEST_MS });

const db = useTestDb();
const gql = useGraphQL(db);
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;

beforeAll(async () => {
  await buildWeb();
  server = await startTestServer(db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('explorer downloads (headless Chromium)', () => {
  it('downloads the place view’s firm table as a CSV holding every firm the table lists', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/#/place/place:fuquan`);
    await page.waitForSelector('.view[data-ready="place"]', { timeout: UI_WAIT_MS });
    const shown = await page.$$eval('[data-testid="firms"] tr[data-firm]', (rows) => rows.map((r) => r.getAttribute('data-firm')!));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-firms"] a[data-format="csv"]')]);
    expect(download.suggestedFilename()).toBe('福泉市-企业.csv');
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes, { bom: true, columns: true }) as Record<string, string>[];
    const api = dataOf(await gql(`{ firmsIn(place: "place:fuquan", includeSubareas: true, first: 100) { totalCount } }`));
    expect(rows.length).toBe(api.firmsIn.totalCount);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(shown));
    await page.close();
  });

  it('downloads the neighbourhood graph as GraphML with the nodes and edges drawn', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/#/graph/firm:chuanheng`);
    await page.waitForFunction(() => {
      const host = document.querySelector('.graph-host') as HTMLElement | null;
      return host && Number(host.dataset.nodes) > 1 && host.dataset.ready !== 'loading';
    }, null, { timeout: UI_WAIT_MS });
    const drawn = await page.evaluate(() => {
      const cy = (window as unknown as { explorerGraph: { nodes(): { length: number }; edges(): { length: number } } }).explorerGraph;
      return { nodes: cy.nodes().length, edges: cy.edges().length };
    });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-graphml"]')]);
    expect(download.suggestedFilename()).toBe('firm-chuanheng-neighbourhood.graphml');
    const graph = parseGraphml(MultiDirectedGraph, readFileSync((await download.path())!, 'utf8'), { addMissingNodes: false });
    expect({ nodes: graph.order, edges: graph.size }).toEqual(drawn);
    expect(graph.getNodeAttributes('firm:chuanheng')).toMatchObject({ kind: 'Firm' });
    await page.close();
  });
});
