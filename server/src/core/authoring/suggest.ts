/**
 * Related-article suggestions. Candidates come from a MiniSearch full-text index
 * (BM25+, with prefix and fuzzy matching) over each article's question/title,
 * SEO keywords and the salient terms of its answer, queried with the article's
 * own most distinctive terms (field weight × inverse document frequency, as
 * Lucene's "more like this" does); from the link graph (articles that link to
 * it, and those linked together with it); and from the articles of its date.
 * `ranking.ts` scores them.
 *
 * Memory: the index keeps no article text, only MiniSearch's inverted index of a
 * bounded number of terms per article plus those terms (for queries, similarity
 * and removal); results are looked up in the Corpus. Incremental: it follows the
 * corpus's change events and re-indexes a changed article on the next query.
 */
import MiniSearch from 'minisearch';
import type { Article } from '../corpus/article';
import type { Corpus } from '../corpus/corpus';
import { minimalEdits, type TextEdit } from './edits';
import { applyEdits } from './fixes';
import { textOf, type ArticleModel } from '../frontMatter/model';
import { insertRelated } from './relatedInsert';
import { isShownSlot, RELATED_SLOTS } from '../site/schema';
import { readArticleModel } from '../frontMatter/read';
import { atOnce, inSlices, SLICE_MS } from '../loading/slices';
import { FollowingIndex, type SliceOptions } from '../corpus/followingIndex';
import { LineIndex } from '../frontMatter/lineIndex';
import { modelOfArticle } from '../loading/workspace';
import { DEFAULT_WEIGHTS, linkNeighbours, scoreOf, type Signals, type Weights } from './ranking';
import { toUnitLength } from './unitLength';
import { comparePaths } from '../site/paths';

/** What the index holds for one article: processed terms, space-separated (its path is the document id). */
export interface SuggestDocument {
  path: string;
  title: string;
  keywords: string;
  answer: string;
}

export interface Suggestion {
  article: Article;
  score: number;
}

/** An article considered for another's related links, with what the corpus says about it. */
export interface Candidate {
  article: Article;
  signals: Signals;
}

export interface SuggestOptions {
  /** How many suggestions at most (default 5). */
  limit?: number;
  /** How the signals are weighed (default: the index's). */
  weights?: Weights;
  /** The article's full model, when its text differs from the file on disk (an open document). */
  model?: ArticleModel;
}

/** Only the start of an answer is read: it states the topic, and long answers would cost time and memory. */
const ANSWER_CHARS = 2000;
/** How many of an answer's terms represent it. */
const ANSWER_TERMS = 30;
/** How many of an article's terms make its query. */
const QUERY_TERMS = 20;
/** Terms in more than this share of articles (and more than a few) are left out of queries: they rank little and cost much. */
const MAX_QUERY_DF = 0.02;
const MAX_QUERY_DF_FLOOR = 50;
const FIELD_WEIGHTS = { title: 2, keywords: 1.5, answer: 1 } as const;
type FieldName = keyof typeof FIELD_WEIGHTS;
const FIELDS = Object.keys(FIELD_WEIGHTS) as FieldName[];
/** A candidate in the article's own subject folder is likelier to be related (full-text relevance). */
const SAME_SUBJECT_BOOST = 1.5;
/** How many of the best full-text matches are candidates (the rest rank too low to matter). */
const TEXT_CANDIDATES = 300;
/** How many candidates' term vectors are kept between queries at most (about two queries' worth). */
const KEPT_VECTORS = 2048;

// prettier-ignore
const STOPWORDS = new Set(('a about above after again against all also am an and any are as at be because been before being below between both ' +
  'but by can could did do does doing down during each either etc few for from further had has have having he her here hers him his how ' +
  'however i if in into is it its itself just like may me might more most much must my no nor not now of off on once only or other our ours ' +
  'out over own per same she should since so some such than that the their theirs them then there these they this those through thus to ' +
  'too under until up upon us very via was we were what when where whether which while who whom whose why will with within without would ' +
  'you your yours explain explains describe describes discuss discusses example examples key role significance important importance ' +
  'main primary various different several often one two three content').split(' '));

