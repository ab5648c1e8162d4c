// by-hand: supplyChain's statement against its floor (chainByProducerIndex): server times, client decode, bytes.
import neo4j from 'neo4j-driver';
import { readFileSync } from 'node:fs';
import { Q } from './src/db/queries.js';
import { searchKey } from './src/text/normalize.js';
const d = neo4j.driver(process.env.URI ?? 'bolt://localhost:7701', undefined, { disableLosslessIntegers: true });
const [from, to] = [process.env.FROM ?? '天然气D型', process.env.TO ?? '新能源重卡D型'];
const name = (raw: string) => ({ raw, key: searchKey(raw), kind: 'Product' });
const apiParams = Q.supplyChain.params.parse({ names: [name(from), name(to)], prefetch: true, withAncestry: false, placeAncestry: false, statuses: null, after: null, first: 10, fields: ['id', 'kind', 'name', 'status'], relFields: ['capacity', 'status'], withMade: process.env.MADE === '1', edgeCursors: process.env.CURSORS === '1' });
const floors = readFileSync('test/bench/scale-floors.cypher', 'utf8');
const block = floors.split(/^\/\/ name: /m).find((b) => b.startsWith('chainByProducerIndex'))!;
const floorText = block.split('\n').slice(1).filter((l) => !l.trim().startsWith('//')).join('\n').trim().replace(/;\s*$/, '');
const variants: Record<string, [string, any]> = { api: [Q.supplyChain.text, apiParams], floor: [floorText, { from, to, first: 10 }] };
if (process.env.ALT) variants.alt = [readFileSync(process.env.ALT, 'utf8'), apiParams];
const stat: Record<string, number[][]> = {};
for (let i = 0; i < Number(process.env.N ?? 10); i++) {
  for (const [k, [text, params]] of Object.entries(variants)) {
    const s = d.session({ defaultAccessMode: neo4j.session.READ });
    const t0 = performance.now();
    const r = await s.run(text, params);
    const t1 = performance.now();
    await s.close();
    const bytes = JSON.stringify(r.records.map((x) => x.toObject())).length;
    (stat[k] ??= []).push([t1 - t0, Number(r.summary.resultAvailableAfter), Number(r.summary.resultConsumedAfter), bytes]);
  }
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
for (const [k, rows] of Object.entries(stat)) console.log(k.padEnd(6), 'client', med(rows.map((r) => r[0])).toFixed(1), 'server first', med(rows.map((r) => r[1])), 'server consumed', med(rows.map((r) => r[2])), 'bytes', rows[0][3]);
if (process.env.PROFILE) {
  for (const [k, [text, params]] of Object.entries(variants)) {
    const s = d.session();
    const r = await s.run('PROFILE ' + text, params);
    const hits = (o: any): number => o.dbHits + o.children.reduce((a: number, c: any) => a + hits(c), 0);
    console.log(k, 'db hits', hits(r.summary.profile));
    await s.close();
  }
}
await d.close();
