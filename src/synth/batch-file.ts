import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzip as gunzipCb, gunzipSync } from 'node:zlib';
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
 * A batch file for the offline import's CSV writers, its strings as **UTF-8 byte strings**: each
 * character is one byte of the UTF-8 text (the file read as latin1), so nothing is decoded here and
 * nothing encoded again when the CSV writer writes them back as latin1 (csv.ts, `bytes`): the bytes
 * pass through. (UTF-8 decoding of the Chinese text was the largest single cost of reading a batch.)
 * Concatenating, comparing and ASCII tests work on them as on the text; anything written beside
 * them must be in the same form (`byteString`).
 */
export async function readBatchFileBytes(folder: string, index: number): Promise<BulkBatch> {
  const raw = gunzipWhole(await readFile(fileOf(folder, index)));
  const text = raw.toString('latin1');
  // JSON.stringify writes \uXXXX only for control characters (and lone surrogates): an escape above
  // U+007F would decode to a real character among the bytes, so such a file takes the slow way.
  for (let k = text.indexOf('\\u'); k >= 0; k = text.indexOf('\\u', k + 2)) {
    if (text[k + 2] !== '0' || text[k + 3] !== '0' || text[k + 4] > '7') return byteStrings(JSON.parse(raw.toString('utf8')) as BulkBatch);
  }
  return JSON.parse(text) as BulkBatch;
}

/**
 * gunzip into one buffer sized by the gzip trailer's ISIZE (the length mod 2^32): zlib then returns
 * its one chunk instead of concatenating 16 KiB chunks (a copy of every batch: 40 % of the gunzip).
 * Synchronous: it runs in a CSV writer thread that has nothing else to do meanwhile.
 */
function gunzipWhole(gz: Buffer): Buffer {
  const size = gz.length >= 18 ? gz.readUInt32LE(gz.length - 4) : 0;
  return gunzipSync(gz, { chunkSize: Math.max(64 * 1024, size + 1024) });
}

/** A string's UTF-8 byte string (see readBatchFileBytes). */
export const byteString = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

/** Every string in `value` (deeply) as its UTF-8 byte string. */
export function byteStrings<T>(value: T): T {
  if (typeof value === 'string') return byteString(value) as T;
  if (Array.isArray(value)) return value.map(byteStrings) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[byteString(k)] = byteStrings(v);
  return out as T;
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

