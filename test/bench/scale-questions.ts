import { fileURLToPath } from 'node:url';
import neo4j, { type Driver } from 'neo4j-driver';
import type { SynthPlan } from '../../src/synth/generate.js';
import { CYPHER_TOKENS } from '../../src/db/queries.js';
import { readCypherBlocks } from '../../src/db/catalogue.js';
import { luceneQuery } from '../../src/services/resolve.js';
import { searchBound } from '../../src/services/search.js';
import { searchKey } from '../../src/text/normalize.js';

/**
 * The questions of the scale benchmark (and of its CI test): per root field, GraphQL operations
 * over synthetic targets, and the floor — hand-written Cypher for the same answer.
 */
export interface Question {
  /** Row label: root field and what is asked. */
  label: string;
  field: string;
  query: string;
  /** Variables of sample i (targets rotate so no single answer stays cached). */
  variables(i: number): Record<string, unknown>;
  /** Floor variants (named blocks of scale-floors.cypher) and their parameters for sample i. */
  floors: string[];
  floorParams(i: number): Record<string, unknown>;
  /** Index-backed questions should not grow with the graph (the growth target applies to them). */
  indexBacked: boolean;
  /**
   * Where the answers are easy to compare: whether a floor's rows are the API's answer (its `data`). A
   * floor variant that answers otherwise is not sampled: it is no floor (the benchmark says so).
   */
  sameAnswer?(data: any, rows: Record<string, unknown>[]): boolean;
}

// Read as the API's own statements are (readCypherBlocks: tokens such as FACT_TYPES, comments stripped).
const FLOORS = readCypherBlocks([fileURLToPath(new URL('./scale-floors.cypher', import.meta.url))], CYPHER_TOKENS);

/** Runs floors on their own driver, configured like the application's. */
export class FloorRunner {
  private readonly driver: Driver;
  constructor(uri: string, auth?: { username?: string; password?: string }, private readonly database?: string) {
    const token = auth?.username ? neo4j.auth.basic(auth.username, auth.password ?? '') : undefined;
    this.driver = neo4j.driver(uri, token, { disableLosslessIntegers: true, maxConnectionPoolSize: 20 });
  }
  async run(name: string, params: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    const text = FLOORS.get(name);
    if (!text) throw new Error(`no floor named ${name}`);
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      // An auto-commit read, as the API's reads are (autoCommitRead in src/db/graph.ts): RUN and PULL in one write.
      const result = await session.run(text, params, { timeout: 60_000 });
      return result.records.map((r) => r.toObject());
    } finally {
      await session.close();
    }
  }
  async raw(text: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
    const session = this.driver.session({ database: this.database });
    try {
      return (await session.run(text, params)).records.map((r) => r.toObject());
    } finally {
      await session.close();
    }
  }
  close(): Promise<void> {
    return this.driver.close();
  }
}

export interface Targets {
  province: string;
  counties: string[];
  parks: string[];
  firms: { id: string; name: string; alias: string }[];
  chain: { from: string; to: string };
  dense: { from: string; to: string } | null;
  provinceId: string;
}

/** Names of synthetic targets: firms spread over the id range, parks and counties with firms. */
export async function pickTargets(floor: FloorRunner, plan: SynthPlan, count = 20): Promise<Targets> {
  const firmIds = Array.from({ length: count }, (_, k) => `firm:syn-${String(Math.floor(((k + 0.5) * plan.options.firms) / count)).padStart(7, '0')}`);
  const firms = (await floor.raw('UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id, n.name AS name, n.aliases[0] AS alias', { ids: firmIds })) as Targets['firms'];
  const parks = (await floor.raw(
    `UNWIND $ids AS id MATCH (f:Entity {id: id})-[:LOCATED_IN]->(p:Place {placeKind: 'park'}) RETURN DISTINCT p.name AS name LIMIT toInteger($count)`,
    { ids: firmIds, count },
  )) as { name: string }[];
  const counties = (await floor.raw(`UNWIND $ids AS id MATCH (c:Entity {id: id}) RETURN c.name AS name`, {
    ids: [...plan.units].sort((a, b) => b.weight - a.weight).slice(0, 5).map((u) => u.id),
  })) as { name: string }[];
  return {
    province: plan.province.name,
    provinceId: plan.province.id,
    counties: counties.map((c) => c.name),
    parks: parks.map((p) => p.name),
    firms,
    chain: { from: plan.chain.from, to: plan.chain.to },
    dense: plan.denseChain ? { from: plan.denseChain.from, to: plan.denseChain.to } : null,
  };
}

