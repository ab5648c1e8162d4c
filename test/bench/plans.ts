import { catalogueCase, type StatementCase } from '../support/catalogue-case.js';
import neo4j, { type ProfiledPlan } from 'neo4j-driver';
import { performance } from 'node:perf_hooks';
import { Q } from '../../src/db/queries.js';
import { EVERY_RELATION, RELATIONS_LIST_DEFAULT, relationGroups } from '../../src/services/relations.js';
import { AREA_SEEK_LIMIT, STEP_SIDE } from '../../src/services/chains.js';
import { exactName, luceneQuery } from '../../src/services/resolve.js';
import { searchBound } from '../../src/services/search.js';
import { searchKey } from '../../src/text/normalize.js';

/**
 * `npm run bench:plans -- [bolt uri] [label regex]` (default NEO4J_URI, every case): PROFILEs the
 * important catalogue queries against a loaded graph (curated seed + `npm run synth`) and prints
 * markdown for docs/query-plans.md: per query the total db hits, rows, bytes of its records (as JSON),
 * time, and the operator tree with rows and db hits. Read only.
 */
const uri = process.argv[2] ?? process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
const only = process.argv[3] ? new RegExp(process.argv[3]) : null;
/**
 * The rows as the benchmark's questions select them (src/graphql/selection.ts): entities' id, kind,
 * name, status; a production's status and capacity. ALL: every property (exports, curation).
 */
// The row parts beyond properties (keyset pages' sort keys, placements, cited documents): catalogueCase
// drops those a query does not take. ALL brings what exports bring (no placements nor documents with the rows).
const IDS_AND_NAMES = { fields: ['id', 'kind', 'name', 'status'], relFields: ['capacity', 'status'], withMade: false, edgeCursors: false, withCursors: false, withPlacements: false, withAncestors: false, withDocuments: false };
const ALL = { fields: null, relFields: null, withMade: true, edgeCursors: true, withCursors: true, withPlacements: false, withAncestors: false, withDocuments: false };
const driver = neo4j.driver(uri, undefined, { disableLosslessIntegers: true });

async function one(query: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown> | undefined> {
  const s = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    return (await s.run(query, params)).records[0]?.toObject();
  } finally {
    await s.close();
  }
}

function tree(plan: ProfiledPlan, depth = 0, out: string[] = []): string[] {
  out.push(`${'  '.repeat(depth)}${plan.operatorType.replace(/@.*/, '')} — rows ${plan.rows}, db hits ${plan.dbHits}`);
  plan.children.forEach((c) => tree(c, depth + 1, out));
  return out;
}
/**
 * The subtree walk firmsIn ran before the area index (IN_AREA), kept here only to PROFILE it beside
 * the index on the same graph: every placement of the subtree read and sorted before the page.
 */
const TREE_WALK_PAGE = `MATCH (target:Entity {id: $placeId})
CALL (target) { MATCH (area:Place)-[:WITHIN*0..8]->(target) RETURN DISTINCT area }
MATCH (f:Firm)-[r:LOCATED_IN]->(area) WHERE coalesce(r.superseded, false) = false
WITH f, r, area, [f.name, area.name, coalesce(r.role, '\\uffff'), r.key] AS sortKey
WITH f, r, area, sortKey ORDER BY sortKey LIMIT 51
RETURN collect({firm: properties(f), place: properties(area), sortKey: sortKey}) AS page`;
const TREE_WALK_COUNT = `MATCH (target:Entity {id: $placeId})
CALL (target) { MATCH (area:Place)-[:WITHIN*0..8]->(target) RETURN DISTINCT area }
RETURN sum(COUNT { (:Firm)-[r:LOCATED_IN]->(area) WHERE coalesce(r.superseded, false) = false }) AS total`;

/**
 * chainProducers and its count as they ran before the producer index (PRODUCER_RANK), kept here only
 * to PROFILE them beside the index on the same graph: every production of a step expanded (KIND_OF*0..3)
 * and sorted before the page is cut.
 */
