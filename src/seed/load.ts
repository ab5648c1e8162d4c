import type { GraphDb } from '../db/graph.js';
import { firmsTouched, refreshAreaIndex } from '../areas/refresh.js';
import { producersAtPlaces, producersOfProducts, refreshProducerRanks } from '../producers/refresh.js';
import { Q } from '../db/queries.js';
import type { Log } from '../neo4j/launcher.js';
import type { Evidence, SeedEntity, SeedGraph, SeedRelation } from './read.js';
import { normalizeArticle, sha256Of } from '../ingest/input.js';

const BATCH = 500;

export interface LoadSummary {
  documents: number;
  entities: number;
  relations: number;
  prunedEntities: number;
  prunedRelations: number;
  /** Firms whose area index (IN_AREA) was rewritten in the load's transaction. */
  areaFirms: number;
  /** Producers whose producer index (PRODUCER_RANK) was rewritten in the load's transaction. */
  rankProducers: number;
  /** Entities and documents the files no longer declare, kept because contributed facts cite them. */
  keptForContrib: number;
  millis: number;
}

/** Evidence as three parallel string lists: Neo4j properties cannot hold maps or nulls in lists. */
function evidenceProps(evidence: Evidence[]) {
  return {
    evDocs: evidence.map((e) => e.doc ?? ''),
    evQuotes: evidence.map((e) => e.quote ?? ''),
    evNotes: evidence.map((e) => e.note ?? ''),
  };
}

/** The node row of one entity: what every loader (curated seed, synthetic bulk load) writes. */
export function entityRow(e: SeedEntity) {
  return {
    id: e.id,
    kind: e.kind,
    props: {
      kind: e.kind,
      name: e.name,
      nameEn: e.nameEn,
      aliases: e.aliases,
      primaryKeys: e.primaryKeys,
      searchKeys: e.searchKeys,
      searchText: [...e.searchKeys, ...e.aliases].join(' '),
      placeKind: e.placeKind,
      status: e.status,
      description: e.description,
      descriptionZh: e.descriptionZh,
      code: e.code,
      sixBases: e.kind === 'IndustrialBase' ? e.sixBases : null,
      factsJson: JSON.stringify(e.facts),
      ...evidenceProps(e.evidence),
    },
  };
}

/** The relationship row of one relation. */
export function relationRow(r: SeedRelation) {
  return { key: r.key, type: r.type, from: r.from, to: r.to, props: { ...r.props, ...evidenceProps(r.evidence) } };
}

export function toRows(graph: SeedGraph) {
  const documents = graph.documents.map((d) => ({
    id: d.id,
    // sha256 of the normalized text, as ingestion computes it: ingesting a seeded text finds its document.
    props: { title: d.title, publisher: d.publisher ?? null, date: d.date ?? null, url: d.url ?? null, file: d.file, script: d.script, sha256: sha256Of(normalizeArticle(d.text)) },
  }));
  return { documents, entities: graph.entities.map(entityRow), relations: graph.relations.map(relationRow) };
}

/**
 * Writes the validated seed in ONE transaction of batched UNWIND … MERGE statements, then prunes
 * seeded nodes and relations the files no longer declare. Running it twice changes nothing. Only
 * `origin = 'seed'` records are written or pruned: the contributed layer is never touched.
 */
