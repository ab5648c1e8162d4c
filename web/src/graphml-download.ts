/** The neighbourhood as drawn, as GraphML: the same writer and attribute names as `npm run export -- --format graphml`. */
import type cytoscape from 'cytoscape';
import { kindFromEnum } from '../../src/domain/vocabulary.js';
import { graphmlKeys, GraphmlWriter } from '../../src/export/graphml.js';
import type { EntityRef, Evidence } from './api.js';
import type { GraphEdge } from './graph.js';

// The export's column names for what the explorer has of a node and an edge (it has no document ids).
const NODE_KEYS = graphmlKeys(['kind', 'name', 'name_en']);
const EDGE_KEYS = graphmlKeys(['type', 'role', 'status', 'capacity', 'unit', 'amount', 'amount_unit', 'relation_label', 'evidence_count', 'evidence_doc_title', 'evidence_quote', 'evidence_note']);

/** Model kinds (Firm, IndustrialBase) as the export writes them, from the API's enum values (FIRM, INDUSTRIAL_BASE). */
const modelKind = (kind: string) => kindFromEnum(kind) ?? kind;
const lines = (sources: Evidence[], pick: (e: Evidence) => string | null | undefined) => sources.map((e) => pick(e) ?? '').join('\n');

export async function neighbourhoodGraphml(cy: cytoscape.Core, description: string): Promise<string> {
  const parts: string[] = [];
  const writer = new GraphmlWriter((text) => void parts.push(text), NODE_KEYS, EDGE_KEYS);
  await writer.begin(description);
  await writer.writeNodes(
    cy.nodes().map((n) => {
      const e = n.data('entity') as EntityRef;
      return { id: e.id, values: { label: e.name, kind: modelKind(e.kind), name: e.name, name_en: e.nameEn } };
    }),
  );
  await writer.writeEdges(
    cy.edges().map((edge) => {
      const e = edge.data('edge') as GraphEdge;
      return {
        id: String(edge.id()),
        source: e.from,
        target: e.to,
        values: {
          label: e.type,
          type: e.type,
          role: e.role,
          status: e.status,
          capacity: e.capacity,
          unit: e.unit,
          amount: e.amount,
          amount_unit: e.amountUnit,
          relation_label: e.label,
          evidence_count: e.sources.length,
          evidence_doc_title: lines(e.sources, (s) => s.document?.title),
          evidence_quote: lines(e.sources, (s) => s.quote),
          evidence_note: lines(e.sources, (s) => s.note),
        },
      };
    }),
  );
  await writer.end();
  return parts.join('');
}

/** Saves text as a file through a temporary object URL. */
export function saveText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
