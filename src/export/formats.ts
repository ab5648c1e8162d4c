import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { RELATION_TYPES } from '../seed/model.js';
import {
  CsvTable,
  entityColumns,
  entityRow,
  EVIDENCE_FILE_COLUMNS,
  evidenceRows,
  relationColumns,
  relationRow,
} from './csv.js';
import { graphmlKeys, GraphmlWriter, type GraphmlKey } from './graphml.js';
import { documentNode, entityNode, JsonLdWriter, relationNodes } from './jsonld.js';
import { cellOf, type ExportEntity, type ExportRelation } from './records.js';
import { FileSink, type TextSink } from './sink.js';
import type { ExportSource } from './source.js';

export interface WrittenFile {
  file: string;
  rows?: number;
  bytes: number;
  sha256: string;
}

/** One export format: fed pages of entities, then pages of relations. */
export interface FormatWriter {
  begin(): Promise<void>;
  entities(page: ExportEntity[]): Promise<void>;
  relations(page: ExportRelation[]): Promise<void>;
  /** Closes its outputs; the files it wrote (none when writing to an HTTP response). */
  finish(): Promise<{ files: WrittenFile[]; notes: string[] }>;
}

/** One CSV per entity kind and per relation type, plus documents.csv and evidence.csv. */
export class CsvExport implements FormatWriter {
  private readonly sinks: FileSink[] = [];
  private readonly tables = new Map<string, { table: CsvTable; sink: FileSink; extras: string[] }>();
  private evidence!: { table: CsvTable; sink: FileSink };

  constructor(
    private readonly dir: string,
    private readonly source: ExportSource,
  ) {}

  private open(name: string, columns: string[]) {
    const sink = new FileSink(path.join(this.dir, name), name);
    this.sinks.push(sink);
    return { table: new CsvTable(sink, columns), sink };
  }

  async begin(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    for (const kind of this.source.scope.kinds) {
      const extras = this.source.extraKeysOf(kind);
      this.tables.set(kind, { ...this.open(`${kind}.csv`, entityColumns(extras)), extras });
    }
    const types = [...new Set([...RELATION_TYPES, ...this.source.relationKeys.keys()])].sort();
    for (const type of types) {
      const extras = this.source.relationExtraKeysOf(type);
      this.tables.set(type, { ...this.open(`${type}.csv`, relationColumns(extras)), extras });
    }
    this.evidence = this.open('evidence.csv', [...EVIDENCE_FILE_COLUMNS]);
    const docs = this.open('documents.csv', this.source.documentColumns);
    await docs.table.writeRows([...this.source.documents.values()].map((d) => this.source.documentColumns.map((k) => cellOf(d.props[k] as never))));
  }

  async entities(page: ExportEntity[]): Promise<void> {
    for (const [kind, entities] of groupBy(page, (e) => e.kind)) {
      const t = this.tables.get(kind)!;
      await t.table.writeRows(entities.map((e) => entityRow(e, t.extras)));
    }
    await this.evidence.table.writeRows(page.flatMap((e) => evidenceRows(e.id, e.kind, e.evidence)));
  }

  async relations(page: ExportRelation[]): Promise<void> {
    for (const [type, relations] of groupBy(page, (r) => r.type)) {
      const t = this.tables.get(type)!;
      await t.table.writeRows(relations.map((r) => relationRow(r, t.extras)));
    }
    await this.evidence.table.writeRows(page.flatMap((r) => evidenceRows(r.id, r.type, r.evidence)));
  }

  async finish() {
    const files: WrittenFile[] = [];
    const rowsOf = new Map<FileSink, number>();
    for (const t of [...this.tables.values(), this.evidence]) {
      await t.table.finish();
      rowsOf.set(t.sink, t.table.rows);
    }
    for (const sink of this.sinks) {
      await sink.close();
      files.push({ ...sink.summary(), ...(rowsOf.has(sink) ? { rows: rowsOf.get(sink) } : {}) });
    }
    return { files, notes: [] };
  }
}

