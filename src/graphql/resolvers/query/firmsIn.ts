import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import { selected } from '../../selection.js';
import { firmsIn as firmsInPlace } from '../../../services/places.js';
import { connectionOf } from '../../../services/paging.js';
import { asks } from '../../asks.js';

export async function firmsIn(_: unknown, args: { place: string; includeSubareas: boolean; first: number; after?: string | null }, ctx: Context, info: GraphQLResolveInfo) {
  const page = await firmsInPlace(ctx.db, { place: args.place, includeSubareas: args.includeSubareas, first: args.first, after: args.after, withTotal: asks(info, 'totalCount') }, selected(info));
  return connectionOf(page, (placement) => ({ node: placement }));
}
