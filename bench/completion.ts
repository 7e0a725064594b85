/**
 * Related-article completion latency on the real corpus (its target is in docs/performance.md).
 * Simulates an author typing, one character at a time, the first words of
 * another article's question (and some ids) into a new related slot of sampled
 * articles, and times each request:
 * - default: the core `complete()` call, as the server runs it (wall and CPU time);
 * - `--lsp`: `textDocument/completion` round trips to the built server over
 *   stdio, each right after the `didChange` of the keystroke (run `npm run build` first);
 * - `--server`: the completion and diagnostics rows of `npm run bench`
 *   (bench/lib/server.ts `latencies`), without the rest of the bench;
 * - `--while-indexing`: the bench's row of completion and hover round trips sent
 *   while the server indexes cold (bench/lib/server.ts `responsiveness`), e.g. on
 *   the ×10 corpus `npm run bench -- --scale 10` wrote to the OS temp folder.
 *
 *   node --import tsx bench/completion.ts [<dir with content/learn>] [--samples N] [--lsp | --server | --while-indexing]
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { articleFromText, type Article } from '../server/src/core/corpus/article';
import { complete } from '../server/src/core/authoring/complete';
import type { Corpus } from '../server/src/core/corpus/corpus';
import { listArticles, loadCorpusSync, readArticleText } from '../server/src/core/loading/workspace';
import { PROJECT_ROOT, realCorpus } from '../test/support/corpus';
import { TestClient } from '../test/support/lsp';
import { clearIndexCache, latencies, responsiveness } from './lib/server';
import { stats } from './lib/stats';

const args = process.argv.slice(2);
const samplesAt = args.indexOf('--samples');
const samples = samplesAt === -1 ? 100 : Number(args[samplesAt + 1]);
const overLsp = args.includes('--lsp');
const asBench = args.includes('--server');
const whileIndexing = args.includes('--while-indexing');
// resolved: the server is handed a workspace URI, which a relative path does not make
const root = args[0] && !args[0].startsWith('--') ? path.resolve(args[0]) : realCorpus();

/** A small deterministic PRNG, so runs compare. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** One author typing into a new slot of `host`: the text and cursor after each keystroke. */
interface Session {
  host: Article;
  base: string;
  keystrokes: { text: string; line: number; character: number }[];
}

function sessions(corpus: Corpus): Session[] {
  const all = [...corpus.articles()].filter((a) => a.title && a.id !== undefined);
  const rnd = random(4);
  const out: Session[] = [];
  for (let s = 0; s < samples; s++) {
    const host = all[Math.floor(rnd() * all.length)];
    const target = all[Math.floor(rnd() * all.length)];
    const base = readArticleText(host.path);
    const close = base.indexOf('\n---', 4);
    if (close === -1) continue;
    const typedWords = target.title!.split(' ').slice(0, 4).join(' ');
    const queries = [...typedWords].map((_, i) => typedWords.slice(0, i + 1));
    if (s % 5 === 0) queries.push(...[...String(target.id)].map((_, i) => String(target.id).slice(0, i + 1)));
    const line = base.slice(0, close).split('\n').length + 1;
    const keystrokes = queries.map((q) => ({
      text: `${base.slice(0, close)}\nrelated_article9:\n    id: ${q}${base.slice(close)}`,
      line,
      character: 8 + q.length,
    }));
    out.push({ host, base, keystrokes });
  }
  return out;
}

const f = (n: number) => `${n.toFixed(2)} ms`;
function report(label: string, t: number[]): void {
  t.sort((a, b) => a - b);
  console.log(`${label} p50 ${f(percentile(t, 50))}  p95 ${f(percentile(t, 95))}  p99 ${f(percentile(t, 99))}  max ${f(t[t.length - 1])}`);
}

