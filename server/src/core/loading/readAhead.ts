/**
 * Reading files on another thread while this one walks them. Opening and
 * reading many small files makes system calls a large part of a cold index; a
 * small worker (no bundle, no parser) reads the files in order into a shared
 * ring buffer and this thread takes each one's bytes from there, so the two
 * overlap. Unlike the indexing workers (parallel.ts), nothing is compiled twice
 * and nothing crosses back, so it pays a little even on few cores, where they
 * are shared with V8's compiler and GC threads (see docs/performance.md).
 *
 * The contract of `take` is that of `readBytes`: the bytes stay valid until the
 * next `take` (the ring's space is given back then). Anything unusual — a file
 * too big for the ring, a file taken out of order, a worker that stalls or
 * fails — makes the caller read the file itself, with the same result.
 */
import * as fs from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { workerScript, startWorker } from './workerThreads';

/** The ring: enough for a few hundred ordinary files ahead. */
const RING_BYTES = 2 << 20;
/** The most one read may take; a bigger file is left to the caller. */
export const MAX_FILE_BYTES = 256 << 10;
/**
 * The longest this thread waits for the file the worker is reading (a read is
 * far shorter; longer means the worker is not running, e.g. on a busy machine).
 */
const WAIT_MS = 1;
/** Files taken between wake-ups of a worker waiting for room (a wake-up costs more than a file). */
const WAKE_EVERY = 32;

/**
 * Control words: files read so far (the worker reads in order), the file the
 * worker is reading (index + 1), the file this thread holds (index + 1), stop,
 * failed. Until the worker gets going (it takes a while to start, longer from source)
 * or whenever it falls behind, this thread reads the file itself and the worker
 * skips ahead: waiting happens only for the file the worker is reading now.
 */
const PRODUCED = 0;
const READING = 1;
const HELD = 2;
const STOP = 3;
const FAILED = 4;
const CONTROL_WORDS = 5;

/** A file's length in `meta`: unreadable, or too big for the ring. */
const UNREADABLE = -1;
const TOO_BIG = -2;

export interface ReadAheadData {
  paths: string;
  ring: SharedArrayBuffer;
  control: SharedArrayBuffer;
  /** Per file: start in the ring, length (or UNREADABLE / TOO_BIG). */
  meta: SharedArrayBuffer;
}

export interface FileBytes {
  buffer: Buffer;
  /** Bytes read; -1 when the file could not be read. */
  length: number;
}

export class ReadAhead {
  private readonly ring: Buffer;
  private readonly control: Int32Array;
  private readonly meta: Int32Array;
  private next = 0;
  private closed = false;

  private constructor(
    private readonly worker: Worker,
    data: ReadAheadData,
    private readonly count: number,
  ) {
    this.ring = Buffer.from(data.ring);
    this.control = new Int32Array(data.control);
    this.meta = new Int32Array(data.meta);
  }

  /** Starts reading `paths` in order; undefined where no worker can start (the caller reads itself). */
  static start(paths: readonly string[]): ReadAhead | undefined {
    const script = workerScript('read-worker');
    if (!script || paths.length === 0) return undefined;
    const data: ReadAheadData = {
      paths: paths.join('\n'),
      ring: new SharedArrayBuffer(RING_BYTES),
      control: new SharedArrayBuffer(CONTROL_WORDS * 4),
      meta: new SharedArrayBuffer(paths.length * 8),
    };
    try {
      const worker = startWorker(script, { workerData: data });
      worker.unref();
      const ahead = new ReadAhead(worker, data, paths.length);
      // a worker that dies without a word: `take` stops waiting for it
      worker.on('error', () => ahead.fail());
      worker.on('exit', () => ahead.fail());
      return ahead;
    } catch {
      return undefined;
    }
  }

