import { removeContribLayer } from './support/fixtures.js';
import { afterAll, beforeAll, describe, expect, it, inject, vi } from 'vitest';
import { Q } from '../src/db/queries.js';
import { GraphDb } from '../src/db/graph.js';
import { ByteLru } from '../src/cache/byte-lru.js';
import { DEFAULT_RESPONSE_CACHE, ResponseCache } from '../src/graphql/cache/response-cache.js';
import { GraphVersion } from '../src/db/version.js';
import { DEFAULT_ROW_CACHE, RowCache } from '../src/db/row-cache.js';
import { startTestServer, useTestDb } from './support/harness.js';
import { counts, scriptedExtractor, testTokens, useCuratedGraphQL, type ScriptedArticle } from './support/curation.js';

/**
 * The public read cache (docs/limits.md, "Response cache"): keyed by the operation, its variables and
 * the graph version that every write transaction bumps. Two replicas are two GraphDb drivers with
 * their own caches over the one test Neo4j.
 */
const db = useTestDb();
const target = inject('neo4j');
const tokens = testTokens();
const FIRM = '贵州缓存测试锂电材料有限公司';
const ARTICLE: ScriptedArticle = { text: `${FIRM}是一家新成立的公司。`, entities: [{ name: FIRM, kind: 'Firm', match: null }], relations: [] };
const RAW_FIRM = '贵州原始缓存测试磷化工有限公司';
const RAW_ARTICLE: ScriptedArticle = { text: `${RAW_FIRM}于近日注册。`, entities: [{ name: RAW_FIRM, kind: 'Firm', match: null }], relations: [] };
const SEARCH = `query ($t: String!) { search(text: $t, first: 5) { totalCount edges { node { id name } } } }`;
const INGEST = `mutation ($input: IngestDocumentInput!) { ingestDocument(input: $input) { candidates { id name kind } } }`;
const REVIEW = `mutation ($id: ID!, $decision: ReviewDecision!) { reviewCandidate(id: $id, decision: $decision) { entity { id } } }`;

let replicaB: GraphDb;
let cacheA: ResponseCache;
let cacheB: ResponseCache;
let rowsA: RowCache;
let gqlA: ReturnType<typeof useCuratedGraphQL>;
let gqlB: ReturnType<typeof useCuratedGraphQL>;

const version = async () => (await db.read(Q.graphVersionRead, {}))[0];

beforeAll(() => {
  replicaB = GraphDb.connect(target.uri, { username: target.username, password: target.password }, target.database);
  cacheA = new ResponseCache(DEFAULT_RESPONSE_CACHE);
  cacheB = new ResponseCache(DEFAULT_RESPONSE_CACHE);
  rowsA = new RowCache(DEFAULT_ROW_CACHE);
  const extractor = scriptedExtractor([ARTICLE, RAW_ARTICLE]);
  gqlA = useCuratedGraphQL(db, { curators: tokens.store, extractor, responseCache: cacheA, rowCache: rowsA });
  gqlB = useCuratedGraphQL(replicaB, { curators: tokens.store, extractor, responseCache: cacheB });
});
afterAll(async () => {
  await removeContribLayer(db);
  await replicaB.close();
});

