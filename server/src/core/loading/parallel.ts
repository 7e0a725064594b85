/**
 * Indexing with the machine's other cores. Files are claimed in chunks from a
 * shared counter by this thread and by worker threads alike (so the split
 * balances itself); a worker reads and walks its files and sends flat records
 * (records.ts), and this thread writes them into the corpus's rows (table.ts). Lint's own-file checks
 * (`checkOwn`) run where the file is read. Without workers (fewer than 4 cores,
 * few files, no worker script, `QUICKTAKES_INDEX_WORKERS=0`) this thread does all
 * of it, with the same result (in a one-shot load, with a read-ahead thread,
 * readAhead.ts, reading the files for it).
 */
import * as os from 'node:os';
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import type { ArticleTable } from '../corpus/table';
import type { Diagnostic } from '../checks/diagnostics';
import type { ArticleModel } from '../frontMatter/model';
import type { ArticleLocation } from '../site/paths';
import { ReadAhead } from './readAhead';
import { RecordReader, RecordWriter, type RecordBatch } from '../corpus/records';
import { collectFile, lastModel, readBytes, readRowAndModel, readSummaryInto, type StringPool } from '../corpus/summary';
import { startWorker, workerScript } from './workerThreads';

/** Files per claim: small enough to balance and to yield often, big enough to batch messages. */
const DEFAULT_CHUNK = 256;
/** Below this, starting a worker costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 3000;
/** Below this, the read-ahead thread is not worth its start. */
const MIN_FILES_FOR_READ_AHEAD = 500;
/** Fewer cores than this: no workers by default (see `indexWorkerCount`). */
const MIN_CORES_FOR_WORKERS = 4;
/** A worker that sends nothing for this long is given up on; this thread redoes its files. */
const STALL_MS = 30_000;

export interface IndexJob {
  locations: ArticleLocation[];
  /** Per location, 1 where the file's own checks are wanted (lint), and those checks. */
  checks?: Uint8Array;
  checkOwn?: OwnChecks;
  /** Files per claim (and between yields of an async load). */
  chunkSize?: number;
  /**
   * Without workers, read the files on a read-ahead thread (readAhead.ts): for a
   * one-shot load (lint, the core). Not for the server: there it gains little
   * (its load yields to the event loop between small chunks) and its thread
   * leaves resident memory behind.
   */
  readAhead?: boolean;
}

interface WorkerData {
  paths: string;
  chunkSize: number;
  learnRoot: string;
  checks?: Uint8Array;
  control: SharedArrayBuffer;
  port: MessagePort;
}

type WorkerMessage = { chunk: number; batch: RecordBatch; own: [number, Diagnostic[]][] } | { done: true } | { failed: string };

/** `Atomics.waitAsync` (ES2024; typed here since the project's lib is ES2023). */
const waitAsync = (
  Atomics as unknown as {
    waitAsync?: (a: Int32Array, i: number, v: number, ms: number) => { async: boolean; value: Promise<string> | string };
  }
).waitAsync;

/** Control words shared with workers: the next chunk to claim, and messages sent so far. */
const NEXT = 0;
const SENT = 1;

/** Whether a job of `files` files without indexing workers reads ahead on another thread (off: `QUICKTAKES_READ_AHEAD=0`). */
function readAheadWanted(files: number): boolean {
  return files >= MIN_FILES_FOR_READ_AHEAD && process.env.QUICKTAKES_READ_AHEAD !== '0';
}

/** How many worker threads to use for a job of `files` files. */
export function indexWorkerCount(files: number): number {
  const env = process.env.QUICKTAKES_INDEX_WORKERS;
  if (env !== undefined && env !== '') return Math.max(0, Math.min(8, Number(env) || 0));
  if (files < MIN_FILES_FOR_WORKERS || !workerScript('index-worker')) return 0;
  // Each worker is an isolate of its own: it compiles the same code again and has its own GC, which
  // eats the gain on few cores (see docs/performance.md), so workers start only where spare cores
  // absorb that (override: the env variable).
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return cores >= MIN_CORES_FOR_WORKERS ? Math.min(cores, 4) - 1 : 0;
}

