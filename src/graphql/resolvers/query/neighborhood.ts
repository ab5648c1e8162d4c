import type { Context } from '../../context.js';
import { neighbourhood } from '../../../services/paths.js';

export async function neighborhood(_: unknown, args: { id: string; depth: number; limit: number }, ctx: Context) {
  return neighbourhood(ctx.db, { argument: 'id', name: args.id }, args.depth, args.limit);
}
