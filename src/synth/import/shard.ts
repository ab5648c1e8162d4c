import type { BulkBatch } from '../../seed/bulk.js';
import { byteString, readBatchFileBytes, unstorableList } from '../batch-file.js';
import { CsvImportWriter, type CsvSource, type CsvValue } from './csv.js';
import { LINK_MAKERS, type LinkMaker } from './links.js';
import { EntityNumbers } from './numbers.js';

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
  /** Batches whose columns every writer declares before writing (the reference batches and the first firm batch): all writers then write the same headers. */
  sample: number[];
  /** The synthetic records' origin (SYNTH_ORIGIN; passed in so this module needs nothing of the generator). */
  origin: string;
  /** The curated rows the synthetic ones hang from (learned, not written: the main thread writes them), as UTF-8 byte strings (byteStrings). */
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

/** The props both loaders store (storableProps' rule, nulls dropped), copied in one pass: this runs for every row of an import. */
function storedProps(from: Record<string, unknown>): Record<string, CsvValue> {
  const props: Record<string, CsvValue> = {};
  for (const k in from) {
    const v = from[k];
    if (v !== null && v !== undefined && !unstorableList(v)) props[k] = v as CsvValue;
  }
  return props;
}

/** Props exactly as bulkEntities writes them: the row's props (storable, nulls dropped) with id and origin. */
export function entityProps(row: BulkBatch['entities'][number], origin: string): Record<string, CsvValue> & { id: string } {
  // A curated place's [''] evidence list is left out here and restored by the seed load that follows.
  const props = storedProps(row.props);
  props.id = row.id;
  props.origin = origin;
  return props as Record<string, CsvValue> & { id: string };
}

/** Props exactly as the loaders write them (storable, nulls dropped) with key and origin. */
export function relationProps(row: BulkBatch['relations'][number], origin: string): Record<string, CsvValue> {
  const props = storedProps(row.props);
  props.key = row.key;
  props.origin = origin;
  return props;
}

/** Name keys exactly as bulkEntities and seedEntities create them (one per search key). */
export function writeNameKeys(out: CsvImportWriter, props: { id: string; kind?: CsvValue; searchKeys?: CsvValue; primaryKeys?: CsvValue }): number {
  const primary = (props.primaryKeys as string[] | undefined) ?? [];
  const keys = (props.searchKeys as string[] | undefined) ?? [];
  for (const key of keys) out.plainNode('NameKey', { key, entityId: props.id, kind: String(props.kind), primary: primary.includes(key) });
  return keys.length;
}

/** One batch's rows: its entities with their name keys, its relations, and the makers' links. Returns what was written. */
function writeBatch(out: CsvImportWriter, batch: BulkBatch, makers: LinkMaker[], origin: string): { nameKeys: number; links: Record<string, number> } {
  let nameKeys = 0;
  const links: Record<string, number> = {};
  for (const e of batch.entities) {
    const props = entityProps(e, origin);
    out.entity(e.kind, props);
    nameKeys += writeNameKeys(out, props);
  }
  for (const r of batch.relations) out.relationship(r.type, r.from, r.to, relationProps(r, origin));
  for (const maker of makers) {
    let n = 0;
    for (const link of maker.links(batch)) {
      out.relationship(maker.type, link.from, link.to, link.props);
      n += 1;
    }
    links[maker.type] = n;
  }
  return { nameKeys, links };
}

export async function writeShard(job: ShardJob, onBatch: (index: number, rows: number) => void = () => {}): Promise<ShardResult> {
  // Numbers learned in the order every writer learns them: the curated rows, then the reference batches (numbers.ts).
  // Every string in the form the batch files are read in: UTF-8 byte strings, written back byte for byte (TextForm in csv.ts).
  const origin = byteString(job.origin);
  const numbers = new EntityNumbers();
  numbers.learn(job.curated);
  const out = new CsvImportWriter(job.csvFolder, numbers, job.prefix, 'bytes');
  const makers = LINK_MAKERS.map((make) => make(byteString));
  for (const maker of makers) maker.learn(job.curated);
  const mine = new Set(job.indexes);
  // Batches read before writing are kept when this writer writes them too: read once.
  const kept = new Map<number, BulkBatch>();
  const read = async (k: number) => kept.get(k) ?? (await readBatchFileBytes(job.batchFolder, k));
  for (const k of job.reference) {
    const batch = await read(k);
    numbers.learn(batch);
    for (const maker of makers) maker.learn(batch);
    if (mine.has(k)) kept.set(k, batch);
  }
  for (const k of job.sample) {
    const batch = await read(k);
    out.prime(() => writeBatch(out, batch, makers, origin));
  }
  const links: Record<string, number> = Object.fromEntries(makers.map((m) => [m.type, 0]));
  let rows = 0;
  let nameKeys = 0;
  for (const k of job.indexes) {
    const batch = await read(k);
    kept.delete(k);
    const written = writeBatch(out, batch, makers, origin);
    nameKeys += written.nameKeys;
    for (const [type, n] of Object.entries(written.links)) links[type] += n;
    rows += batch.entities.length + batch.relations.length;
    onBatch(k, batch.entities.length + batch.relations.length);
  }
  return { rows, nameKeys, links, sources: out.close() };
}
