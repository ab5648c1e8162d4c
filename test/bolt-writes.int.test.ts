import { Socket } from 'node:net';
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { compactCypher } from '../src/db/catalogue.js';
import { Q } from '../src/db/queries.js';
import { exactName, luceneQuery } from '../src/services/resolve.js';
import { searchBound } from '../src/services/search.js';
import { EVERY_RELATION, RELATIONS_LIST_DEFAULT, relationGroups } from '../src/services/relations.js';
import { searchKey } from '../src/text/normalize.js';
import { useTestDb } from './support/harness.js';

/**
 * What a cache miss of the load suite's mix sends to Neo4j (docs/limits.md, "Query texts under the
 * driver's chunk"): neo4j-driver packs RUN and PULL into a 1,400-byte buffer and writes it to the socket
 * whenever it is full, so a query whose text, parameters and metadata outgrow it costs two socket
 * writes (two syscalls, two wake-ups of Neo4j) instead of one. Counted here on the real socket.
 */
const db = useTestDb();

/** Socket writes (count and bytes) made while `work` runs; this file runs nothing else at the time. */
async function writesDuring(work: () => Promise<unknown>): Promise<{ writes: number; bytes: number }> {
  const original = Socket.prototype.write;
  const seen = { writes: 0, bytes: 0 };
  Socket.prototype.write = function (this: Socket, chunk: any, ...rest: any[]) {
    seen.writes += 1;
    seen.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    return (original as any).call(this, chunk, ...rest);
  } as typeof original;
  try {
    await work();
  } finally {
    Socket.prototype.write = original;
  }
  return seen;
}

const search = (text: string, first: number) => ({ key: searchKey(text), lucene: luceneQuery(text), kinds: null, offset: 0, first, bound: searchBound(0, first), withTotal: true, fields: ['id', 'kind', 'name', 'status'], relFields: [] });
const resolveItem = (name: string) => ({ ...exactName(name, null), minPartial: 2 });

/** The queries a miss of lookup, search, firmsIn and path runs (and the version read), with the mix's parameters. */
const HOT: Record<string, () => Promise<unknown>> = {
  resolveNames: () => db.read(Q.resolveNames, { items: [resolveItem('chuanheng')] }),
  // The mix's lookup reads `relations { type toEntity { name } }`: the facts alone, narrowed to that selection.
  entityRelationPage: () => db.read(Q.entityRelationPage, { ids: ['firm:chuanheng'], groups: relationGroups(EVERY_RELATION, null), limit: RELATIONS_LIST_DEFAULT + 1, fields: ['id', 'kind', 'name', 'status'], relFields: [] }),
  // The mix's firmsIn: first 20 reads a window of 25, the total in the same statement, the rows as its selection reads them.
  firmsInPlace: () => db.read(Q.firmsInPlace, { ...exactName('福泉', 'Place'), includeSubareas: true, after: null, first: 25, withTotal: true, withCursors: false, withPlacements: false, withAncestors: false, withDocuments: false, fields: ['id', 'kind', 'name', 'status'], relFields: ['role'] }),
  firmsInPlaceCount: () => db.read(Q.firmsInPlaceCount, { ...exactName('贵阳', 'Place'), includeSubareas: true, withTotal: true }),
  shortestPaths: () => db.read(Q.shortestPaths, { names: [exactName('川恒', null), exactName('贵安新区', null)], maxHops: 5, limit: 20, fields: ['id', 'kind', 'name', 'status'], relFields: [] }),
  searchEntities: () => db.read(Q.searchEntities, search('磷', 10)),
  graphVersionRead: () => db.read(Q.graphVersionRead, {}),
};
/**
 * Still over the chunk with their parameters, so two writes each: firmsInPlace and shortestPaths (each
 * resolves its names in the same round trip: the resolveExactly fragment is ~500 bytes of it) and
 * searchEntities (its Cypher is being rewritten elsewhere). entityRelationPage names every (direction,
 * fact type) group twice, once to count and once to expand it (~6 KB: Cypher expands a relationship
 * type by type only when the type is written out), so a dense node reads only the groups a page shows;
 * five writes, no stall (driver 6.3 sets TCP_NODELAY). The test says so, so that a shorter text moves
 * them to the one-write list.
 */
const OVER_THE_CHUNK = new Set(['firmsInPlace', 'shortestPaths', 'searchEntities', 'entityRelationPage']);
const CHUNK = 1_400;

describe('query texts under the driver chunk', () => {
  afterAll(() => {
    // The figures for docs/limits.md.
    console.log(`bolt writes per query: ${JSON.stringify(measured)}`);
  });
  const measured: Record<string, { writes: number; bytes: number; text: number }> = {};

  it('each hot query of a cache miss that fits the chunk is one socket write (RUN and PULL together); the others are over it', async () => {
    await db.read(Q.graphVersionRead, {}); // the connection is open and authenticated before counting
    for (const [name, run] of Object.entries(HOT)) {
      await run(); // planned once, as in the served process
      const seen = await writesDuring(run);
      measured[name] = { ...seen, text: Buffer.byteLength(Q[name as keyof typeof Q].text) };
    }
    for (const [name, seen] of Object.entries(measured)) {
      if (OVER_THE_CHUNK.has(name)) expect(seen.bytes, name).toBeGreaterThan(CHUNK);
      else expect(seen, name).toMatchObject({ writes: 1 });
      expect(seen.writes, name).toBe(Math.ceil(seen.bytes / CHUNK));
    }
  });

  it('every catalogue query, compacted, still parses and plans (EXPLAIN: nothing runs)', async () => {
    const target = inject('neo4j');
    const driver = neo4j.driver(target.uri, target.username ? neo4j.auth.basic(target.username, target.password ?? '') : undefined);
    const session = driver.session({ database: target.database });
    const failures: string[] = [];
    try {
      for (const query of Object.values(Q)) {
        await session.run(`EXPLAIN ${query.text}`).catch((error: Error) => failures.push(`${query.name}: ${error.message.split('\n')[0]}`));
      }
    } finally {
      await session.close();
      await driver.close();
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('compacting keeps every token: strings, quoted names and the spaces operators need', () => {
    const text = `// a comment
      MATCH (a:Entity {id: $id})-[r:\`ODD NAME\`]->(b)  // trailing
      WHERE a.x < -1 AND b.name = 'a  //  b' AND b.y = -2 AND a.s <> "x \\" y"
      /* block */ RETURN a {.*, k: null} AS a, [x IN $xs | x + 1] AS xs;`;
    expect(compactCypher(text)).toBe(
      `MATCH(a:Entity{id:$id})-[r:\`ODD NAME\`]->(b)WHERE a.x< -1 AND b.name='a  //  b' AND b.y= -2 AND a.s<>"x \\" y" RETURN a{.*,k:null}AS a,[x IN $xs|x+1]AS xs`,
    );
  });
});
