import { z } from 'zod';
import { rebuildAreaIndex } from '../../src/areas/refresh.js';
import type { GraphDb } from '../../src/db/graph.js';
import { rebuildProducerRanks } from '../../src/producers/refresh.js';
import { catalogue } from '../../src/db/catalogue.js';
import { CYPHER_TOKENS } from '../../src/db/queries.js';
import { ENTITY_KINDS } from '../../src/seed/model.js';

const permissive = { params: z.record(z.string(), z.unknown()), row: z.record(z.string(), z.unknown()) };

/** Test-only Cypher (test/fixtures.cypher, test/export-fixtures.cypher), bound the same way as the application's catalogue. */
export const T = catalogue([new URL('../fixtures.cypher', import.meta.url).pathname, new URL('../export-fixtures.cypher', import.meta.url).pathname], {
  fixtureAddEntity: {
    params: z.object({
      id: z.string().startsWith('test-'),
      kind: z.enum(ENTITY_KINDS),
      name: z.string(),
      primaryKeys: z.array(z.string()),
      searchKeys: z.array(z.string()),
      searchText: z.string(),
    }),
    row: z.object({}),
  },
  fixtureAddRelation: {
    params: z.object({ from: z.string(), to: z.string(), type: z.string(), key: z.string(), props: z.record(z.string(), z.unknown()) }),
    row: z.object({}),
  },
  fixtureRemove: { params: z.object({ ids: z.array(z.string().startsWith('test-')) }), row: z.object({}) },
  schemaConstraints: {
    params: z.object({}),
    row: z.object({ labelsOrTypes: z.array(z.string()), properties: z.array(z.string()), type: z.string() }),
  },
  schemaFulltextIndexes: {
    params: z.object({}),
    row: z.object({ name: z.string(), labelsOrTypes: z.array(z.string()), properties: z.array(z.string()), options: z.record(z.string(), z.any()) }),
  },
  fulltextProbe: { params: z.object({ lucene: z.string() }), row: z.object({ id: z.string() }) },
  // Clears the contributed layer and curation records between test files.
  fixtureRemoveContrib: { params: z.object({}), row: z.object({}) },
  // export-fixtures.cypher (permissive models: the export tests build and read these freely)
  exportFixtureDocument: permissive,
  exportFixtureEntity: permissive,
  exportFixtureRelation: permissive,
  exportFixtureRemove: permissive,
  exportFixtureContribState: permissive,
  exportTestEvidenceCount: permissive,
  exportTestEdgeCount: permissive,
  exportTestFirmsIn: permissive,
}, CYPHER_TOKENS);

/**
 * Clears the contributed layer (fixtureRemoveContrib), then rebuilds the indexes its deletions went
 * around: the area index and the producer index would otherwise keep rows of deleted or un-superseded facts.
 */
export async function removeContribLayer(db: GraphDb): Promise<void> {
  await db.write(T.fixtureRemoveContrib, {});
  await rebuildAreaIndex(db);
  await rebuildProducerRanks(db);
}
