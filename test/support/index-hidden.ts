import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { GraphDb } from '../../src/db/graph.js';
import { Q } from '../../src/db/queries.js';
import { runExport } from '../../src/export/run.js';

/**
 * An index kept as relationships (IN_AREA, PRODUCER_RANK) is not content: the graph's counts leave its
 * rows out (and still add up), and no export format writes them.
 */
export async function expectIndexNotCountedNorExported(db: GraphDb, type: string): Promise<void> {
  const [{ relRows }] = await db.read(Q.graphCountsByKind, {});
  expect(relRows.map((r) => r.key)).not.toContain(type);
  const [{ relationships }] = await db.read(Q.graphCounts, {});
  expect(relationships).toBe(relRows.reduce((n, r) => n + r.count, 0));

  const out = mkdtempSync(path.join(tmpdir(), `gzkg-${type.toLowerCase()}-export-`));
  try {
    for (const format of ['csv', 'graphml', 'jsonld'] as const) {
      await runExport(db, { format, out: path.join(out, format) });
      const files = readdirSync(path.join(out, format), { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) expect(readFileSync(path.join(file.parentPath, file.name), 'utf8'), `${format}/${file.name}`).not.toContain(type);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
