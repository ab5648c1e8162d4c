import { stringify } from 'csv-stringify/sync';
import type { TextSink } from './sink.js';
import { cellOf, type ExportEntity, type ExportEvidence, type ExportRelation } from './records.js';

/**
 * CSV as Excel, pandas and R read it: UTF-8 with a byte-order mark (Excel then shows Chinese), RFC 4180
 * quoting by csv-stringify, CRLF line ends. A cell holding several items (aliases, evidence) has one
 * item per line, in the same order in every evidence column.
 */
export const BOM = '\uFEFF';
const OPTIONS = { record_delimiter: 'windows' as const, quoted_match: /^[\s]|[\s]$/ };

/** A CSV table written row batch by row batch; counts its rows. */
export class CsvTable {
  rows = 0;
  private started = false;
  constructor(
    private readonly sink: TextSink,
    readonly columns: readonly string[],
  ) {}

  async writeRows(rows: string[][]): Promise<void> {
    if (!this.started) {
      this.started = true;
      await this.sink.write(BOM + stringify([this.columns as string[]], OPTIONS));
    }
    if (!rows.length) return;
    this.rows += rows.length;
    await this.sink.write(stringify(rows, OPTIONS));
  }

  /** The header alone when no row came. */
  async finish(): Promise<void> {
    await this.writeRows([]);
  }
}

export const EVIDENCE_COLUMNS = ['evidence_count', 'evidence_doc_id', 'evidence_doc_title', 'evidence_quote', 'evidence_note'] as const;

function evidenceCells(evidence: ExportEvidence[]): string[] {
  const lines = (pick: (e: ExportEvidence) => string | null) => evidence.map((e) => pick(e) ?? '').join('\n');
  return [String(evidence.length), lines((e) => e.doc), lines((e) => e.title), lines((e) => e.quote), lines((e) => e.note)];
}

/** Extra property columns never shadow a standard column: a clash gets the prefix `prop_`. */
function extraColumns(standard: readonly string[], extras: readonly string[]): string[] {
  return extras.map((k) => (standard.includes(k) ? `prop_${k}` : k));
}

export const ENTITY_COLUMNS = ['id', 'kind', 'name', 'name_traditional', 'name_pinyin', 'name_en', 'aliases', 'place_kind', 'status', 'description', 'facts', 'origin'] as const;

export function entityColumns(extras: readonly string[]): string[] {
  return [...ENTITY_COLUMNS, ...extraColumns([...ENTITY_COLUMNS, ...EVIDENCE_COLUMNS], extras), ...EVIDENCE_COLUMNS];
}

export function entityRow(e: ExportEntity, extras: readonly string[]): string[] {
  return [
    e.id,
    e.kind,
    e.name,
    e.nameTraditional,
    e.namePinyin,
    e.nameEn ?? '',
    e.aliases.join('\n'),
    e.placeKind ?? '',
    e.status ?? '',
    e.description ?? '',
    e.facts.length ? JSON.stringify(e.facts) : '',
    e.origin ?? '',
    ...extras.map((k) => cellOf(e.extras[k])),
    ...evidenceCells(e.evidence),
  ];
}

export const RELATION_COLUMNS = [
  'id', 'type', 'from_id', 'from_kind', 'from_name', 'to_id', 'to_kind', 'to_name',
  'role', 'status', 'capacity', 'unit', 'as_of', 'at', 'amount', 'amount_unit', 'relation_label', 'note', 'origin',
] as const;

export function relationColumns(extras: readonly string[]): string[] {
  return [...RELATION_COLUMNS, ...extraColumns([...RELATION_COLUMNS, ...EVIDENCE_COLUMNS], extras), ...EVIDENCE_COLUMNS];
}

export function relationRow(r: ExportRelation, extras: readonly string[]): string[] {
  const p = r.props;
  const cell = (v: string | number | null) => (v === null ? '' : String(v));
  return [
    r.id, r.type, r.from.id, r.from.kind, r.from.name, r.to.id, r.to.kind, r.to.name,
    cell(p.role), cell(p.status), cell(p.capacity), cell(p.unit), cell(p.asOf), cell(p.at), cell(p.amount), cell(p.amountUnit), cell(p.label), cell(p.note),
    r.origin ?? '',
    ...extras.map((k) => cellOf(r.extras[k])),
    ...evidenceCells(r.evidence),
  ];
}

/** evidence.csv: one row per evidence item, joined to the tables by subject_id. */
export const EVIDENCE_FILE_COLUMNS = ['subject_id', 'subject', 'position', 'doc_id', 'doc_title', 'quote', 'note'] as const;

export function evidenceRows(subjectId: string, subject: string, evidence: ExportEvidence[]): string[][] {
  return evidence.map((e, i) => [subjectId, subject, String(i + 1), e.doc ?? '', e.title ?? '', e.quote ?? '', e.note ?? '']);
}
