import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import { selected } from '../../selection.js';
import { neighbourhood } from '../../../services/paths.js';

export async function neighborhood(_: unknown, args: { id: string; depth: number; limit: number }, ctx: Context, info: GraphQLResolveInfo) {
  return neighbourhood(ctx.db, { argument: 'id', name: args.id }, args.depth, args.limit, selected(info));
}
