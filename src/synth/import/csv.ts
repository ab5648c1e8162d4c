import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { EntityNumbers } from './numbers.js';

/**
 * CSV files for `neo4j-admin database import full`: one table per node label set or relationship
 * type, a header file apart from the data (so columns found late start a new part, never a rewrite),
 * every value quoted (so an empty string stays a string), arrays joined by ARRAY_DELIMITER.
 * Nodes and relationships are wired by integer ids (ID_TYPE, numbers.ts); an entity's `id` string
 * is an ordinary property column.
 */

/** `--id-type` of the import: the :ID, :START_ID and :END_ID columns hold EntityNumbers. */
export const ID_TYPE = 'integer';

/** Separates array elements inside one field; no generated value contains it (checked on write). */
export const ARRAY_DELIMITER = '\u001f';
const QUOTE = '"';

export type CsvValue = string | number | boolean | string[];

/**
 * How a writer's strings hold their text: `text` (ordinary strings, written as UTF-8) or `bytes`
 * (UTF-8 byte strings, one character per byte, as readBatchFileBytes gives them: written as latin1,
 * i.e. byte for byte).
 */
export type TextForm = 'text' | 'bytes';
type ColumnType = 'string' | 'double' | 'boolean' | 'string[]';

export interface CsvSource {
  /** `--nodes=Entity:Firm=…` or `--relationships=PRODUCES=…` */
  kind: 'nodes' | 'relationships';
  /** Labels joined by ':' for nodes, the type for relationships. */
  name: string;
  /** The header line (also the first file): sources of one table with the same header are merged into one group. */
  header: string;
  files: string[];
}

/**
 * One `--nodes`/`--relationships` group per table and header: neo4j-admin samples every group
 * before it starts (CsvInput.validateAndEstimate), so fewer groups start sooner. Data files of
 * several writers with the same header are read as one group.
 */
export function mergeSources(sources: CsvSource[]): CsvSource[] {
  const groups = new Map<string, CsvSource>();
  for (const s of sources) {
    const key = `${s.kind}\n${s.name}\n${s.header}`;
    const group = groups.get(key);
    if (group) group.files.push(...s.files.slice(1));
    else groups.set(key, { ...s, files: [...s.files] });
  }
  return [...groups.values()];
}

const typeOf = (value: CsvValue): ColumnType => (Array.isArray(value) ? 'string[]' : typeof value === 'number' ? 'double' : typeof value === 'boolean' ? 'boolean' : 'string');