describe('response cache', () => {
  it('answers a repeated public read from the cache, without Cypher', async () => {
    const first = await gqlA(null, SEARCH, { t: '磷' });
    expect(first.errors).toBeUndefined();
    const hits = cacheA.stats.hits;
    const again = await gqlA(null, SEARCH, { t: '磷' });
    expect(again.data).toEqual(first.data);
    expect(cacheA.stats.hits).toBe(hits + 1);
    expect(again.extensions?.cypher?.roundTrips).toBe(0);
    // Other variables are another entry.
    const other = await gqlA(null, SEARCH, { t: '锂' });
    expect(other.extensions?.cypher?.roundTrips).toBeGreaterThan(0);
  });

  it('never keeps errors, and never serves or fills from requests with credentials', async () => {
    const entries = cacheA.stats.entries;
    const bad = await gqlA(null, `{ search(text: "磷", first: 0) { totalCount } }`);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(cacheA.stats.entries).toBe(entries);
    const bypassed = cacheA.stats.bypassed;
    const withToken = await gqlA(tokens.curator, SEARCH, { t: '磷' });
    expect(withToken.extensions?.cypher?.roundTrips).toBeGreaterThan(0);
    expect(cacheA.stats.bypassed).toBe(bypassed + 1);
  });

  it('a refused write leaves zero writes, does not bump the graph version, and the cached answer stays', async () => {
    await gqlA(null, SEARCH, { t: FIRM });
    const before = { counts: await counts(db), version: await version() };
    const unauthenticated = await gqlA(null, INGEST, { input: { text: ARTICLE.text } });
    expect(unauthenticated.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const unknown = await gqlA(tokens.curator, REVIEW, { id: 'cand:does-not-exist', decision: 'ACCEPT' });
    expect(unknown.errors?.[0].extensions?.code).toBeDefined();
    expect(await counts(db)).toEqual(before.counts);
    expect(await version()).toEqual(before.version);
    const hits = cacheA.stats.hits;
    await gqlA(null, SEARCH, { t: FIRM });
    expect(cacheA.stats.hits).toBe(hits + 1);
  });

  it('accepting a candidate through curation shows in the next public read on the replica that wrote, and on another replica within its refresh', async () => {
    const unseen = (r: any) => r.data.search.edges.some((e: any) => e.node.name === FIRM);
    expect(unseen(await gqlA(null, SEARCH, { t: FIRM }))).toBe(false);
    expect(unseen(await gqlB(null, SEARCH, { t: FIRM }))).toBe(false);
    // Both replicas now hold the answer without the firm.
    const versionBefore = (await version()).version;

    const ingested = await gqlA(tokens.curator, INGEST, { input: { text: ARTICLE.text, title: '缓存测试' } });
    expect(ingested.errors).toBeUndefined();
    const candidate = ingested.data.ingestDocument.candidates.find((c: any) => c.name === FIRM);
    const accepted = await gqlA(tokens.curator, REVIEW, { id: candidate.id, decision: 'ACCEPT' });
    expect(accepted.errors).toBeUndefined();
    expect((await version()).version).toBeGreaterThan(versionBefore);

    // The replica that wrote knows the new version at once: its very next read shows the firm.
    expect(unseen(await gqlA(null, SEARCH, { t: FIRM }))).toBe(true);
    // The other replica reads the version at most once per second; it shows the firm after that, without any write of its own.
    await vi.waitFor(async () => expect(unseen(await gqlB(null, SEARCH, { t: FIRM }))).toBe(true), { timeout: 30_000, interval: 200 });
  });

  it('identical public reads arriving together run once: the copies share the first one’s answer; errors are not shared', async () => {
    const COPIES = 6;
    const together = (query: string, variables: Record<string, unknown>) => Promise.all(Array.from({ length: COPIES }, () => gqlA(null, query, variables)));
    const before = { ...cacheA.stats };
    const answers = await together(`query Together($t: String!) { search(text: $t, first: 3) { totalCount edges { node { id name } } } }`, { t: '锂电' });
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual(answers[0].data);
    }
    // One copy ran its Cypher; the others waited for it and ran none.
    const trips = answers.map((a) => a.extensions?.cypher?.roundTrips);
    expect(trips.filter((n) => (n ?? 0) > 0)).toHaveLength(1);
    expect(cacheA.stats.misses - before.misses).toBe(1);
    expect(cacheA.stats.shared - before.shared).toBe(COPIES - 1);
    expect(cacheA.stats.waiting).toBe(0);

    // A failing read is not shared: each copy runs and answers its own error.
    const failed = await together(`query TogetherBad { search(text: "锂电", first: 0) { totalCount } }`, {});
    for (const answer of failed) expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(cacheA.stats.misses - before.misses).toBe(1 + COPIES);
    expect(cacheA.stats.shared - before.shared).toBe(COPIES - 1);
    expect(cacheA.stats.waiting).toBe(0);
  });
});

