import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import { selected } from '../../selection.js';
import { shortestPaths } from '../../../services/paths.js';

export async function path(_: unknown, args: { from: string; to: string; maxHops: number }, ctx: Context, info: GraphQLResolveInfo) {
  const paths = await shortestPaths(ctx.db, { argument: 'from', name: args.from }, { argument: 'to', name: args.to }, args.maxHops, selected(info));
  return paths.map((p) => ({ length: p.edges.length, nodes: p.nodes, edges: p.edges }));
}
