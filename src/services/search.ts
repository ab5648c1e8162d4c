import type { GraphDb } from '../db/graph.js';
import { searchKey } from '../text/normalize.js';
import { BadInputError } from './errors.js';
import { luceneQuery } from './resolve.js';
import { toNode, type Kind, type NodeRow } from './rows.js';

export const MAX_PAGE = 100;

export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

export function decodeCursor(after: string | null | undefined, argument = 'after'): number {
  if (after == null) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(after, 'base64url').toString());
  if (!match) throw new BadInputError(argument, 'not a cursor returned by this API');
  return Number(match[1]) + 1;
}

export function checkFirst(first: number, argument = 'first'): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw new BadInputError(argument, `must be between 1 and ${MAX_PAGE}`);
}

export interface Page<T> {
  items: { cursor: string; value: T }[];
  hasNextPage: boolean;
  totalCount: number;
}

export function pageOf<T>(values: T[], offset: number, total: number): Page<T> {
  return {
    items: values.map((value, i) => ({ cursor: encodeCursor(offset + i), value })),
    hasNextPage: offset + values.length < total,
    totalCount: total,
  };
}

export async function searchEntities(
  db: GraphDb,
  args: { text: string; kinds?: Kind[] | null; first: number; after?: string | null },
): Promise<Page<{ node: NodeRow; score: number }>> {
  checkFirst(args.first);
  if (!args.text.trim()) throw new BadInputError('text', 'must not be empty');
  const offset = decodeCursor(args.after);
  const [row] = await db.read('searchEntities', {
    key: searchKey(args.text),
    lucene: luceneQuery(args.text),
    kinds: args.kinds?.length ? args.kinds : null,
    offset,
    first: args.first,
  });
  const page = (row?.page as { node: unknown; score: number }[]) ?? [];
  return pageOf(
    page.map((r) => ({ node: toNode(r.node), score: r.score })),
    offset,
    Number(row?.total ?? 0),
  );
}
