import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import { checkStatuses, supplyChainSteps, type StepsPrefetch } from '../../../services/chains.js';
import { primeProducerPages, stepFilter, type ChainStepParent } from '../chain.js';
import { askedPage, selected, type NestedField } from '../../selection.js';
import type { Selection } from '../../../services/rows.js';

/** The producers of every step, read from supplyChain. */
const STEP_PRODUCERS: NestedField = { path: ['steps', 'producers'], parent: 'ChainStep' };

/**
 * The page of producers the operation asks every step for, when it is one page with no place of its
 * own and the chain has no `within` (those filter by place: their pages come from their own trip):
 * then it is fetched with the steps, in the same round trip. Otherwise null.
 */
function stepsPage(info: GraphQLResolveInfo, within: string | null | undefined): (StepsPrefetch & { select: Selection }) | null {
  const asked = within ? null : askedPage(info, STEP_PRODUCERS);
  if (!asked || asked.args.place) return null;
  const args = asked.args as { first: number; after: string | null; status: string[] | null };
  try {
    return { statuses: checkStatuses(args.status), first: args.first, after: args.after, select: asked.select };
  } catch {
    return null; // the field reports its bad status itself
  }
}

export async function supplyChain(_: unknown, args: { from: string; to: string; within?: string | null }, ctx: Context, info: GraphQLResolveInfo) {
  const prefetch = stepsPage(info, args.within);
  const filter = stepFilter([], prefetch?.statuses ?? null);
  const { nodes, steps } = await supplyChainSteps(
    ctx.db,
    [
      { argument: 'from', name: args.from, kind: 'Product' },
      { argument: 'to', name: args.to, kind: 'Product' },
      ...(args.within ? [{ argument: 'within', name: args.within, kind: 'Place' as const }] : []),
    ],
    prefetch,
    (stepId) => ctx.loaders.producerCount(filter).load(stepId),
    // Every entity and relation the operation reads under supplyChain: the steps' and the producers' (a superset of the page's own).
    selected(info),
    // The sources' documents come with the pages (when Evidence.document is read): no trip of their own.
    ctx.loaders.cite,
  );
  const within = nodes[2]?.id ?? null;
  if (prefetch) primeProducerPages(ctx, filter, prefetch, steps.map((s) => [s.product.id, s.producers]));
  // And a page's totalCount (with no status filter and no place, the step's total came with the steps): no chainProducersCount trip.
  const totals = !args.within && filter.statuses === null ? ctx.loaders.producerCount(filter) : null;
  return {
    steps: steps.map(({ producers: _, total, ...step }): ChainStepParent => {
      totals?.prime(step.product.id, total);
      return { ...step, within };
    }),
  };
}
