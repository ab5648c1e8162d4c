import { CHAIN, ENTITY, LOOKUP, NEIGHBOURHOOD, PATH, PLACE, SEARCH } from '../../web/src/operations.js';

/**
 * The explorer's main views over curated names, asked once over loopback when the server starts
 * listening. Neo4j compiles a statement's plan the first time it meets it (per parameter types), and
 * at a million firms that took seconds: after a restart the first chainGaps of a park spent 3.3 s in
 * chainGapSteps and 4.0 s in gapCandidates, 0.46 s and 2.6 s once their plans were compiled
 * (docs/performance.md). Curated names exist in every store, so the same list warms any of them.
 */
export const WARM_UP_OPERATIONS: { name: string; query: string; variables: Record<string, unknown> }[] = [
  { name: 'chain view with a place', query: String(CHAIN), variables: { from: '磷矿石', to: '新能源汽车', place: '福泉', withPlace: true } },
  { name: 'chain view', query: String(CHAIN), variables: { from: '磷矿石', to: '新能源汽车', place: '', withPlace: false } },
  { name: 'entity page', query: String(ENTITY), variables: { name: '川恒' } },
  { name: 'place page with sub-areas', query: String(PLACE), variables: { name: '福泉', sub: true } },
  { name: 'path view', query: String(PATH), variables: { from: '川恒', to: '贵安新区', maxHops: 5 } },
  { name: 'neighbourhood', query: String(NEIGHBOURHOOD), variables: { id: 'place:guizhou', depth: 2, limit: 100 } },
  { name: 'search suggestions', query: String(SEARCH), variables: { text: '川恒', kinds: null, first: 10, after: null } },
  { name: 'graph view centre', query: String(LOOKUP), variables: { name: '川恒' } },
];

export interface WarmUpResult {
  operations: number;
  /** Names of the operations answered with errors (or not at all): warming is best effort, never fatal. */
  failed: string[];
  millis: number;
}

/**
 * Asks every warm-up operation once, one after another (the server stays free for real requests). Not
 * the warm-up in src/server/http.ts, which compiles the limit rules before the server answers.
 */
export async function warmUpPlans(graphqlUrl: string): Promise<WarmUpResult> {
  const started = performance.now();
  const failed: string[] = [];
  for (const op of WARM_UP_OPERATIONS) {
    const body = await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: op.query, variables: op.variables }) })
      .then((response) => response.json() as Promise<{ errors?: unknown[] }>)
      .catch(() => null);
    if (!body || body.errors?.length) failed.push(op.name);
  }
  return { operations: WARM_UP_OPERATIONS.length, failed, millis: performance.now() - started };
}
