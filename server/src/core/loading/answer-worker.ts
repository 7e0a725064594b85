/** Entry of the answer-check worker thread of lint (see answerOffload.ts); bundled as `dist/answer-worker.js`. */
import { workerData } from 'node:worker_threads';
import { runAnswerWorker } from '../lint/answerOffload';

runAnswerWorker(workerData);
