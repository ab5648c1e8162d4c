import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import { chainGapSteps } from '../../../services/chains.js';
import type { ChainGapParent } from '../chain.js';
import { selected } from '../../selection.js';

export async function chainGaps(_: unknown, args: { place: string; from: string; to: string }, ctx: Context, info: GraphQLResolveInfo): Promise<ChainGapParent[]> {
  const { place, gaps } = await chainGapSteps(ctx.db, [
    { argument: 'place', name: args.place, kind: 'Place' },
    { argument: 'from', name: args.from, kind: 'Product' },
    { argument: 'to', name: args.to, kind: 'Product' },
  ], selected(info));
  return gaps.map((s) => ({ product: s.product, placeId: place.id }));
}
