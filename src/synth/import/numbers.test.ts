import { describe, expect, it } from 'vitest';
import type { BulkBatch } from '../../seed/bulk.js';
import { EntityNumbers, FIRM_BASE } from './numbers.js';

const rows = (...ids: string[]): BulkBatch => ({ entities: ids.map((id) => ({ id, kind: 'Place', props: { name: id } })), relations: [] }) as unknown as BulkBatch;

describe('EntityNumbers (integer import ids)', () => {
  it('gives writers that learn the same rows in the same order the same numbers, without sharing anything', () => {
    const a = new EntityNumbers();
    const b = new EntityNumbers();
    for (const n of [a, b]) {
      n.learn(rows('place:guizhou', 'place:guiyang'));
      n.learn(rows('place:syn-park-000000', 'product:syn-l0-000', 'place:guiyang')); // a known id keeps its number
    }
    const ids = ['place:guizhou', 'place:guiyang', 'place:syn-park-000000', 'product:syn-l0-000', 'firm:syn-0005000'];
    expect(ids.map((id) => a.of(id))).toEqual(ids.map((id) => b.of(id)));
    expect(ids.map((id) => a.of(id))).toEqual([0, 1, 2, 3, FIRM_BASE + 5000]);
  });

  it('numbers synthetic firms by rule, in their own order, and every id differently', () => {
    const n = new EntityNumbers();
    n.learn(rows('place:a', 'firm:syn-0000001')); // a firm is never numbered by position
    expect(n.of('firm:syn-0000001')).toBe(FIRM_BASE + 1);
    expect(n.of('firm:syn-0000002') - n.of('firm:syn-0000001')).toBe(1);
    expect(n.of('place:a')).toBe(0);
    const all = ['place:a', 'firm:syn-0000000', 'firm:syn-0999999', 'firm:syn-1000000'].map((id) => n.of(id));
    expect(new Set(all).size).toBe(all.length);
  });

  it('refuses, naming it, an id no rule numbers (no guessing)', () => {
    const n = new EntityNumbers();
    n.learn(rows('place:a'));
    expect(() => n.of('place:b')).toThrow(/no number for entity place:b/);
    // Not seven digits: not the firm rule, and not learned.
    expect(() => n.of('firm:syn-12')).toThrow(/no number for entity firm:syn-12/);
  });
});
