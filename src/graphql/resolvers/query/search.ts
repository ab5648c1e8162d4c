import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import { asks } from '../../asks.js';
import { kindFromEnum } from '../../kinds.js';
import { searchEntities } from '../../../services/search.js';
import { connectionOf } from '../../../services/paging.js';
import { selected } from '../../selection.js';
import type { Kind } from '../../../services/rows.js';

export async function search(_: unknown, args: { text: string; kinds?: string[] | null; first: number; after?: string | null }, ctx: Context, info: GraphQLResolveInfo) {
  const kinds = args.kinds?.map((k) => kindFromEnum(k)).filter((k): k is Kind => k !== null);
  const page = await searchEntities(ctx.db, { text: args.text, kinds, first: args.first, after: args.after, withTotal: asks(info, 'totalCount') }, selected(info));
  return connectionOf(page, (hit) => ({ score: hit.score, node: hit.node }));
}
