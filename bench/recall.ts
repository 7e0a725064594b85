/**
 * Quality of related-article suggestions on a real corpus, against the
 * editors' own links. On a copy of the corpus with scrambled ids (see
 * lib/scramble.ts), articles whose related links are all valid are split in two
 * by a seeded shuffle: the weights of `core/authoring/ranking.ts` were fitted on
 * the first half (`--tune` fits them again and prints them); figures are
 * reported on the second, held-out half. For each article its links are hidden
 * and recall@5 is the share of them found among the first 5 suggestions:
 *
 * - existing article: the rest of the corpus is as it is (others may link to it);
 * - new article: as if it had just been written: no other article links to it.
 *
 * The baseline, measured in the same run, is the full-text ranking alone.
 *
 *   node --import tsx bench/recall.ts [--corpus DIR] [--sample N] [--seed S] [--tune]
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
import { documentOf, firstSuggestions, SuggestionIndex, type Candidate, type SuggestDocument } from '../server/src/core/authoring/suggest';
import { DEFAULT_WEIGHTS, SIGNALS, TEXT_ONLY_WEIGHTS, type Weights } from '../server/src/core/authoring/ranking';
import { loadCorpusSync, readArticleModelFromDisk } from '../server/src/core/loading/workspace';
import { realCorpus } from '../test/support/corpus';
import { random, shuffle } from './lib/random';
import { scrambledCopy } from './lib/scramble';
import { plainArticle as copyOfArticle } from '../server/src/core/corpus/table';

interface Case {
  /** Mean over articles of (hidden links among the first 5) / (hidden links). */
  recallAt5: number;
  textOnlyRecallAt5: number;
}

export interface RecallResult {
  articles: number;
  /** Articles whose related links are all valid, split into tuning and held-out halves. */
  eligible: number;
  evaluated: number;
  links: number;
  existing: Case;
  newArticle: Case;
  buildCpuMs: number;
  candidatesCpuMsPerArticle: number;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

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

interface Evaluated {
  truth: Set<number>;
  article: Article;
  existing: Candidate[];
  newArticle: Candidate[];
}

/** The candidates of each article with its links hidden, as an existing article and as a new one. */
function evaluate(index: SuggestionIndex, corpus: Corpus, articles: readonly Article[]): Evaluated[] {
  return articles.map((article) => {
    const model = readArticleModelFromDisk(article.path);
    const hidden: Article = { ...copyOfArticle(article), links: [] };
    // a file nobody links to yet: another path, question-key and id
    const fresh: Article = { ...hidden, path: `${article.path}.new.md`, questionKey: `${article.questionKey}-new`, id: -1 };
    return {
      truth: validTargets(article, corpus)!,
      article,
      existing: index.candidates(hidden, model),
      newArticle: index.candidates(fresh, model).filter((c) => c.article.id !== article.id),
    };
  });
}

function recall(index: SuggestionIndex, set: readonly Evaluated[], which: 'existing' | 'newArticle', weights: Weights): number {
  let sum = 0;
  for (const e of set) {
    const excluded = new Set<number | string>([e.article.path, e.article.id!]);
    const top = firstSuggestions(index.rank(e[which], weights), excluded, 5);
    sum += top.filter((s) => e.truth.has(s.article.id!)).length / e.truth.size;
  }
  return set.length ? sum / set.length : 0;
}

/** Coordinate ascent over a grid, the full-text weight fixed at its default: the weights that maximise recall on `set`. */
function tune(index: SuggestionIndex, set: readonly Evaluated[]): Weights {
  const grid = [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 8, 12, 20, 30];
  let best: Weights = { ...DEFAULT_WEIGHTS };
  let bestRecall = recall(index, set, 'existing', best);
  for (let pass = 0; pass < 3; pass++) {
    for (const name of SIGNALS) {
      if (name === 'similarity') continue; // the scale
      for (const value of grid) {
        const w = { ...best, [name]: value };
        const r = recall(index, set, 'existing', w);
        if (r > bestRecall) [best, bestRecall] = [w, r];
      }
    }
  }
  console.error(`tuning split: recall@5 ${bestRecall.toFixed(4)} with ${JSON.stringify(best)}`);
  return best;
}

export function measureRecall(learnRoot: string, options: { sample?: number; seed?: number; tune?: boolean } = {}): RecallResult {
  const sample = options.sample ?? 1000;
  const seed = options.seed ?? 1;
  const copy = scrambledCopy(learnRoot, seed);
  try {
    const docs: SuggestDocument[] = [];
    const corpus = loadCorpusSync(copy.learnRoot, (article, model) => docs.push(documentOf(article, model)));
    const started = cpuMs();
    const index = SuggestionIndex.build(corpus, docs);
    const buildCpuMs = Math.round(cpuMs() - started);
    docs.length = 0;

    const eligible = shuffle(
      [...corpus.articles()].filter((a) => validTargets(a, corpus)),
      random(seed),
    );
    const half = Math.floor(eligible.length / 2);
    const [tuning, heldOut] = [eligible.slice(0, half), eligible.slice(half)];
    if (options.tune) tune(index, evaluate(index, corpus, tuning.slice(0, sample)));

    const evalStarted = cpuMs();
    const evaluated = evaluate(index, corpus, heldOut.slice(0, sample));
    const candidatesCpuMsPerArticle = (cpuMs() - evalStarted) / (2 * (evaluated.length || 1));
    const round = (x: number) => Math.round(x * 1e4) / 1e4;
    const caseOf = (which: 'existing' | 'newArticle'): Case => ({
      recallAt5: round(recall(index, evaluated, which, DEFAULT_WEIGHTS)),
      textOnlyRecallAt5: round(recall(index, evaluated, which, TEXT_ONLY_WEIGHTS)),
    });
    return {
      articles: corpus.size,
      eligible: eligible.length,
      evaluated: evaluated.length,
      links: evaluated.reduce((n, e) => n + e.truth.size, 0),
      existing: caseOf('existing'),
      newArticle: caseOf('newArticle'),
      buildCpuMs,
      candidatesCpuMsPerArticle: round(candidatesCpuMsPerArticle),
    };
  } finally {
    copy.dispose();
  }
}

if (require.main === module) {
  const { values } = parseArgs({
    options: { corpus: { type: 'string' }, sample: { type: 'string' }, seed: { type: 'string' }, tune: { type: 'boolean' } },
  });
  const root = values.corpus ?? realCorpus();
  const result = measureRecall(path.join(root, 'content/learn'), {
    sample: values.sample ? Number(values.sample) : undefined,
    seed: values.seed ? Number(values.seed) : undefined,
    tune: values.tune,
  });
  const out = JSON.stringify(result, null, 2);
  console.log(out);
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'recall.json'), out + '\n');
}
