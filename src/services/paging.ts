import { BadInputError } from './errors.js';

/** Cursors for every paged root field: a cursor names a row's position; the next page starts after it. */
export const MAX_PAGE = 100;

/** Offset cursors, for ranked answers (search) whose order is computed as a whole anyway. */
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

/**
 * Keyset cursors: the sort key of the row (a list of strings and numbers), so the next page is an
 * index-order continuation (`sortKey > $after`), not an offset the database must count through.
 */
export type SortKey = (string | number)[];
/** What each position of a sort key holds: a cursor of another shape is refused. */
export type SortKeyShape = readonly ('string' | 'number')[];

export function encodeKeyCursor(sortKey: SortKey): string {
  return Buffer.from(`key:${JSON.stringify(sortKey)}`).toString('base64url');
}

export function decodeKeyCursor(after: string | null | undefined, shape: SortKeyShape, argument = 'after'): SortKey | null {
  if (after == null) return null;
  const text = Buffer.from(after, 'base64url').toString();
  let key: unknown;
  try {
    key = text.startsWith('key:') ? JSON.parse(text.slice(4)) : null;
  } catch {
    key = null;
  }
  const fits = (k: unknown, i: number) =>
    shape[i] === 'number' ? typeof k === 'number' && Number.isFinite(k) : typeof k === 'string' && k.length <= 4000;
  if (!Array.isArray(key) || key.length !== shape.length || !key.every(fits)) {
    throw new BadInputError(argument, 'not a cursor returned by this API');
  }
  return key as SortKey;
}

/**
 * The rows a page query reads for `first`: the next of a few fixed windows (1…10 → 10, 11…25 → 25, …),
 * sliced to `first` afterwards. Clients asking the same list with different page sizes then make the
 * same read, which the row cache (src/db/row-cache.ts) answers once for all of them; at worst a few
 * more rows are read. Only where the query's order is total (the rows a window holds start with the
 * rows a smaller page would).
 */
const READ_WINDOWS = [10, 25, 50, MAX_PAGE];
export const readWindow = (first: number): number => READ_WINDOWS.find((w) => w >= first) ?? first;

export function checkFirst(first: number, argument = 'first'): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw new BadInputError(argument, `must be between 1 and ${MAX_PAGE}`);
}

export interface Page<T> {
  items: { cursor: string; value: T }[];
  hasNextPage: boolean;
  /** A number, or a function that counts only when the field is asked for (graphql-js calls it then). */
  totalCount: number | (() => Promise<number>);
}

/** A page in the GraphQL connection shape: edges { cursor node }, pageInfo, totalCount. */
export function connectionOf<T, N>(page: Page<T>, edge: (value: T) => N & object) {
  return {
    // Cursors are read when asked (getters): a keyset page encodes only those, and sends the sort keys of only those rows.
    edges: page.items.map((i) => ({
      ...edge(i.value),
      get cursor() {
        return i.cursor;
      },
    })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      get endCursor() {
        return page.items.at(-1)?.cursor ?? null;
      },
    },
    // Typed as the SDL's Int: graphql-js's default resolver calls a function-valued field, so a lazy
    // total is counted only when the request asks for totalCount.
    totalCount: page.totalCount as number,
  };
}

export function pageOf<T>(values: T[], offset: number, total: number): Page<T> {
  return {
    items: values.map((value, i) => ({ cursor: encodeCursor(offset + i), value })),
    hasNextPage: offset + values.length < total,
    totalCount: total,
  };
}

/**
 * A keyset page from `first + 1` rows: the extra row only says that another page follows. A row's
 * cursor is encoded when read; a row may come without its sort key when its question reads no edge
 * cursor (the page's last row always has one: endCursor), and reading that cursor is a loud error.
 */
export function keysetPageOf<T>(rows: { value: T; sortKey: SortKey | null }[], first: number, totalCount: Page<T>['totalCount']): Page<T> {
  return {
    items: rows.slice(0, first).map((r) => ({
      value: r.value,
      get cursor() {
        if (!r.sortKey) throw new Error('a cursor was read that its selection said it would not be (edge cursors in src/graphql/selection.ts)');
        return encodeKeyCursor(r.sortKey);
      },
    })),
    hasNextPage: rows.length > first,
    totalCount,
  };
}
