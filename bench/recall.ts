/**
 * Quality of related-article suggestions on a real corpus: take articles whose
 * related links are all valid (no related-* diagnostic), hide their links, and
 * measure recall@5 of the suggestions against them, beside a baseline that
 * picks 5 random articles of the same subject folder (seeded, so repeatable).
 * Also: how many of the 5 suggestions any valid link joins to the article, in
 * either direction (the corpus links articles of one writing batch, so a good
 * suggestion is often a batch sibling that happens not to be among the 5 links).
 *
 *   node --expose-gc --import tsx bench/recall.ts [--corpus DIR] [--sample N] [--seed S]
 *
 * DIR holds `content/learn` (default: the extracted real corpus). Prints a JSON
 * summary and writes it to bench/results/recall.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { Article } from '../server/src/core/corpus/article';
import { checkRelated } from '../server/src/core/checks/links';
import type { Corpus } from '../server/src/core/corpus/corpus';
import { documentOf, SuggestionIndex, type SuggestDocument } from '../server/src/core/authoring/suggest';
import { loadCorpusSync } from '../server/src/core/loading/workspace';
import { realCorpus } from '../test/support/corpus';

export interface RecallResult {
  articles: number;
  evaluated: number;
  links: number;
  /** Mean over articles of (hidden links found in the top 5) / (hidden links). */
  recallAt5: number;
  baselineRecallAt5: number;
  /** Hidden links found in the top 5, over all hidden links. */
  microRecallAt5: number;
  baselineMicroRecallAt5: number;
  /** Share of the 5 suggestions that a valid link joins to the article, in either direction (its hidden links included). */
  linkedPrecisionAt5: number;
  baselineLinkedPrecisionAt5: number;
  /** Reading the corpus and making the documents, then building the index (CPU time, ms). */
  loadCpuMs: number;
  buildCpuMs: number;
  suggestCpuMsPerArticle: number;
  /** Heap of the corpus index, and what the suggestion index adds (with `--expose-gc`, else rough). */
  corpusHeapMb: number;
  suggestionHeapMb: number;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const heapMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().heapUsed / 1e6);
};

/** mulberry32: a small seeded PRNG, so the sample and the baseline are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** The ids an article's related links lead to, when every link is valid; undefined otherwise. */
function validTargets(article: Article, corpus: Corpus): Set<number> | undefined {
  if (article.links.length === 0 || checkRelated(article, corpus).length > 0) return undefined;
  const ids = new Set<number>();
  for (const link of article.links) {
    if (!link.isMap || link.id === undefined) return undefined;
    ids.add(link.id);
  }
  return ids;
}

/** Article id → ids a valid related link joins it to (url and id agree), both directions. */
function linkedPairs(corpus: Corpus): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  const add = (a: number, b: number) => {
    let set = out.get(a);
    if (!set) out.set(a, (set = new Set()));
    set.add(b);
  };
  for (const from of corpus.articles()) {
    for (const link of from.links) {
      const target = link.url !== undefined ? corpus.resolvedArticle(link.url) : undefined;
      if (from.id === undefined || target?.id === undefined || target.id !== link.id || target.id === from.id) continue;
      add(from.id, target.id);
      add(target.id, from.id);
    }
  }
  return out;
}

export function measureRecall(learnRoot: string, sample = 2000, seed = 1): RecallResult {
  const started = cpuMs();
  const docs: SuggestDocument[] = [];
  const corpus = loadCorpusSync(learnRoot, (article, model) => docs.push(documentOf(article, model)));
  const loaded = cpuMs();
  const corpusHeapMb = heapMb(); // the documents are counted with the index, which keeps them
  const index = SuggestionIndex.build(corpus, docs);
  const built = cpuMs();
  docs.length = 0;
  const suggestionHeapMb = heapMb() - corpusHeapMb;

  const bySubject = new Map<string, Article[]>();
  for (const a of corpus.articles()) {
    if (a.id === undefined || a.id <= 0) continue;
    const list = bySubject.get(a.subjectKey);
    if (list) list.push(a);
    else bySubject.set(a.subjectKey, [a]);
  }
  const linked = linkedPairs(corpus);
  const rand = random(seed);
  const eligible = [...corpus.articles()].filter((a) => validTargets(a, corpus));
  const chosen = shuffle(eligible, rand).slice(0, sample);

  let recall = 0;
  let baseline = 0;
  let found = 0;
  let baselineFound = 0;
  let links = 0;
  let linkedHits = 0;
  let baselineLinkedHits = 0;
  let suggested = 0;
  let picked = 0;
  const suggestStarted = cpuMs();
  for (const article of chosen) {
    const truth = validTargets(article, corpus)!;
    const hidden = { ...article, links: [] };
    const top = index.suggest(hidden, { limit: 5 }).map((s) => s.article.id!);
    const pool = (bySubject.get(article.subjectKey) ?? []).filter((a) => a.id !== article.id);
    const picks = new Set<number>();
    for (const a of shuffle(pool, rand)) {
      if (picks.size === 5) break;
      picks.add(a.id!);
    }
    const hits = top.filter((id) => truth.has(id)).length;
    const baseHits = [...picks].filter((id) => truth.has(id)).length;
    recall += hits / truth.size;
    baseline += baseHits / truth.size;
    found += hits;
    baselineFound += baseHits;
    links += truth.size;
    const neighbours = linked.get(article.id!) ?? new Set<number>();
    linkedHits += top.filter((id) => neighbours.has(id)).length;
    baselineLinkedHits += [...picks].filter((id) => neighbours.has(id)).length;
    suggested += top.length;
    picked += picks.size;
  }
  const n = chosen.length || 1;
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    articles: corpus.size,
    evaluated: chosen.length,
    links,
    recallAt5: round(recall / n),
    baselineRecallAt5: round(baseline / n),
    microRecallAt5: round(found / (links || 1)),
    baselineMicroRecallAt5: round(baselineFound / (links || 1)),
    linkedPrecisionAt5: round(linkedHits / (suggested || 1)),
    baselineLinkedPrecisionAt5: round(baselineLinkedHits / (picked || 1)),
    loadCpuMs: Math.round(loaded - started),
    buildCpuMs: Math.round(built - loaded),
    suggestCpuMsPerArticle: round((cpuMs() - suggestStarted) / n),
    corpusHeapMb,
    suggestionHeapMb,
  };
}

if (require.main === module) {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, sample: { type: 'string' }, seed: { type: 'string' } } });
  const root = values.corpus ?? realCorpus();
  const result = measureRecall(path.join(root, 'content/learn'), Number(values.sample ?? 2000), Number(values.seed ?? 1));
  const out = JSON.stringify(result, null, 2);
  console.log(out);
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'recall.json'), out + '\n');
}
