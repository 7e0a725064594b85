/**
 * Questions that already exist, in other words too: given a question, the
 * articles that ask the same thing. Each article is a term vector (TF-IDF,
 * stemmed) of its question, SEO keywords and description and the start of its
 * answer, where an answer restates its question in the words a paraphrase is
 * likely to use. A question is matched in three steps:
 * 1. its words, widened by the words the corpus associates with them (the
 *    keyword and description words of the articles asking with each word, far
 *    likelier there than elsewhere: learned from the corpus, no labels), match
 *    the articles by cosine;
 * 2. once more with the terms of the best matches added (pseudo-relevance
 *    feedback), which finds questions that share few words with it;
 * 3. the best 50 are ordered again by a small linear model fitted on real
 *    paraphrases (`similarRerank.ts`): mostly how alike their answers are to
 *    the answers of the first matches (answers that say the same thing
 *    cluster, however their questions are worded), how well they match the
 *    question's words and associated terms, and their subject folder.
 *
 * Incremental: the index follows the corpus's change events and re-indexes a
 * changed article on the next query; the associations are learned again, per
 * word, when first needed after a change.
 */
import { stemmer } from 'stemmer';
import type { Article } from '../corpus/article';
import type { Corpus } from '../corpus/corpus';
import { textOf, type ArticleModel } from '../frontMatter/model';
import { modelOfArticle } from '../loading/workspace';
import { atOnce } from '../loading/slices';
import { FollowingIndex, type SliceOptions } from '../corpus/followingIndex';
import { CacheKey } from '../corpus/caches';
import { termsOf } from './suggest';
import { toUnitLength } from './unitLength';
import { sortByPath } from '../site/paths';
import { likelihoods, rerankScore, type CandidateFeatures } from './similarRerank';

/** The stemmed terms of an article's fields, space-separated (its path is the document id). */
export interface QuestionDocument {
  path: string;
  question: string;
  keywords: string;
  description: string;
  /** The start of the answer, which restates the question. */
  answer: string;
  /** A longer start of the answer: what the answer says. */
  answerWords: string;
}

export interface SimilarQuestion {
  article: Article;
  /** How likely, in (0, 1], it is the question asked, among the best matches (their likelihoods sum to 1 at most). */
  score: number;
}

/** One of the best matches of a question's words, with what the reranker knows of it. */
export interface Candidate {
  article: Article;
  features: CandidateFeatures;
}

export interface SimilarOptions {
  /** How many at most (default 5). */
  limit?: number;
  /** Articles that must not be listed (nor feed the feedback), e.g. the asking article and its copies. */
  exclude?: (article: Article) => boolean;
  /** The subject folder the question is asked in, when known: its articles are likelier to ask the same. */
  subjectKey?: string;
}

type Field = Exclude<keyof QuestionDocument, 'path' | 'answerWords'>;
const FIELD_WEIGHTS: Record<Field, number> = { question: 3, keywords: 2, description: 1, answer: 1 };
const FIELDS = Object.keys(FIELD_WEIGHTS) as Field[];
/** The start of the answer that is matched with the question: it restates the question. */
const ANSWER_CHARS = 500;
/** The start of the answer whose words are compared between candidates: long enough to say what it is about. */
const ANSWER_WORDS_CHARS = 3000;
const ANSWER_WORDS = 250;
/**
 * Term associations: a question word brings in the keyword and description words of the articles asking
 * with it that are at least twice likelier there than anywhere (seen in at least 3 articles), the 20 likeliest,
 * weighing this much against the question's own words.
 */
const ASSOCIATED_TERMS = 20;
const ASSOCIATION_MIN_ARTICLES = 3;
const ASSOCIATION_MIN_LIFT = 2;
const ASSOCIATION_WEIGHT = 0.2;
/** Of all the question's associated terms, the weightiest: the others cost more than they find. */
const ASSOCIATED_QUERY_TERMS = 40;
/** How many best matches feed the second query, and how much their terms weigh against the question's. */
const FEEDBACK_DOCUMENTS = 3;
const FEEDBACK_WEIGHT = 1;
const FEEDBACK_TERMS = 20;
/** How many best matches are ordered again (see `similarRerank.ts`), and whose answers the others' are compared with. */
const RERANKED = 50;
const RERANK_BY = 5;
/** How much likelier an article of the question's own subject folder is. */
const SAME_SUBJECT_BOOST = 1.5;
/** Below this similarity an article shares only a stray word with the question. */
const MIN_SCORE = 0.05;

/** Words already stemmed (a corpus has a few hundred thousand distinct words; past that it starts again). */
const stems = new Map<string, string>();
const KEPT_STEMS = 500_000;

