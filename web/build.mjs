// Builds the web explorer: web/src/main.ts → web/dist/app.js (+ a lazily loaded graph chunk), index.html and app.css.
// `node web/build.mjs` builds and prints the sizes; tests import { buildWeb }.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.join(WEB, 'dist');

/**
 * Bundles, minifies and writes web/dist. Returns the bytes of each output file (without source maps)
 * and of the first paint: app.js + app.css (cytoscape is split off and loaded only by graph views).
 */
export async function buildWeb({ quiet = true } = {}) {
  rmSync(DIST, { recursive: true, force: true });
  mkdirSync(DIST, { recursive: true });
  const result = await build({
    metafile: true,
    entryPoints: { app: path.join(WEB, 'src', 'main.ts') },
    outdir: DIST,
    bundle: true,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    minify: true,
    sourcemap: true,
    target: ['es2020'],
    legalComments: 'none',
    logLevel: quiet ? 'error' : 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  copyFileSync(path.join(WEB, 'index.html'), path.join(DIST, 'index.html'));
  copyFileSync(path.join(WEB, 'src', 'app.css'), path.join(DIST, 'app.css'));

  const files = {};
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!name.endsWith('.map')) files[path.relative(DIST, full)] = statSync(full).size;
    }
  };
  walk(DIST);
  const js = Object.entries(files).filter(([f]) => f.endsWith('.js'));
  // What the first paint loads: app.js, the chunks it imports statically, app.css. The graph chunk (cytoscape) comes later.
  const initial = new Set(['app.js']);
  const outputs = result.metafile.outputs;
  const key = (f) => path.relative(DIST, path.resolve(f));
  for (const pending = ['app.js']; pending.length; ) {
    const file = pending.pop();
    const entry = Object.entries(outputs).find(([out]) => key(out) === file)?.[1];
    for (const dep of entry?.imports ?? []) {
      const rel = key(dep.path);
      if (dep.kind === 'import-statement' && !initial.has(rel)) {
        initial.add(rel);
        pending.push(rel);
      }
    }
  }
  return {
    dist: DIST,
    files,
    initialFiles: [...initial, 'app.css'],
    initialBytes: [...initial, 'app.css'].reduce((sum, f) => sum + (files[f] ?? 0), 0),
    totalJsBytes: js.reduce((sum, [, size]) => sum + size, 0),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const result = await buildWeb({ quiet: false });
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  for (const [file, size] of Object.entries(result.files).sort()) console.log(`  web/dist/${file.padEnd(34)} ${String(size).padStart(8)} B  ${kb(size)}`);
  console.log(`bundle: ${result.totalJsBytes} B of minified JS in total (${kb(result.totalJsBytes)}); first load (${result.initialFiles.join(' + ')}) = ${result.initialBytes} B (${kb(result.initialBytes)}); built in ${Date.now() - started} ms`);
}
