import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, projectPath } from '../config/paths.js';

const LAUNCHER_DIR = projectPath('neo4j-launcher');
const CLASSES = path.join(LAUNCHER_DIR, 'target', 'classes');
const LIB = path.join(LAUNCHER_DIR, 'target', 'lib');

// The flags Neo4j's own start script passes; without them Netty and the page cache hit linkage errors.
export const JVM_FLAGS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-XX:+UseG1GC',
  '-XX:ActiveProcessorCount=2',
];

export type Log = (line: string) => void;

/** The launcher's Java classpath: its own classes and Neo4j's jars (neo4j-admin's AdminTool among them). */
export function launcherClasspath(): string {
  return `${CLASSES}${path.delimiter}${path.join(LIB, '*')}`;
}

export interface EmbeddedOptions {
  home: string;
  port: number;
  heap: string;
  pageCacheMiB: number;
  log?: Log;
  readyTimeoutMs?: number;
}

export interface EmbeddedNeo4j {
  uri: string;
  version: string;
  startMillis: number;
  pid: number;
  stop(): Promise<void>;
}

export class LauncherError extends Error {
  override name = 'LauncherError';
}

function requireTool(command: string, args: string[], install: string): void {
  const probe = spawnSync(command, args, { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new LauncherError(
      `'${command}' is not available: the embedded Neo4j needs ${install}. ` +
        `Install it, or set NEO4J_URI to a running Neo4j 5 (e.g. 'docker compose up neo4j').`,
    );
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function isBuilt(): boolean {
  const marker = path.join(CLASSES, 'gzkg', 'Launcher.class');
  if (!existsSync(marker) || !existsSync(LIB) || readdirSync(LIB).length < 50) return false;
  const sources = Math.max(statSync(path.join(LAUNCHER_DIR, 'pom.xml')).mtimeMs, newestMtime(path.join(LAUNCHER_DIR, 'src')));
  return statSync(marker).mtimeMs >= sources;
}

/** Builds the Java launcher and copies Neo4j's jars from Maven Central once; later calls return at once. */
export function ensureLauncherBuilt(log: Log = console.log): void {
  requireTool('java', ['-version'], 'Java 17 (e.g. apt-get install openjdk-17-jre-headless)');
  if (isBuilt()) return;
  requireTool('mvn', ['-v'], 'Apache Maven 3 (e.g. apt-get install maven)');
  log('neo4j: building the launcher with Maven (a first build downloads about 120 MB from Maven Central)…');
  const started = Date.now();
  // Jars of an earlier Neo4j version (a pom change) must not stay beside the new ones on the classpath.
  rmSync(LIB, { recursive: true, force: true });
  const build = spawnSync('mvn', ['-B', '-q', '--no-transfer-progress', '-f', path.join(LAUNCHER_DIR, 'pom.xml'), 'package'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (build.status !== 0) {
    const tail = `${build.stdout ?? ''}\n${build.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    throw new LauncherError(`neo4j: Maven build of neo4j-launcher failed (exit ${build.status}):\n${tail}`);
  }
  log(`neo4j: launcher built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Starts Neo4j in a child JVM; resolves once Bolt accepts connections. The JVM exits when our stdin pipe closes. */
export async function startEmbeddedNeo4j(options: EmbeddedOptions): Promise<EmbeddedNeo4j> {
  const log = options.log ?? console.log;
  ensureLauncherBuilt(log);
  const home = path.resolve(PROJECT_ROOT, options.home);
  mkdirSync(home, { recursive: true });
  const args = [
    `-Xmx${options.heap}`,
    ...JVM_FLAGS,
    '-cp',
    launcherClasspath(),
    'gzkg.Launcher',
    '--home',
    home,
    '--port',
    String(options.port),
    '--pagecache-mib',
    String(options.pageCacheMiB),
  ];
  log(`neo4j: starting embedded Neo4j (data in ${path.relative(PROJECT_ROOT, home) || home})…`);
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  return waitForReady(child, home, options.readyTimeoutMs ?? 180_000);
}

function waitForReady(child: ChildProcess, home: string, timeoutMs: number): Promise<EmbeddedNeo4j> {
  let stopping = false;
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new LauncherError(`neo4j: not ready after ${timeoutMs / 1000} s. Last output:\n${tail(stderr || stdout)}`));
    }, timeoutMs);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-20_000);
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /NEO4J_READY (\S+) version=(\S+) startMillis=(\d+)/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      child.once('exit', (code, signal) => {
        if (!stopping) console.error(`neo4j: the embedded Neo4j exited unexpectedly (${signal ?? `code ${code}`}); see ${path.join(home, 'logs')}`);
      });
      resolve({
        uri: match[1],
        version: match[2],
        startMillis: Number(match[3]),
        pid: child.pid!,
        stop: () => {
          stopping = true;
          return stopChild(child);
        },
      });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      const hint = /lock|Lock/.test(stderr) ? ` Another Neo4j may be using ${home}.` : '';
      const bind = /BindException|Address already in use/.test(stderr)
        ? ' The Bolt port is taken: set NEO4J_EMBEDDED_PORT to a free port (0 picks one).'
        : '';
      reject(new LauncherError(`neo4j: the embedded Neo4j exited (code ${code}) before it was ready.${hint}${bind}\n${tail(stderr || stdout)}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.stdin!.end();
  });
}

function tail(text: string): string {
  return text.trim().split('\n').slice(-20).join('\n');
}
