/** Entry of the read-ahead worker thread (see readAhead.ts); bundled as `dist/read-worker.js`. */
import { workerData } from 'node:worker_threads';
import { runReadWorker } from './readAhead';

runReadWorker(workerData);
