import { Q } from '../db/queries.js';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../config/paths.js';
import type { GraphDb } from '../db/graph.js';
import { ENTITY_KINDS } from '../seed/model.js';
import { CsvExport, GraphmlExport, JsonLdExport, type FormatWriter, type WrittenFile } from './formats.js';
import { SeedFormatExport } from './seed-format.js';
import { pump } from './pump.js';
import { FileSink } from './sink.js';
import { DEFAULT_PAGE_SIZE, ExportSource, LAYERS } from './source.js';

export const FORMATS = ['csv', 'graphml', 'jsonld', 'seed'] as const;
export type Format = (typeof FORMATS)[number];

export const ExportOptionsModel = z
  .object({
    format: z.enum(FORMATS),
    layer: z.enum(LAYERS).default('all'),
    place: z.string().trim().min(1).nullable().default(null),
    kinds: z.array(z.enum(ENTITY_KINDS)).nullable().default(null),
    out: z.string().trim().min(1),
    pageSize: z.number().int().min(1).max(10_000).default(DEFAULT_PAGE_SIZE),
  })
  .strict();
export type ExportOptions = z.input<typeof ExportOptionsModel>;

export interface Manifest {
  format: Format;
  layer: string;
  kinds: string[];
  place: { query: string; id: string; name: string; areas: number } | null;
  exportedAt: string;
  version: { gitCommit: string | null; seedCommit: string | null; seedChanged: boolean | null; graph: { nodes: number; relationships: number } };
  counts: { entities: Record<string, number>; relations: Record<string, number>; entitiesTotal: number; relationsTotal: number };
  expected: { entities: number; relations: number };
  files: WrittenFile[];
  notes: string[];
  millis: number;
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return null;
  }
}

/** Progress lines on stderr at most once a second, and at the end of each phase. */
export function progressReporter(log: (line: string) => void) {
  let last = 0;
  return (phase: string, done: number, total: number, final = false) => {
    const now = Date.now();
    if (!final && now - last < 1000) return;
    last = now;
    const pct = total ? ` (${Math.min(100, Math.round((done / total) * 100))}%)` : '';
    log(`export: ${phase} ${done}/${total}${pct}`);
  };
}

export class ExportTargetError extends Error {}

/**
 * Runs one export into `out`: written to a sibling temporary folder first and renamed at the end,
 * so a failed export leaves nothing half-written. Returns the manifest written beside the files.
 */
export async function runExport(db: GraphDb, input: ExportOptions, log: (line: string) => void = () => {}): Promise<Manifest> {
  const options = ExportOptionsModel.parse(input);
  const started = Date.now();
  const out = path.resolve(options.out);
  if (existsSync(out) && readdirSync(out).length) throw new ExportTargetError(`--out ${options.out} exists and is not empty; choose a new folder (nothing was written)`);
  const source = await ExportSource.open(db, { layer: options.layer, kinds: options.kinds, place: options.place });
  const expected = await source.counts();
  const [graph] = await db.read(Q.graphCounts, {});

  const work = `${out}.partial-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    const description = `Guizhou industry graph export (${options.layer} layer${source.scope.place ? `, ${source.scope.place.name}` : ''})`;
    const writer: FormatWriter =
      options.format === 'csv'
        ? new CsvExport(work, source)
        : options.format === 'graphml'
          ? new GraphmlExport(new FileSink(path.join(work, 'graph.graphml'), 'graph.graphml'), source, description)
          : options.format === 'jsonld'
            ? new JsonLdExport(new FileSink(path.join(work, 'graph.jsonld'), 'graph.jsonld'), source)
            : new SeedFormatExport(work, db, source);
    const progress = progressReporter(log);
    const totals = { entities: expected.entities, relations: expected.relations };
    const counts = await pump(source, writer, options.pageSize, (phase, done, final) => progress(phase, done, totals[phase], final));
    const { entities, relations, entitiesTotal: entityTotal, relationsTotal: relationTotal } = counts;
    const { files, notes } = await writer.finish();
    if (entityTotal !== expected.entities || relationTotal !== expected.relations) {
      notes.push(`the graph changed during the export: counted ${expected.entities} entities and ${expected.relations} relations before, wrote ${entityTotal} and ${relationTotal}`);
    }
    const seedCommit = git(['log', '-1', '--format=%H', '--', 'seed']);
    const seedStatus = git(['status', '--porcelain', '--', 'seed']);
    const manifest: Manifest = {
      format: options.format,
      layer: options.layer,
      kinds: source.scope.kinds,
      place: source.scope.place && options.place ? { query: options.place, ...source.scope.place, areas: source.scope.core?.length ?? 0 } : null,
      exportedAt: new Date().toISOString(),
      version: {
        gitCommit: git(['rev-parse', 'HEAD']),
        seedCommit,
        seedChanged: seedStatus === null ? null : seedStatus.length > 0,
        graph: { nodes: Number(graph?.nodes ?? 0), relationships: Number(graph?.relationships ?? 0) },
      },
      counts: { entities, relations, entitiesTotal: entityTotal, relationsTotal: relationTotal },
      expected,
      files,
      notes,
      millis: Date.now() - started,
    };
    writeFileSync(path.join(work, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    rmSync(out, { recursive: true, force: true });
    renameSync(work, out);
    for (const note of notes) log(`export: note: ${note}`);
    log(`export: ${options.format}: ${entityTotal} entities, ${relationTotal} relations → ${options.out} (${manifest.millis} ms)`);
    return manifest;
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}
