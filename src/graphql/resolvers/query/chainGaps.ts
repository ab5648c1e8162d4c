import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import { candidateFilter, chainGapSteps } from '../../../services/chains.js';
import { producerPageKey, type ChainGapParent } from '../chain.js';
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
  return gaps.map(({ candidates, ...s }) => {
    // ChainGap.candidates then finds its page in the request's batch, as if its own trip had fetched it.
    if (candidates && prefetch) ctx.loaders.producerPage(producerPageKey(candidateFilter(place.id), prefetch, prefetch.select)).prime(s.product.id, candidates);
    return { product: s.product, placeId: place.id };
  });
}
