/**
 * Questions that already exist, in other words too: given a question, the
 * articles that ask the same thing. Each article is a term vector (TF-IDF,
 * stemmed) of its question, SEO keywords and description and the start of its
 * answer, where an answer restates its question in the words a paraphrase is
 * likely to use. A question is matched by cosine, then once more with the terms
 * of its best matches added (pseudo-relevance feedback), which finds questions
 * that share few words with it but whose articles say the same thing.
 *
 * Incremental: the index follows the corpus's change events and re-indexes a
 * changed article on the next query.
 */
import { stemmer } from 'stemmer';
import type { Article } from '../corpus/article';
import type { Corpus } from '../corpus/corpus';
import { textOf, type ArticleModel } from '../frontMatter/model';
import { readArticleModelFromDisk } from '../loading/workspace';
import { atOnce } from '../loading/slices';
import { FollowingIndex, type SliceOptions } from '../corpus/followingIndex';
import { CacheKey } from '../corpus/caches';
import { termsOf } from './suggest';

/** The stemmed terms of an article's fields, space-separated (its path is the document id). */
export interface QuestionDocument {
  path: string;
  question: string;
  keywords: string;
  description: string;
  answer: string;
}

export interface SimilarQuestion {
  article: Article;
  /** Cosine similarity with the feedback terms (rounded); up to 1, or more for the question's own subject folder. */
  score: number;
}

export interface SimilarOptions {
  /** How many at most (default 5). */
  limit?: number;
  /** Articles that must not be listed (nor feed the feedback), e.g. the asking article and its copies. */
  exclude?: (article: Article) => boolean;
  /** The subject folder the question is asked in, when known: its articles are likelier to ask the same. */
  subjectKey?: string;
}

type Field = Exclude<keyof QuestionDocument, 'path'>;
const FIELD_WEIGHTS: Record<Field, number> = { question: 3, keywords: 2, description: 1, answer: 1 };
const FIELDS = Object.keys(FIELD_WEIGHTS) as Field[];
/** The start of the answer that is indexed: it restates the question. */
const ANSWER_CHARS = 500;
/** How many best matches feed the second query, and how much their terms weigh against the question's. */
const FEEDBACK_DOCUMENTS = 3;
const FEEDBACK_WEIGHT = 1;
const FEEDBACK_TERMS = 20;
/** How much likelier an article of the question's own subject folder is. */
const SAME_SUBJECT_BOOST = 1.5;
/** Below this similarity an article shares only a stray word with the question. */
const MIN_SCORE = 0.05;

/** Lower-cased, stop words dropped (see `termsOf`), Porter-stemmed. */
export function stemmedTerms(text: string): string[] {
  return termsOf(text).map((t) => stemmer(t));
}

export function questionDocumentOf(article: Pick<Article, 'path' | 'title'>, model: ArticleModel): QuestionDocument {
  const f = model.fields;
  const seo = f.get('seo')?.children;
  const join = (text: string | undefined) => stemmedTerms(text ?? '').join(' ');
  return {
    path: article.path,
    question: join(textOf(f.get('question')) ?? article.title),
    keywords: join(textOf(seo?.get('page_keywords'))),
    description: join(textOf(seo?.get('page_description'))),
    answer: join((textOf(f.get('answer')) ?? '').slice(0, ANSWER_CHARS)),
  };
}

/** Term → weight, before the inverse document frequency: field weight × (1 + log count). */
function termCounts(doc: Omit<QuestionDocument, 'path'>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const field of FIELDS) {
    if (doc[field] === '') continue;
    for (const t of doc[field].split(' ')) counts.set(t, (counts.get(t) ?? 0) + FIELD_WEIGHTS[field]);
  }
  for (const [t, c] of counts) counts.set(t, 1 + Math.log(c));
  return counts;
}

export class QuestionIndex extends FollowingIndex {
  /** Path → the article and its term weights (before idf). */
  private readonly docs = new Map<string, { article: Article; counts: Map<string, number> }>();
  /** Term → the articles that have it, with its weight there before the idf. */
  private readonly postings = new Map<string, Map<string, number>>();
  /** Path → length of its idf-weighted vector; made again after any change, since every idf may have moved. */
  private norms?: Map<string, number>;

  /** The index of a whole corpus, at once; `documents` made while the corpus was read save reading the files again. */
  static build(corpus: Corpus, documents?: Iterable<QuestionDocument>): QuestionIndex {
    const index = new QuestionIndex(corpus);
    for (const doc of documents ?? []) {
      const article = corpus.get(doc.path);
      if (article) index.add(article, doc);
    }
    index.fill();
    return index;
  }

  /** The same in short slices that yield to the event loop (for a server). */
  static buildInBatches(corpus: Corpus, options: SliceOptions = {}): Promise<QuestionIndex> {
    const index = new QuestionIndex(corpus);
    return FollowingIndex.inSlices(index, index.fillSteps(), options, 'question index');
  }

