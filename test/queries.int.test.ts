import { afterAll, describe, expect, it } from 'vitest';
import { searchKey, searchKeysFor } from '../src/text/normalize.js';
import { Q } from '../src/db/queries.js';
import { ResponseCache } from '../src/graphql/cache/response-cache.js';
import { T } from './support/fixtures.js';
import { refreshProducerRanks } from '../src/producers/refresh.js';
import { dataOf, seed, useGraphQL, useTestDb } from './support/harness.js';
import { expectations } from './support/expected.js';

const db = useTestDb();
const gql = useGraphQL(db);
/** For counting round trips: no cache answers a read (the response and row caches are off together). */
const gqlUncached = useGraphQL(db, { responseCache: ResponseCache.off() });
const graph = seed();
const x = expectations(graph);
const sorted = (items: Iterable<string>) => [...items].sort();

describe('search and lookup', () => {
  it('finds the same firm typed in simplified, traditional, pinyin and English', async () => {
    for (const text of ['川恒', '川恆', 'chuanheng', 'Chuanheng', 'chuán héng']) {
      const data = dataOf(await gql(/* GraphQL */ `query ($t: String!) { search(text: $t, first: 3) { edges { node { id } } } lookup(name: $t) { id } }`, { t: text }));
      expect(data.search.edges[0].node.id, text).toBe('firm:chuanheng');
      expect(data.lookup.id, text).toBe('firm:chuanheng');
    }
  });

  it('resolves every curated name and alias of every place to its own entity', async () => {
    const places = graph.entities.filter((e) => e.kind === 'Place');
    for (const place of places) {
      for (const name of [place.name, ...place.curatedAliases]) {
        const result = await gql(`query ($n: String!) { lookup(name: $n, kind: PLACE) { id } }`, { n: name });
        expect(result.data?.lookup?.id, name).toBe(place.id);
      }
    }
  });

  it("reads entities without their search-only keys (bytes a cache miss need not carry), nothing else lost", async () => {
    const searchOnly = (node: Record<string, unknown>) => ['searchKeys', 'primaryKeys', 'searchText'].filter((k) => node[k] != null);
    const [resolved] = await db.read(Q.resolveNames, { items: [{ raw: '川恒', key: searchKey('川恒'), kind: null, minPartial: 2 }] });
    const [details] = await db.read(Q.entityDetails, { ids: ['firm:chuanheng'], fields: null, relFields: null });
    const [found] = await db.read(Q.searchEntities, { key: searchKey('磷'), lucene: '磷', kinds: null, offset: 0, first: 10, bound: 200, withTotal: false, fields: null, relFields: null });
    const [tree] = await db.read(Q.placeTree, { places: [{ id: 'place:fuquan', ancestors: true, children: true }], fields: null });
    const nodes = [...resolved.matches.map((m) => m.node), details.node, ...details.relations.map((r) => r.other), ...tree.ancestors!, ...tree.children!, ...found.page.map((p) => p.node)];
    expect(nodes.length).toBeGreaterThan(5);
    expect(nodes.flatMap(searchOnly)).toEqual([]);
    const stored = graph.entities.find((e) => e.id === 'firm:chuanheng')!;
    expect(details.node).toMatchObject({ id: stored.id, kind: 'Firm', name: stored.name });
    expect(details.node.aliases.length).toBeGreaterThan(0);
  });

  it('reads a place tree and placements with the selected properties only, the parts asked only, the same answer', async () => {
    const names = { fields: ['id', 'kind', 'name', 'status'], relFields: [] };
    const [full] = await db.read(Q.placeTree, { places: [{ id: 'place:fuquan', ancestors: true, children: true }], fields: null });
    const [narrow] = await db.read(Q.placeTree, { places: [{ id: 'place:fuquan', ancestors: true, children: false }], fields: names.fields });
    // The province among the ancestors stores kilobytes of facts: a breadcrumb must not carry them.
    expect(full.ancestors!.some((a) => a.factsJson)).toBe(true);
    expect(narrow.ancestors!.filter((a) => a.factsJson != null || a.aliases.length > 0)).toEqual([]);
    expect(narrow.ancestors!.map((a) => [a.id, a.name])).toEqual(full.ancestors!.map((a) => [a.id, a.name]));
    expect(narrow.children).toBeNull();
    const [placed] = await db.read(Q.firmPlacements, { ids: ['firm:chuanheng'], ...names, withAncestors: false });
    const [placedFull] = await db.read(Q.firmPlacements, { ids: ['firm:chuanheng'], fields: null, relFields: null, withAncestors: false });
    expect(placed.placements.flatMap((p) => p.ancestors)).toEqual([]);
    // With $withAncestors, each place's ancestors exactly as placeTree reads them (one rule: ancestorsOf).
    const [climbed] = await db.read(Q.firmPlacements, { ids: ['firm:chuanheng'], ...names, withAncestors: true });
    const trees = await db.read(Q.placeTree, { places: climbed.placements.map((p) => ({ id: p.place.id, ancestors: true, children: false })), fields: names.fields });
    expect(climbed.placements.some((p) => p.ancestors.length > 1)).toBe(true);
    expect(climbed.placements.map((p) => p.ancestors)).toEqual(climbed.placements.map((p) => trees.find((t) => t.id === p.place.id)!.ancestors));
    expect(placed.placements.map((p) => p.place.id)).toEqual(placedFull.placements.map((p) => p.place.id));
    expect(placedFull.placements.some((p) => p.place.aliases.length > 0)).toBe(true);
    expect(placed.placements.filter((p) => p.place.factsJson != null || p.place.aliases.length > 0)).toEqual([]);
    expect(placedFull.placements.some((p) => p.rel.evQuotes?.length)).toBe(true);
    expect(placed.placements.flatMap((p) => Object.keys(p.rel))).toEqual([]);
  });

  it('pages with cursors exactly as one longer page, and filters by kind', async () => {
    const query = /* GraphQL */ `query ($first: Int!, $after: String) { search(text: "福泉", first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    const whole = dataOf(await gql(query, { first: 6 })).search;
    const first = dataOf(await gql(query, { first: 3 })).search;
    const second = dataOf(await gql(query, { first: 3, after: first.pageInfo.endCursor })).search;
    expect(whole.totalCount).toBeGreaterThan(6);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(second.totalCount).toBe(whole.totalCount);
    expect([...first.edges, ...second.edges].map((e: any) => e.node.id)).toEqual(whole.edges.map((e: any) => e.node.id));
    const firms = dataOf(await gql(`{ search(text: "贵州", kinds: [FIRM], first: 50) { edges { node { kind } } } }`)).search.edges;
    expect(firms.length).toBeGreaterThan(0);
    expect(firms.every((e: any) => e.node.kind === 'FIRM')).toBe(true);
  });

  it('ranks by the documented rule (score, shorter name, id) and pages through ties exactly as one list, the total on every page', async () => {
    // Two-character texts: many hits tie (every substring hit scores 40), so small pages cut inside ties
    // (searchEntities reads only the candidates scoring at least the k-th best score).
    const query = /* GraphQL */ `query ($t: String!, $first: Int!, $after: String) { search(text: $t, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { score node { id name } } } }`;
    const length = (name: string) => [...name].length;
    // The three two-character pieces of names that the most entities' keys contain (11 to 100 of them: one page holds all).
    const holders = (piece: string) => graph.entities.filter((e) => e.searchKeys.some((k) => k.includes(piece))).length;
    const pieces = [...new Set(graph.entities.flatMap((e) => [...e.name].slice(0, -1).map((c, i) => c + [...e.name][i + 1])))].filter((p) => /^[\u4e00-\u9fff]{2}$/.test(p));
    const texts = pieces.map((p) => [p, holders(p)] as const).filter(([, n]) => n > 10 && n <= 100).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([p]) => p);
    expect(texts.length).toBe(3);
    for (const text of texts) {
      const whole = dataOf(await gql(query, { t: text, first: 100 })).search;
      expect(whole.totalCount, text).toBeGreaterThan(10);
      expect(whole.pageInfo.hasNextPage, text).toBe(false);
      expect(whole.edges.length, text).toBe(whole.totalCount);
      const edges: { score: number; node: { id: string; name: string } }[] = whole.edges;
      for (let i = 1; i < edges.length; i++) {
        const [a, b] = [edges[i - 1], edges[i]];
        const inOrder = a.score > b.score || (a.score === b.score && (length(a.node.name) < length(b.node.name) || (length(a.node.name) === length(b.node.name) && a.node.id < b.node.id)));
        expect(inOrder, `${text} #${i}: ${a.node.id} before ${b.node.id}`).toBe(true);
      }
      expect(new Set(edges.map((e) => e.score)).size, `${text}: some scores tie`).toBeLessThan(edges.length);
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 60; pages++) {
        const page: any = dataOf(await gql(query, { t: text, first: 4, after })).search;
        expect(page.totalCount, text).toBe(whole.totalCount);
        seen.push(...page.edges.map((e: any) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen, text).toEqual(edges.map((e) => e.node.id));
    }
  });

  it('resolves a partial name that only one entity starts with, and calls a shared one AMBIGUOUS', async () => {
    const keysOf = new Map(graph.entities.map((e) => [e.id, e.searchKeys]));
    const exact = new Set(graph.entities.flatMap((e) => e.searchKeys));
    const starting = (key: string) => [...keysOf].filter(([, keys]) => keys.some((k) => k.startsWith(key))).map(([id]) => id);
    // Three-character prefixes of Chinese names, which no entity has as a whole name.
    const prefixes = [...new Set(graph.entities.map((e) => searchKey(e.name).slice(0, 3)).filter((k) => /^[\u4e00-\u9fff]{3}$/.test(k) && !exact.has(k)))];
    const unique = prefixes.find((k) => starting(k).length === 1)!;
    const shared = prefixes.find((k) => starting(k).length > 1)!;
    expect(unique && shared).toBeTruthy();
    expect(dataOf(await gql(`query ($n: String!) { lookup(name: $n) { id } }`, { n: unique })).lookup.id).toBe(starting(unique)[0]);
    const result = await gql(`query ($n: String!) { lookup(name: $n) { id } }`, { n: shared });
    expect(result.errors?.[0].extensions?.code).toBe('AMBIGUOUS');
    const candidates: string[] = result.errors?.[0].extensions?.candidates.map((c: any) => c.id);
    expect(candidates.length).toBe(Math.min(6, starting(shared).length));
    expect(candidates.every((id) => starting(shared).includes(id))).toBe(true);
  });

  it('answers an unknown name with NOT_FOUND and did-you-mean candidates', async () => {
    const result = await gql(`{ lookup(name: "川恒化工有限公司总部大楼") { id } }`);
    expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(result.errors?.[0].extensions?.candidates.map((c: any) => c.id)).toContain('firm:chuanheng');
    expect(result.errors?.[0].message).not.toMatch(/at .*\.ts/);
  });

  describe('with two homophone fixtures', () => {
    const ids = ['test-firm:ceshi-a', 'test-firm:ceshi-b'];
    afterAll(() => db.write(T.fixtureRemove, { ids }));

    it('answers a name shared by two entities with AMBIGUOUS and both candidates', async () => {
      for (const [id, name] of [[ids[0], '测试甲'], [ids[1], '侧室甲']]) {
        const keys = searchKeysFor([name]);
        await db.write(T.fixtureAddEntity, { id, kind: 'Firm', name, primaryKeys: [searchKey(name)], searchKeys: keys, searchText: keys.join(' ') });
      }
      await db.write(Q.nameKeysSync, { ids });
      const result = await gql(`{ lookup(name: "ce shi jia") { id } }`);
      expect(result.errors?.[0].extensions?.code).toBe('AMBIGUOUS');
      expect(sorted(result.errors?.[0].extensions?.candidates.map((c: any) => c.id))).toEqual(sorted(ids));
      expect(dataOf(await gql(`{ lookup(name: "測試甲") { id } }`)).lookup.id).toBe(ids[0]);
    });
  });
});