/**
 * The words of a text as written: lower-cased, stop words and one-letter words
 * dropped. The literal `\n` of answers separates words; other TeX commands are dropped.
 */
export function wordsOf(text: string): string[] {
  const words =
    text
      .replace(/\\n/g, ' ')
      .replace(/\\[a-zA-Z]+/g, ' ')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.filter((w) => w.length >= 2 && !STOPWORDS.has(w));
}

/** The index terms of a text: its words (`wordsOf`) with a plural `-s` folded (not in `-ss`, `-us`, `-is`). */
export function termsOf(text: string): string[] {
  const words = wordsOf(text);
  words.forEach((w, i) => {
    if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) words[i] = w.slice(0, -1);
  });
  return words;
}

/** The most frequent non-numeric terms, most frequent first (ties: first occurrence). */
function salientTerms(terms: string[], max: number): string[] {
  const counts = new Map<string, number>();
  for (const t of terms) if (!/^\d/.test(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1]) // a stable sort: ties keep their first occurrence
    .slice(0, max)
    .map(([t]) => t);
}

/** The indexed form of an article, from its full model. */
export function documentOf(article: Pick<Article, 'path' | 'title'>, model: ArticleModel): SuggestDocument {
  const f = model.fields;
  const question = textOf(f.get('question'));
  const title = question && question !== article.title ? `${article.title ?? ''} ${question}` : (article.title ?? question ?? '');
  return {
    path: article.path,
    title: termsOf(title).join(' '),
    keywords: termsOf(textOf(f.get('seo')?.children?.get('page_keywords')) ?? '').join(' '),
    answer: salientTerms(termsOf((textOf(f.get('answer')) ?? '').slice(0, ANSWER_CHARS)), ANSWER_TERMS).join(' '),
  };
}

const splitTerms = (s: string): string[] => (s === '' ? [] : s.split(' '));

function byScore(a: Suggestion, b: Suggestion): number {
  return b.score - a.score || a.article.id! - b.article.id! || comparePaths(a.article.path, b.article.path);
}

export interface BuildOptions extends SliceOptions {
  /** How the signals are weighed (default: the fitted `DEFAULT_WEIGHTS`). */
  weights?: Weights;
}

export class SuggestionIndex extends FollowingIndex {
  private readonly search = new MiniSearch<SuggestDocument>({
    idField: 'path',
    fields: FIELDS,
    // documents hold processed terms already; free text is processed by `searchText`
    tokenize: splitTerms,
    processTerm: (t) => t,
    searchOptions: { boost: { ...FIELD_WEIGHTS }, weights: { fuzzy: 0.3, prefix: 0.4 } },
  });
  private readonly docs = new Map<string, { article: Article; doc: SuggestDocument }>();
  /** How many indexed articles have each term (for the inverse document frequency). */
  private readonly df = new Map<string, number>();
  /** `date` → paths of the indexed articles of that date (articles written together). */
  private readonly byDate = new Map<string, Set<string>>();
  /** The term vectors of the candidates of recent queries; any change moves every idf, so it empties them. */
  private readonly vectors = new Map<SuggestDocument, Map<string, number>>();

  /** An empty index following `corpus`; fill it with `build` or `buildInBatches`. */
  private constructor(
    corpus: Corpus,
    private readonly weights: Weights,
  ) {
    super(corpus);
  }

  /**
   * The index of a whole corpus, at once. `documents` made while the corpus was
   * read (see `documentOf`) save reading the files again.
   */
  static build(corpus: Corpus, documents?: Iterable<SuggestDocument>, options: Pick<BuildOptions, 'weights'> = {}): SuggestionIndex {
    const index = new SuggestionIndex(corpus, options.weights ?? DEFAULT_WEIGHTS);
    for (const doc of documents ?? []) {
      const article = corpus.get(doc.path);
      if (article) index.add(article, doc);
    }
    index.fill();
    return index;
  }

