import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { projectPath } from '../config/paths.js';
import type { z } from 'zod';
import { quoteForm, searchKey, toTraditional } from '../text/normalize.js';
import { CAPACITY_QUOTE_RULE, capacityIsQuoted } from '../domain/facts.js';
import { deriveNames } from './names.js';
import {
  DocumentModel,
  EntityModel,
  RelationModel,
  RELATION_RULES,
  SeedFileModel,
  SourceIndexModel,
  type DocumentInput,
  type EntityInput,
  type RelationInput,
} from './model.js';

export interface Evidence {
  doc: string | null;
  quote: string | null;
  note: string | null;
}
export interface Fact {
  label: string;
  labelZh: string;
  measure: string | null;
  amount: number;
  unit: string;
  period: string | null;
  status: string;
  evidence: Evidence;
}
export interface SeedEntity {
  id: string;
  kind: EntityInput['kind'];
  name: string;
  nameEn: string | null;
  /** Curated aliases first, then derived traditional and pinyin forms. */
  aliases: string[];
  curatedAliases: string[];
  placeKind: string | null;
  status: string | null;
  description: string | null;
  descriptionZh: string | null;
  /** GB/T 2260 code (administrative divisions only). */
  code: string | null;
  sixBases: boolean;
  facts: Fact[];
  evidence: Evidence[];
  /** Keys of the name, English name, curated aliases and their traditional forms: these resolve a lookup outright. */
  primaryKeys: string[];
  /** primaryKeys plus the keys of derived pinyin: a match here alone may be ambiguous. */
  searchKeys: string[];
  declaredIn: string[];
}
export interface SeedRelation {
  key: string;
  type: RelationInput['type'];
  from: string;
  to: string;
  props: Record<string, string | number | boolean | null>;
  evidence: Evidence[];
}
export interface SeedDocument extends DocumentInput {
  text: string;
}
export interface SeedGraph {
  documents: SeedDocument[];
  entities: SeedEntity[];
  relations: SeedRelation[];
  files: string[];
}

