import type { GraphDb } from '../db/graph.js';
import { Q } from '../db/queries.js';
import { hasCjk, searchKey, toSimplified } from '../text/normalize.js';
import { AmbiguousError, BadInputError, NotFoundError, type Candidate } from './errors.js';
import type { Kind, NodeRow } from './rows.js';

export interface NameToResolve {
  /** The argument the name came from, for messages. */
  argument: string;
  name: string;
  kind?: Kind | null;
}

export const candidateOf = (n: NodeRow): Candidate => ({ id: n.id, kind: n.kind, name: n.name, nameEn: n.nameEn ?? null });

/** Turns free text into a Lucene query for the full-text index: special characters dropped, terms OR-ed. */
export function luceneQuery(text: string): string | null {
  const cleaned = toSimplified(text)
    .replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, ' ')
    .replace(/\b(AND|OR|NOT)\b/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
  return cleaned ? cleaned : null;
}

/** Shorter inputs than this (in key characters) never resolve by a partial match: 磷 alone names nothing. */
export const MAX_NAME_LENGTH = 200;

/** Names and search texts: not blank, and short enough for the full-text query parser. */
export function checkText(argument: string, text: string): void {
  if (!text.trim()) throw new BadInputError(argument, 'must not be empty');
  if (text.length > MAX_NAME_LENGTH) throw new BadInputError(argument, `must be at most ${MAX_NAME_LENGTH} characters`);
}

const minPartial = (key: string): number => (hasCjk(key) ? 2 : 4);

/** The exact-match parameters of a name (raw text for an id, its search key), as resolveNames looks them up. */
export const exactName = <K extends Kind | null>(name: string, kind: K) => ({ raw: name.trim(), key: searchKey(name), kind });
/** The same for an id already known: no name key is empty, so only the id matches. */
export const exactId = <K extends Kind>(id: string, kind: K) => ({ raw: id, key: '', kind });

/** Substrings of a key (2 to 24 characters): looked up exactly, they find the names a longer text contains. */
export function keyPieces(key: string, max = 400): string[] {
  const pieces = new Set<string>();
  for (let length = Math.min(key.length - 1, 24); length >= 2 && pieces.size < max; length--) {
    for (let start = 0; start + length <= key.length && pieces.size < max; start++) pieces.add(key.slice(start, start + length));
  }
  return [...pieces];
}

/**
 * Resolves several names in one round trip: an exact name or alias first; else a name that only one
 * entity's names start with (or, failing that, contain) — 茅台 → 茅台集团. Several partial matches are
 * AMBIGUOUS; none is NOT_FOUND, which costs one more round trip for full-text suggestions.
 */
export async function resolveNames(db: GraphDb, items: NameToResolve[]): Promise<NodeRow[]> {
  for (const item of items) checkText(item.argument, item.name);
  const settled = await resolveEach(db, items);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<NodeRow>).value);
}

/** resolveNames for each item on its own: one name that does not resolve leaves the others resolved. */
export async function resolveEach(db: GraphDb, items: NameToResolve[]): Promise<PromiseSettledResult<NodeRow>[]> {
  const checked = await Promise.allSettled(items.map(async (item) => checkText(item.argument, item.name)));
  const bad = checked.map((c) => c.status === 'rejected');
  items = items.map((item, i) => (bad[i] ? { ...item, name: '-' } : item));
  const keyed = items.map((i) => exactName(i.name, i.kind ?? null));
  const rows = await db.read(Q.resolveNames, { items: keyed.map((k) => ({ ...k, minPartial: minPartial(k.key) })) });
  const byIndex = new Map(rows.map((r) => [r.index, r]));
  const settled = await Promise.allSettled(
    items.map(async (item, index) => {
      const row = byIndex.get(index);
      const matches = row?.matches ?? [];
      const primary = matches.filter((m) => m.primary);
      if (primary.length === 1) return primary[0].node;
      if (primary.length === 0 && matches.length === 1) return matches[0].node;
      if (matches.length > 1) throw new AmbiguousError(item.name, (primary.length ? primary : matches).map((m) => candidateOf(m.node)));

      const partial = row?.partial ?? [];
      const prefixed = partial.filter((p) => p.prefix);
      if (prefixed.length === 1 || (prefixed.length === 0 && partial.length === 1)) return (prefixed[0] ?? partial[0]).node;
      if (partial.length > 1) throw new AmbiguousError(item.name, (prefixed.length ? prefixed : partial).map((p) => candidateOf(p.node)));
      const suggestions = partial.length
        ? partial.map((p) => p.node)
        : (await db.read(Q.suggestNames, { key: keyed[index].key, pieces: keyPieces(keyed[index].key), lucene: luceneQuery(item.name), kind: item.kind ?? null })).map((r) => r.node);
      throw new NotFoundError(item.kind ? item.kind.toLowerCase() : 'entity', item.name, suggestions.map(candidateOf));
    }),
  );
  return settled.map((s, i) => (bad[i] ? checked[i] : s) as PromiseSettledResult<NodeRow>);
}

/** A name as a question's own query resolves it (fragment resolveNamesExactly): raw text or id, its key, its kind. */
export interface ExactName {
  raw: string;
  key: string;
  kind: Kind | null;
}

/**
 * Asks a question that resolves its names in its own round trip (`ask` runs a query including the
 * resolveNamesExactly fragment and returns its row, or undefined when it returned none): exact ids
 * and name keys cost nothing more. When a name is not exact (partial, ambiguous, unknown), the names
 * are resolved as resolveNames does — the same answers, the same errors in the same order — and the
 * question is asked again by id: one trip more, as before. `check` validates the other arguments
 * after the names, as the resolvers always did (a bad name is reported before a bad number).
 */
export async function askResolved<R extends { names: (NodeRow | null)[] }>(
  db: GraphDb,
  items: NameToResolve[],
  ask: (names: ExactName[]) => Promise<R | undefined>,
  check: () => void = () => {},
): Promise<{ nodes: NodeRow[]; answer: R }> {
  for (const item of items) checkText(item.argument, item.name);
  const valid = (() => {
    try {
      check();
      return null;
    } catch (error) {
      return error;
    }
  })();
  if (valid === null) {
    const answer = await ask(items.map((item) => exactName(item.name, item.kind ?? null)));
    if (answer && answer.names.every((n) => n !== null)) return { nodes: answer.names as NodeRow[], answer };
  }
  const nodes = await resolveNames(db, items);
  if (valid !== null) throw valid;
  const answer = await ask(nodes.map((n, i) => ({ raw: n.id, key: '', kind: items[i].kind ?? null })));
  // Resolved a moment ago, gone now (a curator retracted it in between): as if never found.
  const lost = answer ? answer.names.findIndex((n) => n === null) : 0;
  if (lost >= 0) throw new NotFoundError(items[lost].kind ? items[lost].kind!.toLowerCase() : 'entity', items[lost].name, []);
  return { nodes: answer!.names as NodeRow[], answer: answer! };
}

export async function resolveName(db: GraphDb, item: NameToResolve): Promise<NodeRow> {
  const [node] = await resolveNames(db, [item]);
  return node;
}
