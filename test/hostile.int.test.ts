import { Q } from '../src/db/queries.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABUSE_CASES, relationsNested } from './support/abuse.js';
import { startTestServer, useTestDb } from './support/harness.js';
import { MAX_BODY_BYTES } from '../src/server/http.js';

/**
 * Hostile and malformed requests over real HTTP: each is answered with the expected code and
 * changes nothing (nodes and relationships counted before and after). The limits refuse before
 * any Cypher runs: those answers report zero round trips.
 */
const db = useTestDb();
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer(db);
});
afterAll(() => server.close());

async function counts() {
  const [row] = await db.read(Q.graphCounts, {});
  return { nodes: Number(row.nodes), relationships: Number(row.relationships) };
}

interface Case {
  name: string;
  /** A GraphQL request (JSON-encoded for you) or a raw body with its own headers. */
  query?: string;
  variables?: unknown;
  raw?: { body: string | Uint8Array; headers?: Record<string, string>; method?: string; path?: string };
  /** The first error's extensions.code; 'none' when the answer must have no errors. */
  code: string | string[];
  status?: number;
  /** Refused by a limit: must not have reached Cypher. */
  beforeCypher?: boolean;
}

const LIMIT = { beforeCypher: true };
const repeat = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join(' ');
const nested = (n: number, field: string, leaf = 'id') => `${`${field} { `.repeat(n)}${leaf}${' }'.repeat(n)}`;

const cases: Case[] = [
  // The requests that took the server down or hung it before issue 12.
  ...ABUSE_CASES.filter((c) => !c.name.startsWith('1,000 aliases')).map((c) => ({
    name: c.name,
    query: c.query,
    code: ['QUERY_TOO_COSTLY', 'QUERY_TOO_DEEP', 'TOO_MANY_TOKENS'],
    ...LIMIT,
  })),
  // 1,000 aliases are bigger than any body the API reads.
  ...ABUSE_CASES.filter((c) => c.name.startsWith('1,000 aliases')).map((c) => ({ name: c.name, query: c.query, code: ['PAYLOAD_TOO_LARGE', 'TOO_MANY_TOKENS'] })),
  // The same shapes small enough to be read: refused by the token, alias and cost limits.
  { name: '100 aliases of search(first: 100)', query: `{ ${repeat(100, (i) => `a${i}: search(text: "贵州", first: 100) { totalCount }`)} }`, code: ['TOO_MANY_TOKENS', 'TOO_MANY_ALIASES'], ...LIMIT },
  ...[21, 30, 60, 120].map((n) => ({ name: `${n} aliases of lookup`, query: `{ ${repeat(n, (i) => `a${i}: lookup(name: "福泉") { id }`)} }`, code: 'TOO_MANY_ALIASES', ...LIMIT })),
  ...[11, 12, 15, 20, 40].map((n) => ({ name: `Place.children nested ${n} deep`, query: `{ lookup(name: "贵州省") { ... on Place { ${nested(n, 'children')} } } }`, code: 'QUERY_TOO_DEEP', ...LIMIT })),
  ...[11, 14, 30].map((n) => ({ name: `Place.parent nested ${n} deep`, query: `{ lookup(name: "福泉") { ... on Place { ${nested(n, 'parent')} } } }`, code: 'QUERY_TOO_DEEP', ...LIMIT })),
  ...[600, 2_000, 20_000].map((n) => ({ name: `Place.parent nested ${n} deep`, query: `{ lookup(name: "福泉") { ... on Place { ${nested(n, 'parent')} } } }`, code: ['TOO_MANY_TOKENS', 'QUERY_TOO_DEEP', 'PAYLOAD_TOO_LARGE'], ...LIMIT })),
  { name: '2,500 repeated id fields', query: `{ lookup(name: "福泉") { ${repeat(2_500, () => 'id')} } }`, code: 'TOO_MANY_TOKENS', ...LIMIT },
  { name: '21 directives', query: `{ lookup(name: "福泉") { id ${repeat(21, (i) => `n${i}: name @include(if: true)`)} } }`, code: ['TOO_MANY_DIRECTIVES', 'TOO_MANY_ALIASES'], ...LIMIT },
  { name: '30 directives on one field', query: `{ lookup(name: "福泉") { id ${repeat(30, () => '@include(if: true)')} } }`, code: ['TOO_MANY_DIRECTIVES', 'GRAPHQL_VALIDATION_FAILED'], ...LIMIT },
  { name: 'relations→toEntity nested 3 deep', query: relationsNested(3), code: 'QUERY_TOO_COSTLY', ...LIMIT },
  { name: 'relations of 100 search hits, twice nested', query: `{ search(text: "贵州", first: 100) { edges { node { relations { toEntity { relations { type } } } } } } }`, code: 'QUERY_TOO_COSTLY', ...LIMIT },
  { name: 'relations of 100 search hits via a variable', query: `query ($n: Int) { search(text: "贵州", first: $n) { edges { node { relations { toEntity { relations { type } } } } } } }`, variables: { n: 100 }, code: 'QUERY_TOO_COSTLY', ...LIMIT },
  { name: '20 aliases of path at 8 hops', query: `{ ${repeat(20, (i) => `p${i}: path(from: "川恒", to: "贵安新区", maxHops: 8) { nodes { id } edges { type sources { quote } } }`)} }`, code: 'QUERY_TOO_COSTLY', ...LIMIT },
  { name: '3 largest neighbourhoods in one request', query: `{ ${repeat(3, (i) => `n${i}: neighborhood(id: "place:guizhou", depth: 3, limit: 500) { nodes { id } edges { type sources { quote } } }`)} }`, code: 'QUERY_TOO_COSTLY', ...LIMIT },
  { name: 'neighbourhood nodes with their relations', query: `{ neighborhood(id: "place:guizhou", depth: 3, limit: 500) { nodes { relations { toEntity { id } } } } }`, code: 'QUERY_TOO_COSTLY', ...LIMIT },
  { name: '10 aliases of the chain with producers and evidence', query: `{ ${repeat(10, (i) => `c${i}: supplyChain(from: "磷矿石", to: "新能源汽车") { steps { producers { edges { node { producer { relations { type } } sources { document { title } } } } } } }`)} }`, code: 'QUERY_TOO_COSTLY', ...LIMIT },
  { name: 'firmsIn 100 with placements and ancestors', query: `{ firmsIn(place: "贵州", first: 100) { edges { node { firm { placements { place { ancestors { children { id } } } } } } } } }`, code: 'QUERY_TOO_COSTLY', ...LIMIT },
  { name: 'fragment tree of 12 levels (within the depth limit)', query: `{ lookup(name: "贵州省") { ... on Place { ...F0 } } } ${repeat(12, (i) => (i === 11 ? `fragment F${i} on Place { id }` : `fragment F${i} on Place { a: children { ...F${i + 1} } b: children { ...F${i + 1} } }`))}`, code: ['QUERY_TOO_DEEP', 'QUERY_TOO_COSTLY'], ...LIMIT },
  { name: 'fragment tree of 8 levels over relations', query: `{ lookup(name: "贵州省") { ...F0 } } ${repeat(8, (i) => (i === 7 ? `fragment F${i} on Entity { id }` : `fragment F${i} on Entity { relations { toEntity { ...F${i + 1} } fromEntity { ...F${i + 1} } } }`))}`, code: ['QUERY_TOO_DEEP', 'QUERY_TOO_COSTLY'], ...LIMIT },
  // Arguments out of bounds.
  ...[0, -1, 101, 1_000_000].map((first) => ({ name: `search first: ${first}`, query: `{ search(text: "福泉", first: ${first}) { totalCount } }`, code: 'BAD_USER_INPUT' })),
  ...[0, -5, 101].map((first) => ({ name: `firmsIn first: ${first}`, query: `{ firmsIn(place: "福泉", first: ${first}) { totalCount } }`, code: 'BAD_USER_INPUT' })),
  ...[0, 9, -1, 100].map((maxHops) => ({ name: `path maxHops: ${maxHops}`, query: `{ path(from: "川恒", to: "贵安新区", maxHops: ${maxHops}) { length } }`, code: 'BAD_USER_INPUT' })),
  ...[0, 4, -2].map((depth) => ({ name: `neighborhood depth: ${depth}`, query: `{ neighborhood(id: "place:guizhou", depth: ${depth}) { totalNodes } }`, code: 'BAD_USER_INPUT' })),
  ...[0, 501, -1].map((limit) => ({ name: `neighborhood limit: ${limit}`, query: `{ neighborhood(id: "place:guizhou", limit: ${limit}) { totalNodes } }`, code: 'BAD_USER_INPUT' })),
  { name: 'first beyond 32 bits', query: `{ search(text: "福泉", first: 99999999999) { totalCount } }`, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'first as a string variable', query: `query ($n: Int) { search(text: "福泉", first: $n) { totalCount } }`, variables: { n: 'ten' }, code: ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'] },
  { name: 'a cursor this API never returned', query: `{ search(text: "福泉", after: "bm90LWEtY3Vyc29y") { totalCount } }`, code: 'BAD_USER_INPUT' },
  { name: 'a cursor past 32 bits', query: `{ search(text: "福泉", after: "${Buffer.from('offset:9999999999').toString('base64url')}") { totalCount } }`, code: 'BAD_USER_INPUT' },
  { name: 'unknown kind', query: `{ search(text: "福泉", kinds: [PLANET]) { totalCount } }`, code: 'GRAPHQL_VALIDATION_FAILED' },
  // Names that try to be something else.
  ...['lookup(name: $n) { id }', 'firmsIn(place: $n) { totalCount }', 'path(from: $n, to: "贵安新区") { length }', 'policies(concerning: $n) { inherited }', 'chainGaps(place: $n, from: "磷矿石", to: "新能源汽车") { product { id } }'].flatMap((field) =>
    [
      `' OR 1=1 --`,
      `"}) DETACH DELETE n //`,
      'MATCH (n) DETACH DELETE n',
      '\u0000\u0001',
      '../../etc/passwd',
      '<script>alert(1)</script>',
    ].map((n) => ({ name: `${field.split('(')[0]} named ${JSON.stringify(n)}`, query: `query ($n: String!) { ${field} }`, variables: { n }, code: ['NOT_FOUND', 'BAD_USER_INPUT'] })),
  ),
  { name: 'a 10,000-character name', query: `query ($n: String!) { lookup(name: $n) { id } }`, variables: { n: '贵'.repeat(10_000) }, code: ['BAD_USER_INPUT', 'NOT_FOUND'] },
  { name: 'a lone surrogate in a name', query: `query ($n: String!) { lookup(name: $n) { id } }`, variables: { n: 'a\ud800b' }, code: ['NOT_FOUND', 'BAD_USER_INPUT'] },
  { name: 'search for an injection string finds nothing and writes nothing', query: `{ search(text: "\\"}) DETACH DELETE n //") { totalCount } }`, code: 'none' },
  // Requests that are not valid GraphQL.
  { name: 'mutation', query: 'mutation { deleteEverything }', code: ['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'] },
  { name: 'subscription', query: 'subscription { ticks }', code: ['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'] },
  { name: 'unknown field', query: '{ nodes { id } }', code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'unknown argument', query: '{ lookup(name: "福泉", cypher: "MATCH (n) DETACH DELETE n") { id } }', code: 'GRAPHQL_VALIDATION_FAILED' },
  // An entity's relations, paged or as a list (src/services/relations.ts): bad arguments are refused with nothing written.
  { name: 'relationsConnection with a cursor that is not one', query: '{ lookup(name: "贵州省") { relationsConnection(after: "bm9wZQ") { totalCount } } }', code: 'BAD_USER_INPUT' },
  { name: "relationsConnection with firmsIn's cursor", query: `{ lookup(name: "贵州省") { relationsConnection(after: "${Buffer.from('key:["贵阳"]').toString('base64url')}") { totalCount } } }`, code: 'BAD_USER_INPUT' },
  { name: 'relationsConnection with a cursor of an unknown group', query: `{ lookup(name: "贵州省") { relationsConnection(after: "${Buffer.from('key:[99,"place:x","k",0]').toString('base64url')}") { totalCount } } }`, code: 'BAD_USER_INPUT' },
  { name: 'relationsConnection with a negative cursor index', query: `{ lookup(name: "贵州省") { relationsConnection(after: "${Buffer.from('key:[0,"place:x","k",-1]').toString('base64url')}") { totalCount } } }`, code: 'BAD_USER_INPUT' },
  ...[0, -1, 101, 100_000].map((n) => ({ name: `relationsConnection(first: ${n})`, query: `{ lookup(name: "贵州省") { relationsConnection(first: ${n}) { totalCount } } }`, code: 'BAD_USER_INPUT' })),
  ...[0, 1_001].map((n) => ({ name: `relations(first: ${n})`, query: `{ lookup(name: "贵州省") { relations(first: ${n}) { type } } }`, code: 'BAD_USER_INPUT' })),
  { name: 'relations of an unknown type', query: '{ lookup(name: "贵州省") { relations(types: ["NOPE"]) { type } } }', code: 'BAD_USER_INPUT' },
  { name: 'relationsConnection of the area index type (not a fact)', query: '{ lookup(name: "贵州省") { relationsConnection(types: ["IN_AREA"]) { totalCount } } }', code: 'BAD_USER_INPUT' },
  { name: "relations of a type spelled as Cypher", query: '{ lookup(name: "贵州省") { relations(types: ["WITHIN]-() DETACH DELETE n //"]) { type } } }', code: 'BAD_USER_INPUT' },
  { name: 'relations with an unknown direction', query: '{ lookup(name: "贵州省") { relations(direction: SIDEWAYS) { type } } }', code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'relations(first: 1000) nested twice', query: '{ lookup(name: "贵州省") { relations(first: 1000) { toEntity { relations(first: 1000) { type } } } } }', code: 'QUERY_TOO_COSTLY', ...LIMIT },
  { name: 'relationsConnection(first: 100) of 100 search hits, nested', query: '{ search(text: "贵州", first: 100) { edges { node { relationsConnection(first: 100) { edges { node { toEntity { id } } } } } } } }', code: 'QUERY_TOO_COSTLY', ...LIMIT },
  { name: 'missing required argument', query: '{ lookup { id } }', code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'missing required variable', query: 'query ($n: String!) { lookup(name: $n) { id } }', code: ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'] },
  { name: 'undefined variable', query: '{ lookup(name: $n) { id } }', code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a fragment cycle', query: '{ lookup(name: "福泉") { ...A } } fragment A on Entity { relations { toEntity { ...B } } } fragment B on Entity { relations { toEntity { ...A } } }', code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'an unknown fragment', query: '{ lookup(name: "福泉") { ...Nope } }', code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'two anonymous operations', query: '{ documents { id } } { documents { title } }', code: ['GRAPHQL_VALIDATION_FAILED', 'OPERATION_RESOLUTION_FAILURE'] },
  { name: 'syntax error', query: '{ lookup(name: "福泉" { id }', code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'unterminated string', query: '{ lookup(name: "福泉) { id } }', code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'empty query', query: '', code: ['BAD_REQUEST', 'GRAPHQL_PARSE_FAILED'] },
  { name: 'query of only a comment', query: '# nothing', code: ['GRAPHQL_PARSE_FAILED', 'BAD_REQUEST'] },
  { name: 'scalar selected with a sub-selection', query: '{ lookup(name: "福泉") { id { x } } }', code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'object selected without a sub-selection', query: '{ lookup(name: "福泉") }', code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'an unknown directive', query: '{ lookup(name: "福泉") @delete { id } }', code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'introspection of a type nested deep', query: `{ __type(name: "Place") { ${nested(12, 'fields { type { ofType', 'name')}${' } }'.repeat(0)} } }`, code: ['QUERY_TOO_DEEP', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED'] },
  { name: 'operationName that is not in the document', raw: { body: JSON.stringify({ query: 'query A { documents { id } }', operationName: 'B' }) }, code: ['OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST'] },
  // Bodies that are not requests.
  { name: 'invalid JSON', raw: { body: '{"query": ' }, code: 'BAD_REQUEST', status: 400 },
  { name: 'JSON null', raw: { body: 'null' }, code: 'BAD_REQUEST', status: 400 },
  { name: 'query as a number', raw: { body: JSON.stringify({ query: 42 }) }, code: 'BAD_REQUEST', status: 400 },
  { name: 'variables as a string', raw: { body: JSON.stringify({ query: '{ documents { id } }', variables: 'x' }) }, code: 'BAD_REQUEST', status: 400 },
  { name: 'a batch (array) of operations', raw: { body: JSON.stringify([{ query: '{ documents { id } }' }]) }, code: 'BAD_REQUEST', status: 400 },
  { name: 'invalid UTF-8 in the body', raw: { body: new Uint8Array([0x7b, 0x22, 0x71, 0x22, 0x3a, 0xff, 0xfe, 0x7d]) }, code: 'BAD_REQUEST', status: 400 },
  { name: 'a body over the limit', raw: { body: JSON.stringify({ query: `{ documents { id } } # ${'x'.repeat(MAX_BODY_BYTES + 1)}` }) }, code: 'PAYLOAD_TOO_LARGE', status: 413 },
  { name: 'mutation over GET', raw: { method: 'GET', body: '', path: `/graphql?query=${encodeURIComponent('mutation { x }')}` }, code: ['BAD_REQUEST', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'] },
  { name: 'an unknown field over GET', raw: { method: 'GET', body: '', path: `/graphql?query=${encodeURIComponent('{ nope }')}` }, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'deep nesting over GET', raw: { method: 'GET', body: '', path: `/graphql?query=${encodeURIComponent(`{ lookup(name: "福泉") { ... on Place { ${nested(30, 'parent')} } } }`)}` }, code: 'QUERY_TOO_DEEP' },
];

async function send(c: Case): Promise<{ status: number; code: string; roundTrips: number | null }> {
  const method = c.raw?.method ?? 'POST';
  const body = c.raw ? c.raw.body : JSON.stringify({ query: c.query, variables: c.variables ?? {} });
  const response = await fetch(`${server.url}${c.raw?.path ?? '/graphql'}`, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...c.raw?.headers },
    body: method === 'GET' ? undefined : typeof body === 'string' ? body : Buffer.from(body),
  });
  const text = await response.text();
  let parsed: { errors?: { extensions?: { code?: string } }[]; extensions?: { cypher?: { roundTrips: number } } } = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    /* a non-JSON answer has no code */
  }
  const code = parsed.errors?.length ? (parsed.errors[0].extensions?.code ?? '(none)') : 'none';
  return { status: response.status, code, roundTrips: parsed.extensions?.cypher?.roundTrips ?? null };
}

describe('hostile and malformed requests', () => {
  it('has at least 100 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  for (const c of cases) {
    it(`${c.name} → ${[c.code].flat().join(' | ')}`, async () => {
      const before = await counts();
      const answer = await send(c);
      expect([c.code].flat(), `answered ${answer.code} (HTTP ${answer.status})`).toContain(answer.code);
      if (c.status) expect(answer.status).toBe(c.status);
      // Refused before execution: no Cypher ran (no round trips are reported, or zero).
      if (c.beforeCypher) expect(answer.roundTrips ?? 0).toBe(0);
      expect(await counts()).toEqual(before);
    });
  }
});