  /**
   * The bytes of file `i` (of the paths given to `start`), or undefined when the
   * caller must read it itself: taken out of order, not read yet, too big, or no worker any more.
   */
  take(i: number): FileBytes | undefined {
    if (this.closed || i < this.next || i >= this.count) return undefined;
    // the previous file's bytes are no longer needed: give its room back
    this.next = i + 1;
    Atomics.store(this.control, HELD, i + 1);
    if (i % WAKE_EVERY === 0) Atomics.notify(this.control, HELD);
    const produced = Atomics.load(this.control, PRODUCED);
    if (produced <= i) {
      // the worker is behind, or reading this very file: wait a little for the latter, else read it here
      if (Atomics.load(this.control, READING) !== i + 1 || Atomics.load(this.control, FAILED)) return undefined;
      Atomics.notify(this.control, HELD); // a worker waiting for room has some now
      Atomics.wait(this.control, PRODUCED, produced, WAIT_MS);
      if (Atomics.load(this.control, PRODUCED) <= i) return undefined;
    }
    const length = this.meta[i * 2 + 1];
    if (length === TOO_BIG) return undefined;
    if (length === UNREADABLE) return { buffer: this.ring, length: -1 };
    const start = this.meta[i * 2];
    return { buffer: this.ring.subarray(start, start + length), length };
  }

  /** How many files (in order) the worker has read so far. */
  get readSoFar(): number {
    return Atomics.load(this.control, PRODUCED);
  }

  /** Stops the worker; later `take`s return undefined. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.control, STOP, 1);
    Atomics.notify(this.control, HELD);
    void this.worker.terminate();
  }

  private fail(): void {
    Atomics.store(this.control, FAILED, 1);
    Atomics.notify(this.control, PRODUCED);
  }
}

/** The worker's side: reads every file in order into the ring, waiting for room when it is ahead. */
export function runReadWorker(data: ReadAheadData): void {
  const control = new Int32Array(data.control);
  const meta = new Int32Array(data.meta);
  const ring = Buffer.from(data.ring);
  const paths = data.paths.split('\n');
  let head = 0;
  /** The first file of the ring's current run (files before it were read by the other thread). */
  let first = 0;
  try {
    for (let i = 0; i < paths.length; i++) {
      Atomics.store(control, READING, i + 1);
      // the other thread read up to file `held` itself (it will not ask for those again): go on after it
      const held = Atomics.load(control, HELD) - 1;
      if (held > i) {
        first = held + 1;
        i = held;
        continue;
      }
      head = roomFor(i, head, first, control, meta);
      if (head < 0) return;
      const length = readInto(paths[i], ring, head);
      meta[i * 2] = head;
      meta[i * 2 + 1] = length;
      if (length > 0) head += length;
      Atomics.store(control, PRODUCED, i + 1);
      Atomics.notify(control, PRODUCED);
    }
  } catch {
    Atomics.store(control, FAILED, 1);
    Atomics.notify(control, PRODUCED);
  }
}

/**
 * Where file `i` can be read: at `head`, or at the ring's start, once `MAX_FILE_BYTES`
 * are free there (files from `oldest` up to `i` are in use); -1 when told to stop.
 */
function roomFor(i: number, head: number, oldest: number, control: Int32Array, meta: Int32Array): number {
  for (;;) {
    if (Atomics.load(control, STOP)) return -1;
    const held = Atomics.load(control, HELD);
    const inUse = Math.max(oldest, held - 1);
    if (inUse >= i) return 0; // nothing in use
    const tail = meta[inUse * 2];
    if (head >= tail) {
      if (RING_BYTES - head >= MAX_FILE_BYTES) return head;
      if (tail >= MAX_FILE_BYTES) return 0;
    } else if (tail - head >= MAX_FILE_BYTES) return head;
    Atomics.wait(control, HELD, held, 20);
  }
}

/** Reads one file at `at`; its length, UNREADABLE, or TOO_BIG when it may not have fit. */
function readInto(path: string, ring: Buffer, at: number): number {
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY);
  } catch {
    return UNREADABLE;
  }
  try {
    const n = fs.readSync(fd, ring, at, MAX_FILE_BYTES, null);
    return n === MAX_FILE_BYTES ? TOO_BIG : n;
  } catch {
    return UNREADABLE;
  } finally {
    fs.closeSync(fd);
  }
}