describe('firmsIn', () => {
  it('lists the firms of 福泉 counting its parks, each with evidence', async () => {
    const query = /* GraphQL */ `query ($sub: Boolean!) { firmsIn(place: "福泉", includeSubareas: $sub, first: 100) { totalCount edges { node { firm { id } place { id } role sources { quote note } } } } }`;
    for (const sub of [true, false]) {
      const result = dataOf(await gql(query, { sub })).firmsIn;
      const expected = x.firmsIn('place:fuquan', sub);
      expect(result.totalCount).toBe(expected.length);
      expect(sorted(result.edges.map((e: any) => `${e.node.firm.id}@${e.node.place.id}`))).toEqual(sorted(expected.map((r) => `${r.from}@${r.to}`)));
      expect(result.edges.every((e: any) => e.node.sources.length > 0)).toBe(true);
    }
    expect(x.firmsIn('place:fuquan', true).length).toBeGreaterThan(x.firmsIn('place:fuquan', false).length);
  });

  it('pages firms with cursors exactly as one longer page', async () => {
    const query = /* GraphQL */ `query ($first: Int!, $after: String) { firmsIn(place: "贵州", first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } edges { node { firm { id } place { id } role } } } }`;
    const key = (e: any) => `${e.node.firm.id}@${e.node.place.id}/${e.node.role}`;
    const whole = dataOf(await gql(query, { first: 10 })).firmsIn;
    const first = dataOf(await gql(query, { first: 4 })).firmsIn;
    const second = dataOf(await gql(query, { first: 6, after: first.pageInfo.endCursor })).firmsIn;
    expect(whole.totalCount).toBe(x.firmsIn('place:guizhou', true).length);
    expect([...first.edges, ...second.edges].map(key)).toEqual(whole.edges.map(key));
  });
});

