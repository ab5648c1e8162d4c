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
const FIRM = /^firm:syn-(\d{7})$/;
/** Above every learned number (a few thousand): the two ranges never meet. */
export const FIRM_BASE = 2 ** 32;

export class EntityNumbers {
  private readonly learned = new Map<string, number>();

  /** Numbers the entities of `rows` that no rule numbers, in their order (idempotent: a known id keeps its number). */
  learn(rows: BulkBatch): void {
    for (const e of rows.entities) if (!FIRM.test(e.id) && !this.learned.has(e.id)) this.learned.set(e.id, this.learned.size);
  }

  of(id: string): number {
    const firm = FIRM.exec(id);
    if (firm) return FIRM_BASE + Number(firm[1]);
    const n = this.learned.get(id);
    if (n === undefined) throw new Error(`the offline import has no number for entity ${id}: only curated entities, those of the park, product and policy batches, and synthetic firms (firm:syn-NNNNNNN) can be imported`);
    return n;
  }
}
