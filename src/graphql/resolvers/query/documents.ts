import type { Context } from '../../context.js';

export async function documents(_: unknown, __: unknown, ctx: Context) {
  return (await ctx.db.read('allDocuments')).map((r) => r.document);
}
