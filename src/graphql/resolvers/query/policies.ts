import type { Context } from '../../context.js';
import { policiesConcerning } from '../../../services/places.js';

export async function policies(_: unknown, args: { concerning: string }, ctx: Context) {
  return policiesConcerning(ctx.db, { argument: 'concerning', name: args.concerning });
}
