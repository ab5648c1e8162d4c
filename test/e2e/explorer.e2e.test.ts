/**
 * The web explorer in a real headless Chromium against the real HTTP server and the seeded Neo4j.
 * Expected answers come from the seed files or from the API, never typed in.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildWeb } from '../../web/build.mjs';
import { dataOf, seed, startTestServer, useGraphQL, useTestDb } from '../support/harness.js';
import { E2E_TEST_MS, launchBrowser, UI_WAIT_MS, type Browser } from './browser.js';

vi.setConfig({ testTimeout: E2E_TEST_MS });

// The README's pictures are rewritten only when asked (UPDATE_SCREENSHOTS=1): a test run leaves tracked files alone.
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? fileURLToPath(new URL('../../docs/screenshots', import.meta.url)) : path.join(tmpdir(), 'gzkg-e2e-screenshots');
const PHOSPHATE_ROCK = 'product:phosphate-rock';
const LFP = 'product:lfp';
const NEV = 'product:nev';
const FUQUAN = 'place:fuquan';
const CHUANHENG = 'firm:chuanheng';

const db = useTestDb();
const gql = useGraphQL(db);
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  const build = await buildWeb();
  console.log(
    `[e2e] web bundle: ${build.totalJsBytes} B minified JS in total; first load ${build.initialBytes} B (${build.initialFiles.join(' + ')})`,
  );
  server = await startTestServer(db);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return page;
}

const open = async (page: Page, hash: string) => {
  await page.goto(`${server.url}/${hash}`);
};
const viewReady = (page: Page, ready: string) => page.waitForSelector(`.view[data-ready="${ready}"]`, { timeout: UI_WAIT_MS });

const entityName = (id: string): string => {
  const e = seed().entities.find((x) => x.id === id);
  if (!e) throw new Error(`seed has no ${id}`);
  return e.name;
};

/** Products on an INPUT_TO path from `from` to `to`, per the seed: reachable from `from` and reaching `to`. */
function seedChain(from: string, to: string): { products: Set<string>; inputs: [string, string][] } {
  const inputs = seed().relations.filter((r) => r.type === 'INPUT_TO').map((r) => [r.from, r.to] as [string, string]);
  const reach = (start: string, forward: boolean) => {
    const seen = new Set([start]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [a, b] of inputs) {
        const [x, y] = forward ? [a, b] : [b, a];
        if (seen.has(x) && !seen.has(y)) {
          seen.add(y);
          grew = true;
        }
      }
    }
    return seen;
  };
  const down = reach(from, true);
  const up = reach(to, false);
  const products = new Set([...down].filter((p) => up.has(p)));
  return { products, inputs: inputs.filter(([a, b]) => products.has(a) && products.has(b)) };
}

/** What the chain view shows: step ids in column order and, per step, its producers' names and ids. */
async function readChain(page: Page) {
  return page.$$eval('.step[data-step]', (steps) =>
    steps.map((step) => ({
      id: step.getAttribute('data-step')!,
      gap: step.getAttribute('data-gap'),
      producers: [...step.querySelectorAll(':scope > ul.producers > li.producer')].map((li) => ({
        id: li.getAttribute('data-producer')!,
        name: li.querySelector('.producer-name a')!.textContent!.trim(),
        href: li.querySelector('.producer-name a')!.getAttribute('href'),
        badge: li.querySelector('.producer-name .kind')?.getAttribute('data-kind') ?? null,
        status: li.getAttribute('data-status'),
      })),
      candidates: [...step.querySelectorAll('.candidates-block li.producer')].map((li) => li.getAttribute('data-producer')!),
    })),
  );
}

/** Types into a picker and chooses the suggestion with that id. */
async function pick(page: Page, testid: string, text: string, id: string) {
  const input = page.locator(`[data-testid="${testid}"]`);
  await input.fill('');
  await input.fill(text);
  const option = page.locator(`.picker:has([data-testid="${testid}"]) li[role="option"][data-id="${id}"]`);
  await option.waitFor({ timeout: UI_WAIT_MS });
  await option.click();
}

