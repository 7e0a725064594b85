/**
 * The answer checks of lint on another thread. Reading an answer the way the
 * site does (its Markdown parser and KaTeX, checks/answer.ts) is a large share of
 * linting the corpus, yet only answers with `$`, `\(`, a tag, … need it.
 * This thread sends those answer fields to a worker in batches and goes on
 * indexing; `finish` collects their diagnostics. Whatever the worker does not
 * answer (it failed, or stalled) is checked here, so the result is always the
 * same as `checkOwn` on this thread alone.
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { answerNeedingParser, checkAnswerField } from '../checks/answer';
import { checkFront, checkOwn } from '../checks';
import type { Diagnostic } from '../checks/diagnostics';
import type { ArticleModel, Field } from '../frontMatter/model';
import type { ArticleLocation } from '../site/paths';
import { startWorker, workerScript } from '../loading/workerThreads';

/** Answers per message: enough to make a message cheap, few enough to keep the worker busy early. */
const BATCH = 32;
/** A worker that answers nothing for this long is given up on (it stalled, or never started). */
const STALL_MS = 10_000;

/** Control words: replies sent so far; set once the worker is exiting (it died: nothing more will come). */
const REPLIES = 0;
const GONE = 1;

interface Batch {
  id: number;
  paths: string[];
  fields: Field[];
}

type Reply = { id: number; diagnostics: Diagnostic[][] };

export interface AnswerWorkerData {
  port: MessagePort;
  /** `REPLIES`, `GONE`. */
  control: SharedArrayBuffer;
}

export class AnswerOffload {
  /** Answer diagnostics by article path (only articles with some). */
  private readonly found = new Map<string, Diagnostic[]>();
  /** Batches sent and not answered yet, by id. */
  private readonly waiting = new Map<number, Batch>();
  private batch: Batch = { id: 0, paths: [], fields: [] };
  private readonly control: Int32Array;
  private seen = 0;
  private lastNews = Date.now();

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    control: SharedArrayBuffer,
    private readonly stallMs: number,
  ) {
    this.control = new Int32Array(control);
  }

  /** Starts the worker; undefined where none can start (then run `checkOwn` here). */
  static start(stallMs = STALL_MS): AnswerOffload | undefined {
    const script = workerScript('answer-worker');
    if (!script) return undefined;
    try {
      const { port1, port2 } = new MessageChannel();
      const control = new SharedArrayBuffer(8);
      const data: AnswerWorkerData = { port: port2, control };
      const worker = startWorker(script, { workerData: data, transferList: [port2] });
      worker.unref();
      worker.on('error', () => undefined); // a worker's death is no error of lint's: `finish` checks here what it left
      return new AnswerOffload(worker, port1, control, stallMs);
    } catch {
      return undefined;
    }
  }

  /** `checkOwn` of checks/index.ts, with the answer sent to the worker when it needs the parser. */
  readonly checkOwn = (model: ArticleModel, location: ArticleLocation): Diagnostic[] => {
    const answer = answerNeedingParser(model);
    if (!answer) return checkOwn(model, location);
    this.batch.paths.push(location.path);
    this.batch.fields.push(plainField(answer));
    if (this.batch.fields.length >= BATCH) this.send();
    this.drain();
    return checkFront(model, location);
  };

  /** Waits for the worker's last replies and stops it; the answer diagnostics by article path. */
  finish(): Map<string, Diagnostic[]> {
    this.send();
    while (this.waiting.size > 0 && Date.now() - this.lastNews < this.stallMs) {
      const gone = Atomics.load(this.control, GONE) === 1;
      Atomics.wait(this.control, REPLIES, this.seen, 100);
      this.drain();
      if (gone) break; // its last replies are drained: the rest is checked here
    }
    // what the worker did not answer is checked here
    for (const b of this.waiting.values()) b.fields.forEach((f, i) => this.keep(b.paths[i], checkAnswerField(f)));
    this.waiting.clear();
    this.port.close();
    void this.worker.terminate();
    return this.found;
  }

  private send(): void {
    const b = this.batch;
    if (b.fields.length === 0) return;
    this.waiting.set(b.id, b);
    this.port.postMessage({ id: b.id, fields: b.fields });
    this.batch = { id: b.id + 1, paths: [], fields: [] };
  }

  private drain(): void {
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      this.seen++;
      this.lastNews = Date.now();
      const reply = m.message as Reply;
      const b = this.waiting.get(reply.id);
      if (!b) continue;
      this.waiting.delete(reply.id);
      reply.diagnostics.forEach((d, i) => this.keep(b.paths[i], d));
    }
  }

  private keep(path: string, diagnostics: Diagnostic[]): void {
    if (diagnostics.length > 0) this.found.set(path, diagnostics);
  }
}

/** The worker's side: answers each batch with the diagnostics of its fields. */
export function runAnswerWorker(data: AnswerWorkerData): void {
  const control = new Int32Array(data.control);
  // also on an uncaught error: the other thread, blocked waiting for replies, cannot see the 'exit' event
  process.on('exit', () => {
    Atomics.store(control, GONE, 1);
    Atomics.notify(control, REPLIES);
  });
  data.port.on('message', (m: { id: number; fields: Field[] }) => {
    const diagnostics = m.fields.map((f) => checkAnswerField(f));
    data.port.postMessage({ id: m.id, diagnostics } satisfies Reply);
    Atomics.add(control, REPLIES, 1);
    Atomics.notify(control, REPLIES);
  });
}

/** A field as plain data, to cross to the worker (the scanner's fields compute their ranges in getters). */
function plainField(f: Field): Field {
  return { key: f.key, keyRange: f.keyRange, valueRange: f.valueRange, value: f.value };
}
