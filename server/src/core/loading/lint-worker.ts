/** Entry of a lint worker thread: indexing plus each file's own checks (see parallel.ts); bundled as `dist/lint-worker.js`. */
import { workerData } from 'node:worker_threads';
import { checkOwn } from '../checks';
import { runIndexWorker } from './parallel';

runIndexWorker(workerData, checkOwn);
