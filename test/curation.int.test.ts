import { removeContribLayer } from './support/fixtures.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FailureLimiter } from '../src/auth/rate-limit.js';
import { loadSeed } from '../src/seed/load.js';
import { seed, useTestDb } from './support/harness.js';
import { counts, scriptedExtractor, testTokens, useCuratedGraphQL, type ScriptedArticle } from './support/curation.js';

const db = useTestDb();
const graph = seed();
const tokens = testTokens();

const FIRM = '贵州测试磷化新材料有限公司';
// The county is chosen below: the first seeded county whose phosphate chain lacks an operating iron-phosphate producer.
let county: { id: string; name: string };
let first: ScriptedArticle;
let later: ScriptedArticle;
let chuanheng: ScriptedArticle;
// A capacity whose quote does not call it one (no 产能, 生产线 or 装机): accepting it must be refused.
const unquotedCapacity: ScriptedArticle = {
  text: '川恒股份福泉基地磷酸铁年产8万吨。',
  entities: [{ name: '川恒股份', kind: 'Firm', match: 'firm:chuanheng' }],
  relations: [{ type: 'PRODUCES', from: '川恒股份', to: '磷酸铁', fromId: 'firm:chuanheng', toId: 'product:iron-phosphate', quote: '川恒股份福泉基地磷酸铁年产8万吨。', capacity: 8, unit: '万吨/年', status: 'operating' }],
};
let gql: ReturnType<typeof useCuratedGraphQL>;

const INGEST = /* GraphQL */ `
  mutation ($input: IngestDocumentInput!) {
    ingestDocument(input: $input) { created dropped document { id sha256 origin text date } candidates { id kind state name relationType from to match { id } } }
  }`;
const REVIEW = /* GraphQL */ `
  mutation ($id: ID!, $decision: ReviewDecision!, $edit: CandidateEdit) {
    reviewCandidate(id: $id, decision: $decision, edit: $edit) {
      candidate { id state reviewedBy }
      entity { id name origin }
      fact { id type from to origin current asOf capacity unit status reviewedBy sources { quote document { id } } }
    }
  }`;
const GAPS = /* GraphQL */ `query ($place: String!) { chainGaps(place: $place, from: "product:phosphate-rock", to: "product:lfp") { product { id } } }`;
const PRODUCERS = /* GraphQL */ `
  { supplyChain(from: "product:phosphate-rock", to: "product:lfp") { steps { product { id } producers { edges { node {
      id producer { id } capacity status origin current history { id current supersededBy capacity asOf origin } sources { document { id } } } } } } } }`;

const ironPhosphateProducers = async () =>
  (await gql(null, PRODUCERS)).data!.supplyChain.steps.find((s: any) => s.product.id === 'product:iron-phosphate').producers.edges.map((e: any) => e.node) as any[];

async function ingest(article: ScriptedArticle, meta: Record<string, unknown>, token: string | null = tokens.curator) {
  return gql(token, INGEST, { input: { text: article.text, ...meta } });
}
async function review(id: string, decision: 'ACCEPT' | 'REJECT', edit?: Record<string, unknown>, token: string | null = tokens.curator) {
  return gql(token, REVIEW, { id, decision, edit });
}
const candidateOf = (result: any, pick: (c: any) => boolean) => result.data.ingestDocument.candidates.find(pick);

