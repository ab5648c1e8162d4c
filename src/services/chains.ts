import type { GraphDb } from '../db/graph.js';
import type { RowOf } from '../db/catalogue.js';
import type { DocumentRow } from '../db/models.js';
import { Q } from '../db/queries.js';
import { BadInputError } from './errors.js';
import { checkFirst, decodeKeyCursor, keysetPageOf, type Page, type SortKeyShape } from './paging.js';
import { citing, EVERYTHING, evidenceOf, num, productionStatus, str, type NodeRow, type ProductionRow, type Selection, type Cite } from './rows.js';
import { STATUSES } from '../seed/model.js';
import { askResolved, type NameToResolve } from './resolve.js';

export interface ChainStepRow {
  product: NodeRow;
  inputs: NodeRow[];
}

/** A production on a chain step, with the ids of its place's ancestors (the place itself at 0). */
export type StepProduction = ProductionRow & { ancestry: Map<string, number> };

/** Steps from `fromId` to `toId` in chain order: every input before the products made from it. */
export async function chainSteps(db: GraphDb, fromId: string, toId: string, select: Selection = EVERYTHING): Promise<ChainStepRow[]> {
  const rows = await db.read(Q.chainSteps, { fromId, toId, fields: select.fields });
  return topologicalOrder(rows);
}

/**
 * The steps in chain order, each input given as its own step's row: the query sends an input's id
 * only (cypher/chains.cypher, stepInputs), since every input on the chain is a step of it.
 */
function topologicalOrder(rows: readonly { product: NodeRow; inputs: string[] }[]): ChainStepRow[] {
  const products = new Map(rows.map((r) => [r.product.id, r.product]));
  const steps = rows.map((r) => ({ product: r.product, inputs: r.inputs.flatMap((id) => products.get(id) ?? []) }));
  const byId = new Map(steps.map((s) => [s.product.id, s]));
  const ordered: ChainStepRow[] = [];
  const seen = new Set<string>();
  const visit = (step: ChainStepRow) => {
    if (seen.has(step.product.id)) return;
    seen.add(step.product.id);
    for (const input of step.inputs) {
      const inputStep = byId.get(input.id);
      if (inputStep) visit(inputStep);
    }
    ordered.push(step);
  };
  [...steps].sort((a, b) => a.inputs.length - b.inputs.length || a.product.id.localeCompare(b.product.id)).forEach(visit);
  return ordered;
}

/**
 * Which productions of a step are meant: `within` (the production place lies in every one of these
 * place ids), `outside` (it does not lie in this one; no place counts as outside), `statuses`
 * (null: any), and `target` (rank by tree distance to this place first: gap candidates).
 */
export interface ProducerFilter {
  within: string[];
  outside: string | null;
  statuses: string[] | null;
  target: string | null;
}

export const ANY_PRODUCER: ProducerFilter = { within: [], outside: null, statuses: null, target: null };

/** Default and largest page of producers per step (the cost model charges `first` per step). */
export const PRODUCERS_DEFAULT_FIRST = 20;

/**
 * chainProducers' sort key, the cursor: [distance (0 unless ranked from a target place), rankKey] —
 * rankKey is the producer index's one-string encoding of [status rank, no-capacity flag, −capacity,
 * producer id, product id, relation key] (productionRankKey in cypher/producers.cypher).
 */
const PRODUCERS_KEY: SortKeyShape = ['number', 'string'];
/** The rankKey a page without a target place continues after (the index pages by it alone). */
const rankKeyAfter = (after: (string | number)[] | null) => (after ? String(after[1]) : null);

export function checkStatuses(statuses: string[] | null | undefined, argument = 'status'): string[] | null {
  if (!statuses?.length) return null;
  const unknown = statuses.filter((s) => !(STATUSES as readonly string[]).includes(s));
  if (unknown.length) throw new BadInputError(argument, `unknown status ${unknown.join(', ')}; one of ${STATUSES.join(', ')}`);
  return statuses;
}

/** Whether the filter needs every production's place before the page is cut (else only the page's rows are placed). */
const placed = (filter: ProducerFilter) => filter.within.length > 0 || filter.outside !== null || filter.target !== null;
/**
 * Gap candidates (candidateFilter: outside the target, ranked from it, no other filter) are read by the
 * producer index's place seeks, ring by ring outwards (gapCandidates); the same answer as chainProducersPlaced.
 */
