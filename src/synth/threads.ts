import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread running a TypeScript module: the worker loads it through tsx's API
 * (execArgv loaders do not reach workers on Node 20).
 */
export function startTsWorker(module: URL, workerData: unknown): Worker {
  const api = import.meta.resolve('tsx/esm/api');
  const script = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(module.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(script, { eval: true, workerData });
}