beforeAll(async () => {
  const counties = graph.entities.filter((e) => e.kind === 'Place' && e.placeKind === 'county');
  const probe = useCuratedGraphQL(db, { curators: tokens.store });
  for (const c of counties) {
    const gaps = (await probe(null, GAPS, { place: c.id })).data?.chainGaps ?? [];
    if (gaps.some((g: any) => g.product.id === 'product:iron-phosphate')) {
      county = { id: c.id, name: c.name };
      break;
    }
  }
  expect(county, 'a seeded county with an iron-phosphate gap').toBeDefined();
  first = {
    text: `${FIRM}位于${county.name}。\n该公司年产5万吨磷酸铁生产线已于2024年6月建成投产。\n另据报道，该公司与某银行签署了合作协议。`,
    entities: [
      { name: FIRM, kind: 'Firm', match: null },
      { name: county.name, kind: 'Place', match: county.id },
      { name: '磷酸铁', kind: 'Product', match: 'product:iron-phosphate' },
      { name: '某银行', kind: 'Organization', match: null },
    ],
    relations: [
      { type: 'LOCATED_IN', from: FIRM, to: county.name, fromId: null, toId: county.id, quote: `${FIRM}位于${county.name}。` },
      { type: 'PRODUCES', from: FIRM, to: '磷酸铁', fromId: null, toId: 'product:iron-phosphate', quote: '该公司年产5万吨磷酸铁生产线已于2024年6月建成投产。', capacity: 5, unit: '万吨/年', status: 'operating' },
      { type: 'COOPERATES_WITH', from: FIRM, to: '某银行', fromId: null, toId: null, quote: '另据报道，该公司与某银行签署了合作协议。' },
    ],
  };
  later = {
    text: `${FIRM}磷酸铁二期项目投产后，年产能达到12万吨。`,
    entities: [{ name: FIRM, kind: 'Firm', match: null }, { name: '磷酸铁', kind: 'Product', match: 'product:iron-phosphate' }],
    relations: [{ type: 'PRODUCES', from: FIRM, to: '磷酸铁', fromId: null, toId: 'product:iron-phosphate', quote: `${FIRM}磷酸铁二期项目投产后，年产能达到12万吨。`, capacity: 12, unit: '万吨/年', status: 'operating' }],
  };
  chuanheng = {
    text: '川恒股份福泉磷酸铁产能扩至15万吨，已全面投产。',
    entities: [{ name: '川恒股份', kind: 'Firm', match: 'firm:chuanheng' }],
    relations: [{ type: 'PRODUCES', from: '川恒股份', to: '磷酸铁', fromId: 'firm:chuanheng', toId: 'product:iron-phosphate', quote: '川恒股份福泉磷酸铁产能扩至15万吨，已全面投产。', capacity: 15, unit: '万吨/年', status: 'operating' }],
  };
  gql = useCuratedGraphQL(db, { curators: tokens.store, extractor: scriptedExtractor([first, later, chuanheng, unquotedCapacity]) });
});

afterAll(() => removeContribLayer(db));

