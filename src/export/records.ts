import { z } from 'zod';
import { ENTITY_KINDS } from '../seed/model.js';
import type { EntityRef, NodeRow, OutgoingRelation } from '../db/models.js';
import { evidenceOf } from '../services/rows.js';
import { displayPinyin, hasCjk, toTraditional } from '../text/normalize.js';

/**
 * What every export format writes, read back from Neo4j rows and checked by zod. The known
 * properties have fixed places; any other property an entity or relation carries (a place `code`,
 * `reviewedBy`, …) is kept as an "extra", so a new property reaches the exports without code.
 */
export interface ExportEvidence {
  doc: string | null;
  title: string | null;
  quote: string | null;
  note: string | null;
}

export type Scalar = string | number | boolean | null;

export interface ExportEntity {
  id: string;
  kind: (typeof ENTITY_KINDS)[number];
  name: string;
  nameTraditional: string;
  namePinyin: string;
  nameEn: string | null;
  aliases: string[];
  placeKind: string | null;
  status: string | null;
  description: string | null;
  /** The typed figures (label, amount, unit, period, status, evidence) as stored. */
  facts: unknown[];
  origin: string | null;
  extras: Record<string, Scalar | Scalar[]>;
  evidence: ExportEvidence[];
}

export interface EndRef {
  id: string;
  kind: string;
  name: string;
  origin?: string | null;
}

export interface ExportRelation {
  /** Stable across exports: the stored key, else the same recipe the seed loader uses. */
  id: string;
  type: string;
  from: EndRef;
  to: EndRef;
  props: Record<(typeof RELATION_PROPS)[number], string | number | null>;
  origin: string | null;
  extras: Record<string, Scalar | Scalar[]>;
  evidence: ExportEvidence[];
}

/** Node properties with a fixed place in every format (or internal search data, never exported). */
export const ENTITY_KNOWN = ['id', 'kind', 'name', 'nameEn', 'aliases', 'placeKind', 'status', 'description', 'factsJson', 'origin'] as const;
const ENTITY_INTERNAL = ['primaryKeys', 'searchKeys', 'searchText', 'evDocs', 'evQuotes', 'evNotes'];
export const RELATION_PROPS = ['role', 'status', 'capacity', 'unit', 'asOf', 'at', 'amount', 'amountUnit', 'label', 'note'] as const;
const RELATION_INTERNAL = ['key', 'origin', 'evDocs', 'evQuotes', 'evNotes'];
/** Document properties that are not metadata: the full text stays out of tables and graphs. */
const DOCUMENT_INTERNAL = ['text'];

/** Property keys (beyond the known ones) that become extra columns/attributes, sorted: a stable, documented order. */
export function entityExtraKeys(keys: Iterable<string>): string[] {
  return [...new Set(keys)].filter((k) => !(ENTITY_KNOWN as readonly string[]).includes(k) && !ENTITY_INTERNAL.includes(k)).sort();
}
export function relationExtraKeys(keys: Iterable<string>): string[] {
  return [...new Set(keys)].filter((k) => !(RELATION_PROPS as readonly string[]).includes(k) && !RELATION_INTERNAL.includes(k)).sort();
}
export function documentKeys(keys: Iterable<string>): string[] {
  const first = ['id', 'title', 'publisher', 'date', 'url', 'origin'];
  const rest = [...new Set(keys)].filter((k) => !first.includes(k) && !DOCUMENT_INTERNAL.includes(k)).sort();
  return [...first, ...rest];
}

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const propertyValue = z.union([scalar, z.array(scalar)]);
export type Titles = ReadonlyMap<string, string>;

/** The stored evidence (services/rows evidenceOf reads the three lists) with each document's title. */
function evidenceWithTitles(props: Record<string, unknown>, titles: Titles): ExportEvidence[] {
  return evidenceOf(props).map((e) => ({ doc: e.doc, title: e.doc ? (titles.get(e.doc) ?? null) : null, quote: e.quote, note: e.note }));
}

function extrasOf(props: Record<string, unknown>, keys: readonly string[]): Record<string, Scalar | Scalar[]> {
  const out: Record<string, Scalar | Scalar[]> = {};
  for (const key of keys) {
    const parsed = propertyValue.safeParse(props[key] ?? null);
    // Temporal and spatial values arrive as driver objects: their string form is their ISO text.
    out[key] = parsed.success ? parsed.data : String(props[key]);
  }
  return out;
}

/** An entity as every format writes it, from the node row read (and parsed) at the db boundary. */
export function toExportEntity(n: NodeRow, extraKeys: readonly string[], titles: Titles): ExportEntity {
  let facts: unknown[] = [];
  if (n.factsJson) {
    const parsed = JSON.parse(n.factsJson) as unknown;
    facts = Array.isArray(parsed) ? parsed : [];
  }
  return {
    id: n.id,
    kind: n.kind,
    name: n.name,
    nameTraditional: toTraditional(n.name),
    namePinyin: hasCjk(n.name) ? displayPinyin(n.name) : n.name,
    nameEn: n.nameEn ?? null,
    aliases: n.aliases ?? [],
    placeKind: n.placeKind ?? null,
    status: n.status ?? null,
    description: n.description ?? null,
    facts,
    origin: n.origin ?? null,
    extras: extrasOf(n, extraKeys),
    evidence: evidenceWithTitles(n, titles),
  };
}

const DISTINGUISHING = ['role', 'status', 'at', 'capacity', 'unit', 'label'] as const;

export function toExportRelation(from: EntityRef, row: OutgoingRelation, extraKeys: readonly string[], titles: Titles): ExportRelation {
  const p = row.props;
  const props = {} as ExportRelation['props'];
  for (const name of RELATION_PROPS) {
    const v = p[name];
    props[name] = typeof v === 'string' || typeof v === 'number' ? v : null;
  }
  const id = typeof p.key === 'string' && p.key ? p.key : [row.type, from.id, row.to.id, ...DISTINGUISHING.map((k) => props[k] ?? '')].join('|');
  return {
    id,
    type: row.type,
    from,
    to: row.to,
    props,
    origin: typeof p.origin === 'string' ? p.origin : null,
    extras: extrasOf(p, extraKeys),
    evidence: evidenceWithTitles(p, titles),
  };
}

/** One text for a property value in a table cell or an XML attribute: lists as JSON arrays. */
export function cellOf(value: Scalar | Scalar[] | undefined): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}
