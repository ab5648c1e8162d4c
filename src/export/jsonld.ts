import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { projectPath } from '../config/paths.js';
import type { ExportEntity, ExportEvidence, ExportRelation } from './records.js';
import type { TextSink } from './sink.js';

/**
 * JSON-LD with the small context in src/export/context.jsonld (also served at /context.jsonld):
 * kinds and relation types map to schema.org and Wikidata terms where they exist, the rest to the
 * project's vocabulary (urn:guizhou-industry-graph:vocab:). Ids stay as in the CSVs (firm:chuanheng)
 * and expand through prefixes. Every relation is written twice: as the plain triple
 * (firm:x schema:location place:y), and as an rdf:Statement carrying the relation's properties and
 * its evidence (prov:wasDerivedFrom the document; a prov:Entity holding the quote, prov:wasQuotedFrom
 * the document). The context is inlined, so a file needs no network to be read.
 */
export const CONTEXT_FILE = projectPath('src', 'export', 'context.jsonld');
export const JSONLD_CONTEXT = JSON.parse(readFileSync(CONTEXT_FILE, 'utf8')) as { '@context': Record<string, unknown> };

const termIri = (term: string): string | null => {
  const def = JSONLD_CONTEXT['@context'][term];
  if (typeof def === 'string') return def;
  if (def && typeof def === 'object' && typeof (def as { '@id'?: unknown })['@id'] === 'string') return (def as { '@id': string })['@id'];
  return null;
};

/** The predicate of a relation type: its context term, else the project's vocabulary. */
export function predicateOf(type: string): string {
  return termIri(type) ?? `gzv:${encodeURIComponent(type)}`;
}

/** Properties without a context term are written under the project's vocabulary. */
const extraTerm = (key: string): string => (termIri(key) ? key : `gzv:${encodeURIComponent(key)}`);

const SCRIPT_TAGS = { simplified: 'zh-Hans', traditional: 'zh-Hant', pinyin: 'zh-Latn-pinyin', english: 'en' } as const;

function evidenceNodes(subjectKey: string, evidence: ExportEvidence[]) {
  return evidence.map((e, i) => ({
    '@id': `ev:${subjectKey}/${i + 1}`,
    '@type': 'Evidence',
    ...(e.doc ? { quotedFrom: e.doc } : {}),
    ...(e.quote ? { quote: e.quote } : {}),
    ...(e.note ? { note: e.note } : {}),
  }));
}

const docsOf = (evidence: ExportEvidence[]) => [...new Set(evidence.map((e) => e.doc).filter((d): d is string => Boolean(d)))];

function withExtras(target: Record<string, unknown>, extras: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(extras)) {
    if (value === null || value === undefined || (Array.isArray(value) && !value.length)) continue;
    target[extraTerm(key)] = value;
  }
  return target;
}

export function entityNode(e: ExportEntity): Record<string, unknown> {
  const names = [
    { '@value': e.name, '@language': SCRIPT_TAGS.simplified },
    { '@value': e.nameTraditional, '@language': SCRIPT_TAGS.traditional },
    { '@value': e.namePinyin, '@language': SCRIPT_TAGS.pinyin },
    ...(e.nameEn ? [{ '@value': e.nameEn, '@language': SCRIPT_TAGS.english }] : []),
  ].filter((n, i, all) => all.findIndex((m) => m['@value'] === n['@value']) === i);
  const node: Record<string, unknown> = {
    '@id': e.id,
    '@type': e.kind,
    kind: e.kind,
    name: names,
    ...(e.aliases.length ? { alternateName: e.aliases } : {}),
    ...(e.placeKind ? { placeKind: e.placeKind } : {}),
    ...(e.status ? { status: e.status } : {}),
    ...(e.description ? { description: e.description } : {}),
    ...(e.facts.length ? { facts: JSON.stringify(e.facts) } : {}),
    ...(e.origin ? { layer: e.origin } : {}),
    ...(docsOf(e.evidence).length ? { derivedFrom: docsOf(e.evidence) } : {}),
    ...(e.evidence.length ? { evidence: evidenceNodes(e.id, e.evidence) } : {}),
  };
  return withExtras(node, e.extras);
}

/** A statement id that is an IRI whatever characters the relation key holds. */
export const statementKey = (relationId: string): string => createHash('sha1').update(relationId).digest('hex');

/** The plain triple and the reified statement of one relation. */
export function relationNodes(r: ExportRelation): Record<string, unknown>[] {
  const key = statementKey(r.id);
  const p = r.props;
  const statement: Record<string, unknown> = {
    '@id': `stmt:${key}`,
    '@type': 'Statement',
    subject: r.from.id,
    predicate: predicateOf(r.type),
    object: r.to.id,
    relationType: r.type,
    ...(p.role !== null ? { role: p.role } : {}),
    ...(p.status !== null ? { status: p.status } : {}),
    ...(p.capacity !== null ? { capacity: p.capacity } : {}),
    ...(p.unit !== null ? { unit: p.unit } : {}),
    ...(p.asOf !== null ? { asOf: String(p.asOf) } : {}),
    ...(p.at !== null ? { at: p.at } : {}),
    ...(p.amount !== null ? { amount: p.amount } : {}),
    ...(p.amountUnit !== null ? { amountUnit: p.amountUnit } : {}),
    ...(p.label !== null ? { relationLabel: p.label } : {}),
    ...(p.note !== null ? { note: p.note } : {}),
    ...(r.origin ? { layer: r.origin } : {}),
    ...(docsOf(r.evidence).length ? { derivedFrom: docsOf(r.evidence) } : {}),
    ...(r.evidence.length ? { evidence: evidenceNodes(key, r.evidence) } : {}),
  };
  const type = termIri(r.type) ? r.type : predicateOf(r.type);
  return [{ '@id': r.from.id, [type]: r.to.id }, withExtras(statement, r.extras)];
}

export function documentNode(props: Record<string, unknown>): Record<string, unknown> {
  const node: Record<string, unknown> = { '@id': String(props.id), '@type': 'Document' };
  for (const [key, value] of Object.entries(props)) {
    if (key === 'id' || value === null || value === undefined) continue;
    node[key === 'origin' ? 'layer' : extraTermOrKnown(key)] = value;
  }
  return node;
}
const extraTermOrKnown = (key: string): string => (['title', 'publisher', 'date', 'url'].includes(key) ? key : extraTerm(key));

/** Streams {"@context": …, "@graph": [ … ]}: one JSON object per graph item. */
export class JsonLdWriter {
  items = 0;
  constructor(private readonly sink: TextSink) {}

  async begin(): Promise<void> {
    await this.sink.write(`{\n"@context": ${JSON.stringify(JSONLD_CONTEXT['@context'])},\n"@graph": [`);
  }

  async writeItems(items: Record<string, unknown>[]): Promise<void> {
    if (!items.length) return;
    const text = items.map((item, i) => (this.items + i === 0 ? '\n' : ',\n') + JSON.stringify(item)).join('');
    this.items += items.length;
    await this.sink.write(text);
  }

  async end(): Promise<void> {
    await this.sink.write('\n]\n}\n');
  }
}
