import type { FormatWriter } from './formats.js';
import type { ExportSource } from './source.js';

export interface PumpCounts {
  entities: Record<string, number>;
  relations: Record<string, number>;
  entitiesTotal: number;
  relationsTotal: number;
}

/** Feeds a writer every page of entities, then every page of relations; one page in memory at a time. */
export async function pump(
  source: ExportSource,
  writer: FormatWriter,
  pageSize: number,
  progress: (phase: 'entities' | 'relations', done: number, final: boolean) => void = () => {},
): Promise<PumpCounts> {
  const counts: PumpCounts = { entities: {}, relations: {}, entitiesTotal: 0, relationsTotal: 0 };
  await writer.begin();
  for await (const page of source.entities(pageSize)) {
    await writer.entities(page);
    for (const e of page) counts.entities[e.kind] = (counts.entities[e.kind] ?? 0) + 1;
    counts.entitiesTotal += page.length;
    progress('entities', counts.entitiesTotal, false);
  }
  progress('entities', counts.entitiesTotal, true);
  for await (const page of source.relations(pageSize)) {
    await writer.relations(page);
    for (const r of page) counts.relations[r.type] = (counts.relations[r.type] ?? 0) + 1;
    counts.relationsTotal += page.length;
    progress('relations', counts.relationsTotal, false);
  }
  progress('relations', counts.relationsTotal, true);
  return counts;
}