export async function loadSeed(db: GraphDb, graph: SeedGraph, options: { reset?: boolean; log?: Log } = {}): Promise<LoadSummary> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const rows = toRows(graph);
  let prunedEntities = 0;
  let prunedRelations = 0;
  let keptForContrib = 0;
  let areaFirms = 0;
  let rankProducers = 0;
  await db.writeAll('seed', async (run) => {
    // What the area index depends on before the load: seeded WITHIN edges, seeded and contributed placements.
    const [before] = await run(Q.areaSeedSnapshot, {});
    // And the producer index: seeded KIND_OF edges, producers of seeded and contributed productions.
    const [ranksBefore] = await run(Q.rankSeedSnapshot, {});
    if (options.reset) {
      log('seed: --reset: removing every node and relationship');
      await run(Q.seedReset, {});
    }
    await run(Q.seedDocuments, { rows: rows.documents });
    log(`seed: ${rows.documents.length} documents`);
    for (let i = 0; i < rows.entities.length; i += BATCH) {
      await run(Q.seedEntities, { rows: rows.entities.slice(i, i + BATCH) });
      log(`seed: entities ${Math.min(i + BATCH, rows.entities.length)}/${rows.entities.length}`);
    }
    for (let i = 0; i < rows.relations.length; i += BATCH) {
      await run(Q.seedRelations, { rows: rows.relations.slice(i, i + BATCH) });
      log(`seed: relations ${Math.min(i + BATCH, rows.relations.length)}/${rows.relations.length}`);
    }
    // Firms the load moves between areas, found before pruning (a pruned place's firms are found through it):
    // every seeded firm, every firm placed by seeded or contributed facts (--reset drops their index rows),
    // and the firms under places whose seeded WITHIN edge appears or goes.
    const declaredWithin = new Set(rows.relations.filter((r) => r.type === 'WITHIN').map((r) => `${r.key}\u0000${r.from}`));
    const hadWithin = new Set(before.within.map((w) => `${w.key}\u0000${w.from}`));
    const moved = [...declaredWithin].filter((k) => !hadWithin.has(k)).concat([...hadWithin].filter((k) => !declaredWithin.has(k)));
    const [pruned] = await run(Q.areaSeedPruned, { ids: rows.entities.map((e) => e.id) });
    const touched = await firmsTouched(run, [
      ...[...new Set(moved.map((k) => k.split('\u0000')[1]))].map((from) => ({ type: 'WITHIN', from })),
      ...(pruned?.placeIds ?? []).map((from) => ({ type: 'WITHIN', from })),
    ]);
    // Producers the load moves between chain steps, found before pruning (a pruned product's producers
    // are found through it): producers under products whose seeded KIND_OF edge appears or goes.
    const declaredKinds = new Set(rows.relations.filter((r) => r.type === 'KIND_OF').map((r) => `${r.key}\u0000${r.from}`));
    const hadKinds = new Set(ranksBefore.kindOf.map((k) => `${k.key}\u0000${k.from}`));
    const movedKinds = [...declaredKinds].filter((k) => !hadKinds.has(k)).concat([...hadKinds].filter((k) => !declaredKinds.has(k)));
    const [prunedProducts] = await run(Q.rankSeedPruned, { ids: rows.entities.map((e) => e.id) });
    const rankTouched = [
      ...(await producersOfProducts(run, [...new Set([...movedKinds.map((k) => k.split('\u0000')[1]), ...(prunedProducts?.productIds ?? [])])])),
      // and producers placed at a pruned place (their productions lose that place).
      ...(await producersAtPlaces(run, pruned?.placeIds ?? [])),
    ];
    const [rel] = await run(Q.seedPruneRelations, { keys: rows.relations.map((r) => r.key) });
    const [ent] = await run(Q.seedPruneEntities, { ids: [...rows.entities.map((e) => e.id), ...rows.documents.map((d) => d.id)] });
    const seededFirms = rows.entities.filter((e) => e.kind === 'Firm').map((e) => e.id);
    areaFirms = await refreshAreaIndex(run, [...seededFirms, ...before.firmIds, ...touched]);
    log(`seed: area index refreshed for ${areaFirms} firms`);
    // Every seeded entity (a project's status, its productions) and every producer of seeded or contributed productions.
    rankProducers = await refreshProducerRanks(run, [...rows.entities.map((e) => e.id), ...ranksBefore.producerIds, ...rankTouched]);
    log(`seed: producer index refreshed for ${rankProducers} producers`);
    prunedRelations = Number(rel?.removed ?? 0);
    prunedEntities = Number(ent?.removed ?? 0);
    keptForContrib = Number(ent?.kept ?? 0);
  });
  const summary = {
    documents: rows.documents.length,
    entities: rows.entities.length,
    relations: rows.relations.length,
    prunedEntities,
    prunedRelations,
    keptForContrib,
    areaFirms,
    rankProducers,
    millis: Date.now() - started,
  };
  log(
    `seed: committed ${summary.entities} entities, ${summary.relations} relations, ${summary.documents} documents` +
      (prunedEntities || prunedRelations ? ` (removed ${prunedEntities} stale nodes, ${prunedRelations} stale relations)` : '') +
      (keptForContrib ? ` (kept ${keptForContrib} undeclared nodes that contributed facts cite)` : '') +
      ` in ${summary.millis} ms`,
  );
  return summary;
}
