/**
 * Finding articles by what an author types: an id (or its first digits), words
 * of the question (each a word prefix, in any order), the subject. Used by
 * related-article completion and workspace symbols, on every keystroke, so it
 * runs on one precomputed lower-case key per article (built lazily, kept per
 * summary object, so a changed article gets a new key) and an inverted index of
 * their words, which yields the articles holding the query's most selective
 * word; a bounded top-k ranks them: no sort of the whole corpus, no per-keystroke rebuild.
 */
import type { Article } from '../corpus/article';
import type { Corpus } from '../corpus/corpus';
import { CacheKey } from '../corpus/caches';
import { atOnce, inSlices, SLICE_MS, SliceCancelled } from '../loading/slices';
import { sortByPath } from '../site/paths';

export interface SearchOptions {
  /** How many results at most. */
  limit: number;
  /** Articles in this subject folder rank before all others. */
  subjectKey?: string;
  /** Only articles in `subjectKey`. */
  onlySubject?: boolean;
  /** Articles to leave out. */
  exclude?: (article: Article) => boolean;
  /** One result per id (the corpus holds some articles in several folders). */
  uniqueIds?: boolean;
  /** Rank by how many of the words match instead of requiring all (a "more like this" query). */
  anyWord?: boolean;
}

export interface SearchResult {
  articles: Article[];
  /** False when more articles matched than were returned. */
  complete: boolean;
}

/** Lower case, accents and punctuation dropped: the form queries and keys are compared in. */
export function normalizeText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘']/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// stays module-wide: an Article is never changed once made (an edit makes a new one), and the memo goes with it
const keys = new WeakMap<Article, string>();

/** `#<id> <question words> [<question-key words>] <subject words> `, words separated and surrounded by single spaces. */
export function searchKey(a: Article): string {
  let key = keys.get(a);
  if (key === undefined) {
    const title = normalizeText(a.title ?? '');
    const slug = a.questionKey.replace(/-/g, ' ');
    key = `#${a.id ?? ''} ${title} ${slug === title ? '' : `${slug} `}${normalizeText(a.subject ?? a.subjectKey)} `;
    keys.set(a, key);
  }
  return key;
}

/** A query word with the patterns it is looked for by (made once per query, not per article). */
interface Word {
  text: string;
  /** As a whole word, at a word's start, as an id's whole / first digits. */
  whole: string;
  start: string;
  id?: { whole: string; start: string };
}

function wordOf(text: string): Word {
  const id = /^\d+$/.test(text) ? { whole: `#${text} `, start: `#${text}` } : undefined;
  return { text, whole: ` ${text} `, start: ` ${text}`, id };
}

/** How well the words match a key: 0 when one is missing (all required), higher is better. */
function score(key: string, words: Word[], anyWord: boolean): number {
  let total = 0;
  for (const w of words) {
    let s = 0;
    // cheapest test first: most keys do not contain the word at all
    if (key.includes(w.text.length >= 3 ? w.text : w.start)) {
      if (key.includes(w.whole)) s = 3;
      else if (key.includes(w.start)) s = 2;
      else s = 1;
    }
    if (w.id && key.startsWith(w.id.start)) s += key.startsWith(w.id.whole) ? 20 : 5;
    if (s === 0 && !anyWord) return 0;
    total += s;
  }
  return total;
}

interface Hit {
  article: Article;
  rank: number;
  /** What ties are broken by: the title's length (999 without one), the id (Infinity without one). */
  titleLength: number;
  id: number;
}

/** Better first: rank, then shorter title, then lower id. */
function better(a: Hit, b: Hit): boolean {
  return beats(a.rank, a.titleLength, a.id, b);
}

function beats(rank: number, titleLength: number, id: number, b: Hit): boolean {
  if (rank !== b.rank) return rank > b.rank;
  if (titleLength !== b.titleLength) return titleLength < b.titleLength;
  return id < b.id;
}

function titleLengthOf(a: Article): number {
  return a.title?.length ?? 999;
}

function idOf(a: Article): number {
  return a.id ?? Infinity;
}

/** Articles per step of a build in slices. */
const STEP = 256;
/** Changed articles looked at one by one before the index is rebuilt. */
const REBUILD_AFTER = 500;
/**
 * How many articles one search weighs at most. A query of common words ("how
 * do you"), a letter or a digit matches most of the corpus; its list is then
 * good matches rather than the very best, and the editor asks again as the
 * author types on (the result says it is not complete). One or two typed
 * characters say too little to be worth weighing more.
 */
const MAX_VISITS = 4000;
const MAX_VISITS_SHORT = 1000;