/** GraphML attributes are the CSV columns (same names), typed; `label` is what Gephi shows. */
const keysOf = (columns: string[], skip: string[]): GraphmlKey[] => graphmlKeys(columns.filter((c) => !skip.includes(c)));

export function graphmlNodeKeys(extras: string[]): GraphmlKey[] {
  return keysOf(entityColumns(extras), ['id']);
}
export function graphmlEdgeKeys(extras: string[]): GraphmlKey[] {
  return keysOf(relationColumns(extras), ['id', 'from_id', 'to_id', 'from_kind', 'from_name', 'to_kind', 'to_name']);
}
export function graphmlNode(e: ExportEntity, extras: string[]) {
  const columns = entityColumns(extras);
  const row = entityRow(e, extras);
  const values: Record<string, string> = { label: e.name };
  columns.forEach((c, i) => (values[c] = row[i]));
  return { id: e.id, values };
}
export function graphmlEdge(r: ExportRelation, extras: string[]) {
  const columns = relationColumns(extras);
  const row = relationRow(r, extras);
  const values: Record<string, string> = { label: r.type };
  columns.forEach((c, i) => (values[c] = row[i]));
  return { id: r.id, source: r.from.id, target: r.to.id, values };
}

export class GraphmlExport implements FormatWriter {
  private readonly writer: GraphmlWriter;
  private readonly nodeExtras: string[];
  private readonly edgeExtras: string[];

  constructor(
    private readonly sink: TextSink,
    source: ExportSource,
    private readonly description?: string,
  ) {
    this.nodeExtras = [...new Set(source.scope.kinds.flatMap((k) => source.extraKeysOf(k)))].sort();
    this.edgeExtras = [...new Set([...source.relationKeys.values()].flat())].sort();
    this.writer = new GraphmlWriter((text) => sink.write(text), graphmlNodeKeys(this.nodeExtras), graphmlEdgeKeys(this.edgeExtras));
  }

  get counts() {
    return { nodes: this.writer.nodes, edges: this.writer.edges };
  }
  begin() {
    return this.writer.begin(this.description);
  }
  entities(page: ExportEntity[]) {
    return this.writer.writeNodes(page.map((e) => graphmlNode(e, this.nodeExtras)));
  }
  relations(page: ExportRelation[]) {
    return this.writer.writeEdges(page.map((r) => graphmlEdge(r, this.edgeExtras)));
  }
  async finish() {
    await this.writer.end();
    await this.sink.close();
    return { files: this.sink instanceof FileSink ? [this.sink.summary()] : [], notes: [] };
  }
}

export class JsonLdExport implements FormatWriter {
  private readonly writer: JsonLdWriter;
  private readonly documentIds = new Set<string>();

  constructor(
    private readonly sink: TextSink,
    private readonly source: ExportSource,
  ) {
    this.writer = new JsonLdWriter(sink);
  }

  async begin() {
    await this.writer.begin();
  }
  private noteDocuments(items: { evidence: { doc: string | null }[] }[]) {
    for (const item of items) for (const e of item.evidence) if (e.doc) this.documentIds.add(e.doc);
  }
  async entities(page: ExportEntity[]) {
    this.noteDocuments(page);
    await this.writer.writeItems(page.map(entityNode));
  }
  async relations(page: ExportRelation[]) {
    this.noteDocuments(page);
    await this.writer.writeItems(page.flatMap(relationNodes));
  }
  async finish() {
    // The documents the evidence cites, so every quote's source has its title and date in the file.
    const docs = [...this.documentIds].sort().flatMap((id) => {
      const d = this.source.documents.get(id);
      return d ? [documentNode(d.props)] : [];
    });
    await this.writer.writeItems(docs);
    await this.writer.end();
    await this.sink.close();
    return { files: this.sink instanceof FileSink ? [this.sink.summary()] : [], notes: [] };
  }
}

/** Items grouped by key, in first-seen order (Map.groupBy needs Node 21; engines allows 20). */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}
