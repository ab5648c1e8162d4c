import type { SeedGraph } from '../seed/read.js';
import { searchKey } from '../text/normalize.js';
import type { Extraction } from './extraction.js';

/**
 * Scores an extraction of a seed document against the curated records of that document: the entities
 * and relations with a quote from it (reference-only records, stated nowhere in the text, are not
 * gold). A candidate counts by its matched id, or, when new, by its normalized name against every
 * curated name and alias. Recall is counted over gold records, precision over candidates.
 */
export interface Tally {
  gold: number;
  found: number;
  predicted: number;
  correct: number;
}
export const emptyTally = (): Tally => ({ gold: 0, found: 0, predicted: 0, correct: 0 });
export const addTally = (a: Tally, b: Tally): Tally => ({ gold: a.gold + b.gold, found: a.found + b.found, predicted: a.predicted + b.predicted, correct: a.correct + b.correct });

export interface DocumentScore {
  doc: string;
  chars: number;
  millis: number;
  entities: Record<string, Tally>;
  relations: Record<string, Tally>;
}

export function goldOf(seed: SeedGraph, doc: string) {
  const quoted = (ev: { doc: string | null; quote: string | null }[]) => ev.some((e) => e.doc === doc && e.quote);
  const entities = seed.entities.filter((e) => quoted(e.evidence) || quoted(e.facts.map((f) => f.evidence)));
  const relations = seed.relations.filter((r) => quoted(r.evidence));
  return { entities, relations };
}

/** Entities only this document speaks of (not shared in core.yaml, quoted by no other document): held out for the cold measurement. */
export function ownEntities(seed: SeedGraph, doc: string): Set<string> {
  const ids = new Set<string>();
  for (const e of seed.entities) {
    if (e.declaredIn.some((f) => f.endsWith('core.yaml'))) continue;
    const docs = new Set([...e.evidence, ...e.facts.map((f) => f.evidence)].filter((x) => x.quote).map((x) => x.doc));
    if (docs.size === 1 && docs.has(doc)) ids.add(e.id);
  }
  return ids;
}

export function nameIndex(seed: SeedGraph): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const e of seed.entities) {
    for (const n of [e.name, e.nameEn, ...e.curatedAliases]) {
      if (!n) continue;
      const key = searchKey(n);
      const ids = index.get(key) ?? [];
      if (!ids.includes(e.id)) ids.push(e.id);
      index.set(key, ids);
    }
  }
  return index;
}

export function scoreDocument(seed: SeedGraph, index: Map<string, string[]>, doc: string, x: Extraction): Pick<DocumentScore, 'entities' | 'relations'> {
  const gold = goldOf(seed, doc);
  const kindOf = new Map(seed.entities.map((e) => [e.id, e.kind]));
  const resolveName = (name: string) => index.get(searchKey(name)) ?? [];
  const entities: Record<string, Tally> = {};
  const relations: Record<string, Tally> = {};
  const at = (table: Record<string, Tally>, key: string) => (table[key] ??= emptyTally());

  const goldIds = new Set(gold.entities.map((e) => e.id));
  const foundIds = new Set<string>();
  for (const c of x.entities) {
    const ids = c.match ? [c.match] : c.matches.length ? c.matches : resolveName(c.name);
    const t = at(entities, c.kind);
    t.predicted++;
    const hits = ids.filter((id) => goldIds.has(id));
    if (hits.length) t.correct++;
    for (const id of hits) foundIds.add(id);
  }
  for (const e of gold.entities) {
    const t = at(entities, e.kind);
    t.gold++;
    if (foundIds.has(e.id)) t.found++;
  }

  const endIds = (id: string | null, name: string) => (id ? [id] : resolveName(name));
  const goldKeys = new Set(gold.relations.map((r) => `${r.type}|${r.from}|${r.to}`));
  const foundKeys = new Set<string>();
  for (const r of x.relations) {
    const t = at(relations, r.type);
    t.predicted++;
    const keys = endIds(r.fromId, r.from).flatMap((f) => endIds(r.toId, r.to).map((to) => `${r.type}|${f}|${to}`));
    const hits = keys.filter((k) => goldKeys.has(k));
    if (hits.length) t.correct++;
    for (const k of hits) foundKeys.add(k);
  }
  for (const r of gold.relations) {
    const t = at(relations, r.type);
    t.gold++;
    if (foundKeys.has(`${r.type}|${r.from}|${r.to}`)) t.found++;
  }
  void kindOf;
  return { entities, relations };
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(0)}%` : '–');

/** A markdown table: one row per kind or type, recall and precision with their counts. */
export function tallyTable(title: string, table: Record<string, Tally>): string {
  const rows = Object.entries(table).sort(([a], [b]) => a.localeCompare(b));
  const total = rows.reduce((sum, [, t]) => addTally(sum, t), emptyTally());
  const line = (name: string, t: Tally) => `| ${name} | ${t.gold} | ${t.found} | ${pct(t.found, t.gold)} | ${t.predicted} | ${t.correct} | ${pct(t.correct, t.predicted)} |`;
  return [`| ${title} | gold | found | recall | candidates | correct | precision |`, '|---|---:|---:|---:|---:|---:|---:|', ...rows.map(([k, t]) => line(k, t)), line('**all**', total)].join('\n');
}

export function mergeTables(tables: Record<string, Tally>[]): Record<string, Tally> {
  const out: Record<string, Tally> = {};
  for (const t of tables) for (const [k, v] of Object.entries(t)) out[k] = addTally(out[k] ?? emptyTally(), v);
  return out;
}
