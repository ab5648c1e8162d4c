import type { QueryResolvers } from '../../generated/resolvers.js';
import { Q } from '../../../db/queries.js';
import { checkFirst, connectionOf, decodeKeyCursor, keysetPageOf } from '../../../services/paging.js';
import { askResolved } from '../../../services/resolve.js';
import { evidenceOf } from '../../../services/rows.js';

/** The sort key's shape: supplier name, then id. */
const SUPPLIERS_KEY = ['string', 'string'] as const;

/** Firms that supply a firm, stated (SUPPLIES) or through the product chain (INPUT_TO): one keyset page. */
export const suppliersOf: QueryResolvers['suppliersOf'] = async (_, args, ctx) => {
  checkFirst(args.first);
  const after = decodeKeyCursor(args.after, SUPPLIERS_KEY);
  // The firm is resolved in the page's own round trip (askResolved).
  const { answer } = await askResolved(ctx.db, [{ argument: 'firm', name: args.firm, kind: 'Firm' }], async (names) => (await ctx.db.read(Q.suppliersOf, { names, after, first: args.first }))[0]);
  const values = answer.page.map((r) => ({ sortKey: r.sortKey, value: { supplier: r.supplier, stated: r.stated, products: r.products, sources: r.rels.flatMap(evidenceOf) } }));
  // The connection serves no totalCount: nothing counts it.
  return connectionOf(keysetPageOf(values, args.first, 0), (node) => ({ node }));
};
