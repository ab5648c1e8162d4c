import type { GraphDb } from '../db/graph.js';
import { Q } from '../db/queries.js';
import { searchKey } from '../text/normalize.js';
import { checkFirst, decodeCursor, encodeCursor, readWindow, type Page } from './paging.js';
import { checkText, luceneQuery } from './resolve.js';
import { EVERYTHING, type Kind, type NodeRow, type Selection } from './rows.js';

/** How many candidates each way of matching offers to the ranking of a page (the rule: docs/queries.md, "search: the ranking rule"). */
export const searchBound = (offset: number, first: number) => Math.max(200, 4 * (offset + first + 1));

/**
 * One page of ranked matches (one more row says that a page follows); the total is counted with the
 * page when the caller knows it is wanted (`withTotal`), otherwise only if read.
 */
export async function searchEntities(
  db: GraphDb,
  args: { text: string; kinds?: Kind[] | null; first: number; after?: string | null; withTotal?: boolean },
  select: Selection = EVERYTHING,
): Promise<Page<{ node: NodeRow; score: number }>> {
  checkFirst(args.first);
  checkText('text', args.text);
  const offset = decodeCursor(args.after);
  const window = readWindow(args.first);
  const params = {
    key: searchKey(args.text),
    lucene: luceneQuery(args.text),
    kinds: args.kinds?.length ? args.kinds : null,
    offset,
    first: window,
    bound: searchBound(offset, window),
    ...select,
  };
  const [row] = await db.read(Q.searchEntities, { ...params, withTotal: args.withTotal ?? false });
  const hits = row?.page ?? [];
  const total = async () => (await db.read(Q.searchEntities, { ...params, first: 0, withTotal: true }))[0]?.total ?? 0;
  return {
    items: hits.slice(0, args.first).map((value, i) => ({ cursor: encodeCursor(offset + i), value })),
    hasNextPage: hits.length > args.first,
    totalCount: args.withTotal ? (row?.total ?? 0) : total,
  };
}