const candidatesOf = (filter: ProducerFilter): string | null =>
  filter.target !== null && filter.outside === filter.target && filter.within.length === 0 && filter.statuses === null ? filter.target : null;
const filterParams = (filter: ProducerFilter) => ({ within: filter.within, outside: filter.outside, statuses: filter.statuses });

/** A production as a page of producers carries it (productionRow in cypher/chains.cypher; the catalogue's model). */
type ProducerRow = RowOf<typeof Q.chainProducers>['producers'][number];

function toProduction(p: ProducerRow): StepProduction {
  const made = p.made;
  return {
    producer: p.producer,
    // Sent only when the selection reads it (productionRowParams): a read of an unsent product is a bug, said loudly.
    get product(): NodeRow {
      if (!made) throw new Error("a production's product was read, but its selection said it would not be (Production.product in src/graphql/selection.ts)");
      return made;
    },
    place: p.place,
    capacity: num(p.rel.capacity),
    unit: str(p.rel.unit),
    status: productionStatus(p.rel, p.producer),
    asOf: str(p.rel.asOf),
    evidence: evidenceOf(p.rel),
    rel: p.rel,
    ancestry: nearest(p.ancestry),
  };
}

/** The row parts a page of productions carries (productionRow in cypher/chains.cypher), from the question's selection. */
const productionRowParams = (select: Selection) => ({
  fields: select.fields,
  relFields: select.relFields,
  withMade: select.withMade !== false,
  edgeCursors: select.edgeCursors !== false,
  ...citing(select),
});

/** A step's rows as its keyset page (one more row than `first` says that a page follows); the total counted only if read. */
const pageOfRows = (rows: ProducerRow[], first: number, count: () => Promise<number>): Page<StepProduction> =>
  keysetPageOf(rows.map((p) => ({ sortKey: p.sortKey, value: toProduction(p) })), first, count);

/** The documents several pages cite (each page lists its own; pages of one trip share many: priming one twice changes nothing). */
const citedBy = (pages: { documents: DocumentRow[] }[]): DocumentRow[] => pages.flatMap((p) => p.documents);

/**
 * One page of producers for each step, in one round trip (ranked as chainProducers in
 * cypher/chains.cypher documents). The total per step is counted only when the page's totalCount is read.
 */
export async function producerPages(
  db: GraphDb,
  stepIds: string[],
  filter: ProducerFilter,
  page: { first: number; after?: string | null },
  count: (stepId: string) => Promise<number>,
  // The properties the rows carry (the GraphQL selection's; exports: every one).
  select: Selection = EVERYTHING,
  // Each production's place ancestry (isWithin); only exports ask: the API never reads it.
  withAncestry = false,
  // The documents the pages cite, when the selection reads them (withDocuments).
  cite: Cite = () => {},
): Promise<Map<string, Page<StepProduction>>> {
  checkFirst(page.first);
  const after = decodeKeyCursor(page.after, PRODUCERS_KEY);
  const target = candidatesOf(filter);
  const rows = target !== null
    ? await db.read(Q.gapCandidates, { steps: stepIds, target, ...candidatePageParams(page, after, select, withAncestry) })
    : placed(filter)
      ? await db.read(Q.chainProducersPlaced, { steps: stepIds, ...filterParams(filter), target: filter.target, withAncestry, placeAncestry: true, after, first: page.first, ...productionRowParams(select) })
      : await db.read(Q.chainProducers, { steps: stepIds, statuses: filter.statuses, withAncestry, placeAncestry: withAncestry, after: rankKeyAfter(after), first: page.first, ...productionRowParams(select) });
  const byStep = new Map(rows.map((r) => [r.stepId, r.producers]));
  cite(citedBy(rows));
  return new Map(
    stepIds.map((id) => [
      id,
      pageOfRows(byStep.get(id) ?? [], page.first, () => count(id)),
    ]),
  );
}

