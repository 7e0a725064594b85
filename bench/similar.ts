/**
 * Quality of near-duplicate question search (`quicktakes similar`) on a real
 * corpus, on real paraphrases rather than mechanically reworded questions:
 * pairs of articles of one subject folder, with different ids and different
 * questions, whose answers say the same thing (TF-IDF cosine of the whole
 * answers ≥ 0.7) while their questions share at most half of their words
 * (Jaccard ≤ 0.5), words taken as written (`wordsOf`: a plural is another
 * word). Asking with one question of a pair must find the other among
 * the first 5 (the asking article, its copies and exact duplicates left out).
 * The pairs are split in two by a seeded shuffle: the search was tuned on the
 * first half, figures are for the second. Baselines in the same run: TF-IDF
 * cosine over the questions alone, and over the questions and the start of
 * each answer.
 *
 * Earlier versions mined the pairs with plurals folded (`termsOf`) and were
 * tuned on the first half of those: `neverTuned` is the part of the held-out
 * half that was never in either tuning half.
 *
 * The reranker (`core/authoring/similarRerank.ts`) was fitted on the tuning
 * half too: `--train` fits it again there and prints its weights, with what
 * they reach on one part of the tuning half when fitted on the other.
 *
 *   node --import tsx bench/similar.ts [--corpus DIR] [--seed S] [--sample N] [--tune | --train]
 *
 * Prints a JSON summary and writes it to bench/results/similar.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { Article } from '../server/src/core/corpus/article';
import { normalizeQuestion } from '../server/src/core/corpus/article';
import { textOf } from '../server/src/core/frontMatter/model';
import { questionDocumentOf, QuestionIndex, type QuestionDocument } from '../server/src/core/authoring/similar';
import { termsOf, wordsOf } from '../server/src/core/authoring/suggest';
import { toUnitLength } from '../server/src/core/authoring/unitLength';
import { loadCorpusSync } from '../server/src/core/loading/workspace';
import { realCorpus } from '../test/support/corpus';
import { random, shuffle } from './lib/random';
import { trainingReport, type RerankQuestion } from './lib/fitRerank';
import { FEATURES } from '../server/src/core/authoring/similarRerank';

const SAME_ANSWER = 0.7;
const DIFFERENT_QUESTION = 0.5;

export interface SimilarResult {
  articles: number;
  pairs: number;
  /** Questions asked (both ways of each held-out pair). */
  asked: number;
  top5: number;
  /** The same, told the subject folder the question is asked in (as New Question is). */
  top5InSubject: number;
  questionsOnlyTfIdfTop5: number;
  questionsAndAnswerStartTfIdfTop5: number;
  buildCpuMs: number;
  queryCpuMs: number;
  /** The same figures on the held-out pairs no version was tuned on. */
  neverTuned: { pairs: number; asked: number } & Pick<
    SimilarResult,
    'top5' | 'top5InSubject' | 'questionsOnlyTfIdfTop5' | 'questionsAndAnswerStartTfIdfTop5'
  >;
}

interface Text {
  article: Article;
  question: string;
  answer: string;
}

/** A plain TF-IDF cosine index over some text of each article: the baselines, and the answers' likeness. */
class TfIdf {
  private readonly vectors: Map<string, number>[];
  private readonly df = new Map<string, number>();
  private readonly postings = new Map<string, number[]>();

  constructor(
    texts: string[],
    private readonly terms: (text: string) => string[] = wordsOf,
  ) {
    const counts = texts.map((text) => {
      const c = new Map<string, number>();
      for (const t of terms(text)) c.set(t, (c.get(t) ?? 0) + 1);
      for (const t of c.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      return c;
    });
    this.vectors = counts.map((c) => this.vector(c, texts.length));
    this.vectors.forEach((v, i) => {
      for (const t of v.keys()) push(this.postings, t, i);
    });
  }

  private vector(counts: Map<string, number>, n = this.vectors.length): Map<string, number> {
    const out = new Map<string, number>();
    for (const [t, c] of counts) {
      const df = this.df.get(t);
      if (df) out.set(t, (1 + Math.log(c)) * Math.log(n / df));
    }
    return toUnitLength(out);
  }

  cosine(i: number, j: number): number {
    return dot(this.vectors[i], this.vectors[j]);
  }

  /** The `k` terms that weigh most in text `i`. */
  topTerms(i: number, k: number): string[] {
    return [...this.vectors[i]]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([t]) => t);
  }

