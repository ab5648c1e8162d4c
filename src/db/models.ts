import { z } from 'zod';
import { ByteLru } from '../cache/byte-lru.js';
import { DocId, ENTITY_KINDS } from '../seed/model.js';

/** An entity node as read back from Neo4j (properties(n), or a projection of it). */
export const NodeRowModel = z
  .object({
    id: z.string(),
    kind: z.enum(ENTITY_KINDS),
    name: z.string(),
    nameEn: z.string().nullish(),
    aliases: z.array(z.string()).default([]),
    placeKind: z.string().nullish(),
    status: z.string().nullish(),
    description: z.string().nullish(),
    descriptionZh: z.string().nullish(),
    code: z.string().nullish(),
    sixBases: z.boolean().nullish(),
    factsJson: z.string().nullish(),
    // Missing or null (a projection of a list not stored: see storableProps) reads as no entries.
    evDocs: z.array(z.string()).nullish().transform((v) => v ?? []),
    evQuotes: z.array(z.string()).nullish().transform((v) => v ?? []),
    evNotes: z.array(z.string()).nullish().transform((v) => v ?? []),
    /** 'seed' or 'contrib' (see docs/model.md, layers). */
    origin: z.string().nullish(),
  })
  .passthrough();
export type NodeRow = z.infer<typeof NodeRowModel>;

/**
 * SELECTED(n) and SELECTED_REL(r) (src/db/queries.ts) send the selected properties as a list of values
 * in the order of the query's $fields and $relFields: no keys (their strings and the pairs holding them
 * were a third of a chain page's bytes and most of its decoding). A query's rows are parsed while that
 * order is known (parsingRowsOf, around runNamed's parse), and a list becomes the map it stands for
 * again, null values left out as absent; a map (every property: the parameter was null) stays as it is.
 */
type SelectedOrder = { fields: readonly string[] | null; relFields: readonly string[] | null };
let selectedOrder: SelectedOrder | null = null;

/** Runs `parse` (synchronous: no other query's rows can interleave) with the selected order of `params`. */
export function parsingRowsOf<T>(params: unknown, parse: () => T): T {
  const given = (params ?? {}) as Record<string, unknown>;
  const order = (v: unknown) => (Array.isArray(v) ? (v as string[]) : null);
  selectedOrder = { fields: order(given.fields), relFields: order(given.relFields) };
  try {
    return parse();
  } finally {
    selectedOrder = null;
  }
}

const fromSelected = (which: keyof SelectedOrder) => (value: unknown): unknown => {
  const keys = selectedOrder?.[which];
  // Not a list, or no order known: the model judges the value as it is (a list then fails loudly).
  if (!Array.isArray(value) || !keys) return value;
  const map: Record<string, unknown> = {};
  keys.forEach((key, i) => {
    if (value[i] != null) map[key] = value[i];
  });
  return map;
};
/** The lists NodeRowModel gives every node, even unsent (aliases, evidence): none, one frozen array for all (nothing may add to a row's list). */
const NO_ENTRIES = Object.freeze([]) as unknown as string[];
const NODE_LISTS = ['aliases', 'evDocs', 'evQuotes', 'evNotes'] as const;
const fromSelectedFields = fromSelected('fields');
/**
 * NodeRowModel for the keys a SELECTED node is sent, compiled once per key list (a question's lists
 * are few) and found per parse by the list itself. Judging all sixteen declared keys of every node,
 * sent or not, allocated ~1.8 KB a node (its absent lists' defaults and transforms), ~170 bytes for
 * the four a chain page sends: 3.5 MB less garbage for a 1M chain page's 2,000 nodes. At most
 * NODE_MODELS_KEPT lists keep a model (the least recently used goes first, each counted as one):
 * selections choose among a dozen optional properties, so a client asking every combination in turn
 * must not grow the process by a compiled model each.
 */
const NODE_MODELS_KEPT = 64;
const nodeModels = new ByteLru<z.ZodType<Record<string, unknown>>>(NODE_MODELS_KEPT);
const nodeModelsOfList = new WeakMap<readonly string[], z.ZodType<Record<string, unknown>>>();
/** How many key lists keep a model now (for the bound's test). */
export const keptNodeModels = (): number => nodeModels.size;
function nodeModelOf(keys: readonly string[]): z.ZodType<Record<string, unknown>> {
  let model = nodeModelsOfList.get(keys);
  if (model) return model;
  const id = keys.join(',');
  model = nodeModels.get(id);
  if (!model) {
    const mask: Record<string, true> = Object.fromEntries(keys.filter((k) => k in NodeRowModel.shape).map((k) => [k, true]));
    model = z.compile(NodeRowModel.pick(mask as never)) as unknown as z.ZodType<Record<string, unknown>>;
    nodeModels.set(id, model, 1);
  }
  nodeModelsOfList.set(keys, model);
  return model;
}
/** An entity as SELECTED(n) sends it: only the properties the question reads (judged by those keys' models), or all of them (NodeRowModel). */
export const SelectedNodeModel = z.unknown().transform((value, ctx): NodeRow => {
  const keys = selectedOrder?.fields;
  const [model, input] = Array.isArray(value) && keys ? [nodeModelOf(keys), fromSelectedFields(value)] : [NodeRowModel, value];
  const parsed = model.safeParse(input);
  if (!parsed.success) {
    // The inner model's issues as they are (their codes and paths): the row's error reads as NodeRowModel's.
    ctx.issues.push(...(parsed.error.issues as unknown as typeof ctx.issues));
    return z.NEVER;
  }
  const row = parsed.data as Record<string, unknown>;
  for (const list of NODE_LISTS) row[list] ??= NO_ENTRIES;
  return row as NodeRow;
});
/** A relation's properties as SELECTED_REL(r) sends them, judged by `model`. */
export const selectedRelationProps = <M extends z.ZodType>(model: M) => z.preprocess(fromSelected('relFields'), model);

