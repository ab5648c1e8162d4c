import type { BulkBatch } from '../../seed/bulk.js';

/**
 * Integer import ids for the offline import (`neo4j-admin … --id-type=integer`). With string ids
 * the tool hashes every id, sorts the hashes and binary-searches them for both ends of every
 * relationship: at 1M firms that search was the largest single cost of the import (a fifth of its
 * CPU; consecutive firms hash to scattered places, which most likely defeats the cache). Integer
 * ids that follow the firms' own order cut it (relationship import 73 → 33 s at 1M, docs/performance.md).
 *
 * The number is only the tool's handle for wiring relationships: the node keeps its `id` string
 * property, exactly as before. Every CSV writer must give an entity the same number without
 * talking to the others, so the numbering is a rule, not a counter:
 * - a synthetic firm `firm:syn-NNNNNNN` (seven digits, generate.ts) is FIRM_BASE + NNNNNNN;
 * - any other entity is numbered in the order it is learned: the curated rows first, then the
 *   reference batches (parks, products, policies) in plan order — every writer learns exactly
 *   those, in that order (writeShard, writeImportCsv), so all agree.
 * An id that is neither fails loudly rather than guessing.
 */
const FIRM_PREFIX = 'firm:syn-';

/** NNNNNNN of `firm:syn-NNNNNNN` (exactly seven digits), else -1 (`/^firm:syn-(\d{7})$/` without a RegExp per call). */
function firmNumber(id: string): number {
  if (id.length !== FIRM_PREFIX.length + 7 || !id.startsWith(FIRM_PREFIX)) return -1;
  let n = 0;
  for (let i = FIRM_PREFIX.length; i < id.length; i++) {
    const digit = id.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

/** Above every learned number (a few thousand): the two ranges never meet. */
export const FIRM_BASE = 2 ** 32;

export class EntityNumbers {
  private readonly learned = new Map<string, number>();

  /** Numbers the entities of `rows` that no rule numbers, in their order (idempotent: a known id keeps its number). */
  learn(rows: BulkBatch): void {
    for (const e of rows.entities) if (firmNumber(e.id) < 0 && !this.learned.has(e.id)) this.learned.set(e.id, this.learned.size);
  }

  of(id: string): number {
    // Called twice per relationship row: the firm rule first (a length test rejects most other ids), then the learned map.
    const firm = firmNumber(id);
    if (firm >= 0) return FIRM_BASE + firm;
    const learned = this.learned.get(id);
    if (learned !== undefined) return learned;
    throw new Error(`the offline import has no number for entity ${id}: only curated entities, those of the park, product and policy batches, and synthetic firms (firm:syn-NNNNNNN) can be imported`);
  }
}