  /** The same in short slices that yield to the event loop, for a server that must stay responsive. */
  static async buildInBatches(corpus: Corpus, options: BuildOptions = {}): Promise<SuggestionIndex> {
    const index = new SuggestionIndex(corpus, options.weights ?? DEFAULT_WEIGHTS);
    function* steps(): Generator<void, void> {
      yield* index.fillSteps();
      // the link graph's reverse maps, so that no query has to build them at once
      yield* corpus.referrerSteps();
    }
    return FollowingIndex.inSlices(index, steps(), options, 'suggestion index');
  }

  get size(): number {
    this.catchUp();
    return this.docs.size;
  }

  has(path: string): boolean {
    this.catchUp();
    return this.docs.has(path);
  }

  protected indexed(path: string): Article | undefined {
    return this.docs.get(path)?.article;
  }

  /** Adds or replaces one article (from its model when given, else its kept model, else from disk). */
  set(article: Article, model?: ArticleModel): void {
    this.delete(article.path);
    this.add(article, documentOf(article, modelOfArticle(article, model)));
  }

  delete(path: string): void {
    const old = this.docs.get(path);
    if (!old) return;
    this.docs.delete(path);
    this.vectors.clear();
    this.search.remove(old.doc);
    const sameDate = this.byDate.get(old.article.date ?? '');
    sameDate?.delete(path);
    if (sameDate?.size === 0) this.byDate.delete(old.article.date ?? '');
    for (const t of uniqueTerms(old.doc)) {
      const n = this.df.get(t)! - 1;
      if (n > 0) this.df.set(t, n);
      else this.df.delete(t);
    }
  }

  /**
   * Articles worth linking from `article`, best first: never the article itself,
   * an article with its id, one it already links to (by id or url), or one
   * without a positive id; one file per id. Ties: lower id, then path.
   */
  suggest(article: Article, options: SuggestOptions = {}): Suggestion[] {
    const ranked = this.rank(this.candidates(article, options.model), options.weights);
    return firstSuggestions(ranked, this.excluded(article), options.limit ?? 5);
  }

  /** Relevance to `article` of every candidate (path → score), e.g. to rank completion items. */
  relevance(article: Article, model?: ArticleModel): Map<string, number> {
    return new Map(this.rank(this.candidates(article, model)).map((s) => [s.article.path, s.score]));
  }

  /** The same, computed in slices of at most about `sliceMs` that yield to the event loop. */
  async relevanceInSlices(article: Article, model?: ArticleModel, sliceMs = SLICE_MS): Promise<Map<string, number>> {
    const candidates = await inSlices(this.candidateSteps(article, model), sliceMs);
    return new Map(this.rank(candidates).map((s) => [s.article.path, s.score]));
  }

  /**
   * Every article worth considering for `article`'s related links, with what
   * the corpus says about each (itself and articles without a positive id left
   * out; links it already has are not): full-text matches, its link-graph
   * neighbours and the articles of its date.
   */
  candidates(article: Article, model?: ArticleModel): Candidate[] {
    return atOnce(this.candidateSteps(article, model));
  }

  /** Candidates by descending score under `weights` (default: the index's). */
  rank(candidates: readonly Candidate[], weights: Weights = this.weights): Suggestion[] {
    const out: Suggestion[] = [];
    for (const { article, signals } of candidates) {
      const score = scoreOf(signals, weights);
      // scores rounded so that ties are real ties, broken the same way on every run
      if (score > 0) out.push({ article, score: Math.round(score * 1e4) / 1e4 });
    }
    return out.sort(byScore);
  }

  /** Free text (what an author typed) with prefix and fuzzy matching, best first. */
  searchText(text: string, limit = 20): Suggestion[] {
    this.catchUp();
    const results = this.search.search(termsOf(text).join(' '), {
      prefix: (t) => t.length > 2,
      fuzzy: (t) => (t.length > 4 ? 0.2 : false),
      maxFuzzy: 2,
    });
    return this.toSuggestions(results).slice(0, limit);
  }

