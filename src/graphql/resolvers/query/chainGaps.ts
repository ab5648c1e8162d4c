import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import { candidateFilter, chainGapSteps } from '../../../services/chains.js';
import { primeProducerPages, type ChainGapParent } from '../chain.js';
import { askedPage, selected, type NestedField } from '../../selection.js';

/** The candidates of every gap, read from chainGaps. */
const GAP_CANDIDATES: NestedField = { path: ['candidates'], parent: 'ChainGap' };

export async function chainGaps(_: unknown, args: { place: string; from: string; to: string }, ctx: Context, info: GraphQLResolveInfo): Promise<ChainGapParent[]> {
  // The page of candidates the operation asks every gap for comes with the gaps, in the same round trip.
  const asked = askedPage(info, GAP_CANDIDATES);
  const prefetch = asked && { first: asked.args.first as number, after: asked.args.after as string | null, select: asked.select };
  const { place, gaps } = await chainGapSteps(
    ctx.db,
    [
      { argument: 'place', name: args.place, kind: 'Place' },
      { argument: 'from', name: args.from, kind: 'Product' },
      { argument: 'to', name: args.to, kind: 'Product' },
    ],
    // Every entity and relation the operation reads under chainGaps: the gaps' and the candidates' (a superset of the page's own).
    selected(info),
    prefetch,
    (stepId, placeId) => ctx.loaders.producerCount(candidateFilter(placeId)).load(stepId),
    ctx.loaders.cite,
  );
  if (prefetch) primeProducerPages(ctx, candidateFilter(place.id), prefetch, gaps.map((g) => [g.product.id, g.candidates]));
  return gaps.map((g) => ({ product: g.product, placeId: place.id }));
}
