import type { GraphDb } from '../../src/db/graph.js';

/** Applies the schema, trying again for a minute while a just-started Neo4j still refuses (the by-hand load tools). */
export async function applySchemaWhenReady(db: GraphDb): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await db.applySchema();
      return;
    } catch (error) {
      if (attempt > 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}
