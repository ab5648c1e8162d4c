import type { Context } from '../../context.js';
import { kindFromEnum } from '../../kinds.js';
import { searchEntities } from '../../../services/search.js';
import type { Kind } from '../../../services/rows.js';

export async function search(_: unknown, args: { text: string; kinds?: string[] | null; first: number; after?: string | null }, ctx: Context) {
  const kinds = args.kinds?.map((k) => kindFromEnum(k)).filter((k): k is Kind => k !== null);
  const page = await searchEntities(ctx.db, { text: args.text, kinds, first: args.first, after: args.after });
  return {
    edges: page.items.map((i) => ({ cursor: i.cursor, score: i.value.score, node: i.value.node })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.items.at(-1)?.cursor ?? null },
    totalCount: page.totalCount,
  };
}