describe('curation: ingest, review, layers, supersession', () => {
  let documentId: string;
  let firmId: string;

  it('stores an ingested article as a document with its text and PENDING candidates; the same text is the same document', async () => {
    const result = await ingest(first, { title: '测试报道', date: '2024-07-01', publisher: '测试日报' });
    expect(result.errors).toBeUndefined();
    const doc = result.data.ingestDocument.document;
    expect(doc.id).toBe(`doc:${doc.sha256.slice(0, 12)}`);
    expect(doc.text).toBe(first.text);
    expect(doc.origin).toBe('CONTRIB');
    expect(result.data.ingestDocument.created).toBe(true);
    expect(result.data.ingestDocument.candidates).toHaveLength(7);
    expect(result.data.ingestDocument.candidates.every((c: any) => c.state === 'PENDING')).toBe(true);
    documentId = doc.id;

    const before = await counts(db);
    const again = await ingest(first, { title: '测试报道', date: '2024-07-01' }, tokens.admin);
    expect(again.data.ingestDocument.created).toBe(false);
    expect(again.data.ingestDocument.document.id).toBe(documentId);
    expect(await counts(db)).toEqual(before);
    const queue = (await gql(null, `query ($d: ID) { reviewQueue(document: $d, first: 3) { totalCount edges { node { id } } pageInfo { hasNextPage } } }`, { d: documentId })).data.reviewQueue;
    expect(queue.totalCount).toBe(7);
    expect(queue.pageInfo.hasNextPage).toBe(true);
  });

  it('refuses to accept a relation whose new end is not resolved yet, and writes nothing', async () => {
    const result = await ingest(first, {});
    const produces = candidateOf(result, (c: any) => c.relationType === 'PRODUCES');
    const before = await counts(db);
    const refused = await review(produces.id, 'ACCEPT');
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0].message).toContain(FIRM);
    expect(await counts(db)).toEqual(before);
  });

  it('ingest → accept: a new operating iron-phosphate producer in the county fills its chain gap', async () => {
    const gapsBefore = (await gql(null, GAPS, { place: county.id })).data.chainGaps.map((g: any) => g.product.id);
    expect(gapsBefore).toContain('product:iron-phosphate');
    const result = await ingest(first, {});
    const firm = await review(candidateOf(result, (c: any) => c.name === FIRM).id, 'ACCEPT');
    expect(firm.errors).toBeUndefined();
    firmId = firm.data.reviewCandidate.entity.id;
    expect(firmId).toMatch(/^firm:[a-z0-9-]+$/);
    expect(firm.data.reviewCandidate.entity.origin).toBe('CONTRIB');
    const place = await review(candidateOf(result, (c: any) => c.name === county.name).id, 'ACCEPT');
    expect(place.data.reviewCandidate.entity.id).toBe(county.id);

    const located = await review(candidateOf(result, (c: any) => c.relationType === 'LOCATED_IN').id, 'ACCEPT', { role: 'production_base' });
    const produces = await review(candidateOf(result, (c: any) => c.relationType === 'PRODUCES').id, 'ACCEPT');
    expect(located.errors).toBeUndefined();
    const fact = produces.data.reviewCandidate.fact;
    expect(fact).toMatchObject({ type: 'PRODUCES', from: firmId, to: 'product:iron-phosphate', origin: 'CONTRIB', current: true, capacity: 5, status: 'operating', asOf: '2024-07-01' });
    expect(fact.reviewedBy).toBe('测试编辑 Test Curator');
    expect(fact.sources).toEqual([{ quote: '该公司年产5万吨磷酸铁生产线已于2024年6月建成投产。', document: { id: documentId } }]);

    const gapsAfter = (await gql(null, GAPS, { place: county.id })).data.chainGaps.map((g: any) => g.product.id);
    expect(gapsAfter).not.toContain('product:iron-phosphate');
    expect(gapsAfter).toEqual(gapsBefore.filter((id: string) => id !== 'product:iron-phosphate'));
    const mine = (await ironPhosphateProducers()).filter((p) => p.producer.id === firmId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ origin: 'CONTRIB', capacity: 5, current: true });
    // The new firm is found by name like a seeded one.
    expect((await gql(null, `query ($n: String!) { lookup(name: $n) { id origin } }`, { n: FIRM })).data.lookup).toEqual({ id: firmId, origin: 'CONTRIB' });
  });

  it('accepting again is a no-op: same fact, no new writes', async () => {
    const result = await ingest(first, {});
    const produces = candidateOf(result, (c: any) => c.relationType === 'PRODUCES');
    const before = await counts(db);
    const again = await review(produces.id, 'ACCEPT');
    expect(again.data.reviewCandidate.fact.from).toBe(firmId);
    expect(await counts(db)).toEqual(before);
    const conflict = await review(produces.id, 'REJECT');
    expect(conflict.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await counts(db)).toEqual(before);
  });

  it('loading the seed again (a restart with seeding on) keeps every contributed record', async () => {
    const before = await counts(db);
    await loadSeed(db, graph);
    expect(await counts(db)).toEqual(before);
    const gaps = (await gql(null, GAPS, { place: county.id })).data.chainGaps.map((g: any) => g.product.id);
    expect(gaps).not.toContain('product:iron-phosphate');

    // A seed that no longer declares the county keeps it while a contributed fact cites it.
    const without = { ...graph, entities: graph.entities.filter((e) => e.id !== county.id), relations: graph.relations.filter((r) => r.from !== county.id && r.to !== county.id) };
    const summary = await loadSeed(db, without);
    expect(summary.keptForContrib).toBe(1);
    expect((await gql(null, `query ($id: ID!) { entity(id: $id) { id } }`, { id: county.id })).data.entity).toEqual({ id: county.id });
    await loadSeed(db, graph);
    expect(await counts(db)).toEqual(before);
  }, 900_000);

  it('a later statement supersedes the older one, keeps it in the history, and the chain answers with the current one', async () => {
    const result = await ingest(later, { date: '2025-03-01' });
    const firm = await review(candidateOf(result, (c: any) => c.name === FIRM).id, 'ACCEPT', { entity: firmId });
    expect(firm.data.reviewCandidate.entity.id).toBe(firmId);
    const produces = await review(candidateOf(result, (c: any) => c.relationType === 'PRODUCES').id, 'ACCEPT');
    const fresh = produces.data.reviewCandidate.fact;
    expect(fresh).toMatchObject({ capacity: 12, asOf: '2025-03-01', current: true });
    const mine = (await ironPhosphateProducers()).filter((p) => p.producer.id === firmId);
    expect(mine.map((p) => p.capacity)).toEqual([12]);
    expect(mine[0].history.map((h: any) => [h.capacity, h.current, h.supersededBy])).toEqual([
      [5, false, fresh.id],
      [12, true, null],
    ]);
  });

  it('a contributed statement about a seeded fact sits beside it with both sources, and survives reseeding', async () => {
    const result = await ingest(chuanheng, { date: '2025-06-30' });
    const produces = await review(candidateOf(result, (c: any) => c.relationType === 'PRODUCES').id, 'ACCEPT');
    expect(produces.errors).toBeUndefined();
    await loadSeed(db, graph);
    const theirs = (await ironPhosphateProducers()).filter((p) => p.producer.id === 'firm:chuanheng');
    expect(theirs.map((p) => [p.capacity, p.origin])).toEqual([[15, 'CONTRIB']]);
    const history = theirs[0].history.map((h: any) => [h.origin, h.capacity, h.current]);
    expect(history).toContainEqual(['SEED', 10, false]);
    expect(history).toContainEqual(['CONTRIB', 15, true]);
  });

  it('reject → re-ingest: the rejected candidate does not come back', async () => {
    const result = await ingest(first, {});
    const bank = candidateOf(result, (c: any) => c.relationType === 'COOPERATES_WITH');
    const rejected = await review(bank.id, 'REJECT', { reason: 'not a cooperation' });
    expect(rejected.data.reviewCandidate.candidate.state).toBe('REJECTED');
    const again = await ingest(first, {});
    expect(candidateOf(again, (c: any) => c.id === bank.id).state).toBe('REJECTED');
    const pending = (await gql(null, `query ($d: ID) { reviewQueue(document: $d) { edges { node { id } } } }`, { d: documentId })).data.reviewQueue.edges.map((e: any) => e.node.id);
    expect(pending).not.toContain(bank.id);
  });

  it('an admin retracts a fact; what it superseded is current again', async () => {
    const fresh = (await ironPhosphateProducers()).find((p) => p.producer.id === firmId);
    const result = await gql(tokens.admin, `mutation ($id: ID!) { retractFact(id: $id, reason: "二期尚未投产") { id current retracted retractedReason } }`, { id: fresh.id });
    expect(result.data.retractFact).toEqual({ id: fresh.id, current: false, retracted: true, retractedReason: '二期尚未投产' });
    const mine = (await ironPhosphateProducers()).filter((p) => p.producer.id === firmId);
    expect(mine.map((p) => p.capacity)).toEqual([5]);
  });

  it('lists the changes by curator and time', async () => {
    const log = (await gql(null, `{ audit(first: 100) { totalCount edges { node { at curator role action target summary document { id } } } } }`)).data.audit;
    const actions = log.edges.map((e: any) => e.node);
    expect(actions.filter((a: any) => a.action === 'ingest').map((a: any) => a.curator)).toEqual(['测试编辑 Test Curator', '测试编辑 Test Curator', '测试编辑 Test Curator']);
    expect(actions.find((a: any) => a.action === 'retract')).toMatchObject({ curator: 'Test Admin', role: 'admin' });
    expect(actions.filter((a: any) => a.action === 'reject')).toHaveLength(1);
    const times = actions.map((a: any) => a.at);
    expect(times).toEqual([...times].sort().reverse());
    const mine = (await gql(null, `{ audit(curator: "Test Admin") { totalCount } }`)).data.audit.totalCount;
    expect(mine).toBe(1);
  });
});

