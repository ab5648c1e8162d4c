import type { GraphDb } from '../db/graph.js';
import { Q } from '../db/queries.js';
import { evidenceOf, num, productionStatus, str, type NodeRow, type ProductionRow } from './rows.js';

export interface ChainStepRow {
  product: NodeRow;
  inputs: NodeRow[];
  producers: (ProductionRow & { ancestry: Map<string, number> })[];
}

/** Steps from `fromId` to `toId` in chain order: every input before the products made from it. */
export async function chainSteps(db: GraphDb, fromId: string, toId: string): Promise<ChainStepRow[]> {
  const rows = await db.read(Q.chainSteps, { fromId, toId });
  const steps = rows.map((row) => {
    return {
      product: row.product,
      inputs: row.inputs,
      producers: row.producers.map((p) => {
        const producer = p.producer;
        return {
          producer,
          product: p.made,
          place: p.place,
          capacity: num(p.rel.capacity),
          unit: str(p.rel.unit),
          status: productionStatus(p.rel, producer),
          asOf: str(p.rel.asOf),
          evidence: evidenceOf(p.rel),
          rel: p.rel,
          ancestry: nearest(p.ancestry),
        };
      }),
    };
  });
  return topologicalOrder(steps);
}

/** Ancestor ids at their nearest distance (a place can reach an ancestor along two paths). */
function nearest(ancestry: { id: string; distance: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of ancestry) out.set(a.id, Math.min(a.distance, out.get(a.id) ?? Infinity));
  return out;
}

function topologicalOrder(steps: ChainStepRow[]): ChainStepRow[] {
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

const isWithin = (p: { ancestry: Map<string, number> }, placeId: string) => p.ancestry.has(placeId);

/** Producers whose place is `placeId` or lies within it. */
export function producersWithin<T extends { ancestry: Map<string, number> }>(producers: T[], placeId: string | null): T[] {
  return placeId ? producers.filter((p) => isWithin(p, placeId)) : producers;
}

/**
 * Hops between two places through their nearest common ancestor in the WITHIN tree;
 * a producer with no known place is farthest.
 */
export function treeDistance(target: Map<string, number>, producerAncestry: Map<string, number>): number {
  let best = Number.POSITIVE_INFINITY;
  for (const [id, up] of target) {
    const down = producerAncestry.get(id);
    if (down !== undefined) best = Math.min(best, up + down);
  }
  return best;
}

export interface GapRow {
  product: NodeRow;
  candidates: ProductionRow[];
}

/** Steps without an operating producer in the place or its sub-areas, with producers elsewhere, nearest first. */
export async function chainGaps(db: GraphDb, placeId: string, fromId: string, toId: string): Promise<GapRow[]> {
  const [steps, ancestryRows] = await Promise.all([chainSteps(db, fromId, toId), db.read(Q.placeAncestry, { placeId })]);
  const target = new Map(ancestryRows.map((r) => [r.id, r.distance]));
  return steps
    .filter((step) => !step.producers.some((p) => p.status === 'operating' && isWithin(p, placeId)))
    .map((step) => ({
      product: step.product,
      candidates: step.producers
        .filter((p) => !isWithin(p, placeId))
        .map((p) => ({ p, distance: treeDistance(target, p.ancestry) }))
        .sort(
          (a, b) =>
            a.distance - b.distance ||
            Number(b.p.status === 'operating') - Number(a.p.status === 'operating') ||
            (b.p.capacity ?? 0) - (a.p.capacity ?? 0) ||
            a.p.producer.name.localeCompare(b.p.producer.name),
        )
        .map(({ p }) => p),
    }));
}
