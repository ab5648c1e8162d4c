// by-hand: PROFILE a catalogue query. usage: URI=… npx tsx .prof.ts name '{"params":1}'
import neo4j from 'neo4j-driver';
import { Q } from './src/db/queries.js';
const q = (Q as any)[process.argv[2]];
const d = neo4j.driver(process.env.URI!, undefined, { disableLosslessIntegers: true });
const s = d.session();
const params = JSON.parse(process.argv[3] ?? '{}');
for (let i = 0; i < 3; i++) await s.run(q.text, params);
const t = performance.now(); const runs = Number(process.env.RUNS ?? 20);
for (let i = 0; i < runs; i++) await s.run(q.text, params);
console.log('mean ms', ((performance.now() - t) / runs).toFixed(2));
const r = await s.run('PROFILE ' + q.text, params);
const p: any = r.summary.profile;
const hits = (o: any): number => o.dbHits + o.children.reduce((a: number, c: any) => a + hits(c), 0);
const ops = (o: any, dd = 0): string[] => [' '.repeat(dd) + o.operatorType + ' rows ' + o.rows + ' hits ' + o.dbHits + ' ' + (o.arguments?.Details ?? '').slice(0, 150), ...o.children.flatMap((c: any) => ops(c, dd + 1))];
if (process.env.PLAN) console.log(ops(p).join('\n'));
console.log('db hits', hits(p), 'rows', r.records.length, 'bytes', JSON.stringify(r.records.map((x) => x.toObject())).length);
await s.close(); await d.close();
