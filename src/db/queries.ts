import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectPath } from '../config/paths.js';
import { ENTITY_KINDS } from '../seed/model.js';
import { catalogue } from './catalogue.js';
import { DocumentModel, KindModel, NodeRowModel, PropsModel, RelationModel } from './models.js';

const CYPHER_DIR = projectPath('cypher');
const cypherFiles = readdirSync(CYPHER_DIR)
  .filter((f) => f.endsWith('.cypher') && f !== 'schema.cypher')
  .sort()
  .map((f) => path.join(CYPHER_DIR, f));

const none = z.object({});
const ids = z.object({ ids: z.array(z.string()) });
const nodeRow = z.object({ node: NodeRowModel });
const count = (name: string) => z.object({ [name]: z.number() });
const nullableKind = KindModel.nullable();
const evidenceProps = z.object({ evDocs: z.array(z.string()).optional(), evQuotes: z.array(z.string()).optional(), evNotes: z.array(z.string()).optional() });
/** Any parameters, any row columns: for entries whose exact models are still to be written. */
const permissive = { params: z.record(z.string(), z.unknown()), row: z.record(z.string(), z.unknown()) };
const seedRows = (row: z.ZodType) => z.object({ rows: z.array(row) });

/**
 * Every named query of cypher/*.cypher with the models of its parameters and rows: `db.read(Q.x, params)`
 * is typed by these and parses each row with them. An entry without a block, or a block without an
 * entry, stops the process at start (see catalogue()). How to add one: docs/queries.md.
 */
