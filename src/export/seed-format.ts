import { Q } from '../db/queries.js';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { GraphDb } from '../db/graph.js';
import { DEFAULT_SEED_DIR } from '../seed/read.js';
import { EntityModel, FactModel, RelationModel } from '../seed/model.js';
import { displayPinyin, hasCjk, toSimplified, toTraditional } from '../text/normalize.js';
import type { FormatWriter, WrittenFile } from './formats.js';
import { toExportEntity, type ExportEntity, type ExportEvidence, type ExportRelation } from './records.js';
import { FileSink } from './sink.js';
import type { ExportSource } from './source.js';

/**
 * The seed format (docs/seed-format.md) for a layer, typically the contributed one, so it can be
 * reviewed into seed/data/ by a pull request and validated by `npm run seed -- --check DIR`:
 *   data/<layer>.yaml        the layer's entities and relations
 *   data/references.yaml     entities of other layers its relations point at (id, kind, name and a
 *                            note only): they let the folder validate on its own; do not copy it into seed/
 *   sources/index.yaml       the documents the evidence cites, with their texts in sources/*.txt
 * Properties the seed format has no field for (reviewedBy, …) are named in the manifest's notes.
 */
const ENTITY_FIELDS = new Set(Object.keys(EntityModel.shape));
const RELATION_FIELDS = new Set(Object.keys(RelationModel.shape));
const FACT_FIELDS = new Set(Object.keys(FactModel.shape));
const REFERENCE_NOTE = 'declared in another layer of the graph; listed so this folder validates on its own';

/** Aliases the seed loader derives (traditional forms, pinyin) are left out: it derives them again. */
export function curatedAliases(name: string, aliases: string[]): string[] {
  const derived = new Set<string>();
  for (const c of [name, ...aliases].filter(hasCjk)) {
    const traditional = toTraditional(c);
    if (traditional !== c) derived.add(traditional);
    if (c.length <= 6) derived.add(displayPinyin(c));
  }
  return aliases.filter((a) => !derived.has(a) && a !== name);
}

const evidenceItem = (e: ExportEvidence) => ({ ...(e.doc ? { doc: e.doc } : {}), ...(e.quote ? { quote: e.quote } : {}), ...(e.note ? { note: e.note } : {}) });

/** A stored fact back in the seed's fact shape: every field the seed's FactModel has, evidence flattened. */
function factItem(fact: unknown) {
  const { evidence, ...rest } = fact as Record<string, unknown> & { evidence?: { doc?: string | null; quote?: string | null; note?: string | null } };
  const e = evidence ?? {};
  const fields = Object.fromEntries(Object.entries(rest).filter(([key, value]) => FACT_FIELDS.has(key) && value != null));
  return { ...fields, ...(e.quote ? { quote: e.quote } : {}), ...(e.doc ? { doc: e.doc } : {}), ...(e.note ? { note: e.note } : {}) };
}

export class SeedFormatExport implements FormatWriter {
  private data!: FileSink;
  private entityCount = 0;
  private relationCount = 0;
  private relationsStarted = false;
  private readonly docIds = new Set<string>();
  private readonly referenced = new Set<string>();
  private readonly atIds = new Set<string>();
  private readonly unsupported = new Map<string, number>();

  constructor(
    private readonly dir: string,
    private readonly db: GraphDb,
    private readonly source: ExportSource,
  ) {}

  private exported(end: { kind: string; origin?: string | null }): boolean {
    const { layer, kinds } = this.source.scope;
    return (kinds as string[]).includes(end.kind) && (layer === 'all' || end.origin === layer);
  }

  private noteUnsupported(extras: Record<string, unknown>, fields: Set<string>) {
    for (const [key, value] of Object.entries(extras)) {
      if (!fields.has(key) && value !== null) this.unsupported.set(key, (this.unsupported.get(key) ?? 0) + 1);
    }
  }

  private noteDocs(evidence: ExportEvidence[], facts: unknown[] = []) {
    for (const e of evidence) if (e.doc) this.docIds.add(e.doc);
    for (const f of facts) {
      const doc = (f as { evidence?: { doc?: string | null } }).evidence?.doc;
      if (doc) this.docIds.add(doc);
    }
  }

  async begin() {
    mkdirSync(path.join(this.dir, 'data'), { recursive: true });
    mkdirSync(path.join(this.dir, 'sources'), { recursive: true });
    const name = `${this.source.scope.layer}.yaml`;
    this.data = new FileSink(path.join(this.dir, 'data', name), `data/${name}`);
    await this.data.write(`# The ${this.source.scope.layer} layer of the graph in the seed format (written by npm run export).\ndocument: null\n`);
  }

  static entityItem(e: ExportEntity): Record<string, unknown> {
    const aliases = curatedAliases(e.name, e.aliases);
    const item: Record<string, unknown> = { id: e.id, kind: e.kind, name: e.name };
    if (e.nameEn) item.nameEn = e.nameEn;
    if (aliases.length) item.aliases = aliases;
    if (e.placeKind) item.placeKind = e.placeKind;
    if (e.status) item.status = e.status;
    if (e.description) item.description = e.description;
    if (e.facts.length) item.facts = e.facts.map(factItem);
    for (const [key, value] of Object.entries(e.extras)) if (ENTITY_FIELDS.has(key) && value !== null && !(key in item)) item[key] = value;
    item.evidence = e.evidence.map(evidenceItem);
    return item;
  }

