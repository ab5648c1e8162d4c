import type { Context } from '../../context.js';
import { policiesConcerning } from '../../../services/places.js';
import { resolveName } from '../../../services/resolve.js';

export async function policies(_: unknown, args: { concerning: string }, ctx: Context) {
  const target = await resolveName(ctx.db, { argument: 'concerning', name: args.concerning });
  return policiesConcerning(ctx.db, target.id);
}
