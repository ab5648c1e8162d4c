import { valueFromASTUntyped, type GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import { checkStatuses, supplyChainSteps, type StepsPrefetch } from '../../../services/chains.js';
import { producerPageKey, stepFilter, type ChainStepParent } from '../chain.js';
import { fieldsNamed, selected } from '../../selection.js';
import type { Selection } from '../../../services/rows.js';

/**
 * The page of producers the operation asks every step for, when it is one page with no place of its
 * own and the chain has no `within` (those filter by place: their pages come from their own trip):
 * then it is fetched with the steps, in the same round trip. Otherwise null.
 */
function askedPage(info: GraphQLResolveInfo, within: string | null | undefined): (StepsPrefetch & { select: Selection }) | null {
  // Read untyped (the schema's own graphql module may be another copy than this one: no instanceof checks).
  const stepType = info.schema.getType('ChainStep') as { getFields?: () => Record<string, { args: readonly { name: string; defaultValue: unknown }[] }> } | undefined;
  const producers = stepType?.getFields?.().producers;
  if (within || !producers) return null;
  const nodes = info.fieldNodes.flatMap((node) => fieldsNamed(info, node.selectionSet, 'steps')).flatMap((steps) => fieldsNamed(info, steps.selectionSet, 'producers'));
  const asked = nodes
    .map((node) => {
      const values: Record<string, unknown> = Object.fromEntries(producers.args.map((a) => [a.name, a.defaultValue ?? null]));
      for (const arg of node.arguments ?? []) {
        // A variable the operation did not set keeps the argument's default.
        if (arg.value.kind === 'Variable' && !(arg.value.name.value in info.variableValues)) continue;
        values[arg.name.value] = valueFromASTUntyped(arg.value, info.variableValues) ?? null;
      }
      return values as { first: number; after: string | null; place: string | null; status: string[] | null };
    });
  if (new Set(asked.map((a) => JSON.stringify(a))).size !== 1 || asked[0].place) return null;
  try {
    // The selection ChainStep.producers will read its page with (its field nodes are these): the primed page's key.
    return { statuses: checkStatuses(asked[0].status), first: asked[0].first, after: asked[0].after, select: selected(info, nodes, 'ChainStep') };
  } catch {
    return null; // the field reports its bad status itself
  }
}

export async function supplyChain(_: unknown, args: { from: string; to: string; within?: string | null }, ctx: Context, info: GraphQLResolveInfo) {
  const prefetch = askedPage(info, args.within);
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
  return {
    steps: steps.map(({ producers, total, ...step }): ChainStepParent => {
      // The field then finds its page in the request's batch, as if its own trip had fetched it.
      if (producers && prefetch) ctx.loaders.producerPage(producerPageKey(filter, prefetch, prefetch.select)).prime(step.product.id, producers);
      // And its totalCount (with no status filter and no place, the step's total came with the steps): no chainProducersCount trip.
      if (!args.within && filter.statuses === null) ctx.loaders.producerCount(filter).prime(step.product.id, total);
      return { ...step, within };
    }),
  };
}
