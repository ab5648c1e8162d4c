import type { Context } from '../../context.js';
import { industrialBases as allBases } from '../../../services/places.js';

/** The six bases of 六大产业基地 first (in the service's order), then the others; `set` keeps one group. */
export async function industrialBases(_: unknown, args: { set?: 'ALL' | 'SIX' | 'OTHERS' | null }, ctx: Context) {
  const bases = await allBases(ctx.db);
  const six = bases.filter((b) => b.sixBases === true);
  const others = bases.filter((b) => b.sixBases !== true);
  if (args.set === 'SIX') return six;
  if (args.set === 'OTHERS') return others;
  return [...six, ...others];
}