function runCore(corpus: Corpus, work: Session[]): void {
  const times: number[] = [];
  // CPU time per request: on a busy machine, wall time also counts waiting for a core
  const cpuTimes: number[] = [];
  let first: number | undefined;
  let items = 0;
  for (const { host, base, keystrokes } of work) {
    for (const k of keystrokes) {
      const article = articleFromText(host, k.text);
      corpus.set(article); // as the server's overlay does on every keystroke
      const cpu = process.cpuUsage();
      const start = performance.now();
      const list = complete({ text: k.text, model: article.model!, article, corpus }, k);
      const ms = performance.now() - start;
      const used = process.cpuUsage(cpu);
      items += list?.items.length ?? 0;
      if (first === undefined) first = ms;
      else {
        times.push(ms);
        cpuTimes.push((used.user + used.system) / 1000);
      }
    }
    corpus.set(articleFromText(host, base, false));
  }
  console.log(`${times.length} core completion requests, ${(items / (times.length + 1)).toFixed(1)} items on average`);
  console.log(`first request (builds the search index): ${f(first ?? 0)}`);
  report('wall', times);
  report('cpu ', cpuTimes);
}

async function runLsp(work: Session[]): Promise<void> {
  const client = new TestClient();
  client.settings = {}; // the editor's default diagnostics delay
  const started = performance.now();
  await client.initialize(root);
  await client.ready();
  console.log(`server indexed the workspace in ${Math.round(performance.now() - started)} ms`);
  const times: number[] = [];
  try {
    for (const { host, base, keystrokes } of work) {
      const uri = await client.open(host.path, base);
      for (const k of keystrokes) {
        await client.change(uri, k.text);
        const start = performance.now();
        await client.completion(uri, k);
        times.push(performance.now() - start);
      }
      await client.close(uri);
    }
  } finally {
    await client.stop();
  }
  console.log(`${times.length} textDocument/completion round trips over stdio (the first one builds the search index)`);
  report('wall', times.slice(1));
}

/** The bench's rows: what `npm run bench` reports for completion and diagnostics. */
async function runBenchRows(corpus: Corpus): Promise<void> {
  const l = await latencies(root, corpus, { completions: 300, edits: 100, titleChanges: 10 });
  const row = (label: string, t: number[]) => {
    const s = stats(t);
    console.log(`${label} (${s.n}): p50 ${f(s.p50)}  p95 ${f(s.p95)}  p99 ${f(s.p99)}  max ${f(s.max)}`);
  };
  console.log(`suggestion index built in ${l.suggestionIndexMs} ms (server log)`);
  row('completion, article open      ', l.completion);
  row('completion at once after open ', l.completionAfterOpen);
  row('an empty request, same rhythm  ', l.emptyRequest);
  row('diagnostics after an edit     ', l.diagnosticsEdit);
  row('diagnostics after a title edit', l.titleChange);
}

/** Requests while the server indexes `root` cold (its index cache removed), in the first article with related links. */
async function runWhileIndexing(learn: string): Promise<void> {
  let probe: Article | undefined;
  for (const location of listArticles(learn)) {
    probe = articleFromText(location, readArticleText(location.path));
    if (probe.links.length > 0) break;
  }
  clearIndexCache(learn);
  console.log(`load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  const r = await responsiveness(root, probe!);
  const s = stats(r.duringIndexing);
  console.log(`ready after ${Math.round(r.readyMs)} ms`);
  console.log(`completion/hover while indexing (${s.n}): p50 ${f(s.p50)}  p95 ${f(s.p95)}  p99 ${f(s.p99)}  max ${f(s.max)}`);
}

async function main(): Promise<void> {
  if (whileIndexing) return runWhileIndexing(path.join(root, 'content/learn'));
  const t0 = performance.now();
  const corpus = loadCorpusSync(path.join(root, 'content/learn'));
  console.log(`indexed ${corpus.size} articles in ${Math.round(performance.now() - t0)} ms (${path.relative(PROJECT_ROOT, root) || root})`);
  console.log(`load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  if (asBench) await runBenchRows(corpus);
  else if (overLsp) await runLsp(sessions(corpus));
  else runCore(corpus, sessions(corpus));
  console.log(`load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
}

void main();
