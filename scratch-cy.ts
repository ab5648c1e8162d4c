import neo4j from 'neo4j-driver';
import { readFileSync } from 'node:fs';
const driver = neo4j.driver(process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7797', neo4j.auth.none());
const text = process.argv[2] === '-f' ? readFileSync(process.argv[3], 'utf8') : process.argv[2];
const params = JSON.parse(process.argv[process.argv[2] === '-f' ? 4 : 3] ?? '{}');
const s = driver.session();
try {
  const r = await s.run(text, params);
  for (const rec of r.records) console.log(JSON.stringify(rec.toObject(), (_, v) => (typeof v === 'bigint' ? Number(v) : v && typeof v === 'object' && 'low' in v && 'high' in v && Object.keys(v).length === 2 ? neo4j.integer.toNumber(v) : v)));
  const p = r.summary.profile;
  if (p) {
    const walk = (n: any, d: number): void => { console.log(' '.repeat(d * 2) + n.operatorType + ' rows=' + n.rows + ' dbHits=' + n.dbHits + ' ' + (n.arguments?.Details ?? '')); n.children.forEach((c: any) => walk(c, d + 1)); };
    const total = (n: any): number => n.dbHits + n.children.reduce((a: number, c: any) => a + total(c), 0);
    walk(p, 0); console.log('TOTAL dbHits', total(p));
  }
} finally { await s.close(); await driver.close(); }
