import { describe, expect, it } from 'vitest';
import { quoteForm, searchKey, toTraditional, hasCjk } from '../src/text/normalize.js';
import { Q } from '../src/db/queries.js';
import { seed, useTestDb } from './support/harness.js';

const db = useTestDb();
const graph = seed();
const byId = new Map(graph.entities.map((e) => [e.id, e]));

describe('curated seed data', () => {
  it('quotes every fact verbatim from its document (ignoring whitespace and pinyin glosses)', () => {
    const texts = new Map(graph.documents.map((d) => [d.id, quoteForm(d.text)]));
    const evidence = [
      ...graph.entities.flatMap((e) => [...e.evidence, ...e.facts.map((f) => f.evidence)].map((x) => ({ owner: e.id, ...x }))),
      ...graph.relations.flatMap((r) => r.evidence.map((x) => ({ owner: r.key, ...x }))),
    ];
    const quoted = evidence.filter((x) => x.quote);
    expect(quoted.length).toBeGreaterThan(500);
    const missing = quoted.filter((x) => !texts.get(x.doc!)?.includes(quoteForm(x.quote!)));
    expect(missing).toEqual([]);
    // Reference evidence has a note and no document.
    expect(evidence.filter((x) => !x.quote).every((x) => x.note && x.doc === null)).toBe(true);
  });

  it('cites every one of the five documents', () => {
    const cited = new Set(graph.entities.flatMap((e) => e.evidence.map((x) => x.doc)));
    expect(graph.documents.map((d) => d.id).filter((id) => !cited.has(id))).toEqual([]);
  });

  it('joins only entities that exist', () => {
    const dangling = graph.relations.filter((r) => !byId.has(r.from) || !byId.has(r.to) || (r.props.at && !byId.has(String(r.props.at))));
    expect(dangling).toEqual([]);
  });

  it('gives no two entities the same name or alias', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const e of graph.entities) {
      const names = [e.name, ...e.curatedAliases];
      for (const name of new Set([...names, ...names.filter(hasCjk).map(toTraditional)])) {
        const key = searchKey(name);
        if (owner.has(key) && owner.get(key) !== e.id) clashes.push(`${name}: ${owner.get(key)} / ${e.id}`);
        owner.set(key, e.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('locates every firm, or marks it location unknown', () => {
    const located = new Set(graph.relations.filter((r) => r.type === 'LOCATED_IN').map((r) => r.from));
    const unplaced = graph.entities.filter((e) => e.kind === 'Firm' && !located.has(e.id) && !/location unknown/i.test(e.description ?? ''));
    expect(unplaced.map((e) => e.id)).toEqual([]);
  });

  it('connects every product of the phosphorus chain to phosphate rock or to vehicles', () => {
    const chainEdges = graph.relations.filter((r) => r.type === 'INPUT_TO' || r.type === 'BYPRODUCT_OF');
    const reach = (start: string, step: (r: (typeof chainEdges)[number], id: string) => string | null) => {
      const seen = new Set([start]);
      const queue = [start];
      while (queue.length) {
        const id = queue.shift()!;
        for (const r of chainEdges) {
          const next = step(r, id);
          if (next && !seen.has(next)) seen.add(next) && queue.push(next);
        }
      }
      return seen;
    };
    // The chain: every product joined to phosphate rock by input or by-product links, in any direction.
    const chain = reach('product:phosphate-rock', (r, id) => (r.from === id ? r.to : r.to === id ? r.from : null));
    // Made from rock (inputs forward, by-products hang off what they come from) …
    const fromRock = reach('product:phosphate-rock', (r, id) => (r.type === 'INPUT_TO' && r.from === id ? r.to : r.type === 'BYPRODUCT_OF' && r.to === id ? r.from : null));
    // … or going into vehicles.
    const intoVehicles = reach('product:nev', (r, id) => (r.type === 'INPUT_TO' && r.to === id ? r.from : null));
    expect(fromRock.has('product:nev')).toBe(true);
    for (const id of ['product:phosphoric-acid', 'product:iron-phosphate', 'product:lfp', 'product:power-battery']) expect(fromRock.has(id) && intoVehicles.has(id)).toBe(true);
    expect(chain.size).toBeGreaterThan(8);
    expect([...chain].filter((id) => !fromRock.has(id) && !intoVehicles.has(id))).toEqual([]);
  });

  it('marks goals as planned, never as operating', () => {
    const goalWords = /到20[2-3]\d年|力争|計劃|计划|擬|拟|目標|目标/;
    const contradicted = graph.relations.filter(
      (r) => r.type === 'PRODUCES' && r.props.status === 'operating' && r.evidence.every((x) => x.quote && goalWords.test(x.quote)),
    );
    expect(contradicted.map((r) => r.key)).toEqual([]);
  });

  it('holds in Neo4j exactly the counts the seed files declare', async () => {
    const [row] = await db.read(Q.graphCountsByKind, {});
    const loadedKinds = Object.fromEntries(row.nodeRows.map((r) => [r.key, r.count]));
    const loadedTypes = Object.fromEntries(row.relRows.map((r) => [r.key, r.count]));
    const declaredKinds: Record<string, number> = {};
    for (const e of graph.entities) declaredKinds[e.kind] = (declaredKinds[e.kind] ?? 0) + 1;
    const declaredTypes: Record<string, number> = {};
    for (const r of graph.relations) declaredTypes[r.type] = (declaredTypes[r.type] ?? 0) + 1;
    expect(loadedKinds).toEqual(declaredKinds);
    expect(loadedTypes).toEqual(declaredTypes);
  });
});