/** Words in most questions: a poor first filter. */
export const COMMON_WORDS = new Set(
  'a an the is are was were be do does did how what why who whom which when where can could should would will of in on at to for from by with and or not it its this that these those there their about into between your you'.split(
    ' ',
  ),
);

type Visit = (article: Article, key: string) => boolean | void;
/** A visit by index into the search index (see `SearchIndex.articleAt`), of an article found through its id word. */
type VisitId = (i: number) => boolean | void;

/** A changed path as searches visit it: the article now there (none when deleted), its folder and key at hand. */
interface ChangedSlot {
  article: Article | undefined;
  subjectKey: string | undefined;
  key?: string;
}

/**
 * The articles changed since an index was built, in the order of their first
 * change, and that order per subject folder, so that a search in one folder
 * passes over no other folder's changes.
 */
class ChangedArticles {
  private readonly byPath = new Map<string, ChangedSlot>();
  private readonly all: ChangedSlot[] = [];
  private readonly inSubject = new Map<string, ChangedSlot[]>();
  /** Whether a path changed before its folder was known (its first change a deletion): then a folder's search goes through all. */
  private unplaced = false;

  /** `subjectOf`: the folder of a path without an article now (from what the index holds). */
  constructor(private readonly subjectOf: (path: string) => string | undefined) {}

  get size(): number {
    return this.all.length;
  }

  paths(): IterableIterator<string> {
    return this.byPath.keys();
  }

  note(path: string, article: Article | undefined): void {
    const slot = this.byPath.get(path);
    if (slot) {
      slot.article = article;
      slot.subjectKey ??= article?.subjectKey;
      slot.key = undefined;
      return;
    }
    const subjectKey = article?.subjectKey ?? this.subjectOf(path);
    const added: ChangedSlot = { article, subjectKey };
    this.byPath.set(path, added);
    this.all.push(added);
    if (subjectKey === undefined) this.unplaced = true;
    else {
      const slots = this.inSubject.get(subjectKey);
      if (slots) slots.push(added);
      else this.inSubject.set(subjectKey, [added]);
    }
  }

  /** The changed paths in the order of their first change; only those of folder `only` when given (and known). */
  slots(only?: string): readonly ChangedSlot[] {
    return only === undefined || this.unplaced ? this.all : (this.inSubject.get(only) ?? []);
  }
}

/**
 * Which articles hold which words: the sorted vocabulary of every key, each
 * word with the ascending indexes of the articles holding it, so a word prefix
 * finds its articles without testing all of them. Articles are in path order,
 * so a subject folder is one run of indexes. Articles changed since it was
 * built are looked at separately, until there are many of them.
 */
export class SearchIndex {
  private articles: Article[] = [];
  private keys: string[] = [];
  private words: string[] = [];
  /** The postings of `words[w]`, and how many postings the words before `w` have (a prefix's count in two lookups). */
  private lists: number[][] = [];
  private before = new Uint32Array(1);
  /** The first and last article index of each word's postings, side by side: a subject's run skips most words without touching their lists. */
  private span = new Int32Array(0);
  /** Subject folder → its run of indexes `[from, to)`. */
  private subjects = new Map<string, [number, number]>();
  /**
   * The articles in the order of their id word (the word of `#<id>`), then of index: what visiting
   * the id words of a prefix yields. `idWord` is each article's word; `byIdInSubject` holds each
   * subject's run `[from, to)` in that order at the same positions. A short id prefix ("1") has
   * thousands of id words, most of them outside one subject: its articles are one binary search away.
   */
  private idWord = new Int32Array(0);
  private byId = new Int32Array(0);
  private byIdInSubject = new Int32Array(0);
  /** Each article's tie-breakers (see `better`), so that ranking by id touches no article. */
  private titleLengths = new Int32Array(0);
  private ids = new Float64Array(0);
  private position = new Map<string, number>();
  /** 1 for an article changed since the build (its current version is in `dirty`). */
  private stale = new Uint8Array(0);
  /** What changed since the build. */
  private dirty = this.changedArticles();
  private seen = new Uint32Array(0);
  private stamp = 0;
  private built = false;

  private readonly unsubscribe: () => void;

  constructor(private readonly corpus: Corpus) {
    this.unsubscribe = corpus.onChange((path) => {
      this.dirty.note(path, corpus.get(path));
      const i = this.position.get(path);
      if (i !== undefined) this.stale[i] = 1;
    });
  }

  /** Stops following the corpus; a build in slices stops at its next step. */
  dispose(): void {
    this.unsubscribe();
    const building = this.building;
    this.building = undefined;
    building?.return(); // its own change listener goes too
  }

