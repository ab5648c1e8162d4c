import neo4j from 'neo4j-driver';
import { Q } from './src/db/queries.js';
import { searchKey } from './src/text/normalize.js';
const d = neo4j.driver('bolt://localhost:7701', undefined, { disableLosslessIntegers: true });
const name = (raw: string) => ({ raw, key: searchKey(raw), kind: 'Product' });
const p = Q.supplyChain.params.parse({ names: [name('天然气D型'), name('新能源重卡D型')], prefetch: true, withAncestry: false, placeAncestry: false, statuses: null, after: null, first: 10, fields: ['id', 'kind', 'name', 'status'], relFields: ['capacity', 'status'] });
const s = d.session();
const r = await s.run(Q.supplyChain.text, p);
const steps = r.records[0].get('steps');
console.log(JSON.stringify(steps[5].product), JSON.stringify(steps[5].inputs));
console.log(JSON.stringify(steps[5].producers[0]));
const parts: Record<string, number> = {};
for (const st of steps) { for (const k of Object.keys(st)) parts['step.' + k] = (parts['step.' + k] ?? 0) + JSON.stringify(st[k]).length; for (const pr of st.producers) for (const k of Object.keys(pr)) parts['producer.' + k] = (parts['producer.' + k] ?? 0) + JSON.stringify(pr[k]).length; }
console.log(parts);
await s.close(); await d.close();