  async entities(page: ExportEntity[]) {
    if (!page.length) return;
    if (this.entityCount === 0) await this.data.write('entities:\n');
    this.entityCount += page.length;
    for (const e of page) {
      this.noteDocs(e.evidence, e.facts);
      this.noteUnsupported(e.extras, ENTITY_FIELDS);
    }
    await this.data.write(stringify(page.map(SeedFormatExport.entityItem), { lineWidth: 0 }));
  }

  async relations(page: ExportRelation[]) {
    if (!this.relationsStarted) {
      this.relationsStarted = true;
      if (this.entityCount === 0) await this.data.write('entities: []\n');
    }
    if (!page.length) return;
    if (this.relationCount === 0) await this.data.write('relations:\n');
    this.relationCount += page.length;
    const items = page.map((r) => {
      this.noteDocs(r.evidence);
      this.noteUnsupported(r.extras, RELATION_FIELDS);
      for (const end of [r.from, r.to]) if (!this.exported(end)) this.referenced.add(end.id);
      if (typeof r.props.at === 'string') this.atIds.add(r.props.at);
      const item: Record<string, unknown> = { type: r.type, from: r.from.id, to: r.to.id };
      for (const [key, value] of Object.entries(r.props)) if (value !== null) item[key] = value;
      for (const [key, value] of Object.entries(r.extras)) if (RELATION_FIELDS.has(key) && value !== null && !(key in item)) item[key] = value;
      item.evidence = r.evidence.map(evidenceItem);
      return item;
    });
    await this.data.write(stringify(items, { lineWidth: 0 }));
  }

  async finish() {
    if (!this.relationsStarted && this.entityCount === 0) await this.data.write('entities: []\n');
    if (this.relationCount === 0) await this.data.write('relations: []\n');
    await this.data.close();
    const files: WrittenFile[] = [{ ...this.data.summary(), rows: this.entityCount + this.relationCount }];
    const notes: string[] = [];

    const references = await this.writeReferences();
    if (references) files.push(references);
    files.push(await this.writeSources());

    for (const [key, count] of [...this.unsupported].sort()) notes.push(`not in the seed format, left out: property '${key}' on ${count} record(s)`);
    if (this.referenced.size) notes.push(`data/references.yaml lists ${this.referenced.size} entities of other layers that exported relations point at`);
    return { files, notes };
  }

  /** data/references.yaml: entities of other layers that exported relations (or their `at`) point at. */
  private async writeReferences(): Promise<WrittenFile | null> {
    // Places named by `at` that the export does not hold are references too.
    const atRows = this.atIds.size ? await this.db.read(Q.exportEntitiesByIds, { ids: [...this.atIds] }) : [];
    for (const { node } of atRows) if (!this.exported(node)) this.referenced.add(node.id);
    if (this.referenced.size) {
      const rows = await this.db.read(Q.exportEntitiesByIds, { ids: [...this.referenced].sort() });
      const items = rows.map((r) => {
        const e = toExportEntity(r.node, [], this.source.titles);
        return { id: e.id, kind: e.kind, name: e.name, ...(e.placeKind ? { placeKind: e.placeKind } : {}), evidence: [{ note: REFERENCE_NOTE }] };
      });
      const sink = new FileSink(path.join(this.dir, 'data', 'references.yaml'), 'data/references.yaml');
      await sink.write(`# Entities of other layers that the exported relations point at. Do not copy this file into seed/.\ndocument: null\n`);
      await sink.write(stringify({ entities: items }, { lineWidth: 0 }));
      await sink.close();
      return { ...sink.summary(), rows: items.length };
    }
    return null;
  }

  /** sources/: the text of every cited document and sources/index.yaml. */
  private async writeSources(): Promise<WrittenFile> {
    const ids = [...this.docIds].sort();
    const texts = await this.source.documentTexts(ids);
    const missing: string[] = [];
    const documents = ids.flatMap((id) => {
      const d = this.source.documents.get(id);
      let text = texts.get(id);
      const seedFile = d && typeof d.props.file === 'string' ? path.join(DEFAULT_SEED_DIR, 'sources', d.props.file) : null;
      if (text === undefined && seedFile && existsSync(seedFile)) text = readFileSync(seedFile, 'utf8');
      if (!d || text === undefined) {
        missing.push(id);
        return [];
      }
      const file = `${id.replace(/[^A-Za-z0-9]+/g, '-')}.txt`;
      const sink = path.join(this.dir, 'sources', file);
      writeFileSync(sink, text);
      const p = d.props;
      const str = (v: unknown) => (v === null || v === undefined || v === '' ? undefined : String(v));
      return [
        {
          id,
          file,
          title: str(p.title) ?? id,
          ...(str(p.publisher) ? { publisher: str(p.publisher) } : {}),
          ...(str(p.author) ? { author: str(p.author) } : {}),
          ...(str(p.date) ? { date: str(p.date) } : {}),
          ...(str(p.url) ? { url: str(p.url) } : {}),
          script: p.script === 'traditional' || p.script === 'simplified' ? p.script : toSimplified(text) === text ? 'simplified' : 'traditional',
        },
      ];
    });
    if (missing.length) throw new Error(`the text of ${missing.length} cited document(s) is neither in the graph nor in seed/sources: ${missing.join(', ')}`);
    const index = new FileSink(path.join(this.dir, 'sources', 'index.yaml'), 'sources/index.yaml');
    await index.write(stringify({ documents }, { lineWidth: 0 }));
    await index.close();
    return { ...index.summary(), rows: documents.length };
  }
}