  /** A build in progress (`prepare`), which `ensure` finishes at once when a query needs the index and none is built. */
  private building: Generator<void, void> | undefined;
  private prepared: Promise<void> | undefined;

  /** Whether a query can be answered without building the index first. */
  get ready(): boolean {
    return this.built && (this.building !== undefined || this.dirty.size <= REBUILD_AFTER);
  }

  /**
   * Builds the index now when there is none (or finishes a build in progress),
   * or when too much changed since; while a rebuild runs in slices, the current
   * index (with the articles changed since, looked at one by one) answers.
   */
  ensure(): void {
    if (this.ready) return;
    atOnce((this.building ??= this.build()));
  }

  /** The same in slices that yield to the event loop, for a server that must stay responsive. */
  prepare(sliceMs: number): Promise<void> {
    if (this.building) return this.prepared ?? Promise.resolve();
    if (this.built && this.dirty.size <= REBUILD_AFTER) return Promise.resolve();
    const steps = (this.building = this.build());
    // a query meanwhile may finish the build (ensure): the rest of the steps are then done
    this.prepared = inSlices(steps, sliceMs, () => this.building !== steps).catch((e) => {
      if (!(e instanceof SliceCancelled)) throw e;
    });
    return this.prepared;
  }

  /** The build, in steps of a few hundred articles; what it builds is put in place at its end. */
  private *build(): Generator<void, void> {
    // what changes from now on is looked at separately once this build is in place (see `visit`)
    const changed = this.changedArticles();
    const unsubscribe = this.corpus.onChange((path) => changed.note(path, this.corpus.get(path)));
    try {
      yield* this.buildFrom(changed);
    } finally {
      unsubscribe();
    }
  }

  private changedArticles(): ChangedArticles {
    return new ChangedArticles((path) => {
      const i = this.position.get(path);
      return i === undefined ? undefined : this.articles[i].subjectKey;
    });
  }

