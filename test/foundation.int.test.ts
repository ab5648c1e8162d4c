import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeed } from '../src/seed/load.js';
import { DEFAULT_SEED_DIR, readSeed, SeedValidationError } from '../src/seed/read.js';
import { Q } from '../src/db/queries.js';
import { T } from './support/fixtures.js';
import { scratchDir, seed, startTestServer, useTestDb } from './support/harness.js';
import { WARM_UP_OPERATIONS, warmUpPlans } from '../src/server/warm-up.js';

const db = useTestDb();

async function counts() {
  const [row] = await db.read(Q.graphCounts, {});
  return { nodes: row.nodes, relationships: row.relationships };
}

/** A copy of the seed folder with one data file rewritten by `edit`. */
function seedCopyWith(file: string, edit: (text: string) => string): string {
  const dir = scratchDir('gzkg-seed-');
  cpSync(DEFAULT_SEED_DIR, dir, { recursive: true });
  const target = path.join(dir, 'data', file);
  writeFileSync(target, edit(readFileSync(target, 'utf8')));
  return dir;
}

describe('seed loader', () => {
  it('loads the curated seed twice and ends with identical counts', async () => {
    const graph = readSeed();
    await loadSeed(db, graph);
    const first = await counts();
    const summary = await loadSeed(db, graph);
    const second = await counts();
    expect(second).toEqual(first);
    expect(summary.prunedEntities + summary.prunedRelations).toBe(0);
    expect(first.nodes).toBe(graph.entities.length + graph.documents.length);
  });

  it('rejects a malformed file naming file, record and field, and writes nothing', async () => {
    const before = await counts();
    const dir = seedCopyWith('core.yaml', (text) => text.replace('kind: Place\n    name: 中国', 'kind: Planet\n    name: 中国'));
    let error: unknown;
    try {
      readSeed(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SeedValidationError);
    const problem = (error as SeedValidationError).problems.find((p) => p.field === 'kind');
    expect(problem?.file).toMatch(/data\/core\.yaml$/);
    expect(problem?.record).toContain('place:china');
    expect((error as Error).message).toMatch(/core\.yaml: entities\[0\] \(place:china\), field 'kind'/);
    expect(await counts()).toEqual(before);
  });

  it('rejects a quote that is not in its document', () => {
    const dir = seedCopyWith('doc-002.yaml', (text) => `${text.replace(/^entities:\n/m, 'entities:\n- { id: "firm:not-in-text", kind: Firm, name: 不存在公司, evidence: [{ quote: "这句话不在文中" }] }\n')}`);
    expect(() => readSeed(dir)).toThrowError(/quote.*not found in doc:002/);
  });

  it('rolls back everything when a statement fails mid-load', async () => {
    const before = await counts();
    const graph = readSeed();
    const broken = structuredClone(graph);
    // A map is not a legal property value: the relations batch fails after the entities batch ran.
    (broken.relations[0].props as Record<string, unknown>).role = { not: 'allowed' } as unknown as string;
    broken.entities.push({ ...structuredClone(graph.entities[0]), id: 'firm:rollback-probe', kind: 'Firm' });
    await expect(loadSeed(db, broken)).rejects.toThrow();
    expect(await counts()).toEqual(before);
    const probe = await db.read(Q.entitiesByIds, { ids: ['firm:rollback-probe'] });
    expect(probe).toHaveLength(0);
  });
});

describe('schema', () => {
  it('has the uniqueness constraints and a cjk full-text index over names and aliases', async () => {
    const constraints = await db.read(T.schemaConstraints, {});
    expect(constraints).toContainEqual({ labelsOrTypes: ['Entity'], properties: ['id'], type: 'UNIQUENESS' });
    expect(constraints).toContainEqual({ labelsOrTypes: ['Document'], properties: ['id'], type: 'UNIQUENESS' });
    const index = (await db.read(T.schemaFulltextIndexes, {})).find((i) => i.name === 'entity_names')!;
    expect(index.labelsOrTypes).toEqual(['Entity']);
    expect(index.properties).toEqual(['name', 'searchText']);
    expect(index.options.indexConfig['fulltext.analyzer']).toBe('cjk');
    const hits = await db.read(T.fulltextProbe, { lucene: '福泉' });
    expect(hits.map((r) => r.id)).toContain('place:fuquan');
  });
});

describe('HTTP server', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer(db);
  });
  afterAll(() => server.close());

  it('answers GraphQL over HTTP with data read from Neo4j', async () => {
    const firm = seed().entities.find((e) => e.id === 'firm:chuanheng')!;
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ entity(id: "firm:chuanheng") { id name aliases } }' }),
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.data.entity).toMatchObject({ id: firm.id, name: firm.name });
    expect(body.data.entity.aliases).toEqual(firm.aliases);
  });

  it('warms up by asking the explorer\'s main views once, every one answered without errors', async () => {
    const result = await warmUpPlans(`${server.url}/graphql`);
    expect(result.operations).toBe(WARM_UP_OPERATIONS.length);
    expect(result.operations).toBeGreaterThanOrEqual(5);
    expect(result.failed).toEqual([]);
  });

  it('serves GraphiQL at /graphql for browsers', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/graphiql/i);
  });

  it('reports Neo4j 5.26 community and the graph counts at /health', async () => {
    // A probe slower than its 2 s limit counts as degraded (a busy shared machine can make it so):
    // ask again until one is fresh and ok, then check what it says.
    let response = await fetch(`${server.url}/health`);
    for (let tries = 0; response.status !== 200 && tries < 20; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      response = await fetch(`${server.url}/health`);
    }
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body.neo4j.version).toMatch(/^5\.26\./);
    expect(body.neo4j.edition).toBe('community');
    const graph = seed();
    expect(body.neo4j.nodes).toBe(graph.entities.length + graph.documents.length);
    expect(body.neo4j.relationships).toBe(graph.relations.length);
    // The API's own event-loop delay over the last second, for operators (a blocked or saturated API).
    expect(body.eventLoop.delayMaxMs).toBeGreaterThanOrEqual(body.eventLoop.delayP99Ms);
    expect(body.eventLoop.delayP99Ms).toBeGreaterThanOrEqual(0);
  });
});
