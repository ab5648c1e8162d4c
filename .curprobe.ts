// by-hand (not committed): round trips and time split of the curated benchmark's questions. URI env.
import { ResponseCache } from './src/graphql/cache/response-cache.js';
import { createGraphQLHandler } from './src/graphql/yoga.js';
import { DEFAULT_LIMITS } from './src/graphql/limits/guard.js';
import { GraphDb } from './src/db/graph.js';
const db = GraphDb.connect(process.env.URI!, {}, undefined);
const timings = new Map<string, number[]>();
const proto = GraphDb.prototype as any; const orig = proto.read;
proto.read = async function (q: any, p: any) { const t0 = performance.now(); const r = await orig.call(this, q, p); const a = timings.get(q.name) ?? []; a.push(performance.now() - t0); timings.set(q.name, a); if (process.env.PARAMS) console.log(q.name, JSON.stringify(p).slice(0, 800)); return r; };
const yoga = createGraphQLHandler(db, { responseCache: ResponseCache.off(), limits: { ...DEFAULT_LIMITS, cost: Number.MAX_SAFE_INTEGER } });
const Q: Record<string, string> = {
  firmsIn: `{ firmsIn(place: "贵州", first: 100) { totalCount edges { node { firm { name placements { place { name ancestors { name } } } } } } } }`,
  supplyChain: `{ supplyChain(from: "磷矿石", to: "新能源汽车") { steps { product { name } producers { edges { node { producer { name } place { name } sources { quote document { title } } } } } } } }`,
  chainGaps: `{ chainGaps(place: "福泉", from: "磷矿石", to: "新能源汽车") { product { name } candidates { edges { node { producer { name } place { name } } } } } }`,
  policies: `{ policies(concerning: "贵安新区") { policy { name } via { name } inherited } }`,
  search: `{ search(text: "福泉", first: 20) { totalCount edges { node { id name } } } }`,
};
for (const [k, q] of Object.entries(Q)) {
  if (process.env.ONLY && k !== process.env.ONLY) continue;
  let last: any; const t: number[] = []; let st = '';
  for (let i = 0; i < Number(process.env.N ?? 30); i++) {
    const t0 = performance.now();
    const r = await yoga.fetch('http://x/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q }) });
    st = r.headers.get('server-timing') ?? '';
    const text = await r.text(); last = JSON.parse(text); last.bytes = text.length;
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  for (const [n, a] of timings) { a.sort((x, y) => x - y); console.log('   ', n, a[a.length >> 1].toFixed(2)); } timings.clear();
  console.log(k, 'median', t[t.length >> 1].toFixed(2), 'bytes', last.bytes, JSON.stringify(last.extensions?.cypher), st, last.errors ? JSON.stringify(last.errors).slice(0, 300) : '');
}
await db.close(); process.exit(0);