  /** Indexes of the texts sharing a term with `text`, by cosine, best first. */
  ranked(text: string): number[] {
    const c = new Map<string, number>();
    for (const t of this.terms(text)) c.set(t, (c.get(t) ?? 0) + 1);
    const q = this.vector(c);
    const scores = new Map<number, number>();
    for (const [t, w] of q) for (const i of this.postings.get(t) ?? []) scores.set(i, (scores.get(i) ?? 0) + w * this.vectors[i].get(t)!);
    return [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([i]) => i);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function dot(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [t, w] of small) sum += w * (large.get(t) ?? 0);
  return sum;
}

function jaccard(a: string, b: string, terms: (text: string) => string[]): number {
  const x = new Set(terms(a));
  const y = new Set(terms(b));
  const shared = [...x].filter((t) => y.has(t)).length;
  return shared / (x.size + y.size - shared || 1);
}

/**
 * The pairs (indexes into `texts`) whose answers say the same thing under
 * differently worded questions. Only texts of one subject sharing at least 3
 * of their 15 weightiest answer terms are compared (the others are far below
 * the threshold), which keeps this linear enough for the whole corpus.
 */
function paraphrasePairs(texts: readonly Text[], terms: (text: string) => string[]): [number, number][] {
  const answers = new TfIdf(
    texts.map((t) => t.answer),
    terms,
  );
  const bySubject = new Map<string, number[]>();
  texts.forEach((t, i) => push(bySubject, t.article.subjectKey, i));
  const pairs: [number, number][] = [];
  for (const members of bySubject.values()) {
    const withTerm = new Map<string, number[]>();
    const top = new Map(members.map((i) => [i, answers.topTerms(i, 15)]));
    for (const i of members) for (const t of top.get(i)!) push(withTerm, t, i);
    for (const i of members) {
      const shared = new Map<number, number>();
      for (const t of top.get(i)!) for (const j of withTerm.get(t)!) if (j > i) shared.set(j, (shared.get(j) ?? 0) + 1);
      for (const [j, n] of shared) {
        if (n < 3) continue;
        const [a, b] = [texts[i], texts[j]];
        if (a.article.id === b.article.id || normalizeQuestion(a.question) === normalizeQuestion(b.question)) continue;
        if (answers.cosine(i, j) >= SAME_ANSWER && jaccard(a.question, b.question, terms) <= DIFFERENT_QUESTION) pairs.push([i, j]);
      }
    }
  }
  return pairs;
}

/** The corpus read and indexed, and its paraphrase pairs split in their two halves. */
interface Prepared {
  texts: Text[];
  index: QuestionIndex;
  articles: number;
  /** The pairs the search is tuned on, and those its figures are for. */
  tuning: [number, number][];
  heldOut: [number, number][];
  buildCpuMs: number;
}

const cpu = () => process.cpuUsage().user / 1000;

const pairKey = ([i, j]: [number, number]) => `${Math.min(i, j)} ${Math.max(i, j)}`;

/** Pairs shuffled by `seed`, in two halves: the one the search is tuned on, and the held-out one. */
const halves = <T>(pairs: T[], seed: number): [T[], T[]] => {
  const shuffled = shuffle(pairs, random(seed));
  const half = Math.floor(shuffled.length / 2);
  return [shuffled.slice(0, half), shuffled.slice(half)];
};

function prepare(learnRoot: string, seed: number): Prepared {
  const texts: Text[] = [];
  const docs: QuestionDocument[] = [];
  const corpus = loadCorpusSync(learnRoot, (article, model) => {
    const f = model.fields;
    texts.push({ article, question: textOf(f.get('question')) ?? article.title ?? '', answer: textOf(f.get('answer')) ?? '' });
    docs.push(questionDocumentOf(article, model));
  });
  const started = cpu();
  const index = QuestionIndex.build(corpus, docs);
  const buildCpuMs = Math.round(cpu() - started);
  docs.length = 0;
  console.error(`indexed ${corpus.size} articles; mining pairs…`);
  const [tuning, heldOut] = halves(paraphrasePairs(texts, wordsOf), seed);
  console.error(`${tuning.length + heldOut.length} pairs`);
  return { texts, index, articles: corpus.size, tuning, heldOut, buildCpuMs };
}

/** Each pair asked both ways: the asking text, whom it must find, and what to leave out (the asking article itself). */
function* questionsOf(texts: readonly Text[], pairs: readonly [number, number][]) {
  const byPath = new Map(texts.map((t, i) => [t.article.path, i]));
  for (const pair of pairs) {
    const [i, j] = pair;
    for (const [from, to] of [
      [i, j],
      [j, i],
    ]) {
      const asking = texts[from];
      const key = normalizeQuestion(asking.question);
      // the asking article itself: its copies (same id) and files asking exactly its question
      const isAsking = (a: Article) => a.id === asking.article.id || normalizeQuestion(texts[byPath.get(a.path)!].question) === key;
      yield { pair, asking, isAsking, target: texts[to].article.id! };
    }
  }
}

/** How many questions were asked, and how many found their paraphrase in the first five, by each search. */
class Tally {
  asked = 0;
  private readonly found = { top5: 0, top5InSubject: 0, questionsOnlyTfIdfTop5: 0, questionsAndAnswerStartTfIdfTop5: 0 };

