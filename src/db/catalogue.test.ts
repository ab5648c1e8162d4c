import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Q } from './queries.js';
import { keptNodeModels, parsingRowsOf, SelectedNodeModel } from './models.js';

/** The catalogue's zod models: compiled (src/db/catalogue.ts), and a SELECTED node judged by the keys it is sent (src/db/models.ts). */
describe('query catalogue models', () => {
  it('every parameter and row model compiles: none falls back to the slower parser unnoticed', () => {
    const refused: string[] = [];
    for (const query of Object.values(Q)) {
      for (const [part, model] of [['params', query.params], ['row', query.row]] as const) {
        try {
          z.compile(model, { strict: true });
        } catch (error) {
          refused.push(`${query.name}.${part}: ${(error as Error).message}`);
        }
      }
    }
    expect(refused).toEqual([]);
    expect(Object.keys(Q).length).toBeGreaterThan(50);
  });

  it('a SELECTED node is judged by the keys it is sent: absent lists read as none, and nothing may add to them', () => {
    const row = parsingRowsOf({ fields: ['id', 'kind', 'name', 'status'] }, () => SelectedNodeModel.parse(['firm:a', 'Firm', 'A', null]));
    expect(row).toEqual({ id: 'firm:a', kind: 'Firm', name: 'A', aliases: [], evDocs: [], evQuotes: [], evNotes: [] });
    expect(() => row.aliases.push('x')).toThrow(TypeError);
    // A list of aliases sent is its own, and checked.
    const named = parsingRowsOf({ fields: ['id', 'kind', 'name', 'aliases'] }, () => SelectedNodeModel.parse(['firm:a', 'Firm', 'A', ['a']]));
    expect(named.aliases).toEqual(['a']);
    expect(Object.isFrozen(named.aliases)).toBe(false);
  });

  it('a SELECTED node that does not match fails with NodeRowModel’s own issue, at its path', () => {
    const rows = z.array(SelectedNodeModel);
    const bad = parsingRowsOf({ fields: ['id', 'kind', 'name'] }, () => rows.safeParse([['firm:a', 'Firm', 'A'], ['firm:b', 'Bogus', 'B']]));
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]).toMatchObject({ code: 'invalid_value', path: [1, 'kind'] });
    const missing = parsingRowsOf({ fields: ['id', 'kind', 'name'] }, () => rows.safeParse([['firm:a', 'Firm', null]]));
    expect(missing.error!.issues[0]).toMatchObject({ code: 'invalid_type', path: [0, 'name'] });
    // A map (every property asked) is judged by the whole model: no kind, no row.
    expect(parsingRowsOf({ fields: null }, () => SelectedNodeModel.safeParse({ id: 'firm:a', name: 'A' })).success).toBe(false);
  });

  it('keeps a bounded number of per-key-list models, however many lists clients choose', () => {
    for (let i = 0; i < 200; i++) {
      const fields = ['id', 'kind', 'name', `extra${i}`];
      const row = parsingRowsOf({ fields }, () => SelectedNodeModel.parse(['firm:a', 'Firm', 'A', i]));
      expect(row[`extra${i}`]).toBe(i);
    }
    expect(keptNodeModels()).toBeLessThanOrEqual(64);
    expect(keptNodeModels()).toBeGreaterThan(0);
  });
});