const SORTED_PAGE = `UNWIND $steps AS stepId
MATCH (step:Entity {id: stepId}) WHERE step:Product
CALL (step) {
  MATCH (producer:Entity)-[r:PRODUCES]->(made:Product)-[:KIND_OF*0..3]->(step)
  WHERE coalesce(r.superseded, false) = false
  WITH producer, r, made, coalesce(r.status, CASE WHEN producer:Project THEN coalesce(producer.status, 'planned') ELSE 'operating' END) AS status
  WHERE $statuses IS NULL OR status IN $statuses
  WITH producer, r, made, status, CASE status WHEN 'operating' THEN 0 WHEN 'trial' THEN 1 WHEN 'under_construction' THEN 2 WHEN 'signed' THEN 3 WHEN 'planned' THEN 4 ELSE 5 END AS rank
  WITH producer, r, made, status, [0, rank, CASE WHEN r.capacity IS NULL THEN 1 ELSE 0 END, -coalesce(r.capacity, 0), producer.id, made.id, coalesce(r.key, elementId(r))] AS sortKey
  WITH producer, r, made, status, sortKey ORDER BY sortKey LIMIT 11
  RETURN collect({producer: properties(producer), made: properties(made), rel: properties(r), sortKey: sortKey}) AS producers
}
RETURN stepId, producers`;
const SORTED_COUNT = `UNWIND $steps AS stepId
MATCH (step:Entity {id: stepId}) WHERE step:Product
CALL (step) {
  MATCH (producer:Entity)-[r:PRODUCES]->(made:Product)-[:KIND_OF*0..3]->(step)
  WHERE coalesce(r.superseded, false) = false
  RETURN count(*) AS total
}
RETURN stepId, total`;

const totalHits = (p: ProfiledPlan): number => p.dbHits + p.children.reduce((n, c) => n + totalHits(c), 0);