/** One indexing run: claims chunks, writes each file's row (by location index) and gathers own-file diagnostics. */
export class IndexRun {
  /** Per location, the row written for it (-1: not yet). */
  private readonly rows: Int32Array;
  /** Own-file diagnostics by location index (only files with some). */
  readonly own = new Map<number, Diagnostic[]>();
  /** Rows ready so far, in location order (the caller indexes them in this order). */
  private ready = 0;
  private readonly chunks: number;
  private readonly chunkSize: number;
  private readonly chunkDone: Uint8Array;
  private chunksDone = 0;
  private readonly control: Int32Array;
  private readonly workers: { worker: Worker; port: MessagePort; finished: boolean; closed: boolean }[] = [];
  private readonly reader: RecordReader;
  private readonly deferred: number[] = [];
  private seen = 0;
  private lastNews = Date.now();
  /** Without workers: the files read in order on another thread while this one walks them. */
  private readonly ahead?: ReadAhead;

  constructor(
    private readonly job: IndexJob,
    private readonly pool: StringPool,
    /** Where the rows go: the table of the corpus that indexes them. */
    private readonly table: ArticleTable,
    workers = indexWorkerCount(job.locations.length),
  ) {
    const n = job.locations.length;
    this.rows = new Int32Array(n).fill(-1);
    this.chunkSize = Math.max(1, job.chunkSize ?? DEFAULT_CHUNK);
    this.chunks = Math.ceil(n / this.chunkSize);
    this.chunkDone = new Uint8Array(this.chunks);
    this.control = new Int32Array(new SharedArrayBuffer(8));
    this.reader = new RecordReader(pool);
    if (workers > 0) this.startWorkers(workers);
    else if (job.readAhead && readAheadWanted(n)) this.ahead = ReadAhead.start(job.locations.map((l) => l.path));
  }

  get total(): number {
    return this.job.locations.length;
  }

  /** Files done so far (for progress). */
  get done(): number {
    return Math.min(this.total, this.chunksDone * this.chunkSize);
  }

  /** Does one chunk here, or takes what workers sent; false when nothing is left to claim. */
  step(): boolean {
    this.drain();
    const c = Atomics.add(this.control, NEXT, 1);
    if (c >= this.chunks) return false;
    this.processChunk(c);
    this.drain();
    return true;
  }

  /** Whether every worker has finished (or was given up on). */
  get workersFinished(): boolean {
    return this.workers.every((w) => w.finished);
  }

  /** Waits (blocking) up to `ms` for workers to send something, then takes it. */
  waitSync(ms: number): void {
    Atomics.wait(this.control, SENT, this.seen, ms);
    this.drain();
    this.checkStall();
  }

