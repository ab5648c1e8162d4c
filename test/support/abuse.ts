/**
 * The requests that took the server down, hung or ran for many seconds before issue 12, built
 * from their description. Shared by the hostile-input tests and the load suite.
 */
export interface AbuseCase {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

const nest = (depth: number, open: (level: number) => string, leaf: string): string => {
  let inner = leaf;
  for (let level = depth - 1; level >= 0; level--) inner = `${open(level)} { ${inner} }`;
  return inner;
};

const aliases = (count: number, field: string): string =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

/** relations → toEntity nested `depth` times from 贵州省. */
export const relationsNested = (depth: number): string =>
  `{ lookup(name: "贵州省") { ${nest(depth, () => 'relations { type toEntity', 'name')}${' }'.repeat(depth)} } }`.replace(/\{ \{/g, '{');

/** A fragment binary tree `levels` deep over children/parent: tiny text, exponential expansion. */
export function fragmentTree(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, i) =>
    i === levels - 1 ? `fragment F${i} on Place { name }` : `fragment F${i} on Place { children { ...F${i + 1} } parent { ...F${i + 1} } }`,
  );
  return `{ lookup(name: "贵州省") { ... on Place { ...F0 } } } ${fragments.join(' ')}`;
}

export const NEIGHBOURHOOD_MAX = `{ neighborhood(id: "place:guizhou", depth: 3, limit: 500) { totalNodes nodes { id name } edges { type from to sources { quote } } } }`;

export const ABUSE_CASES: AbuseCase[] = [
  { name: 'relations→toEntity ×3 from 贵州省', query: relationsNested(3) },
  { name: 'relations→toEntity ×4 from 贵州省', query: relationsNested(4) },
  {
    name: 'placements→place→(ancestors→children) ×50',
    query: `{ lookup(name: "川恒") { ... on Firm { placements { place { ${nest(50, (l) => (l % 2 ? 'children' : 'ancestors'), 'name')} } } } } }`,
  },
  {
    name: 'neighborhood→nodes→(relations→toEntity) ×50',
    query: `{ neighborhood(id: "place:guizhou", depth: 3, limit: 500) { nodes { ${nest(50, (l) => (l % 2 ? 'toEntity' : 'relations'), 'type')} } } }`,
  },
  { name: 'fragment binary tree 20 deep over children/parent', query: fragmentTree(20) },
  { name: 'Place.parent nested 5,000 levels', query: `{ lookup(name: "福泉") { ... on Place { ${nest(5000, () => 'parent', 'name')} } } }` },
  { name: '1,000 aliases of search(first: 100)', query: aliases(1000, 'search(text: "贵州", first: 100) { edges { node { id name } } }') },
  { name: '1,000 aliases of supplyChain(磷矿石 → 新能源汽车)', query: aliases(1000, 'supplyChain(from: "磷矿石", to: "新能源汽车") { steps { product { name } producers { edges { node { producer { name } } } } } }') },
  { name: '1,000 aliases of path(maxHops: 8)', query: aliases(1000, 'path(from: "川恒", to: "贵安新区", maxHops: 8) { length nodes { name } }') },
  { name: '1,000 aliases of the largest neighbourhood', query: aliases(1000, 'neighborhood(id: "place:guizhou", depth: 3, limit: 500) { nodes { id } edges { type } }') },
];

/** What 50 abusive clients sent over and over (each alone was a legal request, together they sank the server). */
export const ABUSIVE_MIX: AbuseCase[] = [
  { name: 'alias path ×20', query: aliases(20, 'path(from: "川恒", to: "贵安新区", maxHops: 8) { length nodes { name } edges { type } }') },
  { name: 'largest neighbourhood', query: NEIGHBOURHOOD_MAX },
];
