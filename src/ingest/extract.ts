import type { GraphDb } from '../db/graph.js';
import { ExtractionModel, type CandidateEntity, type CandidateRelation, type Extraction } from './extraction.js';
import { foldForm, gazetteerFor, type Gazetteer } from './gazetteer.js';
import { normalizeArticle, sha256Of } from './input.js';
import { recognize, type Mention } from './recognize.js';
import { findRelations } from './relations.js';
import { buildView, originalSpan, splitSentences } from './view.js';

export { ArticleInputError, normalizeArticle } from './input.js';

export interface ArticleMeta {
  title?: string | null;
  publisher?: string | null;
  date?: string | null;
  url?: string | null;
}

/** The key one candidate entity is gathered under: its entity when unambiguous, else kind and name. */
const candidateKey = (m: Mention): string => (m.ids.length === 1 ? m.ids[0] : `${m.kind}\u0001${foldForm(m.name)}\u0001${[...m.ids].sort().join('|')}`);

/**
 * Candidate entities and relations of one article, matched to the graph. Reads the graph (the name
 * dictionary, cached per process) and writes nothing. `text` is normalized first (normalizeArticle),
 * so it may come straight from a file or a request; every quote is a substring of the normalized text.
 */
export async function extractArticle(db: GraphDb, text: string, meta: ArticleMeta = {}): Promise<Extraction> {
  const normalized = normalizeArticle(text);
  return extractWith(await gazetteerFor(db), normalized, meta);
}

/** The extraction itself, over a given dictionary (the evaluation passes one with entities held out). */
export function extractWith(gazetteer: Gazetteer, text: string, meta: ArticleMeta = {}): Extraction {
  const normalized = normalizeArticle(text);
  const view = buildView(normalized);
  const sentences = splitSentences(view.text);
  const { mentions } = recognize(view, sentences, gazetteer);

  const entities = new Map<string, CandidateEntity>();
  for (const m of mentions) {
    const key = candidateKey(m);
    const sentence = sentences[m.sentence];
    const quote = originalSpan(view, sentence.start, sentence.end);
    const surface = originalSpan(view, m.start, m.end);
    const mention = { quote: quote.quote, start: quote.start, end: quote.end, surface: surface.quote, surfaceStart: surface.start, surfaceEnd: surface.end };
    const existing = entities.get(key);
    if (existing) existing.mentions.push(mention);
    else entities.set(key, { name: m.name, kind: m.kind, match: m.ids.length === 1 ? m.ids[0] : null, matches: [...m.ids].sort(), mentions: [mention] });
  }

  const relations: CandidateRelation[] = findRelations(view.text, sentences, mentions, meta.title ? foldForm(meta.title) : null).map((r) => {
    const quote = originalSpan(view, r.quote.start, r.quote.end);
    return {
      type: r.type,
      from: r.from.name,
      to: r.to.name,
      fromId: r.from.ids.length === 1 ? r.from.ids[0] : null,
      toId: r.to.ids.length === 1 ? r.to.ids[0] : null,
      ...(r.capacity !== undefined ? { capacity: r.capacity, unit: r.unit } : {}),
      ...(r.amount !== undefined ? { amount: r.amount, amountUnit: r.amountUnit, currency: r.currency } : {}),
      ...(r.status ? { status: r.status } : {}),
      ...(r.asOf ? { asOf: r.asOf } : {}),
      quote: quote.quote,
      start: quote.start,
      end: quote.end,
      confidence: Math.round(r.confidence * 100) / 100,
    };
  });
  relations.sort((a, b) => a.start - b.start || a.type.localeCompare(b.type));

  const clean = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);
  return ExtractionModel.parse({
    document: { title: clean(meta.title), publisher: clean(meta.publisher), date: clean(meta.date), url: clean(meta.url), sha256: sha256Of(normalized) },
    entities: [...entities.values()],
    relations,
  });
}
