/**
 * Related-article completion latency on the real corpus (issue 4: p95 under 5 ms).
 * Simulates an author typing, one character at a time, the first words of
 * another article's question (and some ids) into a new related slot of sampled
 * articles, and times each core `complete()` call, as the server runs it.
 *
 *   node --import tsx bench/completion.ts [<dir with content/learn>] [--samples N]
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { articleFromText, type Article } from '../server/src/core/article';
import { complete } from '../server/src/core/complete';
import { readArticleText, loadCorpusSync } from '../server/src/core/workspace';
import { PROJECT_ROOT, realCorpus } from '../test/support/corpus';

const args = process.argv.slice(2);
const samplesAt = args.indexOf('--samples');
const samples = samplesAt === -1 ? 100 : Number(args[samplesAt + 1]);
const root = args[0] && !args[0].startsWith('--') ? args[0] : realCorpus();

/** A small deterministic PRNG, so runs compare. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const t0 = performance.now();
const corpus = loadCorpusSync(path.join(root, 'content/learn'));
console.log(`indexed ${corpus.size} articles in ${Math.round(performance.now() - t0)} ms (${path.relative(PROJECT_ROOT, root) || root})`);

const all: Article[] = [...corpus.articles()].filter((a) => a.title && a.id !== undefined);
const rnd = random(4);
const times: number[] = [];
/** CPU time per request: on a busy machine, wall time also counts waiting for a core. */
const cpuTimes: number[] = [];
let firstRequest: number | undefined;
let items = 0;
for (let s = 0; s < samples; s++) {
  const host = all[Math.floor(rnd() * all.length)];
  const target = all[Math.floor(rnd() * all.length)];
  const base = readArticleText(host.path);
  const close = base.indexOf('\n---', 4);
  if (close === -1) continue;
  const typedWords = target.title!.split(' ').slice(0, 4).join(' ');
  const queries = [...Array(typedWords.length).keys()].map((i) => typedWords.slice(0, i + 1));
  if (s % 5 === 0)
    queries.push(
      ...String(target.id)
        .split('')
        .map((_, i) => String(target.id).slice(0, i + 1)),
    );
  for (const q of queries) {
    const text = `${base.slice(0, close)}\nrelated_article9:\n    id: ${q}${base.slice(close)}`;
    const article = articleFromText(host, text);
    corpus.set(article); // as the server's overlay does on every keystroke
    const line = text.slice(0, close).split('\n').length + 1;
    const cpu = process.cpuUsage();
    const start = performance.now();
    const list = complete({ text, model: article.model!, article, corpus }, { line, character: 8 + q.length });
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    if (firstRequest === undefined) firstRequest = ms;
    else {
      times.push(ms);
      cpuTimes.push((used.user + used.system) / 1000);
    }
    items += list?.items.length ?? 0;
  }
  corpus.set(articleFromText(host, base, false));
}
times.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);
const f = (n: number) => `${n.toFixed(2)} ms`;
console.log(`${times.length} completion requests (${samples} articles, ${(items / (times.length + 1)).toFixed(1)} items on average)`);
console.log(`first request (builds the search keys): ${f(firstRequest ?? 0)}`);
const line = (label: string, t: number[]) =>
  console.log(`${label} p50 ${f(percentile(t, 50))}  p95 ${f(percentile(t, 95))}  p99 ${f(percentile(t, 99))}  max ${f(t[t.length - 1])}`);
line('wall', times);
line('cpu ', cpuTimes);
console.log(`load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