async function main() {
  // Targets: the busiest synthetic chain if there is one, else the curated 磷矿石 → 新能源汽车; a synthetic county and firm.
  const chain = (await one(`MATCH (c:BulkLoad {id: 'synth'}) RETURN c.firms AS firms`)) ?? {};
  const from = String((await one(`MATCH (p:Product) WHERE p.id STARTS WITH 'product:syn-l0' RETURN p.id AS id ORDER BY COUNT { (p)-[:INPUT_TO]->() } DESC LIMIT 1`))?.id ?? 'product:phosphate-rock');
  const to = String((await one(`MATCH (p:Product) WHERE p.id STARTS WITH 'product:syn-l7' RETURN p.id AS id ORDER BY COUNT { ()-[:PRODUCES]->(p) } DESC LIMIT 1`))?.id ?? 'product:nev');
  const steps = ((await one(`MATCH (a:Product {id: $from})-[:INPUT_TO*0..12]->(x:Product) WHERE EXISTS { (x)-[:INPUT_TO*0..12]->(:Product {id: $to}) } RETURN collect(DISTINCT x.id) AS ids`, { from, to }))?.ids as string[]) ?? [];
  const county = ((await one(`MATCH (c:Place {placeKind: 'county'}) RETURN c.name AS name ORDER BY COUNT { (:Place)-[:WITHIN]->(c) } DESC LIMIT 1`))?.name as string) ?? '福泉市';
  const firms = ((await one(`MATCH (f:Firm) WITH f LIMIT 50 RETURN collect(f.id) AS ids`))?.ids as string[]) ?? [];
  const countyId = (await one(`MATCH (c:Place {name: $n}) RETURN c.id AS id`, { n: county }))?.id as string;
  const province = 'place:guizhou';
  // A firm's short name (its first alias), as the scale benchmark's search asks.
  const alias = ((await one(`MATCH (f:Firm) WHERE f.id STARTS WITH 'firm:syn-' AND size(f.aliases) > 0 WITH f LIMIT 1 RETURN f.aliases[0] AS alias`))?.alias as string) ?? '川恒';
  const search = (text: string, first: number, withTotal: boolean) => ({ key: searchKey(text), lucene: luceneQuery(text), kinds: null, offset: 0, first, bound: searchBound(0, first), withTotal, ...IDS_AND_NAMES });
  const firmId = firms[0];
  const ask = catalogueCase;
  const cases: StatementCase[] = [
    ask('firmsInPlace (a county by name, first 50: resolved in the same trip)', Q.firmsInPlace, { ...exactName(county, 'Place'), includeSubareas: true, after: null, first: 50, withTotal: false, ...IDS_AND_NAMES }),
    ask('firmsInPlaceCount (the same county)', Q.firmsInPlaceCount, { ...exactName(county, 'Place'), includeSubareas: true, withTotal: true }),
    ['before the area index: the tree walk page (the same county, first 50)', { text: TREE_WALK_PAGE }, { placeId: countyId }],
    ask('firmsInPlace (the province, first 50, with its total: one trip)', Q.firmsInPlace, { raw: province, key: province, kind: 'Place', includeSubareas: true, after: null, first: 50, withTotal: true, ...IDS_AND_NAMES }),
    ask('firmsInPlace (the province, first 50, every property)', Q.firmsInPlace, { raw: province, key: province, kind: 'Place', includeSubareas: true, after: null, first: 50, withTotal: false, ...ALL }),
    ask('firmsInPlaceCount (the province)', Q.firmsInPlaceCount, { raw: province, key: province, kind: 'Place', includeSubareas: true, withTotal: true }),
    ['before the area index: the tree walk page (the province, first 50)', { text: TREE_WALK_PAGE }, { placeId: province }],
    ['before the area index: the tree walk count (the province)', { text: TREE_WALK_COUNT }, { placeId: province }],
    ask('searchEntities (a firm\'s short name, first 10)', Q.searchEntities, search(alias, 10, false)),
    ask('searchEntities (two characters of it, first 10, with the total)', Q.searchEntities, search(alias.slice(0, 2), 10, true)),
    ask('entityDetails (the province: its facts only, not its index rows)', Q.entityDetails, { ids: [province], fields: null, relFields: null }),
    // An entity's relations (docs/queries.md): the unpaged list's first 250, a first page, a page of one group, the total.
    ask('entityRelationPage (the county, first 250: Entity.relations)', Q.entityRelationPage, { ids: [countyId], groups: relationGroups(EVERY_RELATION, null), limit: RELATIONS_LIST_DEFAULT + 1, ...IDS_AND_NAMES }),
    ask('entityRelationPage (the county, first 20, every property)', Q.entityRelationPage, { ids: [countyId], groups: relationGroups(EVERY_RELATION, null), limit: 21, ...ALL }),
    ask('entityRelationPage (the county, its parks: WITHIN in, first 20)', Q.entityRelationPage, { ids: [countyId], groups: relationGroups({ types: ['WITHIN'], direction: 'in' }, null), limit: 21, ...ALL }),
    ask('entityRelationCount (the county, every fact)', Q.entityRelationCount, { ids: [countyId], groups: relationGroups(EVERY_RELATION, null), whole: true }),
    ask('neighbourhood (the province, depth 2, limit 100)', Q.neighbourhood, { names: [exactName(province, 'Place')], depth: 2, limit: 100, fields: IDS_AND_NAMES.fields, relFields: [] }),
    ask('neighbourhood (the province, depth 2, limit 100, every property)', Q.neighbourhood, { names: [exactName(province, 'Place')], depth: 2, limit: 100, ...ALL }),
    ask('policiesConcerning (a firm, inherited)', Q.policiesConcerning, { names: [exactName(String(firmId), null)], fields: IDS_AND_NAMES.fields, withEvidence: false, withDocuments: false }),
    ask('policiesConcerning (a firm, inherited, every property)', Q.policiesConcerning, { names: [exactName(String(firmId), null)], fields: null, withEvidence: true, withDocuments: false }),
    ask('firmPlacements (50 firms, their places\' names)', Q.firmPlacements, { ids: firms, ...IDS_AND_NAMES }),
    ask('chainSteps', Q.chainSteps, { fromId: from, toId: to, fields: null }),
    ask('supplyChain (names by id, steps and every step\'s first 10 producers: one round trip)', Q.supplyChain, { names: [exactName(String(from), 'Product'), exactName(String(to), 'Product')], prefetch: true, withAncestry: false, placeAncestry: false, statuses: null, after: null, first: 10, ...IDS_AND_NAMES }),
    ask('supplyChain (the same, every property)', Q.supplyChain, { names: [exactName(String(from), 'Product'), exactName(String(to), 'Product')], prefetch: true, withAncestry: false, placeAncestry: false, statuses: null, after: null, first: 10, ...ALL }),
    ask('chainGapSteps (a county by name, the chain, the gap test: one round trip)', Q.chainGapSteps, { names: [exactName(county, 'Place'), exactName(String(from), 'Product'), exactName(String(to), 'Product')], statuses: ['operating'], fields: IDS_AND_NAMES.fields, areaSeekLimit: AREA_SEEK_LIMIT }),
    ask('chainGapsWithCandidates (the same, and every gap\'s first 5 candidates nearest first: one round trip)', Q.chainGapsWithCandidates, { names: [exactName(county, 'Place'), exactName(String(from), 'Product'), exactName(String(to), 'Product')], statuses: ['operating'], areaSeekLimit: AREA_SEEK_LIMIT, withAncestry: false, placeAncestry: false, after: null, first: 5, stepSide: STEP_SIDE, ...IDS_AND_NAMES }),
    ask('gapCandidates (every step outside the county, first 5 nearest first: a later page\'s statement)', Q.gapCandidates, { steps, target: countyId ?? null, withAncestry: false, placeAncestry: false, after: null, first: 5, stepSide: STEP_SIDE, ...IDS_AND_NAMES }),
    ask('chainProducers (every step, first 10)', Q.chainProducers, { steps, statuses: null, withAncestry: false, placeAncestry: false, after: null, first: 10, ...IDS_AND_NAMES }),
    ask('chainProducersCount (every step)', Q.chainProducersCount, { steps, statuses: null }),
    ask('chainProducers (every step, status planned, first 10)', Q.chainProducers, { steps, statuses: ['planned'], withAncestry: false, placeAncestry: false, after: null, first: 10, ...IDS_AND_NAMES }),
    ask('chainProducersCount (every step, status planned)', Q.chainProducersCount, { steps, statuses: ['planned'] }),
    ['before the producer index: the sorted page (every step, first 10)', { text: SORTED_PAGE }, { steps, statuses: null }],
    ['before the producer index: the expanded count (every step)', { text: SORTED_COUNT }, { steps }],
    ask('chainProducersPlaced (gap candidates of a county, first 10)', Q.chainProducersPlaced, { steps, within: [], outside: null, statuses: null, withAncestry: false, placeAncestry: true, target: countyId ?? null, after: null, first: 10, ...IDS_AND_NAMES }),
  ];
  console.log(`Graph: ${JSON.stringify(chain)}; chain ${from} → ${to} (${steps.length} steps); county ${county}.\n`);
  for (const [label, query, params] of cases.filter(([label]) => !only || only.test(label))) {
    const s = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      await s.run(query.text, params); // plan cached, pages warm
      const t = performance.now();
      const result = await s.run(`PROFILE ${query.text}`, params);
      const ms = performance.now() - t;
      const plan = result.summary.profile as ProfiledPlan;
      const bytes = Buffer.byteLength(JSON.stringify(result.records.map((r) => r.toObject())));
      console.log(`### ${label}\n\n${totalHits(plan).toLocaleString('en')} db hits, ${result.records.length} rows (${(bytes / 1024).toFixed(1)} KB as JSON), ${ms.toFixed(0)} ms (PROFILE, warm)\n\n\`\`\`\n${tree(plan).join('\n')}\n\`\`\`\n`);
    } finally {
      await s.close();
    }
  }
  await driver.close();
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
