import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import type { Resolvers } from '../generated/resolvers.js';
import { candidateFilter, checkStatuses, type ChainStepRow, type ProducerFilter, type StepProduction } from '../../services/chains.js';
import { checkFirst, connectionOf, type Page } from '../../services/paging.js';
import type { NodeRow, Selection } from '../../services/rows.js';
import { selected } from '../selection.js';

/** A chain step as supplyChain yields it: `within` is the chain's own place filter (null: none). */
export type ChainStepParent = ChainStepRow & { within: string | null };
/** A gap as chainGaps yields it: the step's product and the place it is a gap in. */
export interface ChainGapParent {
  product: NodeRow;
  placeId: string;
}

interface PageArgs {
  first: number;
  after?: string | null;
}

/** The batch key of a page of producers: supplyChain primes the loader under the same key as the field reads. */
export const producerPageKey = (filter: ProducerFilter, args: PageArgs, select: Selection) => ({ filter, first: args.first, after: args.after ?? null, select });
/**
 * Pages fetched ahead with a question's steps or gaps, primed under the key their field (ChainStep.producers,
 * ChainGap.candidates) reads with: it then finds its page in the request's batch, as if its own trip had fetched it.
 */
export function primeProducerPages(ctx: Context, filter: ProducerFilter, prefetch: PageArgs & { select: Selection }, pages: [stepId: string, page: Page<StepProduction> | null][]): void {
  const loader = ctx.loaders.producerPage(producerPageKey(filter, prefetch, prefetch.select));
  for (const [stepId, page] of pages) if (page) loader.prime(stepId, page);
}
/** The filter ChainStep.producers pages by: the chain's place and the field's own (ids), the statuses. */
export const stepFilter = (within: (string | null)[], statuses: string[] | null): ProducerFilter => ({
  within: within.filter((id): id is string => id !== null),
  outside: null,
  statuses,
  target: null,
});

/** One step's page from the request's batch: sibling steps asking the same share one round trip. */
async function producerConnection(ctx: Context, stepId: string, filter: ProducerFilter, args: PageArgs, select: Selection) {
  checkFirst(args.first);
  const page = await ctx.loaders.producerPage(producerPageKey(filter, args, select)).load(stepId);
  return connectionOf(page, (production) => ({ node: production }));
}

export const chainResolvers: Pick<Resolvers, 'ChainStep' | 'ChainGap'> = {
  ChainStep: {
    producers: async (step: ChainStepParent, args: PageArgs & { place?: string | null; status?: string[] | null }, ctx: Context, info: GraphQLResolveInfo) => {
      const statuses = checkStatuses(args.status);
      const place = args.place ? await ctx.loaders.names.load({ argument: 'place', name: args.place, kind: 'Place' }) : null;
      return producerConnection(ctx, step.product.id, stepFilter([step.within, place?.id ?? null], statuses), args, selected(info));
    },
  },
  ChainGap: {
    candidates: (gap: ChainGapParent, args: PageArgs, ctx: Context, info: GraphQLResolveInfo) =>
      producerConnection(ctx, gap.product.id, candidateFilter(gap.placeId), args, selected(info)),
  },
};