  /**
   * `candidates` in small steps a server can spread out: one full-text query term
   * per step (the terms are searched one by one and combined as MiniSearch
   * combines an OR query's terms: scores summed, times the number of terms a
   * document matched), then a batch of candidates per step.
   */
  private *candidateSteps(article: Article, model?: ArticleModel): Generator<void, Candidate[]> {
    this.catchUp();
    const indexed = this.docs.get(article.path);
    const doc = !model && indexed?.article === article ? indexed.doc : documentOf(article, modelOfArticle(article, model));
    const options = {
      // long terms also match their longer forms (psycholog → psychological)
      prefix: (t: string) => t.length > 6,
      // as indexed, which is the corpus's now (`catchUp`): a lookup by a path the index already hashed
      boostDocument: (path: string) => (this.indexed(path)?.subjectKey === article.subjectKey ? SAME_SUBJECT_BOOST : 1),
    };
    const combined = new Map<string, { score: number; terms: number }>();
    for (const term of this.queryTerms(doc)) {
      yield;
      for (const r of this.search.search(term, options)) {
        const c = combined.get(r.id);
        if (c) {
          c.score += r.score;
          c.terms++;
        } else combined.set(r.id, { score: r.score, terms: 1 });
      }
    }
    const text = new Map([...combined].map(([path, c]) => [path, c.score * c.terms]));
    yield;
    const links = linkNeighbours(this.corpus, article);
    const sameDate = this.byDate.get(article.date ?? '') ?? new Set<string>();
    const candidates = new Set(
      [...text]
        .sort((a, b) => b[1] - a[1])
        .slice(0, TEXT_CANDIDATES)
        .map(([path]) => path),
    );
    for (const path of links.linksHere) candidates.add(path);
    for (const path of links.coCited.keys()) candidates.add(path);
    for (const path of sameDate) candidates.add(path);
    candidates.delete(article.path);

    let batchSize = 1;
    for (const path of sameDate) if (path !== article.path && this.indexed(path)?.subjectKey === article.subjectKey) batchSize++;
    const bestText = Math.max(0, ...text.values()) || 1;
    const query = this.vectorOf(doc);
    const out: Candidate[] = [];
    let n = 0;
    for (const path of candidates) {
      if (++n % 64 === 0) yield;
      const candidate = this.docs.get(path);
      if (!candidate || candidate.article.id === undefined || candidate.article.id <= 0) continue;
      const subject = candidate.article.subjectKey === article.subjectKey ? 1 : 0;
      const date = article.date !== undefined && candidate.article.date === article.date ? 1 : 0;
      const signals: Signals = {
        text: (text.get(path) ?? 0) / bestText,
        similarity: this.cosine(query, candidate.doc),
        linksHere: links.linksHere.has(path) ? 1 : 0,
        coCited: Math.log1p(links.coCited.get(path) ?? 0),
        sameSubject: subject,
        sameDate: date,
        sameBatch: (subject * date) / Math.log2(1 + batchSize),
      };
      out.push({ article: candidate.article, signals });
    }
    return out;
  }

