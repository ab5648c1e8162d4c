import type { Context } from '../../context.js';
import { shortestPaths } from '../../../services/paths.js';
import { resolveNames } from '../../../services/resolve.js';

export async function path(_: unknown, args: { from: string; to: string; maxHops: number }, ctx: Context) {
  const [from, to] = await resolveNames(ctx.db, [
    { argument: 'from', name: args.from },
    { argument: 'to', name: args.to },
  ]);
  const paths = await shortestPaths(ctx.db, from, to, args.maxHops);
  return paths.map((p) => ({ length: p.edges.length, nodes: p.nodes, edges: p.edges }));
}
