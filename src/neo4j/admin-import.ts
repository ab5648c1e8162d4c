import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureLauncherBuilt, JVM_FLAGS, launcherClasspath, LauncherError, type Log } from './launcher.js';

/**
 * `neo4j-admin database import full` from the jars the embedded launcher already has
 * (org.neo4j.cli.AdminTool), into the embedded home's store while no Neo4j runs on it.
 */

export const DEFAULT_DATABASE = 'neo4j';
/**
 * The JVM flags of the import tool: the server's, with the throughput collector instead of G1. The
 * tool keeps its data off the heap; G1's concurrent work only cost CPU (at 100k: 10–16 % less CPU
 * with ParallelGC in three A/B pairs, docs/performance.md).
 */
export const IMPORT_JVM_FLAGS: readonly string[] = [...JVM_FLAGS.filter((f) => !/^-XX:\+Use\w+GC$/.test(f)), '-XX:+UseParallelGC'];
/** The import writes here first; the live store is replaced only once the import succeeded. */
const STAGING_DATABASE = 'synth-import-staging';

export interface AdminImportSource {
  kind: 'nodes' | 'relationships';
  /** Labels joined by ':' (nodes) or the relationship type. */
  name: string;
  files: string[];
}

export interface AdminImportOptions {
  /** The embedded Neo4j's home (NEO4J_EMBEDDED_HOME): the store is `<home>/data/databases/neo4j`. */
  home: string;
  sources: AdminImportSource[];
  arrayDelimiter: string;
  /** `--id-type`: how the :ID / :START_ID / :END_ID columns are read (default the tool's, string). */
  idType?: 'string' | 'integer';
  /** Where neo4j.conf and the import report go. */
  workDir: string;
  heap?: string;
  log?: Log;
  /** More flags for the tool (the by-hand benchmark test/bench/admin-import.ts tries them out). */
  extraArgs?: string[];
  /** JVM flags instead of IMPORT_JVM_FLAGS (the by-hand benchmark compares them). */
  jvmFlags?: string[];
  /** Every line the tool prints (log gets only its phases and 25 % marks). */
  onLine?: (line: string) => void;
}

/** The tool's own totals ("Imported: N nodes, N relationships, N properties"). */
export interface AdminImportTotals {
  nodes: number;
  relationships: number;
  properties: number;
}

export class AdminImportError extends LauncherError {
  override name = 'AdminImportError';
}

const storeDirs = (home: string, database: string) => [path.join(home, 'data', 'databases', database), path.join(home, 'data', 'transactions', database)];

/** Whether the embedded home already holds the default database's store. */
export function storeExists(home: string): boolean {
  return existsSync(storeDirs(home, DEFAULT_DATABASE)[0]);
}

/**
 * Imports the CSV files into a staging database of the same home, then swaps it in for `neo4j`:
 * a failed import leaves the previous store exactly as it was. Neo4j must not be running on `home`.
 * Progress lines of the tool (its phases and percentages) go to `log`.
 */
export async function adminImport(options: AdminImportOptions): Promise<{ millis: number; cpuMillis: number; totals: AdminImportTotals }> {
  const log = options.log ?? (() => {});
  ensureLauncherBuilt(log);
  mkdirSync(options.workDir, { recursive: true });
  // The tool reads the home's conf/ unless NEO4J_CONF says otherwise: a file of ours, so the store layout is the default one.
  const confDir = path.join(options.workDir, 'conf');
  mkdirSync(confDir, { recursive: true });
  writeFileSync(path.join(confDir, 'neo4j.conf'), '# written by npm run synth -- --import: defaults only\n');
  for (const dir of storeDirs(options.home, STAGING_DATABASE)) rmSync(dir, { recursive: true, force: true });
  const args = [
    `-Xmx${options.heap ?? '1g'}`,
    ...(options.jvmFlags ?? IMPORT_JVM_FLAGS),
    '-cp',
    launcherClasspath(),
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    STAGING_DATABASE,
    '--overwrite-destination=true',
    `--array-delimiter=U+${options.arrayDelimiter.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
    '--quote="',
    `--id-type=${options.idType ?? 'string'}`,
    '--multiline-fields=false',
    '--skip-bad-relationships=false',
    '--skip-duplicate-nodes=false',
    `--report-file=${path.join(options.workDir, 'import.report')}`,
    ...(options.extraArgs ?? []),
    ...options.sources.map((s) => `--${s.kind}=${s.name}=${s.files.join(',')}`),
  ];
  const started = Date.now();
  const output: string[] = [];
  const totals: AdminImportTotals = { nodes: 0, relationships: 0, properties: 0 };
  let cpuMillis = 0;
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn('java', args, { env: { ...process.env, NEO4J_HOME: path.resolve(options.home), NEO4J_CONF: confDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let pending = '';
    const onData = (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        output.push(line);
        options.onLine?.(line);
        if (output.length > 200) output.shift();
        const total = /^\s*(\d+) (nodes|relationships|properties)\s*$/.exec(line);
        if (total) totals[total[2] as keyof AdminImportTotals] = Number(total[1]);
        // The tool's phases ("(1/4) Node import …", "… COMPLETED in …", "IMPORT DONE …", the totals) and its 25 % marks.
        if (/^\s*(\(\d+\/\d+\)|IMPORT DONE|Imported|\d+ (nodes|relationships|properties)|Peak memory)|COMPLETED in|\s(25|50|75)% /.test(line)) log(`import: ${line.replace(/^[-. ]+(?=\d+%)/, '').trim()}`);
      }
    };
    // The tool's CPU time (utime + stime, 100 ticks/s, read from /proc while it runs): a figure a busy machine does not distort.
    const cpu = setInterval(() => {
      try {
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        cpuMillis = (Number(fields[11]) + Number(fields[12])) * 10;
      } catch {
        // gone, or no /proc: keep the last reading
      }
    }, 200);
    child.on('exit', () => clearInterval(cpu));
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (exitCode) => resolve(exitCode ?? 1));
  });
  if (code !== 0) {
    for (const dir of storeDirs(options.home, STAGING_DATABASE)) rmSync(dir, { recursive: true, force: true });
    const reason = output.filter((l) => /error|exception|Caused by|Input error|Duplicate|missing/i.test(l)).slice(0, 3).join(' | ') || output.slice(-3).join(' | ');
    throw new AdminImportError(`neo4j-admin import failed (exit ${code}); the store was left as it was: ${reason.trim()}`);
  }
  // Swap: the previous store goes only now.
  const [stagingStore, stagingTx] = storeDirs(options.home, STAGING_DATABASE);
  const [store, tx] = storeDirs(options.home, DEFAULT_DATABASE);
  rmSync(store, { recursive: true, force: true });
  rmSync(tx, { recursive: true, force: true });
  renameSync(stagingStore, store);
  if (existsSync(stagingTx)) renameSync(stagingTx, tx);
  return { millis: Date.now() - started, cpuMillis, totals };
}