/** How many productions pass the filter, for each step, in one round trip. */
export async function producerCounts(db: GraphDb, stepIds: string[], filter: ProducerFilter): Promise<Map<string, number>> {
  const target = candidatesOf(filter);
  const rows = target !== null
    ? await db.read(Q.gapCandidatesCount, { steps: stepIds, target })
    : placed(filter)
    ? await db.read(Q.chainProducersPlacedCount, { steps: stepIds, ...filterParams(filter), placeAncestry: true })
    : await db.read(Q.chainProducersCount, { steps: stepIds, statuses: filter.statuses });
  return new Map(rows.map((r) => [r.stepId, r.total]));
}

/** Every producer of each step (page after page, largest pages), with ancestry: for exports, which list them all. */
export async function allProducers(db: GraphDb, stepIds: string[], filter: ProducerFilter): Promise<Map<string, StepProduction[]>> {
  const out = new Map(stepIds.map((id) => [id, [] as StepProduction[]]));
  let pending = stepIds.map((id) => ({ id, after: null as string | null }));
  while (pending.length) {
    // Steps at the same cursor position share a round trip; the first page is one trip for all.
    const groups = new Map<string | null, string[]>();
    for (const p of pending) groups.set(p.after, [...(groups.get(p.after) ?? []), p.id]);
    const next: typeof pending = [];
    for (const [after, ids] of groups) {
      const pages = await producerPages(db, ids, filter, { first: 100, after }, async () => 0, EVERYTHING, true);
      for (const [id, page] of pages) {
        out.get(id)!.push(...page.items.map((i) => i.value));
        if (page.hasNextPage) next.push({ id, after: page.items.at(-1)!.cursor });
      }
    }
    pending = next;
  }
  return out;
}

/** Ancestor ids at their nearest distance (a place can reach an ancestor along two paths). */
function nearest(ancestry: { id: string; distance: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of ancestry) out.set(a.id, Math.min(a.distance, out.get(a.id) ?? Infinity));
  return out;
}

/** Whether a production's place is `placeId` or lies within it. */
export const isWithin = (p: { ancestry: Map<string, number> }, placeId: string) => p.ancestry.has(placeId);

/** The producers that gap candidates are: anything not placed in the place, ranked nearest first. */
export const candidateFilter = (placeId: string): ProducerFilter => ({ within: [], outside: placeId, statuses: null, target: placeId });

/**
 * Areas of at most this many places are checked for local producers place by place (index seeks),
 * larger ones from each step's side (cypher/chains.cypher, chainGapSteps): at 1M firms a county holds
 * about 150 parks, a prefecture about 1,500. The answer is the same either way
 * (test/scale.int.test.ts); only the work differs.
 */
export const AREA_SEEK_LIMIT = 1_000;

/**
 * gapCandidates reads a step from its own side (every index row, each placed, sorted) when degree² ≤
 * STEP_SIDE · (first + 1) · the places left to seek: with n productions spread over R places, the
 * seeks find first + 1 of them after about (first + 1) · R / n places, against n rows read from the
 * step. The same page either way (test/scale.int.test.ts runs both); 0 never, a huge factor always.
 */
export const STEP_SIDE = 1;

/**
 * chainGaps' steps in one round trip, the names (place, from, to) resolved in it (askResolved): the
 * chain's steps in chain order without an operating producer in the place or its sub-areas; with
 * `prefetch`, each gap's page of candidates in the same trip (chainGapsWithCandidates), else null (the
 * candidates field pages them itself).
 */
export async function chainGapSteps(
  db: GraphDb,
  names: NameToResolve[],
  select: Selection = EVERYTHING,
  // The first page of candidates every gap asks for (ChainGap.candidates), fetched with the steps; null: none.
  prefetch: CandidatesPrefetch | null = null,
  // A prefetched page's totalCount, counted only if read: the gap's step and the place (no prefetch: never called).
  count: (stepId: string, placeId: string) => Promise<number> = () => Promise.reject(new Error('chainGapSteps: a prefetched page needs its count')),
  // The documents the prefetched pages cite, when the selection reads them (withDocuments).
  cite: Cite = () => {},
): Promise<{ place: NodeRow; gaps: (ChainStepRow & { candidates: Page<StepProduction> | null })[] }> {
  const ahead = checkedPrefetch(prefetch);
  const gapTest = { statuses: ['operating'], fields: select.fields, areaSeekLimit: AREA_SEEK_LIMIT };
  const { nodes, answer } = await askResolved(db, names, async (exact) => {
    if (!ahead) {
      const [row] = await db.read(Q.chainGapSteps, { names: exact, ...gapTest });
      return row && { ...row, candidates: null };
    }
    return (await db.read(Q.chainGapsWithCandidates, { names: exact, ...gapTest, ...candidatePageParams(ahead.page, ahead.after, select) }))[0];
  });
  const local = new Set(answer.steps.filter((s) => s.local).map((s) => s.product.id));
  const candidates = answer.candidates && new Map(answer.candidates.map((c) => [c.stepId, c.producers]));
  if (answer.candidates) cite(citedBy(answer.candidates));
  // Ordered as the whole chain, then filtered: a gap's place in the order does not depend on which steps are gaps.
  return {
    place: nodes[0],
    gaps: topologicalOrder(answer.steps)
      .filter((s) => !local.has(s.product.id))
      .map((s) => ({ ...s, candidates: candidates && ahead ? pageOfRows(candidates.get(s.product.id) ?? [], ahead.page.first, () => count(s.product.id, nodes[0].id)) : null })),
  };
}