  /** An article's most distinctive terms: field weight × occurrences × inverse document frequency. */
  private queryTerms(doc: SuggestDocument): string[] {
    const weights = new Map<string, number>();
    for (const field of FIELDS) {
      for (const t of splitTerms(doc[field])) weights.set(t, (weights.get(t) ?? 0) + FIELD_WEIGHTS[field]);
    }
    const n = this.docs.size + 1;
    const maxDf = Math.max(n * MAX_QUERY_DF, MAX_QUERY_DF_FLOOR);
    const own = this.docs.get(doc.path)?.doc === doc ? 1 : 0;
    const scored: [string, number][] = [];
    for (const [t, w] of weights) {
      const df = this.df.get(t) ?? 0;
      // a term no other article has finds none; one many articles have finds too many
      if (df > own && df <= maxDf && df <= n / 2) scored.push([t, w * Math.log(n / df)]);
    }
    return scored
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, QUERY_TERMS)
      .map(([t]) => t);
  }

  private toSuggestions(results: { id: string; score: number }[]): Suggestion[] {
    const out: Suggestion[] = [];
    for (const r of results) {
      const article = this.indexed(r.id); // the corpus's (`catchUp` ran before any search)
      // scores rounded so that ties are real ties, broken the same way on every run
      if (article?.id !== undefined && article.id > 0) out.push({ article, score: Math.round(r.score * 1e4) / 1e4 });
    }
    return out.sort(byScore);
  }

  /** Ids and paths a suggestion must not repeat: the article's own and those it links to. */
  private excluded(article: Article): Set<number | string> {
    const out = new Set<number | string>([article.path]);
    if (article.id !== undefined) out.add(article.id);
    for (const link of article.links) {
      if (link.id !== undefined) out.add(link.id);
      const target = link.url !== undefined ? this.corpus.resolvedArticle(link.url) : undefined;
      if (target) {
        out.add(target.path);
        if (target.id !== undefined) out.add(target.id);
      }
    }
    return out;
  }

  private add(article: Article, doc: SuggestDocument): void {
    this.docs.set(article.path, { article, doc });
    this.vectors.clear();
    this.search.add(doc);
    for (const t of uniqueTerms(doc)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    const date = article.date ?? '';
    const sameDate = this.byDate.get(date);
    if (sameDate) sameDate.add(article.path);
    else this.byDate.set(date, new Set([article.path]));
  }

  /** An article's term vector: each term weighted by its fields and its inverse document frequency, of length 1. */
  private vectorOf(doc: SuggestDocument): Map<string, number> {
    const n = this.docs.size + 1;
    const vector = new Map<string, number>();
    for (const field of FIELDS) {
      for (const t of splitTerms(doc[field])) {
        const df = this.df.get(t) ?? 0;
        // a term most articles have says nothing about what this one is about
        if (df > 0 && df <= n / 2) vector.set(t, (vector.get(t) ?? 0) + FIELD_WEIGHTS[field] * Math.log(n / df));
      }
    }
    return toUnitLength(vector);
  }

  /** Cosine similarity of a query vector and an indexed document (whose vector is kept until the index changes). */
  private cosine(query: Map<string, number>, doc: SuggestDocument): number {
    let vector = this.vectors.get(doc);
    if (!vector) {
      if (this.vectors.size >= KEPT_VECTORS) this.vectors.clear();
      vector = this.vectorOf(doc);
      this.vectors.set(doc, vector);
    }
    let dot = 0;
    for (const [t, w] of vector) dot += w * (query.get(t) ?? 0);
    return dot;
  }
}

/** The first `limit` of `ranked` whose id and path are not in `excluded`, one file per id. */
export function firstSuggestions(ranked: Iterable<Suggestion>, excluded: Set<number | string>, limit: number): Suggestion[] {
  const out: Suggestion[] = [];
  const seen = new Set(excluded);
  for (const s of ranked) {
    if (out.length >= limit) break;
    if (seen.has(s.article.id!) || seen.has(s.article.path)) continue;
    seen.add(s.article.id!);
    out.push(s);
  }
  return out;
}

function uniqueTerms(doc: SuggestDocument): Set<string> {
  return new Set(FIELDS.flatMap((f) => splitTerms(doc[f])));
}

export interface FillResult {
  /** Edits of the article's text (minimal: only the inserted slot lines). */
  edits: TextEdit[];
  /** The slot numbers filled, with the article each now links to. */
  filled: { n: number; article: Article }[];
}

/**
 * Fills the article's free related slots (of 1–5) with `suggestions`, in order,
 * each in the file's own slot layout and at its place in slot order.
 */
export function fillRelatedSlots(text: string, model: ArticleModel, suggestions: readonly Suggestion[]): FillResult {
  let current = text;
  let currentModel = model;
  const filled: FillResult['filled'] = [];
  for (const { article } of suggestions) {
    if (currentModel.related.filter((s) => isShownSlot(s.n)).length >= RELATED_SLOTS) break;
    const r = insertRelated(current, currentModel, article);
    if ('error' in r) break;
    current = applyEdits(current, [r.edit]);
    currentModel = readArticleModel(current);
    filled.push({ n: r.n, article });
  }
  if (filled.length === 0) return { edits: [], filled };
  const lines = new LineIndex(text);
  return { edits: minimalEdits(lines, { range: lines.range(0, text.length), newText: current }), filled };
}
