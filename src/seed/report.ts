import type { SeedGraph } from './read.js';

export interface SeedReport {
  entitiesByKind: Record<string, number>;
  relationsByType: Record<string, number>;
  byDocument: Record<string, { entities: number; relations: number; quotes: number }>;
  referenceOnly: { entities: number; relations: number };
  isolated: { id: string; kind: string; name: string }[];
  firmsWithoutLocation: string[];
  totals: { entities: number; relations: number; documents: number; facts: number };
}

const bump = (map: Record<string, number>, key: string, by = 1) => {
  map[key] = (map[key] ?? 0) + by;
};

/** Counts per kind, per relation type and per document, and the entities nothing connects to. */
export function buildReport(graph: SeedGraph): SeedReport {
  const entitiesByKind: Record<string, number> = {};
  const relationsByType: Record<string, number> = {};
  const byDocument: SeedReport['byDocument'] = Object.fromEntries(graph.documents.map((d) => [d.id, { entities: 0, relations: 0, quotes: 0 }]));
  const referenceOnly = { entities: 0, relations: 0 };
  const connected = new Set<string>();
  let facts = 0;

  for (const e of graph.entities) {
    bump(entitiesByKind, e.kind);
    facts += e.facts.length;
    const docs = new Set(e.evidence.map((x) => x.doc).filter((d): d is string => d !== null));
    for (const d of docs) byDocument[d].entities += 1;
    if (!docs.size) referenceOnly.entities += 1;
    for (const x of [...e.evidence, ...e.facts.map((f) => f.evidence)]) if (x.doc && x.quote) byDocument[x.doc].quotes += 1;
  }
  for (const r of graph.relations) {
    bump(relationsByType, r.type);
    connected.add(r.from).add(r.to);
    const docs = new Set(r.evidence.map((x) => x.doc).filter((d): d is string => d !== null));
    for (const d of docs) byDocument[d].relations += 1;
    if (!docs.size) referenceOnly.relations += 1;
    for (const x of r.evidence) if (x.doc && x.quote) byDocument[x.doc].quotes += 1;
  }
  const located = new Set(graph.relations.filter((r) => r.type === 'LOCATED_IN').map((r) => r.from));
  return {
    entitiesByKind,
    relationsByType,
    byDocument,
    referenceOnly,
    isolated: graph.entities.filter((e) => !connected.has(e.id)).map((e) => ({ id: e.id, kind: e.kind, name: e.name })),
    firmsWithoutLocation: graph.entities.filter((e) => e.kind === 'Firm' && !located.has(e.id)).map((e) => e.id),
    totals: { entities: graph.entities.length, relations: graph.relations.length, documents: graph.documents.length, facts },
  };
}

export function formatReport(report: SeedReport): string {
  const table = (title: string, rows: Record<string, number>) =>
    [`${title}:`, ...Object.entries(rows).sort((a, b) => b[1] - a[1]).map(([k, v]) => `  ${k.padEnd(18)} ${String(v).padStart(5)}`)].join('\n');
  const docs = Object.entries(report.byDocument).map(
    ([id, d]) => `  ${id}  entities ${String(d.entities).padStart(4)}  relations ${String(d.relations).padStart(4)}  quotes ${String(d.quotes).padStart(4)}`,
  );
  return [
    `Totals: ${report.totals.entities} entities, ${report.totals.relations} relations, ${report.totals.facts} typed facts, ${report.totals.documents} documents`,
    table('Entities by kind', report.entitiesByKind),
    table('Relations by type', report.relationsByType),
    ['Evidence by document (entities/relations citing it):', ...docs].join('\n'),
    `Reference-only (no quote): ${report.referenceOnly.entities} entities, ${report.referenceOnly.relations} relations`,
    `Entities with no edges (${report.isolated.length}):`,
    ...report.isolated.map((e) => `  ${e.id}  ${e.kind}  ${e.name}`),
    `Firms without a LOCATED_IN edge (${report.firmsWithoutLocation.length}): ${report.firmsWithoutLocation.join(', ') || '-'}`,
  ].join('\n');
}
