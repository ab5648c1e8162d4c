import type { GraphDb } from '../db/graph.js';
import { Q } from '../db/queries.js';
import { searchKey } from '../text/normalize.js';
import { checkFirst, decodeCursor, pageOf, type Page } from './paging.js';
import { checkText, luceneQuery } from './resolve.js';
import type { Kind, NodeRow } from './rows.js';

export async function searchEntities(
  db: GraphDb,
  args: { text: string; kinds?: Kind[] | null; first: number; after?: string | null },
): Promise<Page<{ node: NodeRow; score: number }>> {
  checkFirst(args.first);
  checkText('text', args.text);
  const offset = decodeCursor(args.after);
  const [row] = await db.read(Q.searchEntities, {
    key: searchKey(args.text),
    lucene: luceneQuery(args.text),
    kinds: args.kinds?.length ? args.kinds : null,
    offset,
    first: args.first,
  });
  return pageOf(row?.page ?? [], offset, row?.total ?? 0);
}
