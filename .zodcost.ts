// by-hand: the zod parse of one supplyChain row (93 steps × 11 producers) against its decode.
import neo4j from 'neo4j-driver';
import { Q } from './src/db/queries.js';
import { parsingRowsOf } from './src/db/models.js';
import { searchKey } from './src/text/normalize.js';
const d = neo4j.driver('bolt://localhost:7701', undefined, { disableLosslessIntegers: true });
const name = (raw: string) => ({ raw, key: searchKey(raw), kind: 'Product' });
const p = Q.supplyChain.params.parse({ names: [name('天然气D型'), name('新能源重卡D型')], prefetch: true, withAncestry: false, placeAncestry: false, statuses: null, after: null, first: 10, fields: ['id', 'kind', 'name', 'status'], relFields: ['capacity', 'status'], withMade: false, edgeCursors: false });
const s = d.session();
const r = await s.run(Q.supplyChain.text, p);
const obj = r.records[0].toObject();
const t: number[] = [];
for (let i = 0; i < 30; i++) { const t0 = performance.now(); parsingRowsOf(p, () => Q.supplyChain.row.parse(obj)); t.push(performance.now() - t0); }
t.sort((a, b) => a - b);
console.log('zod parse median', t[15].toFixed(2), 'ms, min', t[0].toFixed(2));
await s.close(); await d.close();
