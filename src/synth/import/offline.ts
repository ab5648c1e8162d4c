import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { GraphDb } from '../../db/graph.js';
import { Q } from '../../db/queries.js';
import { adminImport, storeExists } from '../../neo4j/admin-import.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j, type Log } from '../../neo4j/launcher.js';
import type { BulkBatch } from '../../seed/bulk.js';
import { entityRow, loadSeed, relationRow } from '../../seed/load.js';
import { DEFAULT_SEED_DIR, type SeedGraph } from '../../seed/read.js';
import { cacheFolder, DEFAULT_CACHE_DIR, generateBatches, readBatchFile, storableProps } from '../cache.js';
import { planSynth, SYNTH_ORIGIN, type SynthOptions, type SynthPlan } from '../generate.js';
import { loadParams, SYNTH_RUN_ID } from '../load.js';
import { areaLinks, PlaceTree } from './area.js';
import { KindTree, producerRankLinks } from './producers.js';
import { ARRAY_DELIMITER, CsvImportWriter, type CsvValue } from './csv.js';

/** The import would destroy records it does not write back, or cannot reach the store: refused, nothing changed. */
export class ImportRefusedError extends Error {}

export interface EmbeddedTarget {
  /** NEO4J_EMBEDDED_HOME: the store is `<home>/data/databases/neo4j`. */
  home: string;
  port: number;
  heap: string;
  pageCacheMiB: number;
  readyTimeoutMs?: number;
}

export interface ImportResult {
  plan: SynthPlan;
  /** Synthetic nodes + relationships, name keys, IN_AREA links and PRODUCER_RANK rows apart: the figure the online loader reports. */
  rows: number;
  nameKeys: number;
  areaLinks: number;
  rankLinks: number;
  /** Phases in ms: generate (batch files, reused when cached), csv, import (neo4j-admin), start, indexes (schema + population), seed (the curated seed online), total. */
  millis: { generate: number; csv: number; import: number; start: number; indexes: number; seed: number; total: number };
  /** rows / (csv + import): the offline counterpart of the online loader's rows/s. */
  rowsPerSecond: number;
  /** CPU time of the CSV writing (this process) and of neo4j-admin (its JVM): rows per CPU second do not depend on how busy the machine is. */
  cpuMillis: { csv: number; import: number };
  loadavg: { before: number; after: number };
}

/** Props exactly as bulkEntities writes them: the row's props (nulls dropped) with id and origin. */
function entityProps(row: BulkBatch['entities'][number], origin: string): Record<string, CsvValue> & { id: string } {
  const props: Record<string, CsvValue> = {};
  // storableProps: a curated place's [''] evidence list is left out here and restored by the seed load that follows.
  for (const [k, v] of Object.entries(storableProps(row.props))) if (v !== null && v !== undefined) props[k] = v as CsvValue;
  return { ...props, id: row.id, origin };
}

/** Props exactly as seedRelations writes them (storable, nulls dropped) with key and origin. */
function relationProps(row: ReturnType<typeof relationRow>, origin: string): Record<string, CsvValue> {
  const props: Record<string, CsvValue> = {};
  for (const [k, v] of Object.entries(storableProps(row.props))) if (v !== null && v !== undefined) props[k] = v as CsvValue;
  return { ...props, key: row.key, origin };
}

/** Name keys exactly as bulkEntities and seedEntities create them (one per search key). */
function nameKeys(props: { id: string; kind?: CsvValue; searchKeys?: CsvValue; primaryKeys?: CsvValue }): { key: string; entityId: string; kind: string; primary: boolean }[] {
  const primary = new Set((props.primaryKeys as string[] | undefined) ?? []);
  return ((props.searchKeys as string[] | undefined) ?? []).map((key) => ({ key, entityId: props.id, kind: String(props.kind), primary: primary.has(key) }));
}

/**
 * Writes the CSV files of a synthetic load: the curated places it hangs from (as the seed loader
 * writes them, so loading the seed afterwards only confirms them), then every batch's entities,
 * their name keys, relations, the IN_AREA links of the firms' placements and the PRODUCER_RANK rows
 * of their productions.
 */
