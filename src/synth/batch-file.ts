import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzip as gunzipCb } from 'node:zlib';
import { promisify } from 'node:util';
import type { BulkBatch } from '../seed/bulk.js';

/**
 * The generator's batch files (.synth-cache/…/batch-NNNNN.json.gz): written by cache.ts, read by
 * the online loader and the offline import's CSV workers. Kept free of the generator's imports so
 * a worker that only reads them starts quickly.
 */
const gunzip = promisify(gunzipCb);

export const fileOf = (folder: string, index: number) => path.join(folder, `batch-${String(index).padStart(5, '0')}.json.gz`);

export async function readBatchFile(folder: string, index: number): Promise<BulkBatch> {
  return JSON.parse((await gunzip(await readFile(fileOf(folder, index)))).toString('utf8')) as BulkBatch;
}

/**
 * List properties a CSV import cannot carry — an empty list, or a list of one empty string (the
 * importer stores neither) — are left out, by the online loader and the offline import alike, so
 * both write the same properties. Readers take a missing list as no entries (evidence: as '' per
 * entry, see evidenceOf), which is what those lists say.
 */
export function storableProps<T extends Record<string, unknown>>(props: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) if (!unstorableList(v)) out[k] = v;
  return out as T;
}

/** storableProps' rule for one value: an empty list, or a list of one empty string, is not stored. */
export function unstorableList(v: unknown): boolean {
  return Array.isArray(v) && (v.length === 0 || (v.length === 1 && v[0] === ''));
}

