import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import { selected } from '../../selection.js';
import { policiesConcerning } from '../../../services/places.js';

export async function policies(_: unknown, args: { concerning: string }, ctx: Context, info: GraphQLResolveInfo) {
  return policiesConcerning(ctx.db, { argument: 'concerning', name: args.concerning }, selected(info), ctx.loaders.cite);
}