const SPECIAL = /["\r\n\u001f]/;

function field(value: CsvValue | undefined): string {
  if (value === undefined) return ''; // absent: Neo4j stores no property
  if (typeof value === 'string') return SPECIAL.test(value) ? quoted(checked(value)) : QUOTE + value + QUOTE; // the common case, no copies
  return quoted(Array.isArray(value) ? value.map(checked).join(ARRAY_DELIMITER) : String(value));
}

function quoted(text: string): string {
  return QUOTE + text.replaceAll(QUOTE, QUOTE + QUOTE) + QUOTE;
}

function checked(text: string): string {
  // Fields are read line by line (no --multiline-fields, which would stop the importer's parallel parsing).
  if (/[\r\n\u001f]/.test(text)) throw new Error(`a value holds a line break or the array delimiter, which the CSV import cannot carry: ${JSON.stringify(text.slice(0, 80))}`);
  return text;
}

interface Part {
  columns: string[];
  types: Map<string, ColumnType>;
  header: string;
  out: Output;
  files: string[];
}

/**
 * One data file with its own reused buffer: lines are encoded straight into it and written out
 * when it is full. (Joining the lines into one string per flush made the CSV step spend most of
 * its time in the garbage collector; a reused Buffer allocates nothing per row.)
 */
const BUFFER_BYTES = 1 << 20;
class Output {
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private fd: number | null;
  /** Byte strings go out byte for byte (latin1), text as UTF-8. */
  private readonly encoding: BufferEncoding;
  /** Bytes a UTF-16 unit takes at most: 3 in UTF-8, 1 for byte strings. */
  private readonly width: number;
  constructor(file: string, form: TextForm) {
    this.fd = openSync(file, 'w');
    this.encoding = form === 'bytes' ? 'latin1' : 'utf8';
    this.width = form === 'bytes' ? 1 : 3;
  }

  line(text: string): void {
    // A line longer than the buffer goes out alone.
    const most = text.length * this.width;
    if (this.used + most > BUFFER_BYTES) this.flush();
    if (most > BUFFER_BYTES) writeSync(this.fd!, Buffer.from(text, this.encoding));
    else this.used += this.buffer.write(text, this.used, this.encoding);
  }

  private flush(): void {
    if (this.used) writeSync(this.fd!, this.buffer, 0, this.used);
    this.used = 0;
  }

  close(): void {
    if (this.fd === null) return;
    this.flush();
    closeSync(this.fd);
    this.fd = null;
  }
}

/**
 * One label set or relationship type. `idColumns` lead every row (e.g. `:ID(Entity)` or
 * `:START_ID(Entity)`, `:END_ID(Entity)`); the property columns follow the rows' own keys.
 */
class Table {
  private parts: Part[] = [];
  /** Columns seen while priming (see CsvImportWriter.prime): the first part starts with all of them. */
  private readonly primed = new Map<string, ColumnType>();
  rows = 0;
  constructor(
    private readonly folder: string,
    readonly kind: 'nodes' | 'relationships',
    readonly name: string,
    private readonly idColumns: string[],
    private readonly prefix: string,
    private readonly form: TextForm,
  ) {}

  write(ids: number[], props: Record<string, CsvValue | null | undefined>, priming = false): void {
    if (priming) {
      for (const k in props) if (props[k] !== null && props[k] !== undefined) this.primed.set(k, typeOf(props[k]!));
      return;
    }
    let part = this.parts.at(-1);
    let fits = part !== undefined;
    if (fits) for (const k in props) {
      const v = props[k];
      if (v !== null && v !== undefined && part!.types.get(k) !== typeOf(v)) {
        fits = false;
        break;
      }
    }
    if (!fits) part = this.newPart(props, Object.keys(props).filter((k) => props[k] !== null && props[k] !== undefined), part);
    let line = '';
    for (const id of ids) line += (line ? ',' : '') + id; // integers: nothing to quote
    let first = ids.length === 0;
    for (const c of part!.columns) {
      line += (first ? '' : ',') + field(props[c] ?? undefined);
      first = false;
    }
    part!.out.line(line + '\n');
    this.rows += 1;
  }

  /** A new header when a row brings a column (or a type) the current part lacks: the union of both. */
  private newPart(props: Record<string, CsvValue | null | undefined>, keys: string[], previous: Part | undefined): Part {
    const types = new Map(previous?.types ?? this.primed);
    for (const k of keys) {
      const t = typeOf(props[k]!);
      if (types.has(k) && types.get(k) !== t) throw new Error(`${this.name}.${k} is ${types.get(k)} in one row and ${t} in another: the import needs one type per column`);
      types.set(k, t);
    }
    previous?.out.close();
    const base = path.join(this.folder, `${this.prefix}${this.kind}-${this.name.replaceAll(':', '-')}-${this.parts.length}`);
    // Sorted: writers that saw the same columns write the same header, and their files make one group.
    const columns = [...types.keys()].sort();
    const header = [...this.idColumns, ...columns.map((c) => (types.get(c) === 'string' ? c : `${c}:${types.get(c)}`))].join(',');
    writeFileSync(`${base}-header.csv`, header + '\n');
    const part: Part = { columns, types, header, out: new Output(`${base}.csv`, this.form), files: [`${base}-header.csv`, `${base}.csv`] };
    this.parts.push(part);
    return part;
  }

  close(): CsvSource[] {
    for (const p of this.parts) p.out.close();
    const sources = this.parts.map((p) => ({ kind: this.kind, name: this.name, header: p.header, files: p.files }));
    this.parts = [];
    return sources;
  }
}

/** The CSV files of one import, written as rows stream in. */
export class CsvImportWriter {
  private readonly tables = { nodes: new Map<string, Table>(), relationships: new Map<string, Table>() };
  private priming = false;
  /** `prefix` starts every file name: writers working side by side in one folder never share a file. `form`: how the rows' strings hold their text. */
  constructor(
    readonly folder: string,
    private readonly numbers: EntityNumbers,
    private readonly prefix = '',
    private readonly form: TextForm = 'text',
  ) {
    mkdirSync(folder, { recursive: true });
  }

  private table(kind: 'nodes' | 'relationships', name: string, idColumns: string[]): Table {
    // One map per kind: no key string is built per row.
    const tables = this.tables[kind];
    let t = tables.get(name);
    if (!t) tables.set(name, (t = new Table(this.folder, kind, name, idColumns, this.prefix, this.form)));
    return t;
  }

  /**
   * Rows written inside `rows` only declare their columns (nothing is written): each table's first
   * part then holds every column of those rows, so a table whose sample shows all its columns is
   * one part instead of a new part (and a new group for neo4j-admin) per column found late.
   */
  prime(rows: () => void): void {
    this.priming = true;
    try {
      rows();
    } finally {
      this.priming = false;
    }
  }

  /** An entity: labels Entity and its kind, found by its number in the Entity id space; `id` stays a string property. */
  entity(kind: string, props: Record<string, CsvValue | null | undefined> & { id: string }): void {
    this.table('nodes', `Entity:${kind}`, [':ID(Entity)']).write([this.numbers.of(props.id)], props, this.priming);
  }

  /** A node nothing points to (a NameKey): no id column. */
  plainNode(label: string, props: Record<string, CsvValue | null | undefined>): void {
    this.table('nodes', label, []).write([], props, this.priming);
  }

  relationship(type: string, from: string, to: string, props: Record<string, CsvValue | null | undefined>): void {
    this.table('relationships', type, [':START_ID(Entity)', ':END_ID(Entity)']).write([this.numbers.of(from), this.numbers.of(to)], props, this.priming);
  }

  private allTables(): Table[] {
    return [...this.tables.nodes.values(), ...this.tables.relationships.values()];
  }

  /** Rows written so far: nodes (name keys apart) and relationships. */
  counts(): { nodes: number; nameKeys: number; relationships: number } {
    let nodes = 0;
    let nameKeys = 0;
    let relationships = 0;
    for (const t of this.allTables()) {
      if (t.kind === 'relationships') relationships += t.rows;
      else if (t.name === 'NameKey') nameKeys += t.rows;
      else nodes += t.rows;
    }
    return { nodes, nameKeys, relationships };
  }

  close(): CsvSource[] {
    return this.allTables().flatMap((t) => t.close());
  }
}