/** Lower-cased, stop words dropped (see `termsOf`), Porter-stemmed. */
export function stemmedTerms(text: string): string[] {
  return termsOf(text).map((t) => {
    let stem = stems.get(t);
    if (stem === undefined) {
      if (stems.size >= KEPT_STEMS) stems.clear();
      stem = stemmer(t);
      stems.set(t, stem);
    }
    return stem;
  });
}

export function questionDocumentOf(article: Pick<Article, 'path' | 'title'>, model: ArticleModel): QuestionDocument {
  const f = model.fields;
  const seo = f.get('seo')?.children;
  const join = (text: string | undefined) => stemmedTerms(text ?? '').join(' ');
  const answer = textOf(f.get('answer')) ?? '';
  return {
    path: article.path,
    question: join(textOf(f.get('question')) ?? article.title),
    keywords: join(textOf(seo?.get('page_keywords'))),
    description: join(textOf(seo?.get('page_description'))),
    answer: join(answer.slice(0, ANSWER_CHARS)),
    answerWords: stemmedTerms(answer.slice(0, ANSWER_WORDS_CHARS)).slice(0, ANSWER_WORDS).join(' '),
  };
}

/** Term → weight, before the inverse document frequency: field weight × (1 + log count). */
function termCounts(doc: Omit<QuestionDocument, 'path' | 'answerWords'>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const field of FIELDS) {
    if (doc[field] === '') continue;
    for (const t of doc[field].split(' ')) counts.set(t, (counts.get(t) ?? 0) + FIELD_WEIGHTS[field]);
  }
  for (const [t, c] of counts) counts.set(t, 1 + Math.log(c));
  return counts;
}

const distinct = (text: string) => (text === '' ? [] : [...new Set(text.split(' '))]);

interface Entry {
  article: Article;
  /** Term → weight before the idf. */
  counts: Map<string, number>;
  /** The distinct terms of its question, and of its keywords and description (what the question is about). */
  questionTerms: string[];
  topicTerms: string[];
  /** The terms of its answer's longer start, space-separated: made a vector only when compared (few are). */
  answerWords: string;
}