  get size(): number {
    this.catchUp();
    return this.docs.size;
  }

  protected indexed(path: string): Article | undefined {
    return this.docs.get(path)?.article;
  }

  /** Articles asking what `question` asks, best first; one file per id, articles without a positive id left out. */
  similar(question: string, options: SimilarOptions = {}): SimilarQuestion[] {
    this.catchUp();
    const limit = options.limit ?? 5;
    const usable = (path: string) => {
      const article = this.docs.get(path)?.article;
      return article !== undefined && article.id !== undefined && article.id > 0 && !options.exclude?.(article);
    };
    const query = this.weigh(termCounts({ question: stemmedTerms(question).join(' '), keywords: '', description: '', answer: '' }));
    if (query.size === 0) return [];
    const boost = (scores: Map<string, number>) => {
      if (options.subjectKey === undefined) return scores;
      for (const [path, score] of scores) {
        if (this.docs.get(path)!.article.subjectKey === options.subjectKey) scores.set(path, score * SAME_SUBJECT_BOOST);
      }
      return scores;
    };
    const first = boost(this.scores(query, usable));
    // the terms of the best matches, so that a paraphrase sharing few words with the question is found too
    const feedback = new Map<string, number>();
    for (const [path] of best(first, FEEDBACK_DOCUMENTS)) {
      for (const [t, w] of this.vectorOf(path)) feedback.set(t, (feedback.get(t) ?? 0) + (FEEDBACK_WEIGHT * w) / FEEDBACK_DOCUMENTS);
    }
    // only the weightiest feedback terms: the others add noise and cost (common terms match most articles)
    const expanded = new Map(query);
    for (const [t, w] of best(feedback, FEEDBACK_TERMS)) expanded.set(t, (expanded.get(t) ?? 0) + w);
    const out: SimilarQuestion[] = [];
    const ids = new Set<number>();
    for (const [path, score] of best(boost(this.scores(normalized(expanded), usable)), Infinity)) {
      if (score < MIN_SCORE) break;
      const article = this.docs.get(path)!.article;
      if (ids.has(article.id!)) continue;
      ids.add(article.id!);
      out.push({ article, score: Math.round(score * 1e4) / 1e4 });
      if (out.length === limit) break;
    }
    return out;
  }

  /** Adds or replaces one article (from its model when given, else from disk). */
  set(article: Article, model?: ArticleModel): void {
    this.delete(article.path);
    this.add(article, questionDocumentOf(article, model ?? article.model ?? readArticleModelFromDisk(article.path)));
  }

  delete(path: string): void {
    const old = this.docs.get(path);
    if (!old) return;
    this.docs.delete(path);
    this.norms = undefined;
    for (const t of old.counts.keys()) {
      const paths = this.postings.get(t)!;
      paths.delete(path);
      if (paths.size === 0) this.postings.delete(t);
    }
  }

  private add(article: Article, doc: QuestionDocument): void {
    const counts = termCounts(doc);
    this.docs.set(article.path, { article, counts });
    this.norms = undefined;
    for (const [t, c] of counts) {
      const paths = this.postings.get(t);
      if (paths) paths.set(article.path, c);
      else this.postings.set(t, new Map([[article.path, c]]));
    }
  }

  /** 0 for a term no article or most articles have: it says nothing about what is asked. */
  private idf(term: string): number {
    const df = this.postings.get(term)?.size ?? 0;
    const n = this.docs.size + 1;
    return df > 0 && df <= n / 2 ? Math.log(n / df) : 0;
  }

  /** Weights × inverse document frequency, of length 1. */
  private weigh(counts: Map<string, number>): Map<string, number> {
    const vector = new Map<string, number>();
    for (const [t, c] of counts) {
      const idf = this.idf(t);
      if (idf > 0) vector.set(t, c * idf);
    }
    return normalized(vector);
  }

  private vectorOf(path: string): Map<string, number> {
    return this.weigh(this.docs.get(path)!.counts);
  }

  private normsOf(): Map<string, number> {
    if (this.norms) return this.norms;
    const idf = new Map([...this.postings.keys()].map((t) => [t, this.idf(t)]));
    this.norms = new Map();
    for (const [path, { counts }] of this.docs) {
      let sum = 0;
      for (const [t, c] of counts) sum += (c * idf.get(t)!) ** 2;
      this.norms.set(path, Math.sqrt(sum) || 1);
    }
    return this.norms;
  }

  /** Cosine of `query` (of length 1) with every usable article sharing a term with it. */
  private scores(query: Map<string, number>, usable: (path: string) => boolean): Map<string, number> {
    const norms = this.normsOf();
    const dot = new Map<string, number>();
    for (const [t, w] of query) {
      const idf = this.idf(t);
      for (const [path, c] of this.postings.get(t) ?? []) dot.set(path, (dot.get(path) ?? 0) + w * c * idf);
    }
    for (const [path, d] of dot) {
      if (usable(path)) dot.set(path, d / norms.get(path)!);
      else dot.delete(path);
    }
    return dot;
  }
}

