import type { Context } from '../../context.js';
import { Q } from '../../../db/queries.js';

export async function documents(_: unknown, __: unknown, ctx: Context) {
  return (await ctx.db.read(Q.allDocuments, {})).map((r) => r.document);
}