export const Q = catalogue(cypherFiles, {
  // entities.cypher
  entityDetails: {
    params: ids,
    row: z.object({
      id: z.string(),
      node: NodeRowModel,
      relations: z.array(z.object({ direction: z.enum(['in', 'out']), type: z.string(), props: PropsModel, other: NodeRowModel })),
      ancestors: z.array(NodeRowModel),
    }),
  },
  entitiesByIds: { params: ids, row: nodeRow },
  documentsByIds: { params: ids, row: z.object({ document: DocumentModel }) },
  allDocuments: { params: none, row: z.object({ document: DocumentModel }) },
  resolveNames: {
    params: z.object({ items: z.array(z.object({ raw: z.string(), key: z.string(), kind: nullableKind, minPartial: z.number().int() })) }),
    row: z.object({
      index: z.number().int(),
      matches: z.array(z.object({ node: NodeRowModel, primary: z.boolean() })),
      partial: z.array(z.object({ node: NodeRowModel, prefix: z.boolean() })),
    }),
  },
  suggestNames: {
    params: z.object({ key: z.string(), pieces: z.array(z.string()), lucene: z.string().nullable(), kind: nullableKind }),
    row: nodeRow,
  },
  searchEntities: {
    params: z.object({ key: z.string(), lucene: z.string().nullable(), kinds: z.array(KindModel).nullable(), offset: z.number().int(), first: z.number().int() }),
    row: z.object({ total: z.number(), page: z.array(z.object({ node: NodeRowModel, score: z.number() })) }),
  },

  // places.cypher
  firmsInPlace: {
    params: z.object({ placeId: z.string(), includeSubareas: z.boolean(), after: z.array(z.string()).nullable(), first: z.number().int() }),
    row: z.object({
      firm: NodeRowModel,
      place: NodeRowModel,
      rel: evidenceProps.extend({ role: z.string().nullish(), status: z.string().nullish() }).passthrough(),
      sortKey: z.array(z.string()),
    }),
  },
  firmsInPlaceCount: { params: z.object({ placeId: z.string(), includeSubareas: z.boolean() }), row: count('total') },
  projectsInPlace: { params: z.object({ placeId: z.string().nullable(), includeSubareas: z.boolean() }), row: nodeRow },
  industrialBases: { params: none, row: nodeRow },
  policiesConcerning: {
    params: z.object({ id: z.string() }),
    row: z.object({
      rows: z.array(z.object({ policy: z.string(), via: z.string(), inherited: z.boolean(), rel: evidenceProps })),
      nodes: z.array(NodeRowModel),
    }),
  },

  // chains.cypher
  chainSteps: {
    params: z.object({ fromId: z.string(), toId: z.string() }),
    row: z.object({
      product: NodeRowModel,
      inputs: z.array(NodeRowModel),
      producers: z.array(
        z.object({
          producer: NodeRowModel,
          made: NodeRowModel,
          rel: evidenceProps.extend({ capacity: z.number().nullish(), unit: z.string().nullish(), status: z.string().nullish(), asOf: z.string().nullish() }).passthrough(),
          place: NodeRowModel.nullable(),
          ancestry: z.array(z.object({ id: z.string(), distance: z.number() })),
        }),
      ),
    }),
  },
  placeAncestry: { params: z.object({ placeId: z.string() }), row: z.object({ id: z.string(), distance: z.number() }) },

  // paths.cypher
  shortestPaths: {
    params: z.object({ fromId: z.string(), toId: z.string(), maxHops: z.number().int(), limit: z.number().int() }),
    row: z.object({ nodes: z.array(NodeRowModel), relations: z.array(RelationModel) }),
  },
  neighbourhood: {
    params: z.object({ id: z.string(), depth: z.number().int(), limit: z.number().int() }),
    row: z.object({ total: z.number(), nodes: z.array(NodeRowModel), relations: z.array(RelationModel) }),
  },

  // suppliers.cypher
  suppliersOf: {
    params: z.object({ firmId: z.string(), after: z.array(z.string()).nullable(), first: z.number().int() }),
    row: z.object({ supplier: NodeRowModel, stated: z.boolean(), products: z.array(NodeRowModel), rels: z.array(evidenceProps), sortKey: z.array(z.string()) }),
  },

  // seed.cypher (rows are built from the validated seed model)
  seedReset: { params: none, row: none },
  seedDocuments: { params: seedRows(z.object({ id: z.string(), props: PropsModel })), row: none },
  seedEntities: { params: seedRows(z.object({ id: z.string(), kind: z.enum(ENTITY_KINDS), props: PropsModel })), row: none },
  nameKeysSync: { params: ids, row: none },
  seedRelations: {
    params: seedRows(z.object({ key: z.string(), type: z.string(), from: z.string(), to: z.string(), props: PropsModel })),
    row: none,
  },
  seedPruneRelations: { params: z.object({ keys: z.array(z.string()) }), row: count('removed') },
  seedPruneEntities: { params: ids, row: z.object({ removed: z.number(), kept: z.number() }) },
  graphCounts: { params: none, row: z.object({ nodes: z.number(), relationships: z.number() }) },
  graphCountsByKind: {
    params: none,
    row: z.object({ nodeRows: z.array(z.object({ key: z.string(), count: z.number() })), relRows: z.array(z.object({ key: z.string(), count: z.number() })) }),
  },
  serverInfo: { params: none, row: z.object({ name: z.string(), version: z.string(), edition: z.string() }) },

  // ingest.cypher (the extraction dictionary)
  ingestGraphVersion: {
    params: none,
    row: z.object({ entities: z.number(), keys: z.number().nullable(), aliases: z.number().nullable(), lastId: z.string().nullable() }),
  },
  ingestGazetteer: {
    params: none,
    row: z.object({
      id: z.string(),
      kind: z.string(),
      name: z.string(),
      nameEn: z.string().nullable(),
      aliases: z.array(z.string()),
      primaryKeys: z.array(z.string()),
      placeKind: z.string().nullable(),
    }),
  },


  // curation.cypher and export.cypher: permissive models for now (any parameters, any row columns);
  // their callers still read the columns they expect. Tightening them is listed in docs/queries.md.
  curationDocumentBySha: permissive,
  curationDocumentCreate: permissive,
  curationCandidatesUpsert: permissive,
  curationCandidatesOfDocument: permissive,
  curationQueue: permissive,
  curationCandidatesByIds: permissive,
  curationLockCandidate: permissive,
  curationDocumentText: permissive,
  curationResolvedName: permissive,
  curationIdsTaken: permissive,
  curationCreateEntity: permissive,
  curationSameFacts: permissive,
  curationCreateFact: permissive,
  curationSupersede: permissive,
  curationDecide: permissive,
  curationAudit: permissive,
  curationFactByKey: permissive,
  curationRetract: permissive,
  curationHistory: permissive,
  curationAuditLog: permissive,
  curationCounts: permissive,

  exportSubtreePlaces: permissive,
  exportPropertyKeysPage: permissive,
  exportDocuments: permissive,
  exportDocumentTexts: permissive,
  exportEntityCount: permissive,
  exportEntityPage: permissive,
  exportRelationCount: permissive,
  exportRelationPage: permissive,
  exportFirmPlacementPage: permissive,
  exportFirmPlacementCount: permissive,
  exportEntitiesByIds: permissive,

  // bulk.cypher (batched bulk import of synthetic data; rows are built from the validated seed model)
  bulkLoadState: { params: z.object({ runId: z.string() }), row: z.object({ state: PropsModel.nullable() }) },
  bulkLoadStart: {
    params: z.object({ runId: z.string(), params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])), origin: z.string(), batches: z.number().int() }),
    row: z.object({ state: PropsModel }),
  },
  bulkEntities: { params: seedRows(z.object({ kind: z.enum(ENTITY_KINDS), props: PropsModel })), row: none },
  bulkRelations: { params: seedRows(z.object({ type: z.string(), from: z.string(), to: z.string(), props: PropsModel })), row: count('created') },
  bulkCheckpoint: { params: z.object({ runId: z.string(), next: z.number().int(), rows: z.number().int() }), row: none },
  bulkRemoveBatch: { params: z.object({ kind: z.enum(ENTITY_KINDS), origin: z.string(), batch: z.number().int() }), row: count('removed') },
  bulkRemoveState: { params: z.object({ runId: z.string() }), row: count('removed') },
  bulkOriginCounts: { params: z.object({ origin: z.string() }), row: z.object({ nodes: z.number(), relationships: z.number() }) },
});

/** The schema statements, in file order. */
export function schemaStatements(): string[] {
  return readFileSync(path.join(CYPHER_DIR, 'schema.cypher'), 'utf8')
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}