describe('supply chains', () => {
  const nodes = (connection: any) => connection.edges.map((e: any) => e.node);

  it.each([
    ['磷矿石', '磷酸铁锂', 'product:phosphate-rock', 'product:lfp'],
    ['phosphate rock', 'NEV', 'product:phosphate-rock', 'product:nev'],
  ])('walks %s → %s in chain order with the producers the seed holds (kinds of a step included)', async (from, to, fromId, toId) => {
    const data = dataOf(
      await gql(
        /* GraphQL */ `query ($from: String!, $to: String!) { supplyChain(from: $from, to: $to) { steps { product { id } inputs { id } producers(first: 20) { totalCount pageInfo { hasNextPage } edges { node { producer { id } firm { id } product { id } status capacity unit place { id } sources { quote } } } } } } }`,
        { from, to },
      ),
    );
    const steps = data.supplyChain.steps;
    expect(sorted(steps.map((s: any) => s.product.id))).toEqual(sorted(x.chainProducts(fromId, toId)));
    const position = new Map(steps.map((s: any, i: number) => [s.product.id, i]));
    for (const s of steps) for (const input of s.inputs) expect(position.get(input.id)).toBeLessThan(position.get(s.product.id) as number);
    for (const s of steps) {
      const expected = x.producers(s.product.id);
      expect(sorted(nodes(s.producers).map((p: any) => `${p.producer.id}|${p.product.id}|${p.status}|${p.place?.id ?? ''}`))).toEqual(
        sorted(expected.map((p) => `${p.producerId}|${p.relation.to}|${p.status}|${p.placeId ?? ''}`)),
      );
      expect(s.producers.totalCount).toBe(expected.length);
      expect(s.producers.pageInfo.hasNextPage).toBe(false);
    }
    expect(steps.flatMap((s: any) => nodes(s.producers)).length).toBeGreaterThan(0);
  });

  it('restricts producers to a place and its sub-areas with within', async () => {
    const data = dataOf(await gql(`{ supplyChain(from: "phosphate rock", to: "power battery", within: "黔南州") { steps { product { id } producers { edges { node { place { id } } } } } } }`));
    const inside = x.subareas('place:qiannan');
    for (const s of data.supplyChain.steps) for (const p of nodes(s.producers)) expect(inside.has(p.place.id)).toBe(true);
  });

  const ladder = ['operating', 'trial', 'under_construction', 'signed', 'planned'];
  const rank = (p: { status: string; capacity: number | null; producer: { id: string } }) =>
    [ladder.includes(p.status) ? ladder.indexOf(p.status) : 5, p.capacity === null ? 1 : 0, -(p.capacity ?? 0)] as const;
  const before = (a: any, b: any) => {
    const [x1, y1] = [rank(a), rank(b)];
    for (let i = 0; i < x1.length; i++) if (x1[i] !== y1[i]) return x1[i] < y1[i];
    return a.producer.id <= b.producer.id;
  };
  const PAGE = /* GraphQL */ `query ($first: Int!, $after: String, $place: String, $status: [String!]) {
    supplyChain(from: "磷矿石", to: "新能源汽车") { steps { product { id } producers(first: $first, after: $after, place: $place, status: $status) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { producer { id } product { id } status capacity place { id } } } } } } }`;

  it('ranks producers by the status ladder, then capacity (none last), then id, and pages with cursors exactly as one longer page', async () => {
    const whole = dataOf(await gql(PAGE, { first: 20 })).supplyChain.steps;
    const busiest = [...whole].sort((a: any, b: any) => b.producers.totalCount - a.producers.totalCount)[0];
    expect(busiest.producers.totalCount).toBeGreaterThanOrEqual(3);
    for (const s of whole) {
      const list = nodes(s.producers);
      for (let i = 1; i < list.length; i++) expect(before(list[i - 1], list[i]), `${s.product.id} #${i}`).toBe(true);
    }
    // Page through the busiest step two at a time: the same rows in the same order, and the same total on every page.
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const steps: any[] = dataOf(await gql(PAGE, { first: 2, after })).supplyChain.steps;
      const step = steps.find((s: any) => s.product.id === busiest.product.id);
      expect(step.producers.totalCount).toBe(busiest.producers.totalCount);
      seen.push(...step.producers.edges.map((e: any) => `${e.node.producer.id}|${e.node.product.id}|${e.node.place?.id ?? ''}`));
      if (!step.producers.pageInfo.hasNextPage) break;
      after = step.producers.pageInfo.endCursor;
    }
    expect(seen).toEqual(nodes(busiest.producers).map((p: any) => `${p.producer.id}|${p.product.id}|${p.place?.id ?? ''}`));
  });

  it('filters producers by place and by status, with the matching totals', async () => {
    const byStatus = dataOf(await gql(PAGE, { first: 20, status: ['planned', 'under_construction'] })).supplyChain.steps;
    const byPlace = dataOf(await gql(PAGE, { first: 20, place: '黔南州' })).supplyChain.steps;
    const inside = x.subareas('place:qiannan');
    let planned = 0;
    let local = 0;
    for (const s of byStatus) {
      const expected = x.producers(s.product.id).filter((p) => p.status === 'planned' || p.status === 'under_construction');
      expect(sorted(nodes(s.producers).map((p: any) => `${p.producer.id}|${p.status}`)), s.product.id).toEqual(sorted(expected.map((p) => `${p.producerId}|${p.status}`)));
      expect(s.producers.totalCount).toBe(expected.length);
      planned += expected.length;
    }
    for (const s of byPlace) {
      const expected = x.producers(s.product.id).filter((p) => p.placeId !== null && inside.has(p.placeId));
      expect(sorted(nodes(s.producers).map((p: any) => `${p.producer.id}|${p.place.id}`)), s.product.id).toEqual(sorted(expected.map((p) => `${p.producerId}|${p.placeId}`)));
      expect(s.producers.totalCount).toBe(expected.length);
      local += expected.length;
    }
    expect(planned).toBeGreaterThan(0);
    expect(local).toBeGreaterThan(0);
  });

  it('pages every step in the same round trip as the steps; a filtered totalCount costs one count trip, an unfiltered one none', async () => {
    const without = await gqlUncached(`{ supplyChain(from: "磷矿石", to: "新能源汽车") { steps { producers(first: 3) { edges { node { producer { id } } } } } } }`);
    // Unfiltered, each step's total is its producer-index degree, read with the steps (fragment producerDegree).
    const withTotal = await gqlUncached(`{ supplyChain(from: "磷矿石", to: "新能源汽车") { steps { producers(first: 3) { totalCount } } } }`);
    const filtered = await gqlUncached(`{ supplyChain(from: "磷矿石", to: "新能源汽车") { steps { producers(first: 3, status: ["operating"]) { totalCount } } } }`);
    const names = (r: any): string[] => r.extensions.cypher.queries;
    expect(names(without)).toEqual(['supplyChain']);
    expect(names(withTotal)).toEqual(['supplyChain']);
    expect(names(filtered)).toEqual(['supplyChain', 'chainProducersCount']);
  });

  it('refuses a status outside the ladder, a page size out of range and a foreign cursor, as BAD_USER_INPUT', async () => {
    for (const [args, argument] of [
      ['status: ["closed"]', 'status'],
      ['first: 0', 'first'],
      ['first: 101', 'first'],
      ['after: "bm90LWEtY3Vyc29y"', 'after'],
    ] as const) {
      const result = await gql(`{ supplyChain(from: "磷矿石", to: "磷酸铁锂") { steps { producers(${args}) { totalCount } } } }`);
      expect(result.errors?.[0].extensions?.code, args).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].extensions?.argument, args).toBe(argument);
    }
  });

  it("computes Fuquan's gaps from the graph, and a new local producer closes one", async () => {
    const query = /* GraphQL */ `{ chainGaps(place: "Fuquan", from: "phosphate rock", to: "动力电池") { product { id } candidates(first: 20) { edges { node { producer { id } place { id } status } } } } }`;
    const gaps = dataOf(await gql(query)).chainGaps;
    const expected = x.gaps('place:fuquan', 'product:phosphate-rock', 'product:power-battery');
    expect(sorted(gaps.map((g: any) => g.product.id))).toEqual(sorted(expected));
    expect(gaps.length).toBeGreaterThan(0);
    const local = x.subareas('place:fuquan');
    for (const g of gaps) for (const c of nodes(g.candidates)) expect(local.has(c.place?.id)).toBe(false);

    const filled = gaps[0].product.id;
    const firm = 'test-firm:gap-filler';
    try {
      await db.write(T.fixtureAddEntity, { id: firm, kind: 'Firm', name: '测试填补企业', primaryKeys: [], searchKeys: [], searchText: '' });
      await db.write(T.fixtureAddRelation, { from: firm, to: 'place:fuquan', type: 'LOCATED_IN', key: 'test-1', props: { role: 'plant' } });
      await db.write(T.fixtureAddRelation, { from: firm, to: filled, type: 'PRODUCES', key: 'test-2', props: { status: 'operating' } });
      // As every writer of PRODUCES does in its transaction: the producer index follows.
      await db.writeAll('test', async (run) => void (await refreshProducerRanks(run, [firm])));
      const after = dataOf(await gql(query)).chainGaps.map((g: any) => g.product.id);
      expect(after).not.toContain(filled);
      expect(after.length).toBe(gaps.length - 1);
    } finally {
      await db.write(T.fixtureRemove, { ids: [firm] });
    }
    expect(dataOf(await gql(query)).chainGaps.map((g: any) => g.product.id)).toContain(filled);
  });

  it('orders gap candidates nearest place first, every producer outside the place counted', async () => {
    const gaps = dataOf(await gql(`{ chainGaps(place: "福泉", from: "磷矿石", to: "新能源汽车") { product { id } candidates(first: 20) { totalCount edges { node { place { id } } } } } }`)).chainGaps;
    const distance = (placeId: string | undefined) => (placeId ? x.placeDistance('place:fuquan', placeId) : Infinity);
    const local = x.subareas('place:fuquan');
    expect(gaps.some((g: any) => g.candidates.edges.length > 1)).toBe(true);
    for (const g of gaps) {
      const d = nodes(g.candidates).map((c: any) => distance(c.place?.id));
      expect(d).toEqual([...d].sort((a, b) => a - b));
      const outside = x.producers(g.product.id).filter((p) => p.placeId === null || !local.has(p.placeId));
      expect(g.candidates.totalCount, g.product.id).toBe(outside.length);
      expect(g.candidates.edges.length).toBe(outside.length);
    }
  });
});