  private *buildFrom(changed: ChangedArticles): Generator<void, void> {
    const articles = sortByPath([...this.corpus.articles()], (a) => a.path);
    const keys: string[] = [];
    const postings = new Map<string, number[]>();
    const subjects = new Map<string, [number, number]>();
    const position = new Map<string, number>();
    for (let i = 0; i < articles.length; i++) {
      if (i % STEP === 0) yield;
      const a = articles[i];
      const key = searchKey(a);
      keys.push(key);
      position.set(a.path, i);
      for (const word of key.split(' ')) {
        if (word === '') continue;
        const list = postings.get(word);
        if (!list) postings.set(word, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
      const run = subjects.get(a.subjectKey);
      if (run) run[1] = i + 1;
      else subjects.set(a.subjectKey, [i, i + 1]);
    }
    yield;
    const words = [...postings.keys()].sort();
    yield;
    const lists = words.map((w) => postings.get(w)!);
    const before = new Uint32Array(words.length + 1);
    const span = new Int32Array(2 * words.length);
    lists.forEach((list, w) => {
      before[w + 1] = before[w] + list.length;
      span[2 * w] = list[0];
      span[2 * w + 1] = list[list.length - 1];
    });
    this.articles = articles;
    this.keys = keys;
    this.words = words;
    this.lists = lists;
    this.before = before;
    this.span = span;
    this.subjects = subjects;
    this.position = position;
    this.dirty = changed;
    this.stale = new Uint8Array(articles.length);
    for (const path of changed.paths()) {
      const i = position.get(path);
      if (i !== undefined) this.stale[i] = 1;
    }
    this.seen = new Uint32Array(articles.length);
    this.stamp = 0;
    this.orderById(words, lists);
    this.titleLengths = Int32Array.from(articles, titleLengthOf);
    this.ids = Float64Array.from(articles, idOf);
    this.built = true;
    this.building = undefined;
  }

  /** `byId` and `byIdInSubject` from the sorted words (the id words come first: `#` sorts before letters and digits). */
  private orderById(words: string[], lists: number[][]): void {
    const n = this.articles.length;
    const idWord = new Int32Array(n);
    const byId = new Int32Array(n);
    const byIdInSubject = new Int32Array(n);
    // each article's run start, and where its run's next article in id order goes
    const runFrom = new Int32Array(n);
    const next = new Int32Array(n);
    for (const [from, to] of this.subjects.values()) {
      next[from] = from;
      runFrom.fill(from, from, to);
    }
    let p = 0;
    for (let w = 0; w < words.length && words[w].startsWith('#'); w++) {
      for (const i of lists[w]) {
        idWord[i] = w;
        byId[p++] = i;
        byIdInSubject[next[runFrom[i]]++] = i;
      }
    }
    this.idWord = idWord;
    this.byId = byId;
    this.byIdInSubject = byIdInSubject;
  }

  articleAt(i: number): Article {
    return this.articles[i];
  }

  titleLengthAt(i: number): number {
    return this.titleLengths[i];
  }

  idAt(i: number): number {
    return this.ids[i];
  }

  /** The index of the word of article `i`'s id (`#<id>`) in the vocabulary. */
  idWordAt(i: number): number {
    return this.idWord[i];
  }

  /** The index of `word` in the vocabulary; -1 when no article has it. */
  wordIndex(word: string): number {
    this.ensure();
    const w = lowerBound(this.words, word);
    return this.words[w] === word ? w : -1;
  }

  /** How many articles (roughly: with repeats) have a word starting with one of `prefixes`. */
  count(prefixes: string[]): number {
    this.ensure();
    let n = 0;
    for (const prefix of prefixes) {
      const [lo, hi] = this.wordsStarting(prefix);
      n += this.before[hi] - this.before[lo];
    }
    return n;
  }

  /** The run `[lo, hi)` of the sorted words that start with `prefix` (no word holds the code unit \uffff). */
  private wordsStarting(prefix: string): [number, number] {
    return [lowerBound(this.words, prefix), lowerBound(this.words, `${prefix}\uffff`)];
  }

  /** The first position in `order[start, end)` whose article's id word is not below word `w`. */
  private firstWithIdWord(order: Int32Array, start: number, end: number, w: number): number {
    let lo = start;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.idWord[order[mid]] < w) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Visits the current articles having a word that starts with one of
   * `prefixes` (every article for `''`): only those of subject folder `only`
   * when given, else all but those of `skip`; stops when `visit` returns false.
   * Changed articles are visited whatever they hold. Articles found through
   * their id word (a prefix `#<digits>`) go to `visitId` when given.
   */
  visit(prefixes: string[], where: { only?: string; skip?: string }, visit: Visit, visitId?: VisitId): void {
    this.ensure();
    const [from, to] = where.only !== undefined ? (this.subjects.get(where.only) ?? [0, 0]) : [0, this.articles.length];
    const [skipFrom, skipTo] = where.skip !== undefined ? (this.subjects.get(where.skip) ?? [0, 0]) : [0, 0];
    const stamp = ++this.stamp;
    const unseen = (i: number): boolean => {
      if (this.seen[i] === stamp || this.stale[i] || (i >= skipFrom && i < skipTo)) return false;
      this.seen[i] = stamp;
      return true;
    };
    const each = (i: number): boolean => !unseen(i) || visit(this.articles[i], this.keys[i]) !== false;
    const eachId = visitId ? (i: number): boolean => !unseen(i) || visitId(i) !== false : each;
    const run = (): boolean => {
      for (const prefix of prefixes) {
        if (prefix === '') {
          for (let i = from; i < to; i++) if (!each(i)) return false;
          continue;
        }
        const [lo, hi] = this.wordsStarting(prefix);
        if (prefix.startsWith('#')) {
          // the same articles in the same order as through the words below, without walking every id word
          const order = where.only !== undefined ? this.byIdInSubject : this.byId;
          const [start, end] = where.only !== undefined ? [from, to] : [0, this.articles.length];
          const first = this.firstWithIdWord(order, start, end, lo);
          const last = this.firstWithIdWord(order, first, end, hi);
          for (let p = first; p < last; p++) if (!eachId(order[p])) return false;
          continue;
        }
        const span = this.span;
        for (let w = lo; w < hi; w++) {
          if (span[2 * w] >= to || span[2 * w + 1] < from) continue; // most words of a prefix lie outside one subject's run
          const list = this.lists[w];
          for (let p = from === 0 ? 0 : lowerBound(list, from); p < list.length && list[p] < to; p++) if (!each(list[p])) return false;
        }
      }
      return true;
    };
    if (!run()) return;
    for (const c of this.dirty.slots(where.only)) {
      const a = c.article;
      if (!a || (where.only !== undefined && c.subjectKey !== where.only) || c.subjectKey === where.skip) continue;
      if (visit(a, (c.key ??= searchKey(a))) === false) return;
    }
  }
}

/** The first index whose element is not below `x`, in a sorted array. */
function lowerBound<T>(sorted: T[], x: T): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A corpus's search index lives in its caches: made on the first search, let go with the corpus. */
export const SEARCH_INDEX = new CacheKey<SearchIndex, Corpus>(
  'search index',
  (corpus) => new SearchIndex(corpus),
  (index) => index.dispose(),
);

function indexOf(corpus: Corpus): SearchIndex {
  return corpus.caches.get(SEARCH_INDEX);
}

/** Builds a corpus's search keys ahead of the first query (optional: the first search does it otherwise). */
export function prepareSearch(corpus: Corpus): void {
  indexOf(corpus).ensure();
}

/** The same in slices of a few milliseconds that yield to the event loop; resolves when the index is built. */
export function prepareSearchInSlices(corpus: Corpus, sliceMs = SLICE_MS): Promise<void> {
  return indexOf(corpus).prepare(sliceMs);
}

/** Whether `searchArticles` answers without building the search index first (else see `prepareSearchInSlices`). */
export function isSearchReady(corpus: Corpus): boolean {
  return indexOf(corpus).ready;
}

export function searchArticles(corpus: Corpus, query: string, options: SearchOptions): SearchResult {
  const words = normalizeText(query).split(' ').filter(Boolean);
  if (words.length === 0 || options.limit <= 0) return { articles: [], complete: true };
  const patterns = words.map(wordOf);
  const anyWord = !!options.anyWord;
  const index = indexOf(corpus);
  // the first filter: the articles with a word (or id) starting with the query word that fewest articles have
  const prefixesOf = (w: string) => (/^\d+$/.test(w) ? [w, `#${w}`] : [w]);
  let prefixes = [''];
  if (!anyWord) {
    let fewest = Infinity;
    for (const w of words) {
      const n = index.count(prefixesOf(w));
      if (n < fewest) [fewest, prefixes] = [n, prefixesOf(w)];
    }
  }
  // room for dropping copies of one id after the fact
  const k = options.uniqueIds ? options.limit * 2 : options.limit;
  const top: Hit[] = [];
  let matched = 0;
  const offer = (article: Article, rank: number, titleLength: number, id: number) => {
    matched++;
    if (top.length === k && !beats(rank, titleLength, id, top[k - 1])) return;
    const hit = { article, rank, titleLength, id };
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (better(hit, top[mid])) hi = mid;
      else lo = mid + 1;
    }
    top.splice(lo, 0, hit);
    if (top.length > k) top.pop();
  };
  const consider = (article: Article, key: string, same: boolean) => {
    const s = score(key, patterns, anyWord);
    if (s === 0 || options.exclude?.(article)) return;
    offer(article, (same ? 1e6 : 0) + s, titleLengthOf(article), idOf(article));
  };
  // One id (or its first digits) alone: an article reached through its id word has no word starting with
  // those digits (the words came first and would have found it), so it scores by its id alone, as `score`
  // would: 5, or 20 for the whole id, plus 1 from three digits on (they are in the key, as part of the id).
  // Ranking it then reads the index's arrays, not the article's key and title.
  const idQuery = !anyWord && patterns.length === 1 ? patterns[0] : undefined;
  const wholeId = idQuery?.id ? index.wordIndex(idQuery.id.start) : -1;
  const considerId = (i: number, same: boolean) => {
    const s = (idQuery!.text.length >= 3 ? 1 : 0) + (index.idWordAt(i) === wholeId ? 20 : 5);
    const article = index.articleAt(i);
    if (options.exclude?.(article)) return;
    offer(article, (same ? 1e6 : 0) + s, index.titleLengthAt(i), index.idAt(i));
  };

  let visits = 0;
  const maxVisits = words.join('').length <= 2 ? MAX_VISITS_SHORT : MAX_VISITS;
  let stopped = false;
  const counted = () => !(stopped = ++visits >= maxVisits);
  const weigh = (same: boolean) => (a: Article, key: string) => {
    consider(a, key, same);
    return counted();
  };
  const weighId = (same: boolean) =>
    idQuery?.id
      ? (i: number) => {
          considerId(i, same);
          return counted();
        }
      : undefined;
  // same subject first: when it fills the list, nothing from elsewhere can rank above it
  if (options.subjectKey !== undefined) index.visit(prefixes, { only: options.subjectKey }, weigh(true), weighId(true));
  if (!options.onlySubject && !stopped && top.length < k) index.visit(prefixes, { skip: options.subjectKey }, weigh(false), weighId(false));
  else if (!options.onlySubject) stopped = true;

  let articles = top.map((h) => h.article);
  if (options.uniqueIds) {
    const seen = new Set<number>();
    articles = articles.filter((a) => a.id === undefined || (!seen.has(a.id) && !!seen.add(a.id)));
  }
  return { articles: articles.slice(0, options.limit), complete: !stopped && matched <= options.limit };
}