export async function writeImportCsv(curated: SeedGraph, plan: SynthPlan, batchFolder: string, csvFolder: string, log: Log): Promise<{ rows: number; nameKeys: number; areaLinks: number; rankLinks: number; sources: ReturnType<CsvImportWriter['close']> }> {
  rmSync(csvFolder, { recursive: true, force: true });
  const out = new CsvImportWriter(csvFolder);
  const tree = new PlaceTree();
  for (const e of curated.entities) if (e.kind === 'Place') {
    tree.place(e.id, e.name);
    out.entity(e.kind, entityProps(entityRow(e), 'seed'));
  }
  // Their WITHIN edges too: the seed load that follows then finds the tree it declares, moves no
  // area and leaves the synthetic firms' IN_AREA links as written (else it rewrites them all in its one transaction).
  for (const r of curated.relations) if (r.type === 'WITHIN') {
    tree.within(r.from, r.to);
    out.relationship('WITHIN', r.from, r.to, relationProps(relationRow(r), 'seed'));
  }
  const kinds = new KindTree();
  let rows = 0;
  let links = 0;
  let rankLinks = 0;
  let lastLog = 0;
  const started = Date.now();
  for (let k = 0; k < plan.batches.length; k++) {
    const batch = await readBatchFile(batchFolder, k);
    const names = new Map<string, string>();
    for (const e of batch.entities) {
      const props = entityProps(e, SYNTH_ORIGIN);
      out.entity(e.kind, props);
      for (const key of nameKeys(props)) out.plainNode('NameKey', key);
      names.set(e.id, e.props.name);
      if (e.kind === 'Place') tree.place(e.id, e.props.name);
    }
    for (const r of batch.relations) {
      const rp = r.props as Record<string, CsvValue | null>;
      out.relationship(r.type, r.from, r.to, { ...rp, key: r.key, origin: SYNTH_ORIGIN });
      if (r.type === 'WITHIN') tree.within(r.from, r.to, rp.superseded === true);
      // Product batches (with their KIND_OF edges) come before the firms' productions.
      if (r.type === 'KIND_OF') kinds.kindOf(r.from, r.to);
      if (r.type === 'PRODUCES') {
        if (!r.from.startsWith('firm:')) throw new Error(`PRODUCER_RANK: ${r.from} produces, and only firms are expected to (their status rule is the firm's)`);
        const production = { key: r.key, status: (rp.status as string | null | undefined) ?? null, capacity: (rp.capacity as number | null | undefined) ?? null, superseded: rp.superseded === true };
        for (const link of producerRankLinks(r.from, r.to, production, kinds)) {
          out.relationship('PRODUCER_RANK', link.from, link.to, link.props);
          rankLinks += 1;
        }
      }
      if (r.type === 'LOCATED_IN' && r.from.startsWith('firm:')) {
        const firm = { id: r.from, name: names.get(r.from) ?? '' };
        for (const link of areaLinks(firm, r.to, { key: r.key, role: (rp.role as string | null | undefined) ?? null, superseded: rp.superseded === true }, tree)) {
          out.relationship('IN_AREA', link.from, link.to, link.props);
          links += 1;
        }
      }
    }
    rows += batch.entities.length + batch.relations.length;
    const now = Date.now();
    if (now - lastLog >= 1000 || k === plan.batches.length - 1) {
      lastLog = now;
      log(`import: CSV ${k + 1}/${plan.batches.length} batches, ${rows.toLocaleString('en')} rows (${Math.round(rows / Math.max(0.001, (now - started) / 1000)).toLocaleString('en')} rows/s)`);
    }
  }
  const { nameKeys: keys } = out.counts();
  return { rows, nameKeys: keys, areaLinks: links, rankLinks, sources: out.close() };
}

/**
 * The offline path of `npm run synth -- --import`: check the embedded store, generate (or reuse)
 * the batch files, write CSV, `neo4j-admin database import full` while Neo4j is stopped, start it,
 * build the schema (reported apart: index population), load the curated seed online on top, and
 * leave a complete checkpoint so `--remove` and a later online run see the usual state.
 * Refuses, changing nothing, when the store holds records the import would not write back.
 */