describe('authentication and roles', () => {
  const MUTATIONS: [string, Record<string, unknown>][] = [
    ['mutation ($t: String!) { ingestDocument(input: { text: $t }) { created } }', {}],
    ['mutation ($id: ID!) { reviewCandidate(id: $id, decision: ACCEPT) { candidate { id } } }', {}],
    ['mutation ($id: ID!) { retractFact(id: $id, reason: "x") { id } }', {}],
  ];
  const variables = () => ({ t: first.text, id: 'PRODUCES|firm:chuanheng|product:iron-phosphate|x' });
  // A limit these tests cannot reach: the failures they make on purpose are counted by the next test's own limiter.
  let gql: ReturnType<typeof useCuratedGraphQL>;
  beforeAll(() => {
    gql = useCuratedGraphQL(db, { curators: tokens.store, extractor: scriptedExtractor([first]), limiter: new FailureLimiter(1_000) });
  });

  it('refuses every mutation without a token and with a wrong one, writing nothing', async () => {
    for (const token of [null, tokens.stranger, `${tokens.curator.slice(0, -2)}xx`, 'not-a-token']) {
      for (const [query] of MUTATIONS) {
        const before = await counts(db);
        const result = await gql(token, query, variables());
        expect(result.errors?.[0].extensions?.code, `${token} ${query}`).toBe('UNAUTHENTICATED');
        expect(result.status).toBe(401);
        expect(result.data ?? null).toBeNull();
        expect(await counts(db)).toEqual(before);
      }
    }
  });

  it('refuses an admin-only mutation to a curator (FORBIDDEN), also inside a mixed operation, writing nothing', async () => {
    const before = await counts(db);
    const alone = await gql(tokens.curator, MUTATIONS[2][0], variables());
    expect(alone.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(alone.status).toBe(403);
    const mixed = await gql(tokens.curator, 'mutation ($t: String!, $id: ID!) { ingestDocument(input: { text: $t }) { created } retractFact(id: $id, reason: "x") { id } }', variables());
    expect(mixed.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await counts(db)).toEqual(before);
  });

  it('keeps reads public', async () => {
    const result = await gql(null, '{ audit(first: 1) { totalCount } reviewQueue(first: 1) { totalCount } }');
    expect(result.errors).toBeUndefined();
  });

  it('rate-limits failed attempts per client: after the limit even a good token is refused', async () => {
    const limited = useCuratedGraphQL(db, { curators: tokens.store, extractor: scriptedExtractor([first]), limiter: new FailureLimiter(3, 60_000, () => 0) });
    const query = MUTATIONS[0][0];
    for (let i = 0; i < 3; i++) expect((await limited(tokens.stranger, query, variables())).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const before = await counts(db);
    const refused = await limited(tokens.curator, query, variables());
    expect(refused.errors?.[0].extensions?.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.status).toBe(429);
    expect(await counts(db)).toEqual(before);
  });
});

describe('the capacity rule (src/domain/facts.ts)', () => {
  it('refuses to accept a capacity whose quote does not say it is one, and writes nothing', async () => {
    const result = await ingest(unquotedCapacity, { title: '产量报道' });
    expect(result.errors).toBeUndefined();
    const produces = candidateOf(result, (c: any) => c.relationType === 'PRODUCES');
    const before = await counts(db);
    const refused = await review(produces.id, 'ACCEPT');
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0].message).toContain('产能');
    expect(await counts(db)).toEqual(before);
    const queued = (await gql(null, `query ($id: ID!) { candidate(id: $id) { state } }`, { id: produces.id })).data.candidate;
    expect(queued.state).toBe('PENDING');
  });
});

