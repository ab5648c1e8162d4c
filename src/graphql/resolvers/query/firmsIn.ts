import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import { placementsAskedAt, selected } from '../../selection.js';
import { firmsIn as firmsInPlace } from '../../../services/places.js';
import { connectionOf } from '../../../services/paging.js';
import { asks } from '../../asks.js';

/** The firms' placements, read from firmsIn. */
const FIRM_PLACEMENTS = ['edges', 'node', 'firm', 'placements'];

export async function firmsIn(_: unknown, args: { place: string; includeSubareas: boolean; first: number; after?: string | null }, ctx: Context, info: GraphQLResolveInfo) {
  // The firms' placements (and their places' ancestors) come with the page when they are read.
  const placements = placementsAskedAt(info, FIRM_PLACEMENTS);
  const page = await firmsInPlace(ctx.db, { place: args.place, includeSubareas: args.includeSubareas, first: args.first, after: args.after, withTotal: asks(info, 'totalCount') }, selected(info), {
    placements: placements && { ancestors: placements.ancestors !== null },
    cite: ctx.loaders.cite,
  });
  if (placements) for (const { value } of page.items) ctx.loaders.primePlacements({ key: value.firm.id, ...placements }, value.placements ?? []);
  return connectionOf(page, (placement) => ({ node: placement }));
}
