import { BadInputError } from './errors.js';

/** Offset cursors for every paged root field: a cursor names a row's position; the next page starts after it. */
export const MAX_PAGE = 100;

export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

export function decodeCursor(after: string | null | undefined, argument = 'after'): number {
  if (after == null) return 0;
  // Nine digits at most: Neo4j slices take 32-bit integers, and no result is that long.
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(after, 'base64url').toString());
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

/** A page in the GraphQL connection shape: edges { cursor node }, pageInfo, totalCount. */
export function connectionOf<T, N>(page: Page<T>, edge: (value: T) => N & object) {
  return {
    edges: page.items.map((i) => ({ cursor: i.cursor, ...edge(i.value) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.items.at(-1)?.cursor ?? null },
    totalCount: page.totalCount,
  };
}

export function pageOf<T>(values: T[], offset: number, total: number): Page<T> {
  return {
    items: values.map((value, i) => ({ cursor: encodeCursor(offset + i), value })),
    hasNextPage: offset + values.length < total,
    totalCount: total,
  };
}