describe('with the real extractor', () => {
  let real: ReturnType<typeof useCuratedGraphQL>;
  beforeAll(() => {
    real = useCuratedGraphQL(db, { curators: tokens.store });
  });
  afterAll(() => removeContribLayer(db));

  it('stores what extractArticle finds as PENDING candidates whose quotes are the text at their offsets', async () => {
    const text = '贵州测试锂电材料有限公司位于福泉市。该公司年产10万吨磷酸铁锂项目已于2025年3月投产。';
    const result = await real(tokens.curator, `mutation ($t: String!) { ingestDocument(input: { text: $t, date: "2025-04-01" }) {
      document { id text } candidates { id kind state start end name quote mentions { quote start end } match { id } } } }`, { t: text });
    expect(result.errors).toBeUndefined();
    const { document, candidates } = result.data.ingestDocument;
    expect(document.text).toBe(text);
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates.every((c: any) => c.state === 'PENDING')).toBe(true);
    for (const c of candidates) {
      for (const q of c.kind === 'ENTITY' ? c.mentions : [c]) expect(text.slice(q.start, q.end)).toBe(q.quote);
    }
    expect(candidates.find((c: any) => c.kind === 'ENTITY' && c.name === '福泉市')?.match?.id).toBe('place:fuquan');
  });

  it('ingesting a seeded document\'s text finds that document', async () => {
    const doc = graph.documents.find((d) => d.id === 'doc:004')!;
    const result = await real(tokens.curator, `mutation ($t: String!) { ingestDocument(input: { text: $t }) { created document { id origin } } }`, { t: doc.text });
    expect(result.errors).toBeUndefined();
    expect(result.data.ingestDocument).toEqual({ created: false, document: { id: 'doc:004', origin: 'SEED' } });
  }, 300_000);
});
