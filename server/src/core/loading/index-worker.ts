/** Entry of an indexing worker thread (see parallel.ts); bundled as `dist/index-worker.js`. */
import { workerData } from 'node:worker_threads';
import { runIndexWorker } from './parallel';

runIndexWorker(workerData);