export interface SeedProblem {
  file: string;
  record: string;
  field: string;
  message: string;
}
export class SeedValidationError extends Error {
  constructor(readonly problems: SeedProblem[]) {
    super(
      `Seed data rejected, nothing was written (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems
          .slice(0, 50)
          .map((p) => `  ${p.file}: ${p.record}, field '${p.field}': ${p.message}`)
          .join('\n') +
        (problems.length > 50 ? `\n  … and ${problems.length - 50} more` : ''),
    );
  }
}

export const DEFAULT_SEED_DIR = projectPath('seed');

const RELATION_PROP_NAMES = ['role', 'status', 'capacity', 'output', 'unit', 'asOf', 'at', 'siteNotStated', 'joint', 'amount', 'amountUnit', 'label', 'labelZh', 'note'] as const;
const DISTINGUISHING_PROPS = ['role', 'status', 'at', 'capacity', 'output', 'unit', 'label'] as const;
/** The sentence of doc:000 that names the six industrial bases; each of the six quotes it. */
export const SIX_BASES_MARK = '六大產業基地';

/**
 * A relation's stored properties and its key: type, ends and the properties that tell two facts
 * apart, so the same fact cited twice is one relation. Shared with the synthetic generator.
 */
export function relationKeyAndProps(r: RelationInput): { key: string; props: Record<string, string | number | boolean | null> } {
  const props: Record<string, string | number | boolean | null> = {};
  for (const name of RELATION_PROP_NAMES) props[name] = r[name] ?? null;
  return { key: [r.type, r.from, r.to, ...DISTINGUISHING_PROPS.map((p) => props[p] ?? '')].join('|'), props };
}

/** What every step of reading the seed shares: the problems found so far and how files are named in them. */
interface Reading {
  problems: SeedProblem[];
  rel: (file: string) => string;
}

type PendingRelation = { file: string; record: string; relation: RelationInput; evidence: Evidence[] };

/** Reads, validates and merges every seed file; throws SeedValidationError listing all problems. */
export function readSeed(seedDir: string = DEFAULT_SEED_DIR): SeedGraph {
  const reading: Reading = { problems: [], rel: (file: string) => path.relative(process.cwd(), file) || file };
  const documents = readDocuments(reading, seedDir);
  const files = dataFiles(seedDir);
  const { entities, pendingRelations } = readDataFiles(reading, files, new Map(documents.map((d) => [d.id, quoteForm(d.text)])));
  // An unreadable file's records are missing: checks across files would only echo that one problem.
  if (reading.problems.some((p) => p.field === '(yaml)' || p.field === '(text)')) throw new SeedValidationError(reading.problems);
  const relations = mergeRelations(reading, pendingRelations, entities);
  checkWithinHierarchy(reading.problems, relations);
  checkSixBases(reading.problems, entities);
  deriveAllNames(reading.problems, entities);
  if (reading.problems.length) throw new SeedValidationError(reading.problems);
  return { documents, entities: [...entities.values()], relations: [...relations.values()], files: files.map(reading.rel) };
}

/** Each zod issue of a record as a problem. */
function report({ problems, rel }: Reading, file: string, record: string, error: z.ZodError): void {
  for (const issue of error.issues) {
    problems.push({ file: rel(file), record, field: issue.path.join('.') || '(record)', message: issue.message });
  }
}

/** sources/index.yaml and the texts it lists; throws at once when the index itself is unusable. */
function readDocuments(reading: Reading, seedDir: string): SeedDocument[] {
  const { problems, rel } = reading;
  const indexFile = path.join(seedDir, 'sources', 'index.yaml');
  const indexYaml = loadYaml(indexFile, problems, rel);
  if (problems.length) throw new SeedValidationError(problems);
  const index = SourceIndexModel.safeParse(indexYaml);
  if (!index.success) {
    report(reading, indexFile, 'documents', index.error);
    throw new SeedValidationError(problems);
  }
  checkDocumentsDeclaredOnce(reading, indexFile, index.data.documents);
  if (problems.length) throw new SeedValidationError(problems);
  return index.data.documents.map((d) => {
    const sourceFile = path.join(seedDir, 'sources', d.file);
    const text = readFileSync(sourceFile, 'utf8');
    checkControlCharacters(text, rel(sourceFile), problems);
    return { ...DocumentModel.parse(d), text };
  });
}

/** A document declared twice (by id or by file) is a mistake even when both entries agree. */
function checkDocumentsDeclaredOnce({ problems, rel }: Reading, indexFile: string, documents: { id: string; file: string; title: string }[]): void {
  documents.forEach((d, i) => {
    const first = documents.findIndex((o) => o.id === d.id || o.file === d.file);
    if (first === i) return;
    const other = documents[first];
    const field = other.id === d.id ? (other.title !== d.title ? 'title' : 'id') : 'file';
    const what = other.id === d.id ? `${d.id} is already declared as documents[${first}]` : `${d.file} is already the file of documents[${first}] (${other.id})`;
    const titles = other.title !== d.title ? ` with another title ("${other.title}" vs "${d.title}")` : '';
    problems.push({ file: rel(indexFile), record: `documents[${i}] (${d.id})`, field, message: `${what}${titles}` });
  });
}

function dataFiles(seedDir: string): string[] {
  const dataDir = path.join(seedDir, 'data');
  return readdirSync(dataDir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => path.join(dataDir, f));
}

/** A quote must stand verbatim in its document (the record's doc, else the file's). */
function checkEvidence(
  { problems, rel }: Reading,
  docText: ReadonlyMap<string, string>,
  at: { file: string; record: string; field: string; fileDoc: string | null },
  e: { doc?: string; quote?: string; note?: string },
): Evidence {
  const { file, record, field, fileDoc } = at;
  const doc = e.quote ? (e.doc ?? fileDoc) : (e.doc ?? null);
  if (e.quote) {
    if (!doc) problems.push({ file: rel(file), record, field: `${field}.doc`, message: 'a quote needs a document (set doc or the file\'s document)' });
    else if (!docText.has(doc)) problems.push({ file: rel(file), record, field: `${field}.doc`, message: `unknown document ${doc}` });
    else if (!docText.get(doc)!.includes(quoteForm(e.quote))) {
      problems.push({ file: rel(file), record, field: `${field}.quote`, message: `not found in ${doc}: "${e.quote}"` });
    }
  }
  return { doc: e.quote ? doc : (e.doc ?? null), quote: e.quote ?? null, note: e.note ?? null };
}

/** Every data file's entities (merged by id) and relations (checked once all entities are known). */
function readDataFiles(reading: Reading, files: string[], docText: ReadonlyMap<string, string>) {
  const { problems, rel } = reading;
  const entities = new Map<string, SeedEntity>();
  const pendingRelations: PendingRelation[] = [];
  // Declarations as written, to catch a record copied verbatim into a second file (an accidental copy of core.yaml).
  const declarations = new Map<string, string>();
  for (const file of files) {
    const before = problems.length;
    const yaml = loadYaml(file, problems, rel);
    if (problems.length > before) continue; // unreadable: its one problem is reported
    const raw = SeedFileModel.safeParse(yaml);
    if (!raw.success) {
      report(reading, file, '(file)', raw.error);
      continue;
    }
    const fileDoc = raw.data.document;
    if (fileDoc && !docText.has(fileDoc)) problems.push({ file: rel(file), record: '(file)', field: 'document', message: `unknown document ${fileDoc}` });
    const evidenceAt = (record: string, field: string, e: { doc?: string; quote?: string; note?: string }) => checkEvidence(reading, docText, { file, record, field, fileDoc }, e);
    raw.data.entities.forEach((candidate, i) => readEntity(reading, { file, i, candidate, evidenceAt, entities, declarations }));
    raw.data.relations.forEach((candidate, i) => {
      const c = candidate as { type?: unknown; from?: unknown; to?: unknown };
      const record = `relations[${i}]${typeof c?.type === 'string' ? ` (${String(c.type)} ${String(c.from)} → ${String(c.to)})` : ''}`;
      const parsed = RelationModel.safeParse(candidate);
      if (!parsed.success) return report(reading, file, record, parsed.error);
      const evidence = parsed.data.evidence.map((ev, j) => evidenceAt(record, `evidence.${j}`, ev));
      pendingRelations.push({ file, record, relation: parsed.data, evidence });
    });
  }
  return { entities, pendingRelations };
}

type EvidenceAt = (record: string, field: string, e: { doc?: string; quote?: string; note?: string }) => Evidence;

/** One entity record: a first declaration, or a second one (in another file) that adds to it. */
function readEntity(
  reading: Reading,
  args: { file: string; i: number; candidate: unknown; evidenceAt: EvidenceAt; entities: Map<string, SeedEntity>; declarations: Map<string, string> },
): void {
  const { problems, rel } = reading;
  const { file, i, candidate, evidenceAt, entities, declarations } = args;
  const id = (candidate as { id?: unknown })?.id;
  const record = `entities[${i}]${typeof id === 'string' ? ` (${id})` : ''}`;
  const parsed = EntityModel.safeParse(candidate);
  if (!parsed.success) return report(reading, file, record, parsed.error);
  const e = parsed.data;
  // A second declaration must add something of its own (its document's evidence); a verbatim repeat is a copy.
  const written = JSON.stringify(candidate);
  const copied = declarations.get(written);
  if (copied) {
    problems.push({ file: rel(file), record, field: 'id', message: `${e.id} is declared again exactly as in ${copied}: remove the copy` });
    return;
  }
  declarations.set(written, `${rel(file)} ${record}`);
  const evidence = e.evidence.map((ev, j) => evidenceAt(record, `evidence.${j}`, ev));
  const facts = e.facts.map((f, j) => ({
    label: f.label,
    labelZh: f.labelZh,
    measure: f.measure ?? null,
    amount: f.amount,
    unit: f.unit,
    period: f.period ?? null,
    status: f.status,
    evidence: evidenceAt(record, `facts.${j}`, { doc: f.doc, quote: f.quote, note: f.note ?? (f.quote ? undefined : 'stated without a quote') }),
  }));
  const existing = entities.get(e.id);
  if (!existing) entities.set(e.id, newSeedEntity(e, facts, evidence, rel(file)));
  else mergeDeclaration(problems, { file: rel(file), record }, existing, e, facts, evidence);
}

function newSeedEntity(e: EntityInput, facts: Fact[], evidence: Evidence[], file: string): SeedEntity {
  return {
    id: e.id,
    kind: e.kind,
    name: e.name,
    nameEn: e.nameEn ?? null,
    aliases: [],
    curatedAliases: [...e.aliases],
    placeKind: e.placeKind ?? null,
    status: e.status ?? null,
    description: e.description ?? null,
    descriptionZh: e.descriptionZh ?? null,
    code: e.code ?? null,
    sixBases: e.sixBases ?? false,
    facts,
    evidence,
    primaryKeys: [],
    searchKeys: [],
    declaredIn: [file],
  };
}

/** A second declaration repeats kind and name and adds aliases, facts and evidence; a first value of a field wins. */
function mergeDeclaration(problems: SeedProblem[], at: { file: string; record: string }, existing: SeedEntity, e: EntityInput, facts: Fact[], evidence: Evidence[]): void {
  const { file, record } = at;
  if (existing.kind !== e.kind || existing.name !== e.name) {
    problems.push({
      file,
      record,
      field: existing.kind !== e.kind ? 'kind' : 'name',
      message: `${e.id} is declared as ${existing.kind} "${existing.name}" in ${existing.declaredIn[0]}; a second declaration must repeat kind and name`,
    });
    return;
  }
  if (e.code && existing.code && e.code !== existing.code) {
    problems.push({ file, record, field: 'code', message: `${e.id} has code ${existing.code} in ${existing.declaredIn[0]}` });
  }
  existing.code ??= e.code ?? null;
  existing.sixBases ||= e.sixBases ?? false;
  existing.descriptionZh ??= e.descriptionZh ?? null;
  existing.curatedAliases.push(...e.aliases.filter((a) => !existing.curatedAliases.includes(a)));
  existing.nameEn ??= e.nameEn ?? null;
  existing.placeKind ??= e.placeKind ?? null;
  existing.status ??= e.status ?? null;
  existing.description ??= e.description ?? null;
  existing.facts.push(...facts);
  existing.evidence.push(...evidence);
  existing.declaredIn.push(file);
}

/** Checks each relation against the entities and the relation rules, and merges the same fact cited twice. */
function mergeRelations({ problems, rel }: Reading, pending: PendingRelation[], entities: ReadonlyMap<string, SeedEntity>): Map<string, SeedRelation> {
  const relations = new Map<string, SeedRelation>();
  for (const { file, record, relation: r, evidence } of pending) {
    const at = { file: rel(file), record };
    const from = entities.get(r.from);
    const to = entities.get(r.to);
    if (!from) problems.push({ ...at, field: 'from', message: `no entity ${r.from}` });
    if (!to) problems.push({ ...at, field: 'to', message: `no entity ${r.to}` });
    if (r.at && entities.get(r.at)?.kind !== 'Place') problems.push({ ...at, field: 'at', message: `${r.at} is not a Place` });
    if (r.joint && entities.get(r.joint)?.kind !== 'Place') problems.push({ ...at, field: 'joint', message: `${r.joint} is not a Place` });
    if (!from || !to) continue;
    checkRelation(problems, at, r, from, to, evidence);
    const { key, props } = relationKeyAndProps(r);
    const existing = relations.get(key);
    if (existing) {
      existing.evidence.push(...evidence.filter((e) => !existing.evidence.some((x) => x.doc === e.doc && x.quote === e.quote && x.note === e.note)));
      for (const name of RELATION_PROP_NAMES) existing.props[name] ??= props[name];
    } else {
      relations.set(key, { key, type: r.type, from: r.from, to: r.to, props, evidence });
    }
  }
  return relations;
}

/** The rules one relation must meet: a firm's production site, a quoted capacity, the kinds its type joins. */
function checkRelation(problems: SeedProblem[], at: { file: string; record: string }, r: RelationInput, from: SeedEntity, to: SeedEntity, evidence: Evidence[]): void {
  if (r.type === 'PRODUCES' && from.kind === 'Firm' && !r.at && !r.siteNotStated) {
    problems.push({ ...at, field: 'at', message: 'a firm\'s production names its site (at) or says siteNotStated: true' });
  }
  if (!capacityIsQuoted(r.capacity, evidence.map((e) => e.quote))) {
    problems.push({ ...at, field: 'capacity', message: CAPACITY_QUOTE_RULE });
  }
  const rule = RELATION_RULES[r.type];
  if (!(rule.from as readonly string[]).includes(from.kind)) problems.push({ ...at, field: 'from', message: `${r.type} cannot start at a ${from.kind}` });
  if (!(rule.to as readonly string[]).includes(to.kind)) problems.push({ ...at, field: 'to', message: `${r.type} cannot end at a ${to.kind}` });
  if (r.from === r.to) problems.push({ ...at, field: 'to', message: 'a relation cannot join an entity to itself' });
}

/** A place may lie in two unrelated places (a mountain across counties), never in a place and its ancestor. */
function checkWithinHierarchy(problems: SeedProblem[], relations: ReadonlyMap<string, SeedRelation>): void {
  const parentsOf = new Map<string, string[]>();
  for (const r of relations.values()) if (r.type === 'WITHIN') parentsOf.set(r.from, [...(parentsOf.get(r.from) ?? []), r.to]);
  const ancestorsOf = (id: string, seen = new Set<string>()): Set<string> => {
    for (const p of parentsOf.get(id) ?? []) if (!seen.has(p)) ancestorsOf(p, seen.add(p));
    return seen;
  };
  for (const [child, parents] of parentsOf) {
    for (const parent of parents) {
      const via = parents.find((other) => other !== parent && ancestorsOf(other).has(parent));
      if (via) problems.push({ file: '(all files)', record: `WITHIN ${child} → ${parent}`, field: 'to', message: `redundant: ${child} already lies in ${parent} through ${via}` });
    }
    if (ancestorsOf(child).has(child)) problems.push({ file: '(all files)', record: `WITHIN ${child}`, field: 'to', message: 'the WITHIN hierarchy has a cycle' });
  }
}

function checkSixBases(problems: SeedProblem[], entities: ReadonlyMap<string, SeedEntity>): void {
  for (const e of entities.values()) {
    if (e.sixBases && !e.evidence.some((ev) => ev.quote && ev.quote.includes(SIX_BASES_MARK) && ev.quote.includes(toTraditional(e.name)))) {
      problems.push({ file: e.declaredIn[0], record: e.id, field: 'sixBases', message: `needs the quote of doc:000 that names it among the ${SIX_BASES_MARK}` });
    }
  }
}

/** Aliases and search keys of every entity; a name or alias owned by two entities is a problem. */
function deriveAllNames(problems: SeedProblem[], entities: ReadonlyMap<string, SeedEntity>): void {
  const owners = new Map<string, string>();
  for (const e of entities.values()) {
    const derived = deriveNames(e.name, e.nameEn, e.curatedAliases, e.code);
    e.aliases = derived.aliases;
    e.primaryKeys = derived.primaryKeys;
    e.searchKeys = derived.searchKeys;
    for (const name of derived.ownedNames) {
      const key = searchKey(name);
      const owner = owners.get(key);
      if (owner && owner !== e.id) {
        problems.push({ file: e.declaredIn[0], record: e.id, field: 'aliases', message: `"${name}" is also a name or alias of ${owner}` });
      }
      owners.set(key, e.id);
    }
  }
}

/** NUL and other C0 control characters (tab, newline and carriage return aside) have no place in seed text. */
function checkControlCharacters(text: string, file: string, problems: SeedProblem[]): boolean {
  const match = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.exec(text);
  if (!match) return true;
  const before = text.slice(0, match.index);
  const line = before.split('\n').length;
  const column = match.index - before.lastIndexOf('\n');
  const name = match[0] === '\u0000' ? 'a NUL byte' : `control character U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  problems.push({ file, record: `line ${line}, column ${column}`, field: '(text)', message: `contains ${name}: remove it (the file is damaged or not text)` });
  return false;
}

function loadYaml(file: string, problems: SeedProblem[], rel: (f: string) => string): unknown {
  try {
    const text = readFileSync(file, 'utf8');
    if (!checkControlCharacters(text, rel(file), problems)) return undefined;
    return parseYaml(text);
  } catch (error) {
    problems.push({ file: rel(file), record: '(file)', field: '(yaml)', message: (error as Error).message.split('\n')[0] });
    return undefined;
  }
}