type SearchAnswer = { search: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string } }[] } };
/** Every hit the API has for a search, paged through with its cursors. */
async function apiSearch(text: string, kinds: string[] | null): Promise<{ total: number; ids: string[] }> {
  const ids: string[] = [];
  let after: string | null = null;
  let total = 0;
  do {
    const { search }: SearchAnswer = dataOf(
      await gql<SearchAnswer>(
        `query($t: String!, $k: [EntityKind!], $a: String) { search(text: $t, kinds: $k, first: 50, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
        { t: text, k: kinds, a: after },
      ),
    );
    total = search.totalCount;
    ids.push(...search.edges.map((e) => e.node.id));
    after = search.pageInfo.hasNextPage ? search.pageInfo.endCursor : null;
  } while (after);
  return { total, ids };
}

/** Clicks "load more" until the search view has shown every page; returns what it lists and the count it states. */
async function loadAllResults(page: Page) {
  await viewReady(page, 'search');
  let clicks = 0;
  while (await page.locator('[data-testid="load-more"]').isVisible()) {
    const before = await page.locator('ul.results li[data-id]').count();
    await page.locator('[data-testid="load-more"]').click();
    await page.waitForFunction((n) => document.querySelectorAll('ul.results li[data-id]').length > n && document.querySelector('.view')?.getAttribute('data-ready') === 'search', before);
    clicks += 1;
  }
  const count = page.locator('[data-testid="search-count"]');
  return {
    clicks,
    ids: await page.$$eval('ul.results li[data-id]', (lis) => lis.map((li) => li.getAttribute('data-id')!)),
    kinds: await page.$$eval('ul.results li[data-id] > .kind', (badges) => badges.map((b) => b.getAttribute('data-kind')!)),
    shown: Number(await count.getAttribute('data-shown')),
    total: Number(await count.getAttribute('data-total')),
    text: (await count.textContent()) ?? '',
  };
}

/** Two entities the seed links only through one shared neighbour (each has no other relation): 2 hops apart. */
function seedTwoHopPair(): [string, string] {
  const neighbours = new Map<string, Set<string>>();
  const link = (a: string, b: string) => neighbours.set(a, (neighbours.get(a) ?? new Set()).add(b));
  for (const r of seed().relations) {
    link(r.from, r.to);
    link(r.to, r.from);
  }
  const leaves = (id: string) => [...neighbours.get(id)!].filter((n) => neighbours.get(n)!.size === 1).sort();
  // The least connected middle keeps the API's "nothing within 1 hop" answer quick.
  const middle = [...neighbours.keys()].filter((id) => leaves(id).length >= 2).sort((a, b) => neighbours.get(a)!.size - neighbours.get(b)!.size || a.localeCompare(b))[0];
  const [a, c] = leaves(middle);
  return [a, c];
}

describe('web explorer (headless Chromium)', () => {
  it('search in any script (川恒, 川恆, chuanheng, Chuanheng) lands on the same firm', async () => {
    const page = await newPage();
    // What the suggestions' requests got, said if the list never shows (it timed out once in CI, unexplained).
    const suggests: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/graphql') && (r.request().postData() ?? '').includes('Suggest')) void r.text().then((t) => suggests.push(`${r.status()} ${t.slice(0, 300)}`), () => suggests.push(`${r.status()} (no body)`));
    });
    page.on('requestfailed', (r) => suggests.push(`failed ${r.url()} ${r.failure()?.errorText}`));
    await open(page, '#/');
    const landed: string[] = [];
    for (const text of ['川恒', '川恆', 'chuanheng', 'Chuanheng']) {
      const input = page.locator('[data-testid="search"]');
      await input.fill(text);
      await page
        .locator('.search li[role="option"]')
        .first()
        .waitFor({ timeout: UI_WAIT_MS })
        .catch(async (error: Error) => {
          const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? 'none');
          throw new Error(`${error.message}\nno suggestion for ${text}; focused: ${focused}; page errors: ${pageErrors.join(' | ') || 'none'}; suggest answers: ${suggests.join(' || ') || 'none'}`);
        });
      await input.press('Enter');
      await page.waitForFunction((id) => document.querySelector('.entity-head')?.getAttribute('data-entity') === id, CHUANHENG, { timeout: UI_WAIT_MS });
      landed.push(decodeURIComponent(new URL(page.url()).hash));
      expect(await page.locator('.entity-head h1').textContent()).toBe(entityName(CHUANHENG));
      await open(page, '#/');
    }
    expect(landed).toEqual(Array(4).fill(`#/entity/${CHUANHENG}`));
    await page.close();
  });

  it('the chain view for 磷矿石 → 磷酸铁锂 lists the producers the seed declares, steps in chain order', async () => {
    const page = await newPage();
    await open(page, '#/chain');
    await viewReady(page, 'chain');
    await pick(page, 'chain-to', entityName(LFP), LFP);
    await page.waitForFunction((to) => location.hash.includes(`to=${to}`), LFP);
    await viewReady(page, 'chain');

    const shown = await readChain(page);
    const expected = seedChain(PHOSPHATE_ROCK, LFP);
    expect(new Set(shown.map((s) => s.id))).toEqual(expected.products);
    const column = new Map(shown.map((s, i) => [s.id, i]));
    for (const [input, output] of expected.inputs) expect(column.get(input)!).toBeLessThan(column.get(output)!);

    for (const step of shown) {
      const producers = seed().relations.filter((r) => r.type === 'PRODUCES' && r.to === step.id);
      expect(step.producers.map((p) => p.name).sort(), step.id).toEqual(producers.map((r) => entityName(r.from)).sort());
      // operating / planned styling follows the seed's status
      const statuses = producers.map((r) => String(r.props.status ?? 'operating')).sort();
      expect(step.producers.map((p) => p.status).sort(), step.id).toEqual(statuses);
      // Places and projects produce too: they carry their kind badge and link to their own page by id.
      for (const p of step.producers) {
        const kind = seed().entities.find((e) => e.id === p.id)!.kind.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
        expect(p.badge, p.id).toBe(kind === 'FIRM' ? null : kind);
        expect(p.href, p.id).toBe(`#/${kind === 'PLACE' ? 'place' : 'entity'}/${p.id}`);
      }
    }
    expect(shown.some((s) => s.producers.some((p) => p.badge)), 'a non-firm producer on this chain').toBe(true);
    expect(shown.reduce((n, s) => n + s.producers.length, 0)).toBeGreaterThan(0);
    await page.close();
  });

  it('choosing 福泉市 shows its gaps and candidates exactly as chainGaps answers, and the deep link reopens that view', async () => {
    const page = await newPage();
    await open(page, `#/chain?from=${PHOSPHATE_ROCK}&to=${LFP}`);
    await viewReady(page, 'chain');
    await pick(page, 'chain-place', '福泉', FUQUAN);
    await page.waitForFunction((place) => document.querySelector('.view')?.getAttribute('data-place') === place, FUQUAN, { timeout: UI_WAIT_MS });

    const api = dataOf(
      await gql<{ chainGaps: { product: { id: string }; candidates: { edges: { node: { producer: { id: string } } }[] } }[] }>(
        `query($p: String!, $f: String!, $t: String!) { chainGaps(place: $p, from: $f, to: $t) { product { id } candidates { edges { node { producer { id } } } } } }`,
        { p: FUQUAN, f: PHOSPHATE_ROCK, t: LFP },
      ),
    ).chainGaps;
    const shown = await readChain(page);
    const gaps = shown.filter((s) => s.gap === 'true');
    expect(gaps.map((s) => s.id).sort()).toEqual(api.map((g) => g.product.id).sort());
    expect(shown.filter((s) => s.gap === 'false').length).toBe(shown.length - api.length);
    for (const gap of api) expect(shown.find((s) => s.id === gap.product.id)!.candidates).toEqual(gap.candidates.edges.map((c) => c.node.producer.id));
    expect(await page.locator('[data-testid="gap-summary"]').getAttribute('data-gaps')).toBe(String(api.length));

    // Deep link: the same URL in a fresh page reopens the same view.
    const url = page.url();
    expect(decodeURIComponent(url)).toContain(`place=${FUQUAN}`);
    const again = await newPage();
    await again.goto(url);
    await viewReady(again, 'chain');
    expect(await readChain(again)).toEqual(shown);
    expect(await again.locator('[data-testid="chain-place"]').inputValue()).toBe(entityName(FUQUAN));
    await again.close();
    await page.close();
  });

  it("an entity's relations come a page at a time: 贵州省's first 50, then the rest with the 'show more' button", async () => {
    const api = dataOf(
      await gql<{ entity: { relations: { type: string; fromEntity: { id: string }; toEntity: { id: string } }[] } }>(
        `{ entity(id: "place:guizhou") { relations { type fromEntity { id } toEntity { id } } } }`,
      ),
    ).entity.relations;
    expect(api.length).toBeGreaterThan(100);
    const page = await newPage();
    await open(page, '#/entity/place:guizhou');
    await page.waitForSelector('.entity-head[data-entity="place:guizhou"]', { timeout: UI_WAIT_MS });
    const rows = page.locator('table.relations tbody tr');
    expect(await rows.count()).toBe(50);
    expect(await page.locator('table.relations').getAttribute('data-total')).toBe(String(api.length));
    const more = page.locator('[data-testid="more-relations"]');
    while ((await more.count()) > 0) {
      const before = await rows.count();
      await more.click();
      await page.waitForFunction((n) => document.querySelectorAll('table.relations tbody tr').length > n, before, { timeout: UI_WAIT_MS });
    }
    // Every relation once, in the API's order: each row's type and the entity at its other end.
    const shown = await page.$$eval('table.relations tbody tr', (trs) => trs.map((tr) => `${tr.getAttribute('data-type')} ${tr.getAttribute('data-other')}`));
    expect(shown).toEqual(api.map((r) => `${r.type} ${r.fromEntity.id === 'place:guizhou' ? r.toEntity.id : r.fromEntity.id}`));
    await page.close();
  });

  it('deep links reopen the entity, place, graph and path views', async () => {
    const page = await newPage();
    await open(page, `#/entity/${CHUANHENG}`);
    await page.waitForSelector(`.entity-head[data-entity="${CHUANHENG}"]`);
    const facts = seed().entities.find((e) => e.id === CHUANHENG)!.facts;
    expect(await page.locator('table.facts tr.fact').count()).toBe(facts.length);

    const place = dataOf(
      await gql<{ lookup: { ancestors: { id: string }[]; children: { id: string }[] } }>(
        `query($n: String!) { lookup(name: $n) { ... on Place { ancestors { id } children { id } } } }`,
        { n: FUQUAN },
      ),
    ).lookup;
    await open(page, `#/place/${FUQUAN}`);
    await viewReady(page, 'place');
    const crumbs = await page.$$eval('[data-testid="breadcrumb"] [data-id]', (els) => els.map((e) => e.getAttribute('data-id')));
    expect(crumbs).toEqual([...place.ancestors.map((a) => a.id).reverse(), FUQUAN]);
    const children = await page.$$eval('[data-testid="subareas"] [data-id]', (els) => els.map((e) => e.getAttribute('data-id')));
    expect(children.sort()).toEqual(place.children.map((c) => c.id).sort());

    await open(page, `#/graph/${CHUANHENG}`);
    await page.waitForSelector(`.graph-host[data-centre="${CHUANHENG}"][data-ready="graph"]`, { timeout: UI_WAIT_MS });

    await open(page, `#/path?from=${CHUANHENG}&to=place:guian`);
    await page.waitForSelector('.view[data-ready="path"], .view[data-ready="error"]', { timeout: UI_WAIT_MS });
    expect(await page.locator('[data-testid="path-from"]').inputValue()).toBe(entityName(CHUANHENG));
    expect(await page.locator('[data-testid="path-to"]').inputValue()).toBe(entityName('place:guian'));
    await page.close();
  });

  it('the place view toggles sub-areas for firms and marks inherited policies, as the API answers', async () => {
    const page = await newPage();
    const api = dataOf(
      await gql<{ all: { edges: { node: { firm: { id: string } } }[] }; own: { edges: { node: { firm: { id: string } } }[] }; policies: { policy: { id: string }; inherited: boolean }[] }>(
        `query($p: String!) {
          all: firmsIn(place: $p, includeSubareas: true, first: 100) { edges { node { firm { id } } } }
          own: firmsIn(place: $p, includeSubareas: false, first: 100) { edges { node { firm { id } } } }
          policies(concerning: $p) { policy { id } inherited }
        }`,
        { p: FUQUAN },
      ),
    );
    const firms = (p: Page) => p.$$eval('[data-testid="firms"] tr[data-firm]', (rows) => rows.map((r) => r.getAttribute('data-firm')!).sort());
    await open(page, `#/place/${FUQUAN}`);
    await viewReady(page, 'place');
    expect(await firms(page)).toEqual(api.all.edges.map((e) => e.node.firm.id).sort());
    await page.locator('[data-testid="include-subareas"]').uncheck();
    // The new view, not the old one: the old view (ready, its checkbox now unchecked by the click) stays in
    // the page until the hashchange event renders anew.
    await page.waitForSelector('.view[data-ready="place"][data-sub="0"]', { timeout: UI_WAIT_MS });
    expect(await firms(page)).toEqual(api.own.edges.map((e) => e.node.firm.id).sort());
    const policies = await page.$$eval('[data-testid="policies"] li[data-policy]', (lis) => lis.map((li) => `${li.getAttribute('data-policy')}|${li.getAttribute('data-inherited')}`).sort());
    expect(policies).toEqual(api.policies.map((p) => `${p.policy.id}|${p.inherited}`).sort());
    await page.close();
  });

  it('shows evidence on hover and API errors as clickable candidates', async () => {
    const page = await newPage();
    await open(page, `#/chain?from=${PHOSPHATE_ROCK}&to=${LFP}`);
    await viewReady(page, 'chain');
    const relation = seed().relations.find((r) => r.type === 'PRODUCES' && r.from === CHUANHENG && r.to === 'product:iron-phosphate')!;
    await page.locator(`li.producer[data-producer="${CHUANHENG}"][data-product="product:iron-phosphate"] .ev-chip`).hover();
    const popover = page.locator('#evidence-popover');
    await popover.waitFor({ state: 'visible' });
    for (const ev of relation.evidence) if (ev.quote) expect(await popover.textContent()).toContain(ev.quote);

    // NOT_FOUND with candidates: buttons, not JSON; clicking one opens it.
    const result = await gql(`query { lookup(name: "磷") { id } }`);
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('NOT_FOUND');
    const candidates = (error!.extensions!.candidates as { id: string }[]).map((c) => c.id);
    expect(candidates.length).toBeGreaterThan(0);
    await open(page, `#/entity/${encodeURIComponent('磷')}`);
    await page.waitForSelector('.error-box[data-code="NOT_FOUND"]');
    expect(await page.$$eval('.error-box button.candidate', (bs) => bs.map((b) => b.getAttribute('data-id')))).toEqual(candidates);
    expect(await page.locator('.error-box').textContent()).not.toContain('{');
    await page.locator(`.error-box button.candidate[data-id="${candidates[0]}"]`).click();
    await page.waitForFunction((id) => decodeURIComponent(location.hash).includes(id), candidates[0]);
    await page.close();
  });

  it('switches to English and keeps the choice after a reload', async () => {
    const page = await newPage();
    await open(page, `#/entity/${CHUANHENG}`);
    await page.waitForSelector(`.entity-head[data-entity="${CHUANHENG}"]`);
    await page.locator('#lang').click();
    const nameEn = seed().entities.find((e) => e.id === CHUANHENG)!.nameEn!;
    await page.waitForFunction((n) => document.querySelector('.entity-head h1')?.textContent === n, nameEn);
    await page.reload();
    await page.waitForFunction((n) => document.querySelector('.entity-head h1')?.textContent === n, nameEn);
    expect(await page.locator('#lang').textContent()).toBe('中文');
    await page.locator('#lang').click();
    await page.waitForFunction((n) => document.querySelector('.entity-head h1')?.textContent === n, entityName(CHUANHENG));
    await page.close();
  });

  it('in Chinese the home page lists the six industrial bases first and the others apart, as industrialBases answers', async () => {
    const page = await newPage();
    await page.addInitScript(() => localStorage.setItem('gz-explorer-lang', 'zh'));
    const api = dataOf(await gql<{ six: { id: string }[]; others: { id: string }[] }>(`{ six: industrialBases(set: SIX) { id } others: industrialBases(set: OTHERS) { id } }`));
    expect(api.six.map((b) => b.id).sort()).toEqual(seed().entities.filter((e) => e.sixBases).map((e) => e.id).sort());
    await open(page, '#/');
    await page.waitForSelector('[data-testid="six-bases"] li[data-id]', { timeout: UI_WAIT_MS });
    const six = await page.$$eval('[data-testid="six-bases"] li[data-id]', (els) => els.map((e) => e.getAttribute('data-id')));
    const others = await page.$$eval('[data-testid="other-bases"] li[data-id]', (els) => els.map((e) => e.getAttribute('data-id')));
    expect(six).toEqual(api.six.map((b) => b.id));
    expect(others).toEqual(api.others.map((b) => b.id));
    await page.close();
  });

  it('in Chinese no fact label, relation label or description is shown in English', async () => {
    const page = await newPage();
    await page.addInitScript(() => localStorage.setItem('gz-explorer-lang', 'zh'));
    const graph = seed();
    const labelled = new Map<string, number>();
    for (const r of graph.relations) if (r.props.label) for (const id of [r.from, r.to]) labelled.set(id, (labelled.get(id) ?? 0) + 1);
    // The entities with the most English-authored text (facts, labelled relations, a description), and one of each kind.
    const weight = (e: (typeof graph.entities)[number]) => e.facts.length + (labelled.get(e.id) ?? 0) + (e.description ? 1 : 0);
    const ranked = [...graph.entities].sort((a, b) => weight(b) - weight(a));
    const picked = new Set([...ranked.slice(0, 5), ...['Firm', 'Place', 'Policy', 'Project', 'Organization'].map((k) => ranked.find((e) => e.kind === k)!)].map((e) => e.id));
    // Latin words with a lower-case letter are English; acronyms (PUE, CPI, C39) and document ids (doc:001) are not.
    const english = /(?<![A-Za-z])(?!doc\b)(?=[A-Za-z]*[a-z])[A-Za-z]{3,}/;
    for (const id of picked) {
      await open(page, `#/entity/${id}`);
      await page.waitForSelector(`.entity-head[data-entity="${id}"]`, { timeout: UI_WAIT_MS });
      const shown = await page.$$eval('table.facts tr.fact th, table.relations .verb, [data-testid="description"]', (els) => els.map((e) => e.textContent ?? ''));
      const entity = graph.entities.find((e) => e.id === id)!;
      expect(shown.length, id).toBeGreaterThanOrEqual(entity.facts.length);
      for (const text of shown) expect(text, `${id}: "${text}"`).not.toMatch(english);
      for (const text of shown) expect(text, `${id}: "${text}"`).toMatch(/[\u4e00-\u9fff]/);
    }
    await page.close();
  });

  it('says "showing N of M" when the neighbourhood is truncated', async () => {
    const limit = 12;
    const api = dataOf(
      await gql<{ neighborhood: { totalNodes: number; truncated: boolean; nodes: unknown[] } }>(
        `query($id: ID!, $limit: Int!) { neighborhood(id: $id, depth: 1, limit: $limit) { totalNodes truncated nodes { id } } }`,
        { id: 'place:guizhou', limit },
      ),
    ).neighborhood;
    expect(api.truncated).toBe(true);
    const page = await newPage();
    await open(page, `#/graph/place:guizhou?limit=${limit}`);
    await page.waitForSelector('.graph-host[data-ready="graph"]', { timeout: UI_WAIT_MS });
    const note = page.locator('[data-testid="graph-status"] [data-total]');
    expect(await note.getAttribute('data-shown')).toBe(String(api.nodes.length));
    expect(await note.getAttribute('data-total')).toBe(String(api.totalNodes));
    expect(await note.textContent()).toContain(`${api.nodes.length} / ${api.totalNodes}`);
    await page.close();
  });

  it('pages through search results with the API cursors: every hit once, "N of M" as the API counts', async () => {
    const text = entityName('place:guizhou').slice(0, 2);
    const api = await apiSearch(text, null);
    const page = await newPage();
    await open(page, `#/search?q=${encodeURIComponent(text)}`);
    await viewReady(page, 'search');
    const first = await page.locator('ul.results li[data-id]').count();
    expect(first).toBeLessThan(api.total); // more than one page, or there is nothing to page through
    expect(await page.locator('[data-testid="search-count"]').textContent()).toContain(`${first} / ${api.total}`);

    const shown = await loadAllResults(page);
    expect(shown.clicks).toBeGreaterThan(0);
    expect(shown.ids.length).toBe(api.total);
    expect(new Set(shown.ids).size).toBe(shown.ids.length);
    expect(shown.ids).toEqual(api.ids);
    expect([shown.shown, shown.total]).toEqual([api.total, api.total]);
    expect(shown.text).toContain(`${api.total} / ${api.total}`);
    await page.close();
  });

  it('the search kind filter restricts results as the API does, and the deep link reopens it', async () => {
    const text = entityName('place:guizhou').slice(0, 2);
    const page = await newPage();
    await open(page, `#/search?q=${encodeURIComponent(text)}`);
    await viewReady(page, 'search');
    const everything = await apiSearch(text, null);
    let kinds: string[] = [];
    for (const kind of ['FIRM', 'PLACE']) {
      kinds = [...kinds, kind];
      await page.locator(`[data-testid="kind-filter"] button[data-kind="${kind}"]`).click();
      await page.waitForFunction((k) => decodeURIComponent(location.hash).includes(`kinds=${k}`), kinds.join(','));
      await page.waitForSelector(`.view[data-ready="search"] [data-testid="kind-filter"] button[data-kind="${kind}"][aria-pressed="true"]`);
      const api = await apiSearch(text, kinds);
      const shown = await loadAllResults(page);
      expect(api.total).toBeGreaterThan(0);
      expect(api.total).toBeLessThan(everything.total);
      expect(shown.ids).toEqual(api.ids);
      expect(shown.total).toBe(api.total);
      expect(shown.kinds.length).toBe(shown.ids.length);
      expect(shown.kinds.every((k) => kinds.includes(k))).toBe(true);
    }
    const again = await newPage();
    await again.goto(page.url());
    const reopened = await loadAllResults(again);
    expect(reopened.ids).toEqual((await apiSearch(text, kinds)).ids);
    const pressed = await again.$$eval('[data-testid="kind-filter"] button[aria-pressed="true"]', (bs) => bs.map((b) => b.getAttribute('data-kind')));
    expect(pressed.sort()).toEqual([...kinds].sort());
    await again.close();
    await page.close();
  });

  it('the path view keeps max hops in the URL, asks the API with it, and says clearly when there is no path or the input is bad', async () => {
    const [from, to] = seedTwoHopPair();
    const pathsFor = async (maxHops: number) =>
      dataOf(await gql<{ path: { length: number }[] }>(`query($f: String!, $t: String!, $m: Int!) { path(from: $f, to: $t, maxHops: $m) { length } }`, { f: from, t: to, m: maxHops })).path;
    const shownPaths = (p: Page) => p.locator('.view[data-ready="path"] .card.path').count();
    const byDefault = await pathsFor(5);
    const shortest = byDefault[0].length;
    expect(shortest).toBeGreaterThan(1);

    const page = await newPage();
    await open(page, `#/path?from=${from}&to=${to}`);
    await viewReady(page, 'path');
    const select = page.locator('[data-testid="path-max-hops"]');
    expect(await select.inputValue()).toBe('5');
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => Number((o as HTMLOptionElement).value)));
    expect(await shownPaths(page)).toBe(byDefault.length);

    // Below the shortest distance: the API finds nothing, the view says so (in Chinese, then in English).
    const below = shortest - 1;
    expect(await pathsFor(below)).toEqual([]);
    await select.selectOption(String(below));
    await page.waitForFunction((m) => location.hash.includes(`maxHops=${m}`), below);
    const message = page.locator('.view[data-ready="path"] [data-testid="path-message"]');
    await message.waitFor();
    expect(await shownPaths(page)).toBe(0);
    const zh = (await message.textContent())!;
    expect(zh).toContain(String(below));
    await page.locator('#lang').click();
    await page.waitForFunction((text) => {
      const now = document.querySelector('.view[data-ready="path"] [data-testid="path-message"]')?.textContent;
      return now && now !== text;
    }, zh);
    expect(await message.textContent()).toContain(String(below));
    await page.locator('#lang').click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');

    // The largest choice: the URL follows and the paths are the API's again.
    const most = Math.max(...options);
    await select.selectOption(String(most));
    await page.waitForFunction((m) => location.hash.includes(`maxHops=${m}`), most);
    await page.waitForSelector('.view[data-ready="path"] [data-testid="path-summary"]');
    expect(await shownPaths(page)).toBe((await pathsFor(most)).length);
    expect(await select.inputValue()).toBe(String(most));

    // Beyond the choices (a hand-edited link): the API's BAD_USER_INPUT, shown as a sentence.
    const api = await gql(`query($f: String!, $t: String!, $m: Int!) { path(from: $f, to: $t, maxHops: $m) { length } }`, { f: from, t: to, m: most + 1 });
    const code = api.errors?.[0]?.extensions?.code;
    expect(code).toBe('BAD_USER_INPUT');
    await open(page, `#/path?from=${from}&to=${to}&maxHops=${most + 1}`);
    await viewReady(page, 'error');
    expect(await page.locator(`.error-box[data-code="${code}"] strong`).textContent()).toContain(String(most));
    expect(await select.inputValue()).toBe(String(most + 1));
    await page.close();
  });

  it('screenshots the chain view and a neighbourhood graph, and logs navigation → chain drawn', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const page = await newPage();
    const started = Date.now();
    await open(page, `#/chain?from=${PHOSPHATE_ROCK}&to=${NEV}&place=${FUQUAN}`);
    await viewReady(page, 'chain');
    const wall = Date.now() - started;
    // chain.ts marks the moment the columns are drawn; the mark's time is since navigation start.
    const drawnAt = await page.evaluate(() => performance.getEntriesByName('chain-drawn').at(-1)?.startTime ?? NaN);
    console.log(`[e2e] navigation → chain view drawn: ${Math.round(drawnAt)} ms after navigation start (${wall} ms wall clock incl. goto)`);
    expect(await page.locator('.step[data-step]').count()).toBe(seedChain(PHOSPHATE_ROCK, NEV).products.size);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chain-view.png'), fullPage: true });

    await open(page, `#/graph/${CHUANHENG}`);
    await page.waitForSelector('.graph-host[data-ready="graph"]', { timeout: UI_WAIT_MS });
    const before = Number(await page.locator('.graph-host').getAttribute('data-nodes'));
    // A real click on the Fuquan node expands it.
    const at = await page.evaluate((id) => {
      const cy = (window as any).explorerGraph;
      const node = cy.getElementById(id);
      const box = cy.container().getBoundingClientRect();
      const p = node.renderedPosition();
      return { x: box.left + p.x, y: box.top + p.y };
    }, FUQUAN);
    await page.mouse.click(at.x, at.y);
    await page.waitForFunction((n) => Number(document.querySelector('.graph-host')?.getAttribute('data-nodes')) > n && document.querySelector('.graph-host')?.getAttribute('data-ready') === 'graph', before, { timeout: UI_WAIT_MS });
    await page.waitForSelector(`.graph-info .info-node[data-id="${FUQUAN}"]`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'neighbourhood.png') });
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
