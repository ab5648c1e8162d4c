import { parentPort, workerData } from 'node:worker_threads';
import { writeShard, type ShardJob } from './shard.js';

/** A CSV writer thread of the offline import: writes its share, reporting each batch, then its result. */
const job = workerData as ShardJob;
const result = await writeShard(job, (index, rows) => parentPort!.postMessage({ batch: index, rows }));
parentPort!.postMessage({ done: result });
