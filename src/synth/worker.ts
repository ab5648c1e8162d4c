import { parentPort, workerData } from 'node:worker_threads';
import { readSeed } from '../seed/read.js';
import { writeBatchFile } from './cache.js';
import { planSynth, type SynthOptions } from './generate.js';

/** A generator thread: writes the batch files it was given. */
const { seedDir, options, folder, indexes } = workerData as { seedDir: string; options: SynthOptions; folder: string; indexes: number[] };
const plan = planSynth(readSeed(seedDir), options);
for (const k of indexes) {
  writeBatchFile(plan, folder, k);
  parentPort!.postMessage(k);
}