describe('row cache', () => {
  const LOOKUP = (fields: string) => `query ($n: String!) { lookup(name: $n) { id ${fields} } }`;

  it('answers a differently shaped public read from the rows an earlier one read, without Cypher', async () => {
    const first = await gqlA(null, LOOKUP('name'), { n: '川恒' });
    expect(first.errors).toBeUndefined();
    expect(first.extensions?.cypher?.roundTrips).toBeGreaterThan(0);
    const hits = rowsA.stats.hits;
    // Another selection: a new response-cache key, but the same reads.
    const other = await gqlA(null, LOOKUP('nameEn aliases'), { n: '川恒' });
    expect(other.errors).toBeUndefined();
    expect(other.data.lookup.id).toBe(first.data.lookup.id);
    expect(other.extensions?.cypher?.roundTrips).toBe(0);
    expect(rowsA.stats.hits).toBeGreaterThan(hits);
  });

  it('pages of different sizes read one window: the second is answered from the rows, and starts like the first', async () => {
    const FIRMS_IN = `query ($p: String!, $n: Int) { firmsIn(place: $p, first: $n) { totalCount pageInfo { hasNextPage } edges { node { firm { id } } } } }`;
    const small = await gqlA(null, FIRMS_IN, { p: '贵州省', n: 3 });
    expect(small.errors).toBeUndefined();
    expect(small.extensions?.cypher?.roundTrips).toBeGreaterThan(0);
    const larger = await gqlA(null, FIRMS_IN, { p: '贵州省', n: 7 });
    expect(larger.extensions?.cypher?.roundTrips).toBe(0);
    const ids = (r: any) => r.data.firmsIn.edges.map((e: any) => e.node.firm.id);
    expect(ids(larger)).toHaveLength(7);
    expect(ids(larger).slice(0, 3)).toEqual(ids(small));
    expect(larger.data.firmsIn.totalCount).toBe(small.data.firmsIn.totalCount);
    expect(small.data.firmsIn.pageInfo.hasNextPage).toBe(true);
  });

  it('keys rows by the parameters a query takes: reading an edge cursor or not is the same search read', async () => {
    const SEARCH = (edge: string) => `query ($t: String!) { search(text: $t, first: 4) { edges { ${edge} node { id } } } }`;
    const plain = await gqlA(null, SEARCH(''), { t: '磷酸' });
    expect(plain.errors).toBeUndefined();
    expect(plain.extensions?.cypher?.roundTrips).toBeGreaterThan(0);
    const withCursors = await gqlA(null, SEARCH('cursor'), { t: '磷酸' });
    expect(withCursors.errors).toBeUndefined();
    expect(withCursors.extensions?.cypher?.roundTrips).toBe(0);
    expect(withCursors.data.search.edges.map((e: any) => e.node.id)).toEqual(plain.data.search.edges.map((e: any) => e.node.id));
  });

  it('is neither read nor filled by requests with credentials', async () => {
    const stats = rowsA.stats;
    const withToken = await gqlA(tokens.curator, LOOKUP('kind'), { n: '川恒' });
    expect(withToken.errors).toBeUndefined();
    expect(withToken.extensions?.cypher?.roundTrips).toBeGreaterThan(0);
    expect(rowsA.stats).toEqual(stats);
  });
});

/**
 * The raw answers src/server/http.ts sends before graphql-yoga: over HTTP, against a served API whose
 * response cache this test holds (its counters tell a raw hit, answered before yoga, from yoga's own hit).
 */
