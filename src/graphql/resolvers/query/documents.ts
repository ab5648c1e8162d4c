import type { Context } from '../../context.js';
import { Q } from '../../../db/queries.js';
import type { DocumentRow } from '../../../db/models.js';

export async function documents(_: unknown, __: unknown, ctx: Context): Promise<DocumentRow[]> {
  return (await ctx.db.read(Q.allDocuments, {})).map((r) => r.document);
}
