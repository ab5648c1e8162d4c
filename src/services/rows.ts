import type { ENTITY_KINDS } from '../seed/model.js';
import { NodeRowModel, type DocumentRow, type NodeRow } from '../db/models.js';
import { rememberedFor } from '../cache/frozen.js';

export type Kind = (typeof ENTITY_KINDS)[number];
export { NodeRowModel, type NodeRow };

/**
 * Which properties a question's rows carry: `fields` of its entities, `relFields` of its relations
 * (null: all of them). Read from the GraphQL selection (src/graphql/selection.ts) and passed to the
 * Cypher as is (tokens SELECTED, SELECTED_REL in src/db/queries.ts).
 */
export interface Selection {
  fields: string[] | null;
  relFields: string[] | null;
  /** Whether productions carry their product (Production.product is read); absent: they do. */
  withMade?: boolean;
  /** Whether every row of a keyset page carries its sort key (an edge's cursor is read); absent: every row does. The page's last rows always do (endCursor). */
  edgeCursors?: boolean;
  /** Whether any cursor is read (an edge's, or pageInfo.endCursor); absent: yes. */
  cursors?: boolean;
  /**
   * Whether rows bring the documents their relations' evidence cites (Evidence.document is read under a
   * production's, a placement's or a policy relevance's sources): the sources' titles then cost no trip
   * of their own. Absent: no — the documents loader reads them.
   */
  withDocuments?: boolean;
}
/** The `$withDocuments` of a statement that can bring the documents its rows cite (citedDocuments in cypher/entities.cypher). */
export const citing = (select: Selection) => ({ withDocuments: select.withDocuments === true });
/** Where a service hands the documents its rows brought (resolvers: ctx.loaders.cite, which primes the documents loader). */
export type Cite = (documents: DocumentRow[]) => void;

/** Every property: for callers without a selection (exports, curation, tests). */
export const EVERYTHING: Selection = { fields: null, relFields: null };

const propertiesOfFrozen = new WeakMap<Selection, Pick<Selection, 'fields' | 'relFields'>>();
/**
 * The stored properties a selection reads, without the row parts of keyset pages: a loader's key for
 * reads that take no such part. A frozen selection (remembered per operation: src/graphql/selection.ts)
 * keeps one answer, so loader keys made of it are remembered too.
 */
export const propertiesOf = (select: Selection): Pick<Selection, 'fields' | 'relFields'> =>
  rememberedFor(propertiesOfFrozen, select, (s) => ({ fields: s.fields, relFields: s.relFields }));

/** What several questions answered by one read need together: every property any of them reads (null wins). */
export function unionOf(selections: readonly Selection[]): Pick<Selection, 'fields' | 'relFields'> {
  const union = (lists: (string[] | null)[]) => (lists.some((l) => l === null) ? null : [...new Set(lists.flat() as string[])].sort());
  return { fields: union(selections.map((s) => s.fields)), relFields: union(selections.map((s) => s.relFields)) };
}

export const toNode = (value: unknown): NodeRow => NodeRowModel.parse(value);
export const toNodeOrNull = (value: unknown): NodeRow | null => (value == null ? null : toNode(value));

export interface EvidenceRow {
  doc: string | null;
  quote: string | null;
  note: string | null;
}

/**
 * Evidence is stored as three parallel lists; '' stands for null, and so does a missing entry: a
 * list that would be [''] is not stored by the synthetic loaders (the offline CSV import cannot carry it).
 */
export function evidenceOf(props: { evDocs?: unknown; evQuotes?: unknown; evNotes?: unknown }): EvidenceRow[] {
  const docs = (props.evDocs as string[] | undefined) ?? [];
  const quotes = (props.evQuotes as string[] | undefined) ?? [];
  const notes = (props.evNotes as string[] | undefined) ?? [];
  return Array.from({ length: Math.max(docs.length, quotes.length, notes.length) }, (_, i) => ({ doc: docs[i] || null, quote: quotes[i] || null, note: notes[i] || null }));
}

/** A relation with its properties; the end nodes are attached when the query already read them. */
export interface EdgeRow {
  type: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
  fromNode?: NodeRow;
  toNode?: NodeRow;
}

export interface ProductionRow {
  producer: NodeRow;
  product: NodeRow;
  place: NodeRow | null;
  capacity: number | null;
  unit: string | null;
  status: string;
  asOf: string | null;
  evidence: EvidenceRow[];
  /** The PRODUCES relation's own properties (key, origin, supersession, output, siteNotStated …). */
  rel?: Record<string, unknown>;
}

export function productionStatus(rel: Record<string, unknown>, producer: NodeRow): string {
  if (typeof rel.status === 'string') return rel.status;
  return producer.kind === 'Project' ? (producer.status ?? 'planned') : 'operating';
}

const PRODUCTION_ROLES = ['production_base', 'plant', 'site'];

/** Where a firm produces when the fact names no place: a production role first, then by id (same rule as the stepProductions fragment in cypher/chains.cypher). */
export function productionSite<T extends { id: string }>(locations: { role: string | null; place: T }[]): T | null {
  const rank = (l: { role: string | null }) => (l.role && PRODUCTION_ROLES.includes(l.role) ? 0 : 1);
  return [...locations].sort((a, b) => rank(a) - rank(b) || a.place.id.localeCompare(b.place.id))[0]?.place ?? null;
}

export const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
export const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
