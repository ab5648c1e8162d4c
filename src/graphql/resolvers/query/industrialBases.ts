import type { Context } from '../../context.js';
import { industrialBases as allBases } from '../../../services/places.js';

export function industrialBases(_: unknown, __: unknown, ctx: Context) {
  return allBases(ctx.db);
}
