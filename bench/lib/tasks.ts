/**
 * One measured task in a fresh process (cold: no JIT warm-up, no index in
 * memory; the OS file cache is warm, as after any earlier read of the corpus).
 * Prints one JSON line: `{ ms, cpuMs, mainCpuMs, files, heapMB? }` (inside the process, after start-up;
 * CPU time of all threads and of the main thread).
 *
 *   node --import tsx bench/lib/tasks.ts <task> <learn folder>   (the bench runs it bundled)
 */
import * as fs from 'node:fs';
import matter from 'gray-matter';
import { parseDocument } from 'yaml';
import { listArticles, loadCorpusSync } from '../../server/src/core/loading/workspace';

const [task, learn] = process.argv.slice(2);

/** The front matter between the `---` fences, as a naive tool would cut it. */
function frontMatter(text: string): string {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\s*(?:\r?\n|$)/.exec(text);
  return m ? m[1] : '';
}

const TASKS: Record<string, () => unknown> = {
  /** The floor: reading every article file as text. */
  floor: () => {
    for (const l of listArticles(learn)) fs.readFileSync(l.path, 'utf8');
  },
  /** Reading every file's bytes without decoding them. */
  'floor-bytes': () => {
    for (const l of listArticles(learn)) fs.readFileSync(l.path);
  },
  /** The naive baseline: the `yaml` package's parseDocument of every front matter. */
  yaml: () => {
    for (const l of listArticles(learn)) parseDocument(frontMatter(fs.readFileSync(l.path, 'utf8')));
  },
  /** gray-matter (js-yaml) of every file. */
  'gray-matter': () => {
    for (const l of listArticles(learn)) matter(fs.readFileSync(l.path, 'utf8'));
  },
  /** The product's cold index (worker threads where they pay: read-ahead, or indexing workers from 4 cores). */
  index: () => loadCorpusSync(learn),
  /** The same on this thread alone (reading included). */
  'index-serial': () => {
    process.env.QUICKTAKES_INDEX_WORKERS = '0';
    process.env.QUICKTAKES_READ_AHEAD = '0';
    return loadCorpusSync(learn);
  },
};

const run = TASKS[task];
if (!run) throw new Error(`unknown task ${task}; one of ${Object.keys(TASKS).join(', ')}`);
/** CPU time of this process's main thread (Linux), ms: on a busy machine wall time also counts waiting for a core. */
function mainThreadCpu(): number {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return NaN;
  }
}

const cpu0 = process.cpuUsage();
const main0 = mainThreadCpu();
const start = performance.now();
const kept = run();
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
const mainCpuMs = mainThreadCpu() - main0;
const files = listArticles(learn).length;
const gc = (globalThis as { gc?: () => void }).gc;
let heapMB: number | undefined;
if (gc && kept) {
  gc();
  heapMB = process.memoryUsage().heapUsed / 2 ** 20;
}
process.stdout.write(`${JSON.stringify({ ms, cpuMs, mainCpuMs, files, heapMB })}\n`);
