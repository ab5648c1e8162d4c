import type { Context } from '../../context.js';
import { projectsIn } from '../../../services/places.js';

export async function projects(_: unknown, args: { in?: string | null; includeSubareas: boolean }, ctx: Context) {
  return projectsIn(ctx.db, args.in ? { argument: 'in', name: args.in, kind: 'Place' } : null, args.includeSubareas);
}