  /** Waits (without blocking) up to `ms` for workers to send something, then takes it. */
  async wait(ms: number): Promise<void> {
    const w = waitAsync?.(this.control, SENT, this.seen, ms);
    if (!w || w.async) {
      let timer: NodeJS.Timeout | undefined;
      // the timer also keeps the event loop alive, which a pending `waitAsync` does not
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, w ? ms : 1)));
      await (w ? Promise.race([w.value, timeout]) : timeout);
      clearTimeout(timer);
    }
    this.drain();
    this.checkStall();
  }

  /** After all claims and workers: redoes what workers left (irregular files, chunks of a failed worker). */
  finish(): void {
    for (let c = 0; c < this.chunks; c++) if (!this.chunkDone[c]) this.processChunk(c);
    for (const i of this.deferred) this.processFile(i);
    this.deferred.length = 0;
    this.stopWorkers();
  }

  /** Rows ready in location order since the last call. */
  *takeReady(): Generator<number> {
    while (this.ready < this.rows.length && this.rows[this.ready] !== -1) yield this.rows[this.ready++];
  }

  stopWorkers(): void {
    this.ahead?.close();
    for (const w of this.workers) {
      if (w.closed) continue;
      w.finished = w.closed = true;
      w.port.close();
      void w.worker.terminate();
    }
  }

  private startWorkers(count: number): void {
    // the lint entry brings the Markdown and TeX renderers: a worker that only indexes starts faster without
    const script = workerScript(this.job.checks !== undefined ? 'lint-worker' : 'index-worker');
    if (!script) return;
    const locations = this.job.locations;
    const paths = locations.map((l) => l.path).join('\n');
    for (let i = 0; i < count; i++) {
      try {
        const { port1, port2 } = new MessageChannel();
        const data: WorkerData = {
          paths,
          chunkSize: this.chunkSize,
          learnRoot: locations[0].learnRoot,
          checks: this.job.checks,
          control: this.control.buffer as SharedArrayBuffer,
          port: port2,
        };
        const worker = startWorker(script, { workerData: data, transferList: [port2] });
        worker.unref();
        const entry = { worker, port: port1, finished: false, closed: false };
        // a worker that dies without a word: its claimed chunks are redone in `finish`
        worker.on('error', () => (entry.finished = true));
        worker.on('exit', () => (entry.finished = true));
        this.workers.push(entry);
      } catch {
        break; // no workers here: this thread does it all
      }
    }
  }

  private drain(): void {
    for (const w of this.workers) {
      if (w.closed) continue;
      for (let m = receiveMessageOnPort(w.port); m; m = receiveMessageOnPort(w.port)) {
        this.seen++;
        this.lastNews = Date.now();
        this.handle(w, m.message as WorkerMessage);
      }
    }
  }

  private handle(w: (typeof this.workers)[number], m: WorkerMessage): void {
    if ('done' in m || 'failed' in m) {
      w.finished = true;
      return;
    }
    this.reader.read(
      m.batch,
      this.job.locations,
      this.table,
      (i, row) => (this.rows[i] = row),
      (i) => this.deferred.push(i),
    );
    for (const [i, d] of m.own) this.own.set(i, d);
    this.markDone(m.chunk);
  }

  private checkStall(): void {
    if (Date.now() - this.lastNews > STALL_MS) this.stopWorkers();
  }

  private processChunk(c: number): void {
    const end = Math.min(this.total, (c + 1) * this.chunkSize);
    for (let i = c * this.chunkSize; i < end; i++) this.processFile(i);
    this.markDone(c);
  }

  private processFile(i: number): void {
    const loc = this.job.locations[i];
    const bytes = this.ahead?.take(i);
    if (!this.job.checks?.[i]) {
      this.rows[i] = readSummaryInto(this.table, loc, this.pool, bytes);
      return;
    }
    const { row, model } = readRowAndModel(this.table, loc, this.pool, bytes);
    this.rows[i] = row;
    const own = this.job.checkOwn!(model, loc);
    if (own.length > 0) this.own.set(i, own);
  }

  private markDone(c: number): void {
    if (this.chunkDone[c]) return;
    this.chunkDone[c] = 1;
    this.chunksDone++;
  }
}

/** The own-file checks of lint (`checkOwn` of checks/index.ts), given by the lint worker's entry. */
export type OwnChecks = (model: ArticleModel, location: ArticleLocation) => Diagnostic[];

/** The worker side: claims chunks until none are left, sending one batch of records per chunk. */
export function runIndexWorker(data: WorkerData, checkOwn?: OwnChecks): void {
  const { port, checks, learnRoot, chunkSize } = data;
  const control = new Int32Array(data.control);
  const send = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => {
    port.postMessage(m, transfer);
    Atomics.add(control, SENT, 1);
    Atomics.notify(control, SENT);
  };
  try {
    const paths = data.paths.split('\n');
    const chunks = Math.ceil(paths.length / chunkSize);
    const writer = new RecordWriter();
    for (let c = Atomics.add(control, NEXT, 1); c < chunks; c = Atomics.add(control, NEXT, 1)) {
      const own: [number, Diagnostic[]][] = [];
      const end = Math.min(paths.length, (c + 1) * chunkSize);
      for (let i = c * chunkSize; i < end; i++) {
        const n = readBytes(paths[i]);
        const collected = n < 0 ? undefined : collectFile(n);
        if (!collected) {
          writer.deferred(i);
          continue;
        }
        writer.write(i, collected);
        if (checks?.[i] && checkOwn) {
          const d = checkOwn(lastModel(), locationOf(learnRoot, paths[i]));
          if (d.length > 0) own.push([i, d]);
        }
      }
      const batch = writer.take();
      send({ chunk: c, batch, own }, [batch.nums.buffer as ArrayBuffer]);
    }
    send({ done: true });
  } catch (e) {
    send({ failed: String((e as Error).stack ?? e) });
  } finally {
    port.close();
  }
}

/** `<learnRoot>/<subject>/<question>.md` back into its location (as `listArticles` made it). */
function locationOf(learnRoot: string, p: string): ArticleLocation {
  const slash = p.indexOf('/', learnRoot.length + 1);
  return { path: p, learnRoot, subjectKey: p.slice(learnRoot.length + 1, slash), questionKey: p.slice(slash + 1, -3) };
}