export class QuestionIndex extends FollowingIndex {
  private readonly docs = new Map<string, Entry>();
  /** Term → the articles that have it, with its weight there before the idf. */
  private readonly postings = new Map<string, Map<string, number>>();
  /** Term → the articles asking with it. */
  private readonly askedWith = new Map<string, Set<string>>();
  /** In how many articles a term is a keyword or description term. */
  private readonly topicDf = new Map<string, number>();
  /** Path → length of its idf-weighted vector; made again after any change, since every idf may have moved. */
  private norms?: Map<string, number>;
  /** Question term → its associated terms, made when first asked for and again after any change. */
  private associations = new Map<string, [string, number][]>();

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
    const limit = options.limit ?? 5;
    const candidates = this.candidates(question, options);
    const chances = likelihoods(candidates.map((c) => rerankScore(c.features)));
    const ranked = candidates
      .map((c, i): [Candidate, number] => [c, chances[i]])
      .sort((a, b) => b[1] - a[1] || (a[0].article.path < b[0].article.path ? -1 : 1));
    const out: SimilarQuestion[] = [];
    const ids = new Set<number>();
    for (const [{ article }, chance] of ranked) {
      if (ids.has(article.id!)) continue;
      ids.add(article.id!);
      // rounded, yet never 0 for an article listed
      out.push({ article, score: Math.max(1e-4, Math.round(chance * 1e4) / 1e4) });
      if (out.length === limit) break;
    }
    return out;
  }

  /**
   * The best matches of `question`'s words (at most 50), each with what the reranker knows of it, in the
   * order of the word search: for `similar`, and for fitting the reranker's weights.
   */
  candidates(question: string, options: SimilarOptions = {}): Candidate[] {
    this.catchUp();
    const usable = (path: string) => {
      const article = this.docs.get(path)?.article;
      return article !== undefined && article.id !== undefined && article.id > 0 && !options.exclude?.(article);
    };
    const questionTerms = stemmedTerms(question);
    const query = this.weigh(termCounts({ question: questionTerms.join(' '), keywords: '', description: '', answer: '' }));
    if (query.size === 0) return [];
    const boost = (scores: Map<string, number>) => {
      if (options.subjectKey === undefined) return scores;
      for (const [path, score] of scores) {
        if (this.docs.get(path)!.article.subjectKey === options.subjectKey) scores.set(path, score * SAME_SUBJECT_BOOST);
      }
      return scores;
    };
    // the words that articles asking with the question's words are about, as their answers would use them
    const associated = new Map<string, number>();
    for (const [t, w] of query) for (const [a, weight] of this.associationsOf(t)) associated.set(a, (associated.get(a) ?? 0) + w * weight);
    const asked = new Map(query);
    const bridging = toUnitLength(new Map(best(this.weigh(associated), ASSOCIATED_QUERY_TERMS)));
    for (const [t, w] of bridging) asked.set(t, (asked.get(t) ?? 0) + ASSOCIATION_WEIGHT * w);
    toUnitLength(asked);
    const first = boost(this.scores(asked, usable));
    // the terms of the best matches, so that a paraphrase sharing few words with the question is found too
    const feedback = new Map<string, number>();
    for (const [path] of best(first, FEEDBACK_DOCUMENTS)) {
      for (const [t, w] of this.vectorOf(path)) feedback.set(t, (feedback.get(t) ?? 0) + (FEEDBACK_WEIGHT * w) / FEEDBACK_DOCUMENTS);
    }
    // only the weightiest feedback terms: the others add noise and cost (common terms match most articles)
    for (const [t, w] of best(feedback, FEEDBACK_TERMS)) asked.set(t, (asked.get(t) ?? 0) + w);
    const matches = best(boost(this.scores(toUnitLength(asked), usable)), RERANKED).filter(([, score]) => score >= MIN_SCORE);
    if (matches.length === 0) return [];

    const paths = matches.map(([p]) => p);
    const { likeness, likenessToTen } = this.answerLikeness(
      paths,
      matches.map(([, score]) => score),
    );
    const mostAlike = Math.max(...likeness) || 1;
    const firstBest = Math.max(...paths.map((p) => first.get(p) ?? 0)) || 1;
    const subjects = new Map<string, number>();
    let weighed = 0;
    paths.slice(0, RERANK_BY).forEach((path, rank) => {
      const subject = this.docs.get(path)!.article.subjectKey;
      subjects.set(subject, (subjects.get(subject) ?? 0) + 1 / (rank + 1));
      weighed += 1 / (rank + 1);
    });
    const asking = new Set(questionTerms);
    // the share of the question's words (weighed by rarity) that some terms have
    const askingIdf = [...asking].map((t): [string, number] => [t, this.idf(t)]);
    const askingWeight = askingIdf.reduce((sum, [, idf]) => sum + idf, 0) || 1;
    const mentioned = (terms: ReadonlySet<string>) => askingIdf.reduce((sum, [t, idf]) => sum + (terms.has(t) ? idf : 0), 0) / askingWeight;
    return matches.map(([path], rank): Candidate => {
      const entry = this.docs.get(path)!;
      const vector = this.vectorOf(path);
      let bridgingMatch = 0;
      for (const [t, w] of bridging) bridgingMatch += w * (vector.get(t) ?? 0);
      const shared = entry.questionTerms.filter((t) => asking.has(t)).length;
      const lengths = [asking.size, entry.questionTerms.length];
      return {
        article: entry.article,
        features: {
          firstMatch: (first.get(path) ?? 0) / firstBest,
          bridgingMatch,
          questionOverlap: shared / asking.size,
          answerLikeness: likeness[rank],
          answerLikenessShare: likeness[rank] / mostAlike,
          answerLikenessToTen: likenessToTen[rank],
          topicMentions: mentioned(new Set(entry.topicTerms)),
          answerMentions: mentioned(new Set(entry.answerWords.split(' '))),
          subjectShare: (subjects.get(entry.article.subjectKey) ?? 0) / weighed,
          askedSubject: entry.article.subjectKey === options.subjectKey ? 1 : 0,
          lengthRatio: Math.min(...lengths) / (Math.max(...lengths) || 1),
        },
      };
    });
  }

  /** Adds or replaces one article (from its model when given, else from disk). */
  set(article: Article, model?: ArticleModel): void {
    this.delete(article.path);
    this.add(article, questionDocumentOf(article, modelOfArticle(article, model)));
  }

  delete(path: string): void {
    const old = this.docs.get(path);
    if (!old) return;
    this.docs.delete(path);
    this.changedStatistics();
    for (const t of old.counts.keys()) {
      const paths = this.postings.get(t)!;
      paths.delete(path);
      if (paths.size === 0) this.postings.delete(t);
    }
    for (const t of old.questionTerms) {
      const paths = this.askedWith.get(t)!;
      paths.delete(path);
      if (paths.size === 0) this.askedWith.delete(t);
    }
    for (const t of old.topicTerms) count(this.topicDf, t, -1);
  }

  private add(article: Article, doc: QuestionDocument): void {
    const counts = termCounts(doc);
    const entry: Entry = {
      article,
      counts,
      questionTerms: distinct(doc.question),
      topicTerms: distinct(`${doc.keywords} ${doc.description}`.trim()),
      answerWords: doc.answerWords,
    };
    this.docs.set(article.path, entry);
    this.changedStatistics();
    for (const [t, c] of counts) {
      const paths = this.postings.get(t);
      if (paths) paths.set(article.path, c);
      else this.postings.set(t, new Map([[article.path, c]]));
    }
    for (const t of entry.questionTerms) {
      const paths = this.askedWith.get(t);
      if (paths) paths.add(article.path);
      else this.askedWith.set(t, new Set([article.path]));
    }
    for (const t of entry.topicTerms) count(this.topicDf, t, 1);
  }

  private changedStatistics(): void {
    this.norms = undefined;
    if (this.associations.size > 0) this.associations = new Map();
  }

  /**
   * The keyword and description terms likeliest in the articles asking with `term` compared with all
   * articles (lift), weighed by how often they come with it: P(t | term) × log lift. Learned from the
   * corpus alone, they bridge a question's words and the words a paraphrase of it would use.
   */
  private associationsOf(term: string): [string, number][] {
    const known = this.associations.get(term);
    if (known) return known;
    const paths = this.askedWith.get(term) ?? new Set<string>();
    const together = new Map<string, number>();
    for (const path of paths) for (const t of this.docs.get(path)!.topicTerms) together.set(t, (together.get(t) ?? 0) + 1);
    const weighed = new Map<string, number>();
    for (const [t, c] of together) {
      if (c < ASSOCIATION_MIN_ARTICLES || t === term) continue;
      const likelihood = c / paths.size;
      const lift = likelihood / (this.topicDf.get(t)! / this.docs.size);
      if (lift > ASSOCIATION_MIN_LIFT) weighed.set(t, likelihood * Math.log(lift));
    }
    const associated = best(weighed, ASSOCIATED_TERMS);
    this.associations.set(term, associated);
    return associated;
  }

  /**
   * How alike the answer of each of `paths` (best first) is to the rank-weighted centre of the first few's
   * answers, and to the centre of the first ten's weighed by how well each matched (`scores`).
   */
  private answerLikeness(paths: string[], scores: number[]): { likeness: number[]; likenessToTen: number[] } {
    const n = this.docs.size + 1;
    const vectors = paths.map((path) => {
      const { answerWords } = this.docs.get(path)!;
      const counts = new Map<string, number>();
      for (const t of answerWords === '' ? [] : answerWords.split(' ')) counts.set(t, (counts.get(t) ?? 0) + 1);
      const vector = new Map<string, number>();
      for (const [t, c] of counts) {
        // a word only long answers use is rare: as rare as a word one article has
        const df = Math.max(1, this.postings.get(t)?.size ?? 0);
        if (df <= n / 2) vector.set(t, (1 + Math.log(c)) * Math.log(n / df));
      }
      return toUnitLength(vector);
    });
    const centre = new Map<string, number>();
    vectors.slice(0, RERANK_BY).forEach((vector, rank) => {
      for (const [t, w] of vector) centre.set(t, (centre.get(t) ?? 0) + w / (rank + 1));
    });
    const alike = (to: Map<string, number>) =>
      vectors.map((vector) => {
        let sum = 0;
        for (const [t, w] of vector) sum += w * (to.get(t) ?? 0);
        return sum;
      });
    const ten = new Map<string, number>();
    vectors.slice(0, 10).forEach((vector, rank) => {
      for (const [t, w] of vector) ten.set(t, (ten.get(t) ?? 0) + w * scores[rank]);
    });
    return {
      likeness: alike(toUnitLength(centre)),
      likenessToTen: alike(toUnitLength(ten)),
    };
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
    return toUnitLength(vector);
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

function count(counts: Map<string, number>, key: string, by: number): void {
  const c = (counts.get(key) ?? 0) + by;
  if (c === 0) counts.delete(key);
  else counts.set(key, c);
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
    vectors.set(article, toUnitLength(vector));
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
  const grouped = new Set<Article>();
  const groups: Article[][] = [];
  // by path, then (a stable sort) most near duplicates first
  for (const [article, others] of sortByPath([...neighbours], ([a]) => a.path).sort((a, b) => b[1].size - a[1].size)) {
    if (grouped.has(article)) continue;
    const members = [...others].filter((o) => !grouped.has(o));
    if (members.length === 0) continue;
    for (const m of [article, ...members]) grouped.add(m);
    groups.push([article, ...sortByPath(members, (m) => m.path)]);
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
