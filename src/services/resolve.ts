import type { GraphDb } from '../db/graph.js';
import { searchKey, toSimplified } from '../text/normalize.js';
import { AmbiguousError, BadInputError, NotFoundError, type Candidate } from './errors.js';
import { toNode, type Kind, type NodeRow } from './rows.js';

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

/** Resolves several names in one round trip; a name that misses costs one more for suggestions. */
export async function resolveNames(db: GraphDb, items: NameToResolve[]): Promise<NodeRow[]> {
  for (const item of items) {
    if (!item.name.trim()) throw new BadInputError(item.argument, 'must not be empty');
  }
  const rows = await db.read('resolveNames', {
    items: items.map((i) => ({ raw: i.name.trim(), key: searchKey(i.name), kind: i.kind ?? null })),
  });
  return Promise.all(
    items.map(async (item, index) => {
      const matches = (rows[index]?.matches as { node: unknown; primary: boolean }[]).map((m) => ({ node: toNode(m.node), primary: m.primary }));
      const primary = matches.filter((m) => m.primary);
      if (primary.length === 1) return primary[0].node;
      if (primary.length === 0 && matches.length === 1) return matches[0].node;
      if (matches.length > 1) throw new AmbiguousError(item.name, (primary.length ? primary : matches).map((m) => candidateOf(m.node)));
      const suggestions = await db.read('suggestNames', { key: searchKey(item.name), lucene: luceneQuery(item.name), kind: item.kind ?? null });
      throw new NotFoundError(item.kind ? `${item.kind.toLowerCase()}` : 'entity', item.name, suggestions.map((r) => candidateOf(toNode(r.node))));
    }),
  );
}

export async function resolveName(db: GraphDb, item: NameToResolve): Promise<NodeRow> {
  const [node] = await resolveNames(db, [item]);
  return node;
}

export function requireKind(node: NodeRow, kinds: Kind[], argument: string): void {
  if (!kinds.includes(node.kind)) {
    throw new BadInputError(argument, `${node.name} is a ${node.kind}; expected ${kinds.join(' or ')}`);
  }
}