const at = <T>(items: T[], i: number): T => items[i % items.length];
/** Whether a floor's rows name the same entities, in the same order, as the API's answer. */
const sameIds = (api: string[], rows: Record<string, unknown>[]) => JSON.stringify(api) === JSON.stringify(rows.map((r) => r.id));

/**
 * The questions. `paged` says whether ChainStep.producers takes paging arguments (the schema is
 * introspected, so the benchmark runs before and after the query rewrite).
 */
export function questions(t: Targets, schema: { pagedProducers: boolean }): Question[] {
  const producers = schema.pagedProducers
    ? `producers(first: 10) { totalCount edges { node { producer { id name } place { id name } status capacity } } }`
    : `producers { producer { id name } place { id name } status capacity }`;
  const candidates = schema.pagedProducers ? `candidates(first: 5) { edges { node { producer { id name } place { id name } } } }` : `candidates { producer { id name } place { id name } }`;

  // chainGaps of a county (few gaps at 1M) and of a park (most steps are gaps: the candidates' work).
  const chainGapsOf = (kind: string, places: string[], indexBacked: boolean): Question => ({
    label: `chainGaps (${kind}, 8 layers)`,
    field: 'chainGaps',
    query: `query ($p: String!, $a: String!, $b: String!) { chainGaps(place: $p, from: $a, to: $b) { product { id name } ${candidates} } }`,
    variables: (i) => ({ p: at(places, i), a: t.chain.from, b: t.chain.to }),
    floors: ['gaps', 'gapsByIndexes'],
    floorParams: (i) => ({ place: at(places, i), from: t.chain.from, to: t.chain.to }),
    indexBacked,
  });
  const firstProducers = schema.pagedProducers ? 10 : null;
  const list: Question[] = [
    {
      label: 'lookup (firm by name)',
      field: 'lookup',
      query: `query ($n: String!) { lookup(name: $n) { id name } }`,
      variables: (i) => ({ n: at(t.firms, i).name }),
      floors: ['lookup'],
      floorParams: (i) => ({ name: at(t.firms, i).name }),
      indexBacked: true,
    },
    {
      label: 'search (firm short name, first 10)',
      field: 'search',
      query: `query ($t: String!) { search(text: $t, first: 10) { edges { node { id name } } } }`,
      variables: (i) => ({ t: at(t.firms, i).alias }),
      floors: ['search'],
      // The text as the API keys it (searchKey, luceneQuery) and its bound for a first page of 10.
      floorParams: (i) => ({ key: searchKey(at(t.firms, i).alias), lucene: luceneQuery(at(t.firms, i).alias), first: 10, bound: searchBound(0, 10) }),
      sameAnswer: (data, rows) => sameIds(data.search.edges.map((e: { node: { id: string } }) => e.node.id), rows),
      indexBacked: true,
    },
    {
      label: 'firmsIn park (first 50)',
      field: 'firmsIn',
      query: `query ($p: String!) { firmsIn(place: $p, first: 50) { edges { node { firm { id name } place { id name } role } } } }`,
      variables: (i) => ({ p: at(t.parks, i) }),
      floors: ['firmsPage', 'firmsPageByNameIndex', 'firmsPageByAreaIndex'],
      floorParams: (i) => ({ place: at(t.parks, i), first: 50 }),
      indexBacked: true,
    },
    {
      label: 'firmsIn county (first 50)',
      field: 'firmsIn',
      query: `query ($p: String!) { firmsIn(place: $p, first: 50) { edges { node { firm { id name } place { id name } role } } } }`,
      variables: (i) => ({ p: at(t.counties, i) }),
      floors: ['firmsPage', 'firmsPageByNameIndex', 'firmsPageByAreaIndex'],
      floorParams: (i) => ({ place: at(t.counties, i), first: 50 }),
      indexBacked: true,
    },
    {
      label: 'firmsIn province + totalCount',
      field: 'firmsIn',
      query: `query ($p: String!) { firmsIn(place: $p, first: 50) { totalCount edges { node { firm { id name } place { id name } role } } } }`,
      variables: () => ({ p: t.province }),
      floors: ['firmsTotalAndPage', 'firmsTotalAndPageByAreaIndex'],
      floorParams: () => ({ place: t.province, first: 50 }),
      indexBacked: true,
    },
    {
      label: 'supplyChain (8 layers)',
      field: 'supplyChain',
      query: `query ($a: String!, $b: String!) { supplyChain(from: $a, to: $b) { steps { product { id name } inputs { id } ${producers} } } }`,
      variables: () => ({ a: t.chain.from, b: t.chain.to }),
      // The producer index (PRODUCER_RANK) pages every step: its floor reads it too (the fastest variant counts).
      floors: ['chain', 'chainByProducerIndex'],
      floorParams: () => ({ from: t.chain.from, to: t.chain.to, first: firstProducers }),
      indexBacked: true,
    },
    chainGapsOf('county', t.counties, false),
    chainGapsOf('park', t.parks, true),
    {
      label: 'path (firm to firm)',
      field: 'path',
      query: `query ($a: String!, $b: String!) { path(from: $a, to: $b) { length nodes { id name } edges { type } } }`,
      variables: (i) => ({ a: at(t.firms, i).name, b: at(t.firms, i + 7).name }),
      floors: ['path'],
      floorParams: (i) => ({ from: at(t.firms, i).name, to: at(t.firms, i + 7).name }),
      indexBacked: false,
    },
    {
      label: 'neighborhood (province, depth 2, limit 100)',
      field: 'neighborhood',
      query: `query ($id: ID!) { neighborhood(id: $id, depth: 2, limit: 100) { totalNodes nodes { id name } edges { type } } }`,
      variables: () => ({ id: t.provinceId }),
      floors: ['neighbourhood'],
      floorParams: () => ({ id: t.provinceId, limit: 100 }),
      indexBacked: false,
    },
    {
      label: 'policies (firm, inherited)',
      field: 'policies',
      query: `query ($n: String!) { policies(concerning: $n) { policy { id name } via { id } inherited } }`,
      variables: (i) => ({ n: at(t.firms, i).name }),
      floors: ['policies'],
      floorParams: (i) => ({ name: at(t.firms, i).name }),
      indexBacked: true,
    },
  ];
  if (t.dense) {
    const dense = t.dense;
    list.push({
      label: 'supplyChain (dense: 4·10^12 paths)',
      field: 'supplyChain',
      query: `query ($a: String!, $b: String!) { supplyChain(from: $a, to: $b) { steps { product { id } inputs { id } } } }`,
      variables: () => ({ a: dense.from, b: dense.to }),
      floors: ['chain'],
      floorParams: () => ({ from: dense.from, to: dense.to, first: firstProducers }),
      indexBacked: false,
    });
  }
  return list;
}

/** Whether ChainStep.producers takes paging arguments in the schema being measured. */
export async function introspect(post: (query: string) => Promise<{ data?: any }>): Promise<{ pagedProducers: boolean }> {
  // A failed request (a busy machine's first one after start can time out) is asked again, never read as "not paged".
  for (let attempt = 1; ; attempt++) {
    const result = await post(`{ __type(name: "ChainStep") { fields { name args { name } } } }`).catch(() => ({ data: undefined }));
    const fields = result.data?.__type?.fields;
    if (fields) {
      const producers = fields.find((f: { name: string }) => f.name === 'producers');
      return { pagedProducers: Boolean(producers?.args?.some((a: { name: string }) => a.name === 'first')) };
    }
    if (attempt >= 10) throw new Error('introspection of ChainStep failed 10 times: the server does not answer');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
  }
}
