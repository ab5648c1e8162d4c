// by-hand: a trivial read as executeRead (BEGIN, RUN, PULL, COMMIT) vs an auto-commit run (RUN, PULL).
import neo4j from 'neo4j-driver';
const d = neo4j.driver(process.env.URI!, undefined, { disableLosslessIntegers: true });
const q = 'MATCH (d:Document) RETURN d.id AS id, d.title AS title';
const modes: Record<string, () => Promise<unknown>> = {
  executeRead: async () => { const s = d.session({ defaultAccessMode: neo4j.session.READ }); try { return await s.executeRead((tx) => tx.run(q)); } finally { await s.close(); } },
  autoCommit: async () => { const s = d.session({ defaultAccessMode: neo4j.session.READ }); try { return await s.run(q, {}, { timeout: 5000 }); } finally { await s.close(); } },
};
const t: Record<string, number[]> = {};
for (let i = 0; i < 400; i++) for (const [k, f] of Object.entries(modes)) { const t0 = performance.now(); await f(); (t[k] ??= []).push(performance.now() - t0); }
for (const [k, a] of Object.entries(t)) { a.sort((x, y) => x - y); console.log(k, 'median', a[a.length >> 1].toFixed(2), 'p90', a[Math.floor(a.length * 0.9)].toFixed(2)); }
await d.close();
