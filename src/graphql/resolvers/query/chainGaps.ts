import type { Context } from '../../context.js';
import { chainGaps as gapsOf } from '../../../services/chains.js';
import { resolveNames } from '../../../services/resolve.js';

export async function chainGaps(_: unknown, args: { place: string; from: string; to: string }, ctx: Context) {
  const [place, from, to] = await resolveNames(ctx.db, [
    { argument: 'place', name: args.place, kind: 'Place' },
    { argument: 'from', name: args.from, kind: 'Product' },
    { argument: 'to', name: args.to, kind: 'Product' },
  ]);
  return gapsOf(ctx.db, place.id, from.id, to.id);
}
