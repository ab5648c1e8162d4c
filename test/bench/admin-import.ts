import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { adminImport, IMPORT_JVM_FLAGS } from '../../src/neo4j/admin-import.js';
import { cacheFolder, DEFAULT_CACHE_DIR, generateBatches } from '../../src/synth/cache.js';
import { planSynth } from '../../src/synth/generate.js';
import { ARRAY_DELIMITER, ID_TYPE, type CsvSource } from '../../src/synth/import/csv.js';
import { writeImportCsv } from '../../src/synth/import/offline.js';
import { DEFAULT_SEED_DIR, readSeed } from '../../src/seed/read.js';

/**
 * The offline import's two store-writing steps apart, by hand (not in CI):
 *   npx tsx test/bench/admin-import.ts --firms 100000 --dir /tmp/imp [--fresh-csv] [--csv-only] [--keep-home] [--id-type string] [-- <neo4j-admin flags>]
 * Writes the CSV of `--firms N --dense` into <dir>/csv once (kept, with a manifest), then runs
 * neo4j-admin database import full alone on it into the throwaway home <dir>/home, with any extra
 * flags, so a flag is judged in seconds instead of a whole `npm run synth -- --import`. Prints the
 * tool's phase lines and every line into <dir>/admin-<time>.log.
 */
interface Manifest {
  firms: number;
  rows: number;
  nameKeys: number;
  links: Record<string, number>;
  csvMillis: number;
  csvCpuMillis: number;
  sources: CsvSource[];
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      firms: { type: 'string', default: '100000' },
      dir: { type: 'string' },
      workers: { type: 'string', default: '2' },
      heap: { type: 'string', default: '1g' },
      'fresh-csv': { type: 'boolean', default: false },
      'csv-only': { type: 'boolean', default: false },
      'keep-home': { type: 'boolean', default: false },
      // string: CSV in the layout before integer ids (e.g. converted back by hand), to compare.
      'id-type': { type: 'string', default: ID_TYPE },
      // JVM flags added to the tool's (a -XX:+Use…GC here replaces its collector), e.g. --jvm "-XX:+UseParallelGC".
      jvm: { type: 'string', default: '' },
    },
  });
  const firms = Number(values.firms);
  const dir = path.resolve(values.dir ?? `/tmp/admin-import-${firms}`);
  const csvDir = path.join(dir, 'csv');
  const manifestFile = path.join(csvDir, 'manifest.json');
  const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);
  if (values['fresh-csv'] || !existsSync(manifestFile)) {
    const curated = readSeed(DEFAULT_SEED_DIR);
    const plan = planSynth(curated, { firms, seed: 1, dense: { width: 14, hops: 12 }, batchSize: 5000 });
    const folder = cacheFolder(plan, DEFAULT_CACHE_DIR);
    await generateBatches(plan, folder, { workers: Number(values.workers), seedDir: DEFAULT_SEED_DIR, log });
    const cpu = process.cpuUsage();
    const started = Date.now();
    const load = loadavg()[0];
    const csv = await writeImportCsv(curated, plan, folder, csvDir, log, Number(values.workers));
    const used = process.cpuUsage(cpu);
    const manifest: Manifest = { firms, rows: csv.rows, nameKeys: csv.nameKeys, links: csv.links, csvMillis: Date.now() - started, csvCpuMillis: (used.user + used.system) / 1000, sources: csv.sources };
    writeFileSync(manifestFile, JSON.stringify(manifest, null, 1));
    log(`CSV: ${manifest.rows.toLocaleString('en')} rows in ${(manifest.csvMillis / 1000).toFixed(1)} s (CPU ${(manifest.csvCpuMillis / 1000).toFixed(1)} s), load ${load.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  if (values['csv-only']) return;
  const home = path.join(dir, 'home');
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  const logFile = path.join(dir, `admin-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
  const lines: string[] = [`flags: ${positionals.join(' ')}`];
  const load = loadavg()[0];
  const result = await adminImport({
    home,
    sources: manifest.sources,
    arrayDelimiter: ARRAY_DELIMITER,
    idType: values['id-type'] === 'string' ? 'string' : 'integer',
    workDir: path.join(dir, 'work'),
    heap: values.heap,
    extraArgs: positionals,
    jvmFlags: jvmFlags(values.jvm ?? ''),
    onLine: (line) => {
      lines.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
      // The tool's phases, their durations, and its memory and totals.
      if (/^\s*\(\d\/\d\)|COMPLETED in|^IMPORT DONE|Peak memory|^\s*(Estimated|Available|Total|Imported)|^\s*\d+ (nodes|relationships|properties)|Import starting|Node import|Relationship import|linking|post-processing/i.test(line)) log(line.trim());
    },
  });
  writeFileSync(logFile, lines.join('\n') + '\n');
  const records = result.totals.nodes + result.totals.relationships;
  log(
    `neo4j-admin ${[values.jvm, ...positionals].join(' ').trim() || '(default flags)'}: ${(result.millis / 1000).toFixed(1)} s wall, ${(result.cpuMillis / 1000).toFixed(1)} s CPU; ${records.toLocaleString('en')} records (${Math.round(records / (result.millis / 1000)).toLocaleString('en')}/s); ` +
      `with the CSV's ${(manifest.csvMillis / 1000).toFixed(1)} s: ${Math.round(manifest.rows / ((manifest.csvMillis + result.millis) / 1000)).toLocaleString('en')} rows/s; load ${load.toFixed(1)} → ${loadavg()[0].toFixed(1)}; full output ${logFile}`,
  );
  if (!values['keep-home']) rmSync(home, { recursive: true, force: true });
}

/** The tool's JVM flags with `extra` added; a collector in `extra` replaces the tool's. */
function jvmFlags(extra: string): string[] {
  const added = extra.split(' ').filter(Boolean);
  const gc = added.some((f) => /^-XX:\+Use\w+GC$/.test(f));
  return [...IMPORT_JVM_FLAGS.filter((f) => !(gc && /^-XX:\+Use\w+GC$/.test(f))), ...added];
}

await main();
