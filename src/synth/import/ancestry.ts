/**
 * The nodes reachable from `id` by 0…depth hops along `parents` (WITHIN for places, KIND_OF for
 * products), each once, nearest first: the TypeScript twin of a Cypher `-[:T*0..depth]->` with
 * DISTINCT, for the offline import's maintained-index rules (area.ts, producers.ts).
 */
export function ancestry(parents: ReadonlyMap<string, readonly string[]>, id: string, depth: number): string[] {
  const seen = [id];
  let level = [id];
  for (let hop = 0; hop < depth && level.length; hop++) {
    const next: string[] = [];
    for (const p of level) for (const parent of parents.get(p) ?? []) if (!seen.includes(parent)) seen.push(parent), next.push(parent);
    level = next;
  }
  return seen;
}
