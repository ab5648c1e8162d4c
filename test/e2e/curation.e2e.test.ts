import { removeContribLayer } from '../support/fixtures.js';
/**
 * A curator in a real headless Chromium: pastes a token and a short article into the 收录 view, accepts
 * the new firm and two facts, and finds them in the entity view as contributed facts with their document.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { buildWeb } from '../../web/build.mjs';
import { createHttpServer, listen } from '../../src/server/http.js';
import { useTestDb } from '../support/harness.js';
import { testTokens, useCuratedGraphQL } from '../support/curation.js';
import { E2E_TEST_MS, launchBrowser, UI_WAIT_MS, type Browser } from './browser.js';

vi.setConfig({ testTimeout: E2E_TEST_MS });

const db = useTestDb();
const tokens = testTokens();
const FIRM = '贵州示范锂电材料有限公司';
const ARTICLE = `${FIRM}位于福泉市。\n该公司年产10万吨磷酸铁锂生产线已于2025年3月建成投产。`;
let browser: Browser;
let url: string;
let close: () => Promise<void>;
const pageErrors: string[] = [];

beforeAll(async () => {
  await buildWeb();
  const server = createHttpServer(db, { curators: tokens.store });
  url = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  close = () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await close?.();
  await removeContribLayer(db);
});

const rowOf = (page: Page, pick: string) => page.locator(`li[data-testid="candidate"]${pick}`);

it('walks a curator through ingesting a short article and accepting two facts', async () => {
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${url}/#/ingest`);
  await page.waitForSelector('.view[data-ready="ingest-form"]');
  await page.fill('[data-testid="token"]', tokens.curator);
  await page.fill('[data-testid="ingest-text"]', ARTICLE);
  await page.fill('[data-testid="ingest-title"]', '示范企业投产');
  await page.fill('[data-testid="ingest-publisher"]', '测试日报');
  await page.fill('[data-testid="ingest-date"]', '2025-04-01');
  await page.click('[data-testid="ingest-submit"]');
  await page.waitForSelector('.view[data-ready="ingest"]', { timeout: UI_WAIT_MS });

  // The text with the recognized entities highlighted.
  const marks = await page.$$eval('[data-testid="doc-text"] mark.mention', (els) => els.map((e) => e.textContent));
  const found = await page.$$eval('li[data-testid="candidate"]', (els) => els.map((e) => `${e.getAttribute('data-type') ?? 'entity'}: ${e.textContent}`));
  console.log(`[e2e] candidates the extractor found:\n  ${found.join('\n  ')}`);
  expect(marks).toContain(FIRM);
  expect(marks).toContain('福泉市');

  const accept = async (row: ReturnType<typeof rowOf>) => {
    const id = await row.first().getAttribute('data-candidate');
    await row.first().locator('[data-testid="accept"]').click();
    await page.waitForSelector(`li[data-candidate="${id}"][data-state="ACCEPTED"]`, { timeout: UI_WAIT_MS });
  };
  await accept(rowOf(page, `:has(strong:text-is("${FIRM}"))`).filter({ has: page.locator('.kind') }));
  const located = rowOf(page, '[data-type="LOCATED_IN"][data-state="PENDING"]');
  const produces = rowOf(page, '[data-type="PRODUCES"][data-state="PENDING"]');
  expect(await located.count()).toBeGreaterThan(0);
  expect(await produces.count()).toBeGreaterThan(0);
  await accept(located);
  await accept(produces);
  expect(await page.locator('[data-testid="review-status"] .error-box').count()).toBe(0);

  // The accepted facts in the firm's entity view: contributed, with the document they come from.
  const gql = useCuratedGraphQL(db, { curators: tokens.store });
  const firm = (await gql(null, `query ($n: String!) { lookup(name: $n) { id origin } }`, { n: FIRM })).data.lookup;
  expect(firm.origin).toBe('CONTRIB');
  await page.goto(`${url}/#/entity/${firm.id}`);
  await page.waitForSelector('.entity-head');
  const rows = await page.$$eval('table.relations tr', (trs) => trs.map((tr) => ({ type: tr.getAttribute('data-type'), layer: tr.getAttribute('data-layer') })));
  expect(rows).toEqual(expect.arrayContaining([{ type: 'LOCATED_IN', layer: 'CONTRIB' }, { type: 'PRODUCES', layer: 'CONTRIB' }]));
  await page.locator('table.relations tr[data-type="PRODUCES"] .ev-chip').first().hover();
  await expect.poll(() => page.locator('#evidence-popover cite').textContent()).toContain('示范企业投产');

  // The place view marks the firm as contributed, like the entity view.
  await page.goto(`${url}/#/place/place:fuquan`);
  await page.waitForSelector('.view[data-ready="place"]', { timeout: UI_WAIT_MS });
  expect(await page.locator(`tr[data-firm="${firm.id}"] .layer`).getAttribute('data-layer')).toBe('CONTRIB');

  // The chain view asks for a contributed production's statements only when the reader opens them.
  const operations: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/graphql')) operations.push(/(?:query|mutation) (\w+)/.exec(JSON.parse(r.postData() ?? '{}').query ?? '')?.[1] ?? '?');
  });
  await page.goto(`${url}/#/chain?from=product:phosphate-rock&to=product:lfp`);
  await page.waitForSelector('.view[data-ready="chain"]', { timeout: UI_WAIT_MS });
  const mine = page.locator(`li.producer[data-producer="${firm.id}"][data-product="product:lfp"]`);
  expect(await mine.locator('.layer').getAttribute('data-layer')).toBe('CONTRIB');
  expect(operations).toContain('Chain');
  expect(operations).not.toContain('ChainHistory');
  await mine.locator('details.history summary').click();
  await page.waitForSelector(`li.producer[data-producer="${firm.id}"][data-product="product:lfp"] details.history[data-history]`, { timeout: UI_WAIT_MS });
  expect(operations).toContain('ChainHistory');
  const statements = await mine.locator('details.history li').evaluateAll((lis) => lis.map((li) => ({ current: li.classList.contains('current'), layer: li.querySelector('.layer')?.getAttribute('data-layer') })));
  expect(statements).toEqual([{ current: true, layer: 'CONTRIB' }]);
  expect(pageErrors).toEqual([]);

  const audit = (await gql(null, '{ audit(first: 20) { edges { node { at curator role action target summary } } } }')).data.audit.edges.map((e: any) => e.node);
  expect(audit.map((a: any) => a.action).sort()).toEqual(['accept', 'accept', 'accept', 'ingest']);
  console.log(`[e2e] audit after the curator's walk:\n${audit.map((a: any) => `  ${a.at}  ${a.curator} (${a.role})  ${a.action.padEnd(7)} ${a.summary}`).join('\n')}`);
}, E2E_TEST_MS);