/** An entity named by a projection of its node ({.id, .kind, .name, .origin}): the ends of exported relations. */
export const EntityRefModel = NodeRowModel.pick({ id: true, kind: true, name: true, origin: true });
export type EntityRef = z.infer<typeof EntityRefModel>;

/** A relationship's properties (evidence lists, role, capacity …), read by the edge resolvers. */
export const PropsModel = z.record(z.string(), z.unknown());

/** A relation between two entities, as several queries return it. */
export const RelationModel = z.object({ type: z.string(), from: z.string(), to: z.string(), props: PropsModel });
/**
 * A relation as paths and neighbourhoods send it: `[type, from id, to id, properties as SELECTED_REL
 * sends them]`. A list, not a map: no key strings per relation (a 500-node neighbourhood has over a
 * thousand relations; their keys were a fifth of its bytes). Kept a list: the one reader (withEnds in
 * src/services/paths.ts) builds each edge from it.
 */
export const SelectedRelationModel = z.tuple([z.string(), z.string(), z.string(), selectedRelationProps(PropsModel)]);
/** The same relation read from its start entity: the end as a reference (exportRelationPage). */
export const OutgoingRelationModel = RelationModel.pick({ type: true, props: true }).extend({ to: EntityRefModel });
export type OutgoingRelation = z.infer<typeof OutgoingRelationModel>;

/** Evidence as stored on a node or relation: three parallel lists ('' = none), projected by `r {.evDocs, .evQuotes, .evNotes}`. */
// nullish: a projection of a list the record does not store (synthetic [''] lists, see storableProps) reads as null.
export const EvidencePropsModel = z.object({ evDocs: z.array(z.string()).nullish(), evQuotes: z.array(z.string()).nullish(), evNotes: z.array(z.string()).nullish() });

const optionalText = z.string().nullish().transform((v) => v ?? null);

/**
 * A source document as rows carry it (DOCUMENT_FIELDS in src/db/queries.ts projects exactly these):
 * never its text, which an ingested article stores in full; Document.text loads it when it is read.
 */
export const DocumentModel = z.object({
  id: z.string(),
  title: z.string(),
  publisher: optionalText,
  date: optionalText,
  origin: optionalText,
  sha256: optionalText,
  url: optionalText,
  ingestedBy: optionalText,
  ingestedAt: optionalText,
});
export type DocumentRow = z.infer<typeof DocumentModel>;

export const KindModel = z.enum(ENTITY_KINDS);

/** A review candidate as read back (properties of a :Candidate node). */
export const CANDIDATE_STATES = ['PENDING', 'ACCEPTED', 'REJECTED'] as const;
export type CandidateState = (typeof CANDIDATE_STATES)[number];
export const CandidateRowModel = z
  .object({
    id: z.string(),
    document: DocId,
    type: z.enum(['entity', 'relation']),
    state: z.enum(CANDIDATE_STATES),
    start: z.number(),
    end: z.number(),
    // entity candidates
    name: z.string().nullish(),
    kind: z.enum(ENTITY_KINDS).nullish(),
    match: z.string().nullish(),
    matches: z.array(z.string()).nullish(),
    mentionsJson: z.string().nullish(),
    // relation candidates
    relationType: z.string().nullish(),
    from: z.string().nullish(),
    to: z.string().nullish(),
    fromId: z.string().nullish(),
    toId: z.string().nullish(),
    capacity: z.number().nullish(),
    unit: z.string().nullish(),
    amount: z.number().nullish(),
    currency: z.string().nullish(),
    status: z.string().nullish(),
    asOf: z.string().nullish(),
    quote: z.string().nullish(),
    confidence: z.number().nullish(),
    // the decision
    reviewedBy: z.string().nullish(),
    reviewedAt: z.string().nullish(),
    resolvedId: z.string().nullish(),
    factKey: z.string().nullish(),
    reason: z.string().nullish(),
  })
  .passthrough();
export type CandidateRow = z.infer<typeof CandidateRowModel>;

/** One audit entry as read back (properties of an :Audit node). */
export const AuditModel = z.object({
  id: z.string(),
  at: z.string(),
  curator: z.string(),
  role: z.string(),
  action: z.string(),
  target: z.string(),
  document: z.string().nullish().transform((v) => v ?? null),
  summary: z.string(),
  fact: z.string().nullish(),
  entity: z.string().nullish(),
});
export type AuditRow = z.infer<typeof AuditModel>;
