import type { Context } from '../../context.js';
import { projectsIn } from '../../../services/places.js';
import { resolveName } from '../../../services/resolve.js';

export async function projects(_: unknown, args: { in?: string | null; includeSubareas: boolean }, ctx: Context) {
  const place = args.in ? await resolveName(ctx.db, { argument: 'in', name: args.in, kind: 'Place' }) : null;
  return projectsIn(ctx.db, place?.id ?? null, args.includeSubareas);
}
