import type { Context } from '../../context.js';
import { neighbourhood } from '../../../services/paths.js';
import { resolveName } from '../../../services/resolve.js';

export async function neighborhood(_: unknown, args: { id: string; depth: number; limit: number }, ctx: Context) {
  const centre = await resolveName(ctx.db, { argument: 'id', name: args.id });
  return neighbourhood(ctx.db, centre, args.depth, args.limit);
}