export async function importSynthetic(
  target: EmbeddedTarget,
  curated: SeedGraph,
  options: SynthOptions,
  extra: { overwrite?: boolean; log?: Log; cacheRoot?: string; workers?: number; seedDir?: string; keepRunning?: boolean } = {},
): Promise<ImportResult & { neo4j: { embedded: EmbeddedNeo4j; db: GraphDb } | null }> {
  const log = extra.log ?? (() => {});
  const started = Date.now();
  const loadBefore = loadavg()[0];
  const plan = planSynth(curated, options);
  const home = path.resolve(target.home);
  const start = () => startEmbeddedNeo4j({ home, port: target.port, heap: target.heap, pageCacheMiB: target.pageCacheMiB, log, readyTimeoutMs: target.readyTimeoutMs });

  if (storeExists(home)) {
    log(`import: ${home} holds a database; checking that it holds only curated and synthetic records`);
    const running = await start();
    const db = GraphDb.connect(running.uri, {});
    try {
      const [foreign] = await db.read(Q.bulkImportForeignData, {});
      if ((foreign.nodes > 0 || foreign.relationships > 0) && !extra.overwrite) {
        throw new ImportRefusedError(
          `the database in ${home} holds ${foreign.nodes.toLocaleString('en')} nodes and ${foreign.relationships.toLocaleString('en')} relationships that are neither curated nor synthetic (contributed facts, candidates, audits); the import would delete them. Nothing was changed. Add --overwrite to replace them, or load online without --import`,
        );
      }
      if (foreign.nodes > 0 || foreign.relationships > 0) log(`import: --overwrite: ${foreign.nodes} nodes and ${foreign.relationships} relationships that are neither curated nor synthetic will be deleted`);
    } finally {
      await db.close();
      await running.stop();
    }
  }

  const folder = cacheFolder(plan, extra.cacheRoot ?? DEFAULT_CACHE_DIR);
  const generated = await generateBatches(plan, folder, { workers: extra.workers ?? 2, seedDir: extra.seedDir ?? DEFAULT_SEED_DIR, log });
  const csvFolder = path.join(home, 'import-csv');
  const csvStarted = Date.now();
  const csvCpu = process.cpuUsage();
  const csv = await writeImportCsv(curated, plan, folder, csvFolder, log);
  const csvMillis = Date.now() - csvStarted;
  const csvCpuUsed = process.cpuUsage(csvCpu);
  const csvCpuMillis = (csvCpuUsed.user + csvCpuUsed.system) / 1000;
  log(`import: CSV written in ${(csvMillis / 1000).toFixed(1)} s (${csv.rows.toLocaleString('en')} rows, ${csv.nameKeys.toLocaleString('en')} name keys, ${csv.areaLinks.toLocaleString('en')} IN_AREA links, ${csv.rankLinks.toLocaleString('en')} PRODUCER_RANK rows); running neo4j-admin database import full`);
  const imported = await adminImport({ home, sources: csv.sources, arrayDelimiter: ARRAY_DELIMITER, workDir: path.join(home, 'import-work'), heap: target.heap, log });
  rmSync(csvFolder, { recursive: true, force: true });
  const storeSeconds = (csvMillis + imported.millis) / 1000;
  log(`import: store written in ${storeSeconds.toFixed(1)} s (CSV ${(csvMillis / 1000).toFixed(1)} s + neo4j-admin ${(imported.millis / 1000).toFixed(1)} s): ${Math.round(csv.rows / storeSeconds).toLocaleString('en')} rows/s`);

  const startStarted = Date.now();
  const embedded = await start();
  const startMillis = Date.now() - startStarted;
  const db = GraphDb.connect(embedded.uri, {});
  try {
    const indexStarted = Date.now();
    log('import: creating constraints and indexes and waiting for their population');
    await db.applySchema(3_600);
    const indexMillis = Date.now() - indexStarted;
    log(`import: indexes online in ${(indexMillis / 1000).toFixed(1)} s`);
    const seedStarted = Date.now();
    await loadSeed(db, curated, { log });
    const seedMillis = Date.now() - seedStarted;
    await db.write(Q.bulkLoadImported, { runId: SYNTH_RUN_ID, params: loadParams(options, folder), origin: SYNTH_ORIGIN, batches: plan.batches.length, rows: csv.rows });
    const result: ImportResult = {
      plan,
      rows: csv.rows,
      nameKeys: csv.nameKeys,
      areaLinks: csv.areaLinks,
      rankLinks: csv.rankLinks,
      millis: { generate: generated.millis, csv: csvMillis, import: imported.millis, start: startMillis, indexes: indexMillis, seed: seedMillis, total: Date.now() - started },
      rowsPerSecond: csv.rows / ((csvMillis + imported.millis) / 1000),
      cpuMillis: { csv: csvCpuMillis, import: imported.cpuMillis },
      loadavg: { before: loadBefore, after: loadavg()[0] },
    };
    if (extra.keepRunning) return { ...result, neo4j: { embedded, db } };
    await db.close();
    await embedded.stop();
    return { ...result, neo4j: null };
  } catch (error) {
    await db.close();
    await embedded.stop();
    throw error;
  }
}