  add(found: Record<keyof Tally['found'], boolean>): void {
    this.asked++;
    for (const k of Object.keys(this.found) as (keyof Tally['found'])[]) if (found[k]) this.found[k]++;
  }

  rates(): Record<keyof Tally['found'], number> {
    const out = { ...this.found };
    for (const k of Object.keys(out) as (keyof Tally['found'])[]) out[k] = round(out[k] / (this.asked || 1));
    return out;
  }
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** `tuning`: measure on the tuning half instead of the held-out one (to try a change without looking at the figures reported). */
export function measureSimilar(learnRoot: string, seed = 1, sample = Infinity, tuning = false): SimilarResult {
  const prepared = prepare(learnRoot, seed);
  const { texts, index, articles, buildCpuMs } = prepared;
  // the pairs earlier versions were tuned on (see the file comment), with the default seed: mined only here
  const earlierTuning = new Set(halves(paraphrasePairs(texts, termsOf), 1)[0].map(pairKey));
  const heldOut = (tuning ? prepared.tuning : prepared.heldOut).slice(0, sample);
  const questionsOnly = new TfIdf(texts.map((t) => t.question));
  const withAnswerStart = new TfIdf(texts.map((t) => `${t.question} ${t.answer.slice(0, 500)}`));

  const all = new Tally();
  const neverTuned = new Tally();
  let queryCpuMs = 0;
  for (const { pair, asking, isAsking, target } of questionsOf(texts, heldOut)) {
    const t0 = cpu();
    const top = index.similar(asking.question, { limit: 5, exclude: isAsking });
    queryCpuMs += cpu() - t0;
    const inSubject = index.similar(asking.question, { limit: 5, exclude: isAsking, subjectKey: asking.article.subjectKey });
    const firstFive = (ranked: number[]) => {
      const ids: number[] = [];
      for (const k of ranked) {
        const a = texts[k].article;
        if (isAsking(a) || a.id === undefined || ids.includes(a.id)) continue;
        ids.push(a.id);
        if (ids.length === 5) break;
      }
      return ids;
    };
    const found = {
      top5: top.some((s) => s.article.id === target),
      top5InSubject: inSubject.some((s) => s.article.id === target),
      questionsOnlyTfIdfTop5: firstFive(questionsOnly.ranked(asking.question)).includes(target),
      questionsAndAnswerStartTfIdfTop5: firstFive(withAnswerStart.ranked(asking.question)).includes(target),
    };
    all.add(found);
    if (!earlierTuning.has(pairKey(pair))) neverTuned.add(found);
    if (all.asked % 200 === 0) console.error(`${all.asked} questions…`);
  }
  return {
    articles,
    pairs: prepared.tuning.length + prepared.heldOut.length,
    asked: all.asked,
    ...all.rates(),
    buildCpuMs,
    queryCpuMs: round(queryCpuMs / (all.asked || 1)),
    neverTuned: { pairs: neverTuned.asked / 2, asked: neverTuned.asked, ...neverTuned.rates() },
  };
}

/**
 * The reranker's training questions, from the tuning half only: each question of a pair asked as the search
 * asks it, without and with its subject folder, its candidates' features and which of them is the paraphrase.
 */
export function rerankQuestions(learnRoot: string, seed = 1, sample = Infinity): RerankQuestion[] {
  const prepared = prepare(learnRoot, seed);
  const { texts, index } = prepared;
  const tuning = prepared.tuning.slice(0, sample);
  const out: RerankQuestion[] = [];
  let n = 0;
  for (const { asking, isAsking, target } of questionsOf(texts, tuning)) {
    if (++n % 200 === 0) console.error(`${n} questions…`);
    for (const subjectKey of [undefined, asking.article.subjectKey]) {
      const candidates = index.candidates(asking.question, { exclude: isAsking, subjectKey });
      out.push({
        features: candidates.map((c) => FEATURES.map((f) => c.features[f])),
        ids: candidates.map((c) => c.article.id!),
        target,
        pair: Math.floor((n - 1) / 2),
        inSubject: subjectKey !== undefined,
      });
    }
  }
  return out;
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string' },
      seed: { type: 'string' },
      sample: { type: 'string' },
      tune: { type: 'boolean' },
      train: { type: 'boolean' },
    },
  });
  const root = values.corpus ?? realCorpus();
  if (values.train) {
    const questions = rerankQuestions(
      path.join(root, 'content/learn'),
      values.seed ? Number(values.seed) : undefined,
      Number(values.sample ?? Infinity),
    );
    console.log(trainingReport(questions));
    process.exit(0);
  }
  const result = measureSimilar(
    path.join(root, 'content/learn'),
    values.seed ? Number(values.seed) : undefined,
    Number(values.sample ?? Infinity),
    values.tune,
  );
  const out = JSON.stringify(result, null, 2);
  console.log(out);
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'similar.json'), out + '\n');
}