describe('paths, policies, projects, bases, neighbourhoods', () => {
  it('explains the shortest path between 川恒 and 贵安新区, every edge with evidence', async () => {
    const paths = dataOf(await gql(`{ path(from: "川恒", to: "贵安新区") { length nodes { id } edges { type from to sources { quote note } } } }`)).path;
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) {
      expect(p.length).toBe(x.shortestDistance('firm:chuanheng', 'place:guian'));
      expect(p.nodes[0].id).toBe('firm:chuanheng');
      expect(p.nodes.at(-1).id).toBe('place:guian');
      p.edges.forEach((e: any, i: number) => {
        expect([e.from, e.to].sort()).toEqual([p.nodes[i].id, p.nodes[i + 1].id].sort());
        expect(e.sources.length).toBeGreaterThan(0);
      });
    }
  });

  it('answers no path, not an error, when maxHops is below the shortest distance', async () => {
    const distance = x.shortestDistance('firm:chuanheng', 'place:guian');
    const result = dataOf(await gql(`query ($h: Int!) { path(from: "川恒", to: "贵安新区", maxHops: $h) { length } }`, { h: distance - 1 }));
    expect(result.path).toEqual([]);
  });

  it('lists policies concerning 贵安新区, its ancestors (inherited) and its industries', async () => {
    const result = dataOf(await gql(`{ policies(concerning: "贵安新区") { policy { id } via { id } inherited sources { quote note } } }`)).policies;
    const direct = x.rels('CONCERNS').filter((r) => r.to === 'place:guian').map((r) => r.from);
    const viaAncestors = x.rels('CONCERNS').filter((r) => x.ancestors('place:guian').includes(r.to)).map((r) => `${r.from}@${r.to}`);
    const got = (inherited: boolean) => result.filter((p: any) => p.inherited === inherited);
    expect(sorted(new Set(got(false).map((p: any) => p.policy.id)))).toEqual(sorted(new Set(direct)));
    for (const key of viaAncestors) expect(got(true).map((p: any) => `${p.policy.id}@${p.via.id}`)).toContain(key);
    expect(result.every((p: any) => p.sources.length > 0)).toBe(true);
  });

  it('lists projects in 毕节 with their figures, counting sub-areas', async () => {
    const result = dataOf(await gql(`{ projects(in: "毕节") { id investment { amount unit } annualOutput { amount unit } } }`)).projects;
    const areas = x.subareas('place:bijie');
    const expected = new Set(x.rels('LOCATED_IN').filter((r) => areas.has(r.to) && x.entity.get(r.from)?.kind === 'Project').map((r) => r.from));
    expect(sorted(result.map((p: any) => p.id))).toEqual(sorted(expected));
    const all = dataOf(await gql(`{ projects { id } }`)).projects;
    expect(all.length).toBe(graph.entities.filter((e) => e.kind === 'Project').length);
  });

  it('lists the industrial bases, the six among them', async () => {
    const result = dataOf(await gql(`{ industrialBases { id name places { id } } }`)).industrialBases;
    expect(sorted(result.map((b: any) => b.id))).toEqual(sorted(graph.entities.filter((e) => e.kind === 'IndustrialBase').map((e) => e.id)));
    for (const base of result) {
      const serving = x.rels('SERVES_BASE').filter((r) => r.to === base.id && x.entity.get(r.from)?.kind === 'Place').map((r) => r.from);
      expect(sorted(base.places.map((p: any) => p.id)), base.id).toEqual(sorted(new Set(serving)));
    }
    const six = x.rels('CONCERNS').filter((r) => r.from === 'policy:six-bases' && x.entity.get(r.to)?.kind === 'IndustrialBase');
    expect(six).toHaveLength(6);
  });

  it("returns an entity's neighbourhood and says when it is truncated", async () => {
    const query = /* GraphQL */ `query ($limit: Int!) { neighborhood(id: "place:fuquan", depth: 1, limit: $limit) { totalNodes truncated nodes { id } edges { from to sources { quote note } } } }`;
    const full = dataOf(await gql(query, { limit: 500 })).neighborhood;
    const expected = x.neighbours('place:fuquan');
    expect(sorted(full.nodes.map((n: any) => n.id))).toEqual(sorted(['place:fuquan', ...expected]));
    expect(full.truncated).toBe(false);
    // Every relation among the drawn entities, the outer ring's own links included.
    const kept = new Set(full.nodes.map((n: any) => n.id));
    expect(full.edges.length).toBe(graph.relations.filter((r) => kept.has(r.from) && kept.has(r.to)).length);
    const cut = dataOf(await gql(query, { limit: 3 })).neighborhood;
    expect(cut.nodes).toHaveLength(3);
    expect(cut.totalNodes).toBe(expected.size + 1);
    expect(cut.truncated).toBe(true);
  });
});

describe('argument checks', () => {
  it.each([
    ['{ path(from: "川恒", to: "贵安新区", maxHops: 9) { length } }', 'maxHops'],
    ['{ neighborhood(id: "place:fuquan", depth: 4) { totalNodes } }', 'depth'],
    ['{ search(text: "福泉", first: 101) { totalCount } }', 'first'],
    ['{ firmsIn(place: "福泉", first: 0) { totalCount } }', 'first'],
    ['{ search(text: "福泉", after: "bogus") { totalCount } }', 'after'],
    ['{ lookup(name: "  ") { id } }', 'name'],
    [`{ search(text: "${'磷'.repeat(201)}") { totalCount } }`, 'text'],
    [`{ search(text: "福泉", after: "${Buffer.from('offset:3000000000').toString('base64url')}") { totalCount } }`, 'after'],
  ])('%s → BAD_USER_INPUT', async (query, argument) => {
    const result = await gql(query);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions?.argument).toBe(argument);
  });

  it('reports a badly typed variable as BAD_USER_INPUT with graphql-js\'s message, not as an internal error', async () => {
    const result = await gql(`query ($n: String!) { lookup(name: $n) { id } }`, { n: 5 });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/String cannot represent/);
  });
});