/** A page of candidates asked with the gaps (chainGapSteps): the candidates field's own arguments. */
export interface CandidatesPrefetch {
  first: number;
  after: string | null;
}

/**
 * A page to fetch ahead with its decoded cursor (null: the first page); null when none is asked, or
 * when its field will refuse it (a bad first or cursor): then it is not fetched, and the field reports that itself.
 */
function checkedPrefetch<P extends { first: number; after: string | null }>(prefetch: P | null): { page: P; after: (string | number)[] | null } | null {
  if (!prefetch) return null;
  try {
    checkFirst(prefetch.first);
    return { page: prefetch, after: decodeKeyCursor(prefetch.after, PRODUCERS_KEY) };
  } catch {
    return null;
  }
}

/** gapCandidates' page parameters: the rows as the selection reads them, with their places' ancestry when asked (exports). */
const candidatePageParams = (page: { first: number }, after: (string | number)[] | null, select: Selection, withAncestry = false) => ({
  withAncestry,
  placeAncestry: withAncestry,
  after: after ? ([Number(after[0]), String(after[1])] as [number, string]) : null,
  first: page.first,
  stepSide: STEP_SIDE,
  ...productionRowParams(select),
});

/** The first page of producers every step of a supplyChain asks for, fetched with the steps (see supplyChainSteps). */
export interface StepsPrefetch {
  statuses: string[] | null;
  first: number;
  after: string | null;
}

/**
 * supplyChain's steps in one round trip: the names (from, to, within) resolved in it (askResolved) and,
 * when `prefetch` is given (the operation asks every step for the same page of producers, with no
 * place filter of its own or the chain's), each step's first page, ranked as chainProducers ranks it.
 */
export async function supplyChainSteps(
  db: GraphDb,
  names: NameToResolve[],
  prefetch: StepsPrefetch | null,
  count: (stepId: string) => Promise<number>,
  select: Selection = EVERYTHING,
  // The documents the prefetched pages cite, when the selection reads them (withDocuments).
  cite: Cite = () => {},
): Promise<{ nodes: NodeRow[]; steps: (ChainStepRow & { producers: Page<StepProduction> | null; total: number })[] }> {
  // A page the producers field will refuse (bad first or cursor) is not fetched: the field reports it.
  const ahead = checkedPrefetch(prefetch);
  const page = { prefetch: ahead !== null, withAncestry: false, placeAncestry: false, statuses: ahead?.page.statuses ?? null, after: rankKeyAfter(ahead?.after ?? null), first: ahead?.page.first ?? 1 };
  const { nodes, answer } = await askResolved(db, names, async (exact) => (await db.read(Q.supplyChain, { names: exact, ...page, ...productionRowParams(select) }))[0]);
  const producers = new Map(answer.steps.map((s) => [s.product.id, s.producers]));
  const totals = new Map(answer.steps.map((s) => [s.product.id, s.total]));
  const steps = topologicalOrder(answer.steps);
  cite(citedBy(answer.steps));
  return {
    nodes,
    steps: steps.map((s) => ({
      ...s,
      total: totals.get(s.product.id)!,
      producers: ahead ? pageOfRows(producers.get(s.product.id)!, ahead.page.first, () => count(s.product.id)) : null,
    })),
  };
}
