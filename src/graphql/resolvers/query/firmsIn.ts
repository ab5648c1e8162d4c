import type { Context } from '../../context.js';
import { firmsIn as firmsInPlace } from '../../../services/places.js';
import { connectionOf } from '../../../services/paging.js';
import { resolveName } from '../../../services/resolve.js';

export async function firmsIn(_: unknown, args: { place: string; includeSubareas: boolean; first: number; after?: string | null }, ctx: Context) {
  const place = await resolveName(ctx.db, { argument: 'place', name: args.place, kind: 'Place' });
  const page = await firmsInPlace(ctx.db, { placeId: place.id, includeSubareas: args.includeSubareas, first: args.first, after: args.after });
  return connectionOf(page, (placement) => ({ node: placement }));
}