describe('response cache over HTTP: answers before yoga', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let cache: ResponseCache;
  beforeAll(async () => {
    cache = new ResponseCache(DEFAULT_RESPONSE_CACHE);
    server = await startTestServer(db, { curators: tokens.store, extractor: scriptedExtractor([ARTICLE, RAW_ARTICLE]), responseCache: cache });
  });
  afterAll(() => server?.close());

  const post = async (body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body });
    return { status: response.status, headers: Object.fromEntries(response.headers), bytes: Buffer.from(await response.arrayBuffer()) };
  };
  const json = (answer: { bytes: Buffer }) => JSON.parse(answer.bytes.toString('utf8'));
  const cacheDesc = (answer: { headers: Record<string, string> }) => /cache;desc=(\w+)/.exec(answer.headers['server-timing'] ?? '')?.[1];
  /** Every header but those that differ between any two answers: the date and the request's own timings. */
  const stable = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'date' && k !== 'server-timing'));

  it('a repeated public POST is answered before yoga with the bytes, status and headers yoga sent for it', async () => {
    const body = JSON.stringify({ query: SEARCH, variables: { t: '磷酸' } });
    const miss = await post(body);
    expect(cacheDesc(miss)).toBe('miss');
    const raw = cache.stats.rawEntries;
    // The second is yoga's own hit: its answer is what is kept under the raw key.
    const yogaHit = await post(body);
    expect(cacheDesc(yogaHit)).toBe('hit');
    expect(cache.stats.rawEntries).toBe(raw + 1);
    const { rawHits, hits } = cache.stats;
    const rawHit = await post(body);
    expect(cache.stats.rawHits).toBe(rawHits + 1);
    expect(cache.stats.hits).toBe(hits + 1);
    expect(cacheDesc(rawHit)).toBe('hit');
    expect(rawHit.status).toBe(yogaHit.status);
    expect(stable(rawHit.headers)).toEqual(stable(yogaHit.headers));
    expect(rawHit.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(rawHit.bytes.equals(yogaHit.bytes)).toBe(true);
    expect(json(rawHit).data).toEqual(json(miss).data);
    expect(json(rawHit).extensions.cypher.roundTrips).toBe(0);
    // The same operation in other bytes (spacing) is another raw entry, but yoga's normalized entry answers it.
    const spaced = await post(JSON.stringify({ query: `  ${SEARCH}`, variables: { t: '磷酸' } }));
    expect(cacheDesc(spaced)).toBe('hit');
    expect(cache.stats.rawHits).toBe(rawHits + 1);
  });

  it('the answer depends on the headers yoga negotiates on: another Accept or Origin is another entry, answered as yoga would', async () => {
    const body = JSON.stringify({ query: SEARCH, variables: { t: '锂电' } });
    for (let i = 0; i < 3; i++) await post(body);
    const rawHits = cache.stats.rawHits;
    const negotiated = await post(body, { accept: 'application/graphql-response+json' });
    expect(negotiated.headers['content-type']).toBe('application/graphql-response+json; charset=utf-8');
    const cors = await post(body, { origin: 'http://example.test' });
    expect(cors.headers['access-control-allow-origin']).toBe('http://example.test');
    expect(cache.stats.rawHits).toBe(rawHits);
    // Each was yoga's own hit and is kept on its own now, then answered before yoga with its own headers.
    const again = await post(body, { accept: 'application/graphql-response+json' });
    expect(cache.stats.rawHits).toBe(rawHits + 1);
    expect(again.headers['content-type']).toBe('application/graphql-response+json; charset=utf-8');
    expect(again.bytes.equals(negotiated.bytes)).toBe(true);
  });

  it('a GET with ?query= is answered before yoga too', async () => {
    const url = `${server.url}/graphql?query=${encodeURIComponent('{ lookup(name: "福泉") { id name } }')}`;
    const get = async () => {
      const response = await fetch(url, { headers: { accept: 'application/json' } });
      return { status: response.status, headers: Object.fromEntries(response.headers), text: await response.text() };
    };
    const first = await get();
    expect(first.status).toBe(200);
    const yogaHit = await get();
    const rawHits = cache.stats.rawHits;
    const rawHit = await get();
    expect(cache.stats.rawHits).toBe(rawHits + 1);
    expect(rawHit.text).toBe(yogaHit.text);
    expect(stable(rawHit.headers)).toEqual(stable(yogaHit.headers));
    expect(JSON.parse(rawHit.text).data.lookup.name).toBe('福泉市');
  });

  it('never answers from it, nor fills it, for requests with credentials, mutations or errors; the refused mutations write nothing', async () => {
    const body = JSON.stringify({ query: SEARCH, variables: { t: '磷矿' } });
    for (let i = 0; i < 3; i++) await post(body);
    const before = { counts: await counts(db), version: await version(), stats: cache.stats };
    // Credentials: the same bytes go to Neo4j every time.
    for (let i = 0; i < 3; i++) {
      const curated = await post(body, { authorization: `Bearer ${tokens.curator}` });
      expect(json(curated).extensions.cypher.roundTrips).toBeGreaterThan(0);
      expect(cacheDesc(curated)).toBe('bypass');
    }
    // A mutation without credentials: refused, each time by yoga, nothing written.
    const ingest = JSON.stringify({ query: INGEST, variables: { input: { text: RAW_ARTICLE.text } } });
    for (let i = 0; i < 3; i++) expect(json(await post(ingest)).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    // A curator's mutation that is refused (no such candidate): never kept, nothing written.
    const review = JSON.stringify({ query: REVIEW, variables: { id: 'cand:does-not-exist', decision: 'ACCEPT' } });
    for (let i = 0; i < 3; i++) expect(json(await post(review, { authorization: `Bearer ${tokens.curator}` })).errors[0].extensions.code).toBeDefined();
    // An error answer: never kept.
    const bad = JSON.stringify({ query: `{ search(text: "磷", first: 0) { totalCount } }` });
    for (let i = 0; i < 3; i++) expect(json(await post(bad)).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(cache.stats.rawHits).toBe(before.stats.rawHits);
    expect(cache.stats.rawEntries).toBe(before.stats.rawEntries);
    expect(cache.stats.entries).toBe(before.stats.entries);
    expect(await counts(db)).toEqual(before.counts);
    expect(await version()).toEqual(before.version);
    // The body bounds stay in front of it: a body over the limit is refused before it is read.
    const huge = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ __typename }`, pad: 'x'.repeat(700 * 1024) }) });
    expect(huge.status).toBe(413);
    // And the public read is still answered from it.
    await post(body);
    expect(cache.stats.rawHits).toBe(before.stats.rawHits + 1);
  });

  it('a new graph version is never answered from an older raw answer', async () => {
    const body = JSON.stringify({ query: SEARCH, variables: { t: RAW_FIRM } });
    const seen = (answer: { bytes: Buffer }) => json(answer).data.search.edges.some((e: any) => e.node.name === RAW_FIRM);
    for (let i = 0; i < 2; i++) expect(seen(await post(body))).toBe(false);
    const rawHits = cache.stats.rawHits;
    expect(seen(await post(body))).toBe(false);
    expect(cache.stats.rawHits).toBe(rawHits + 1);

    // A curator accepts the firm (through the same server, which then knows the new version at once).
    const curator = { authorization: `Bearer ${tokens.curator}` };
    const ingested = json(await post(JSON.stringify({ query: INGEST, variables: { input: { text: RAW_ARTICLE.text, title: '原始缓存测试' } } }), curator));
    expect(ingested.errors).toBeUndefined();
    const candidate = ingested.data.ingestDocument.candidates.find((c: any) => c.name === RAW_FIRM);
    expect(json(await post(JSON.stringify({ query: REVIEW, variables: { id: candidate.id, decision: 'ACCEPT' } }), curator)).errors).toBeUndefined();

    const after = await post(body);
    expect(seen(after)).toBe(true);
    expect(cacheDesc(after)).toBe('miss');
    expect(cache.stats.rawHits).toBe(rawHits + 1);
  });
});

describe('cache bounds and the version tracker', () => {
  it('RowCache keeps frozen rows per version, drops them on a new one, and refuses rows of an old version or over the entry bound', () => {
    const rows = new RowCache({ maxBytes: 100_000, maxEntryBytes: 5_000 });
    const { key } = rows.get('v1', 'q', { a: 1 });
    rows.set('v1', key, [{ node: { name: 'x' } }]);
    const kept = rows.get('v1', 'q', { a: 1 }).rows as { node: { name: string } }[];
    expect(kept).toEqual([{ node: { name: 'x' } }]);
    // A resolver cannot change what the next request reads.
    expect(() => (kept[0].node.name = 'changed')).toThrow(TypeError);
    expect(rows.get('v1', 'q', { a: 2 }).rows).toBeUndefined();
    expect(rows.get('v2', 'q', { a: 1 }).rows).toBeUndefined();
    expect(rows.stats.entries).toBe(0);
    rows.set('v1', key, [{ late: true }]);
    rows.set('v2', 'big', [{ text: 'x'.repeat(5_000) }]);
    expect(rows.stats.entries).toBe(0);
    expect(RowCache.off().enabled).toBe(false);
  });

  it('ByteLru keeps its entries under the byte bound, dropping the least recently used', () => {
    const lru = new ByteLru<string>(1_000);
    for (let i = 0; i < 50; i++) lru.set(`k${i}`, 'x', 100);
    expect(lru.bytes).toBeLessThanOrEqual(1_000);
    expect(lru.size).toBe(10);
    expect(lru.get('k49')).toBe('x');
    expect(lru.get('k0')).toBeUndefined();
    lru.get('k40');
    lru.set('new', 'y', 100);
    expect(lru.get('k40')).toBe('x');
    expect(lru.get('k41')).toBeUndefined();
    lru.set('huge', 'z', 5_000);
    expect(lru.get('huge')).toBeUndefined();
  });

  it('ResponseCache drops every entry when the version changes and refuses answers computed under an old one', () => {
    const cache = new ResponseCache({ maxBytes: 1_000_000, maxEntryBytes: 10_000 });
    cache.observe('v1');
    cache.set('v1:a', 'v1', { data: { a: 1 } });
    expect(cache.get('v1:a')).toEqual({ data: { a: 1 } });
    cache.observe('v2');
    expect(cache.stats.entries).toBe(0);
    cache.set('v1:b', 'v1', { data: { b: 1 } });
    expect(cache.stats.entries).toBe(0);
    cache.set('v2:big', 'v2', { data: { text: 'x'.repeat(20_000) } });
    expect(cache.stats.entries).toBe(0);
    // Raw answers share the one byte bound and go with their version too.
    const answer = { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"data":{}}') };
    const key = cache.rawKey(Buffer.from('POST /graphql {}'), 'v2');
    cache.setRaw(key, 'v2', answer);
    cache.setRaw(cache.rawKey(Buffer.from('POST /graphql {}'), 'v1'), 'v1', answer);
    expect(cache.stats).toMatchObject({ entries: 1, rawEntries: 1 });
    expect(cache.getRaw(key)).toBe(answer);
    expect(cache.get(key)).toBeUndefined();
    cache.setRaw(cache.rawKey(Buffer.from('big'), 'v2'), 'v2', { ...answer, body: Buffer.alloc(20_000) });
    expect(cache.stats.rawEntries).toBe(1);
    cache.observe('v3');
    expect(cache.stats).toMatchObject({ entries: 0, rawEntries: 0, bytes: 0 });
    expect(cache.getRaw(key)).toBeUndefined();
  });

  it('GraphVersion reads at most once per period, shares one read among concurrent callers, and takes its own writes at once', async () => {
    let reads = 0;
    let stored = { version: 1, stamp: 'a' };
    const tracker = new GraphVersion(async () => (reads++, stored), 60_000);
    expect(await Promise.all([tracker.current(), tracker.current(), tracker.current()])).toEqual(['a', 'a', 'a']);
    stored = { version: 2, stamp: 'b' };
    expect(await tracker.current()).toBe('a');
    expect(reads).toBe(1);
    tracker.wrote({ version: 3, stamp: 'c' });
    expect(await tracker.current()).toBe('c');
    const failing = new GraphVersion(() => Promise.reject(new Error('down')), 60_000);
    expect(await failing.current()).toBeNull();
  });
});
