import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import neo4j from 'neo4j-driver';
import { Q } from '../../src/db/queries.js';
import { readBatchFile } from '../../src/synth/cache.js';

/**
 * Where a bulk batch's time goes: `npx tsx test/bench/bulk-profile.ts <uri> <batch folder> <batch index>`.
 * Runs the loader's own statements for one batch file in an explicit transaction, timing each
 * statement (with PROFILE db hits) and the commit (index updates happen there), then ROLLS BACK:
 * nothing is written. Needs the synthetic batches before it loaded (or the relations find no ends).
 */
async function main() {
  const [uri, folder, indexText, pidText] = process.argv.slice(2);
  // The server's CPU time (utime + stime, in ticks of 10 ms) when its pid is given: on a shared machine
  // CPU seconds per row say more than wall time.
  const cpu = () => (pidText ? readFileSync(`/proc/${pidText}/stat`, 'utf8').split(') ')[1].split(' ').slice(11, 13).reduce((a, b) => a + Number(b), 0) * 10 : 0);
  const index = Number(indexText ?? readdirSync(folder).length - 1);
  const driver = neo4j.driver(uri, undefined, { disableLosslessIntegers: true });
  const batch = await readBatchFile(folder, index);
  const entities = batch.entities.map((e) => ({ kind: e.kind, props: { ...e.props, id: `${e.id}-profile`, origin: 'profile' } }));
  const ids = new Set(batch.entities.map((e) => e.id));
  const relations = batch.relations.map((r) => ({ type: r.type, from: ids.has(r.from) ? `${r.from}-profile` : r.from, to: ids.has(r.to) ? `${r.to}-profile` : r.to, props: { ...r.props, key: `${r.key}-profile`, origin: 'profile' } }));
  const keys = entities.reduce((n, e) => n + ((e.props as { searchKeys?: unknown[] }).searchKeys?.length ?? 0), 0);
  console.log(`batch ${index} (${path.basename(folder)}): ${entities.length} entities, ${keys} name keys, ${relations.length} relations`);
  for (const mode of ['timed', 'profiled']) {
    const session = driver.session();
    const tx = session.beginTransaction();
    const hits = (summary: neo4j.ResultSummary) => {
      let total = 0;
      const walk = (p: neo4j.ProfiledPlan | false) => {
        if (!p) return;
        total += p.dbHits;
        p.children.forEach(walk);
      };
      walk(summary.profile);
      return total;
    };
    const prefix = mode === 'profiled' ? 'PROFILE ' : '';
    let t = performance.now();
    let c = cpu();
    // BULK_PROFILE_NO_KEYS=1: the same without the name keys, to see what they cost.
    const entityText = process.env.BULK_PROFILE_NO_KEYS ? Q.bulkEntities.text.split('\nWITH n\n')[0] : Q.bulkEntities.text;
    const e = await tx.run(prefix + entityText, { rows: entities });
    const entitiesMs = performance.now() - t;
    const entitiesCpu = cpu() - c;
    t = performance.now();
    c = cpu();
    const r = await tx.run(prefix + Q.bulkRelations.text, { rows: relations });
    const relationsMs = performance.now() - t;
    const relationsCpu = cpu() - c;
    t = performance.now();
    c = cpu();
    if (mode === 'timed') await tx.commit();
    else await tx.rollback();
    const endMs = performance.now() - t;
    const endCpu = cpu() - c;
    if (pidText) console.log(`${mode}: server CPU ms: entities ${entitiesCpu}, relations ${relationsCpu}, ${mode === 'timed' ? 'commit' : 'rollback'} ${endCpu} → ${Math.round((entities.length + relations.length) / ((entitiesCpu + relationsCpu + endCpu) / 1000))} rows per CPU second`);
    console.log(
      `${mode}: entities ${entitiesMs.toFixed(0)} ms${mode === 'profiled' ? ` (${hits(e.summary)} db hits)` : ''}, relations ${relationsMs.toFixed(0)} ms${mode === 'profiled' ? ` (${hits(r.summary)} db hits)` : ''}, ${mode === 'timed' ? 'commit' : 'rollback'} ${endMs.toFixed(0)} ms` +
        (mode === 'timed' ? ` → ${Math.round((entities.length + relations.length) / ((entitiesMs + relationsMs + endMs) / 1000))} rows/s` : ''),
    );
    await session.close();
    if (mode === 'timed') {
      // Remove what the timed run wrote.
      const s = driver.session();
      await s.run(`MATCH (n:Entity {origin: 'profile'}) CALL (n) { MATCH (k:NameKey {entityId: n.id}) DELETE k } DETACH DELETE n`);
      await s.close();
    }
  }
  await driver.close();
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
