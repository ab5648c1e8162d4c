import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { projectPath } from '../config/paths.js';

/**
 * Starts a worker thread running a TypeScript module: the worker loads it through tsx's API
 * (execArgv loaders do not reach workers on Node 20).
 */
export function startTsWorker(module: URL, workerData: unknown): Worker {
  const script = `import(${JSON.stringify(tsxEsmApi())}).then((tsx) => tsx.tsImport(${JSON.stringify(module.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(script, { eval: true, workerData });
}

/** tsx's ESM API, found from its package.json (import.meta.resolve is missing where vitest runs this module). */
function tsxEsmApi(): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('tsx/esm/api');
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(path.join(path.dirname(manifest), exports['./esm/api'].import.default)).href;
}

const bundles = new Map<string, Promise<string>>();

/**
 * Starts a worker thread on `module` bundled by esbuild into one JavaScript file (built once per
 * process, kept in node_modules/.cache so packages resolve): no TypeScript loader in the thread, whose start
 * cost startTsWorker's threads ~1.2 CPU-s each (tsx registers its hooks, with a thread of their own).
 * Only for modules that find no files by their own location (import.meta.url is the bundle's).
 */
export async function startBundledWorker(module: URL, workerData: unknown): Promise<Worker> {
  let file = bundles.get(module.href);
  if (!file) bundles.set(module.href, (file = bundle(module)));
  return new Worker(await file, { workerData });
}

async function bundle(module: URL): Promise<string> {
  const { build } = await import('esbuild');
  const entry = fileURLToPath(module);
  const result = await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', write: false, logLevel: 'silent' });
  const code = result.outputFiles[0].contents;
  // Named by its content: a rerun reuses the file, nothing piles up, and a process killed midway leaves no stray copy.
  const outfile = projectPath('node_modules', '.cache', 'workers', `${path.basename(entry, '.ts')}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(outfile)) {
    mkdirSync(path.dirname(outfile), { recursive: true });
    const tmp = `${outfile}.${process.pid}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, outfile); // whole files only: another process may start the same bundle meanwhile
  }
  return outfile;
}
