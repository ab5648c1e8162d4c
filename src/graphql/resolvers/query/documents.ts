import type { Context } from '../../context.js';
import { Q } from '../../../db/queries.js';
import { DocumentRowModel, type DocumentRow } from '../../loaders.js';

export async function documents(_: unknown, __: unknown, ctx: Context): Promise<DocumentRow[]> {
  return (await ctx.db.read(Q.allDocuments, {})).map((r) => DocumentRowModel.parse(r.document));
}
