import type { BulkBatch } from '../../seed/bulk.js';
import { readBatchFile, storableProps } from '../cache.js';
import { SYNTH_ORIGIN } from '../generate.js';
import { CsvImportWriter, type CsvSource, type CsvValue } from './csv.js';
import { LINK_MAKERS } from './links.js';

/**
 * One CSV writer's share of an offline import: the batches it was given, turned into CSV rows of
 * their entities, name keys, relations and maintained-index links. Several run side by side (one
 * worker thread each, src/synth/import/csv-worker.ts), each into files of its own; neo4j-admin
 * reads all of them (several files per label and type).
 */
export interface ShardJob {
  /** The generator's batch files (.synth-cache/…). */
  batchFolder: string;
  csvFolder: string;
  /** Starts this writer's file names (e.g. `w0-`). */
  prefix: string;
  /** Batches this writer turns into CSV. */
  indexes: number[];
  /** Batches every link maker learns from first (all but the firm batches: parks, products, policies). */
  reference: number[];
  /** The curated rows the synthetic ones hang from (learned, not written: the main thread writes them). */
  curated: BulkBatch;
}

export interface ShardResult {
  /** Entities + relations of the batches written (the generator's rows). */
  rows: number;
  nameKeys: number;
  /** Links written per maintained index (relationship type). */
  links: Record<string, number>;
  sources: CsvSource[];
}

/** Props exactly as bulkEntities writes them: the row's props (storable, nulls dropped) with id and origin. */
export function entityProps(row: BulkBatch['entities'][number], origin: string): Record<string, CsvValue> & { id: string } {
  const props: Record<string, CsvValue> = {};
  // storableProps: a curated place's [''] evidence list is left out here and restored by the seed load that follows.
  for (const [k, v] of Object.entries(storableProps(row.props))) if (v !== null && v !== undefined) props[k] = v as CsvValue;
  return { ...props, id: row.id, origin };
}

/** Props exactly as the loaders write them (storable, nulls dropped) with key and origin. */
export function relationProps(row: BulkBatch['relations'][number], origin: string): Record<string, CsvValue> {
  const props: Record<string, CsvValue> = {};
  for (const [k, v] of Object.entries(storableProps(row.props))) if (v !== null && v !== undefined) props[k] = v as CsvValue;
  return { ...props, key: row.key, origin };
}

/** Name keys exactly as bulkEntities and seedEntities create them (one per search key). */
export function writeNameKeys(out: CsvImportWriter, props: { id: string; kind?: CsvValue; searchKeys?: CsvValue; primaryKeys?: CsvValue }): number {
  const primary = (props.primaryKeys as string[] | undefined) ?? [];
  const keys = (props.searchKeys as string[] | undefined) ?? [];
  for (const key of keys) out.plainNode('NameKey', { key, entityId: props.id, kind: String(props.kind), primary: primary.includes(key) });
  return keys.length;
}

export async function writeShard(job: ShardJob, onBatch: (index: number, rows: number) => void = () => {}): Promise<ShardResult> {
  const out = new CsvImportWriter(job.csvFolder, job.prefix);
  const makers = LINK_MAKERS.map((make) => make());
  for (const maker of makers) maker.learn(job.curated);
  const mine = new Set(job.indexes);
  // Reference batches this writer also writes are read once.
  const kept = new Map<number, BulkBatch>();
  for (const k of job.reference) {
    const batch = await readBatchFile(job.batchFolder, k);
    for (const maker of makers) maker.learn(batch);
    if (mine.has(k)) kept.set(k, batch);
  }
  const links: Record<string, number> = Object.fromEntries(makers.map((m) => [m.type, 0]));
  let rows = 0;
  let nameKeys = 0;
  for (const k of job.indexes) {
    const batch = kept.get(k) ?? (await readBatchFile(job.batchFolder, k));
    kept.delete(k);
    for (const e of batch.entities) {
      const props = entityProps(e, SYNTH_ORIGIN);
      out.entity(e.kind, props);
      nameKeys += writeNameKeys(out, props);
    }
    for (const r of batch.relations) out.relationship(r.type, r.from, r.to, relationProps(r, SYNTH_ORIGIN));
    for (const maker of makers) {
      for (const link of maker.links(batch)) {
        out.relationship(maker.type, link.from, link.to, link.props);
        links[maker.type] += 1;
      }
    }
    const written = batch.entities.length + batch.relations.length;
    rows += written;
    onBatch(k, written);
  }
  return { rows, nameKeys, links, sources: out.close() };
}