function normalized(vector: Map<string, number>): Map<string, number> {
  let norm = 0;
  for (const w of vector.values()) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  return new Map([...vector].map(([t, w]) => [t, w / norm]));
}

/** The `k` best entries by score, ties by path. */
function best(scores: Map<string, number>, k: number): [string, number][] {
  return [...scores].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, k);
}

/** Two questions of one subject folder whose words (stemmed, weighed by rarity) are this alike ask the same thing. */
const NEAR_DUPLICATE = 0.8;
/**
 * Two questions this alike share at least one of their two rarest words, so pairs are looked for through
 * those only (the other words still count in the cosine): what keeps the corpus's search linear.
 */
const PAIRING_TERMS = 2;

/**
 * Groups of articles of one subject folder (with different ids) whose
 * questions are worded almost alike: the cosine of their questions' stemmed,
 * idf-weighted words (read from the file names, which spell the question) is
 * at least 0.8. Exact duplicates (the same question once normalized) are not
 * grouped here: `question-duplicate` reports them. Cheap enough for a report
 * of the whole corpus, as only the index is read.
 */
export function nearDuplicateQuestions(corpus: Corpus): Article[][] {
  return atOnce(nearDuplicateSteps(corpus));
}

/** `nearDuplicateQuestions` as steps (see slices.ts), for a server that must keep answering meanwhile. */
export function* nearDuplicateSteps(corpus: Corpus): Generator<void, Article[][]> {
  let step = 0;
  const vectors = new Map<Article, Map<string, number>>();
  const df = new Map<string, number>();
  for (const article of corpus.articles()) {
    if (article.id === undefined || article.id <= 0) continue;
    if (++step % 256 === 0) yield;
    const terms = new Set(stemmedTerms(article.questionKey.replace(/-/g, ' ')));
    vectors.set(article, new Map([...terms].map((t) => [t, 1])));
    for (const t of terms) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const n = vectors.size + 1;
  const withTerm = new Map<string, Article[]>();
  for (const [article, vector] of vectors) {
    for (const t of vector.keys()) {
      vector.set(t, Math.log(n / df.get(t)!));
      const key = `${article.subjectKey}/${t}`;
      const list = withTerm.get(key);
      if (list) list.push(article);
      else withTerm.set(key, [article]);
    }
    vectors.set(article, normalized(vector));
  }
  const neighbours = new Map<Article, Set<Article>>();
  for (const [article, vector] of vectors) {
    if (++step % 256 === 0) yield;
    const candidates = new Set<Article>();
    const rarest = [...vector].sort((a, b) => b[1] - a[1]).slice(0, PAIRING_TERMS);
    for (const [t] of rarest) for (const other of withTerm.get(`${article.subjectKey}/${t}`)!) if (other !== article) candidates.add(other);
    for (const other of candidates) {
      if (other.id === article.id || other.questionKey === article.questionKey || neighbours.get(article)?.has(other)) continue;
      let dot = 0;
      for (const [t, w] of vector) dot += w * (vectors.get(other)!.get(t) ?? 0);
      if (dot < NEAR_DUPLICATE) continue;
      for (const [a, b] of [
        [article, other],
        [other, article],
      ]) {
        const set = neighbours.get(a);
        if (set) set.add(b);
        else neighbours.set(a, new Set([b]));
      }
    }
  }
  // each group is an article and its near duplicates not yet grouped, the article with most of them first:
  // every member is a near duplicate of the first, never a chain of slightly different questions
  const byPath = (a: Article, b: Article) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const grouped = new Set<Article>();
  const groups: Article[][] = [];
  for (const [article, others] of [...neighbours].sort((a, b) => b[1].size - a[1].size || byPath(a[0], b[0]))) {
    if (grouped.has(article)) continue;
    const members = [...others].filter((o) => !grouped.has(o));
    if (members.length === 0) continue;
    for (const m of [article, ...members]) grouped.add(m);
    groups.push([article, ...members.sort(byPath)]);
  }
  return groups;
}

/** The near-duplicate groups last found in a corpus, and the corpus version they were found at. */
const FOUND_NEAR_DUPLICATES = new CacheKey<{ version: number; groups?: Article[][] }, Corpus>('near-duplicate questions', () => ({
  version: -1,
}));

/**
 * `nearDuplicateSteps`, run again only when the corpus has changed since the last run (the corpus report asks
 * each time it is opened, and the search reads every article).
 */
export function* currentNearDuplicateSteps(corpus: Corpus): Generator<void, Article[][]> {
  const found = corpus.caches.get(FOUND_NEAR_DUPLICATES);
  if (found.groups && found.version === corpus.version) return found.groups;
  const version = corpus.version;
  const groups = yield* nearDuplicateSteps(corpus);
  // a corpus changed midway may have changed the groups: not kept
  if (corpus.version === version) Object.assign(found, { version, groups });
  return groups;
}
