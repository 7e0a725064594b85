/**
 * The corpus index of one `learn` folder: every article by path, id,
 * question-key and normalized question, and the reverse map of which articles
 * link to which (by the id and question-key their related slots name,
 * resolvable or not).
 */
import type { Article, RelatedLink } from './article';
import { Caches } from './caches';
import { ArticleTable } from './table';
import { parseArticleUrl, subjectSlug } from '../site/paths';
import type { SiteFiles } from '../site/siteFiles';

export type ResolvedUrl =
  { kind: 'exact'; article: Article } | { kind: 'moved'; article?: Article; candidates: Article[] } | { kind: 'broken' };

export class Corpus {
  /**
   * The articles' values; the maps below hold row numbers of it. Loaders write rows
   * straight in (`ArticleTable.addRow`), then index them with `setRow`.
   */
  readonly table: ArticleTable;
  /**
   * The rows of the articles, in the order they were added (a replaced one goes last). An article is found by its
   * path through `byKey` (a file is named after its question-key): no map of every path, whose long keys cost
   * a warm start much of its time, and memory.
   */
  private readonly rows = new Set<number>();
  // one row, or an array when several share the key: most keys have one article, and small Sets
  // take far more memory than a value or an array (see docs/performance.md)
  private readonly byId = new Map<number, OneOrMany<number>>();
  private readonly byKey = new Map<string, OneOrMany<number>>();
  /**
   * Articles whose normalized question is not their question-key, by it. The others (99.6 % of the
   * real corpus: files are named after their question) are found through `byKey`, which a map of
   * every question would repeat.
   */
  private readonly byOtherQuestion = new Map<string, OneOrMany<number>>();
  /**
   * Id / question-key → paths of articles whose related slots name it. Built on
   * first use (a large part of the cost of indexing, and lint never asks), then kept current.
   */
  private referrers?: ReferrerMaps;
  /** The maps `referrerSteps` is building, kept current by changes meanwhile. */
  private building?: ReferrerMaps;
  /** Subject folder → `subject` display name → how many of its articles use it. */
  private readonly subjectNames = new Map<string, Map<string, number>>();
  /** Bumped on every change, so callers can cache derived data. */
  version = 0;
  private readonly listeners = new Set<(path: string) => void>();
  /** What other modules derive from this corpus (search and suggestion indexes, memos), let go with it. */
  readonly caches: Caches<Corpus> = new Caches<Corpus>(this);
  /** The site's redirect table and subject list for this folder, once read (none: the rules of a site without them). */
  site: SiteFiles | undefined;

  /** `table`: rows to start from (the index cache's), none indexed yet. */
  constructor(
    readonly learnRoot: string,
    table = new ArticleTable(),
  ) {
    this.table = table;
  }

  /** The corpus is no longer used: its derived data is let go (and stops following its changes). */
  dispose(): void {
    this.caches.dispose();
  }

  get size(): number {
    return this.rows.size;
  }

  *articles(): Generator<Article, void> {
    for (const row of this.rows) yield this.table.article(row);
  }

  get(path: string): Article | undefined {
    const row = this.rowOf(path);
    return row === undefined ? undefined : this.table.article(row);
  }

  /** The row of the article at `path`, found among those of its file name's question-key. */
  private rowOf(path: string, questionKey = path.slice(path.lastIndexOf('/') + 1, -'.md'.length)): number | undefined {
    const entry = this.byKey.get(questionKey);
    if (entry === undefined) return undefined;
    const t = this.table;
    return Array.isArray(entry) ? entry.find((row) => t.isAt(row, path)) : t.isAt(entry, path) ? entry : undefined;
  }

  withId(id: number): Article[] {
    return this.all(this.byId.get(id));
  }

  /** Whether some article has this id (without the array `withId` makes: lint asks for every link). */
  hasId(id: number): boolean {
    return this.byId.has(id);
  }

  /** Whether an article other than the one at `path` has this id. */
  hasOtherWithId(id: number, path: string): boolean {
    const entry = this.byId.get(id);
    if (entry === undefined) return false;
    return Array.isArray(entry) ? entry.some((row) => this.table.path(row) !== path) : this.table.path(entry) !== path;
  }

  withKey(questionKey: string): Article[] {
    return this.all(this.byKey.get(questionKey));
  }

  /** The other articles asking the same question (`normalizedQuestion`) under another id (`otherArticle`). */
  sameQuestion(article: Pick<Article, 'path' | 'id' | 'normalizedQuestion'>): Article[] {
    const question = article.normalizedQuestion;
    if (question === undefined) return [];
    const named = this.byKey.get(question);
    const other = this.byOtherQuestion.get(question);
    const t = this.table;
    const same = (row: number) =>
      t.path(row) !== article.path && t.normalizedQuestion(row) === question && otherArticle(t.id(row), article.id);
    // the usual case, asked for every article by lint: one file of that name (this one), without an object
    if (other === undefined && !Array.isArray(named)) return named !== undefined && same(named) ? [t.article(named)] : [];
    return [...rows(named), ...rows(other)].filter(same).map((row) => t.article(row));
  }

  /** Every normalized question asked by two articles or more (`otherArticle`), with all that ask it (copies too). */
  *duplicateQuestions(): Generator<[string, Article[]]> {
    const asking = (question: string) => [
      ...this.all(this.byKey.get(question)).filter((a) => a.normalizedQuestion === question),
      ...this.all(this.byOtherQuestion.get(question)),
    ];
    const questions = new Set<string>(this.byOtherQuestion.keys());
    for (const [key, entry] of this.byKey) if (Array.isArray(entry)) questions.add(key);
    for (const question of questions) {
      const articles = asking(question);
      if (articles.length > 1 && articles.some((a) => otherArticle(a.id, articles[0].id))) yield [question, articles];
    }
  }

  ids(): IterableIterator<number> {
    return this.byId.keys();
  }

  /** Adds or replaces an article (by path): its values are copied in (`get` gives the corpus's own object for them). */
  set(article: Article): void {
    this.setRow(this.table.add(article));
  }

  /** Adds or replaces (by path) the article of a row written into `table` and not yet indexed. */
  setRow(row: number): void {
    // no other article has the row's question-key, usually: then none has its path, which is not even made
    if (this.byKey.has(this.table.questionKey(row))) {
      const old = this.rowOf(this.table.path(row), this.table.questionKey(row));
      if (old !== undefined) this.deleteRow(old);
    }
    this.rows.add(row);
    this.entriesOf(row, addTo, 1);
    if (this.listeners.size > 0) this.changed(this.table.path(row));
    else this.version++;
  }

  delete(path: string): void {
    const row = this.rowOf(path);
    if (row !== undefined) this.deleteRow(row);
  }

  private deleteRow(row: number): void {
    const path = this.table.path(row);
    this.rows.delete(row);
    this.entriesOf(row, removeFrom, -1);
    this.table.remove(row); // an article object made of the row keeps its values
    this.changed(path);
  }

  /**
   * Puts a row's entries into the maps by id, question-key, other question, referrer and subject name (`addTo`, a
   * count of 1) or takes them out (`removeFrom`, -1): one list of what a row indexes, for adding and removing it.
   * Read from the table, not through an Article object (none may exist for the row).
   */
  private entriesOf(row: number, put: Put, delta: 1 | -1): void {
    const t = this.table;
    const id = t.id(row);
    if (id !== undefined) put(this.byId, id, row);
    const key = t.questionKey(row);
    put(this.byKey, key, row);
    const question = t.normalizedQuestion(row);
    if (question !== undefined && question !== key) put(this.byOtherQuestion, question, row);
    for (const maps of [this.referrers, this.building]) if (maps) referrerEntries(maps, row, t.links(row), put);
    const subject = t.subject(row);
    if (subject !== undefined) count(this.subjectNames, t.subjectKey(row), subject, delta);
  }

  /** Calls `listener` with the path of every article added, replaced or removed; returns the unsubscribe function. */
  onChange(listener: (path: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(path: string): void {
    this.version++;
    for (const listener of this.listeners) listener(path);
  }

  /**
   * Builds the referrer maps ahead of their first use, 256 articles per step
   * (see slices.ts: a server stays responsive); changes meanwhile are applied
   * to them as they go.
   */
  *referrerSteps(): Generator<void, void> {
    if (this.referrers || this.building) return; // built, or being built
    // changes meanwhile update these maps too (set/delete), so the build never has to start over
    const maps: ReferrerMaps = (this.building = { byId: new Map(), byKey: new Map() });
    let n = 0;
    for (const row of this.rows) {
      if (this.building !== maps) return; // built at once meanwhile (`referrersOf`)
      referrerEntries(maps, row, this.table.links(row));
      if (++n % 256 === 0) yield;
    }
    if (this.building === maps) [this.referrers, this.building] = [maps, undefined];
  }

  /** Whether the reverse maps of `referrersOf` are built (they are built on first use, or by `referrerSteps`). */
  get hasReferrers(): boolean {
    return this.referrers !== undefined;
  }

  /** Paths of articles with a related slot naming this article's id or question-key. */
  referrersOf(article: Pick<Article, 'id' | 'questionKey'>): Set<string> {
    return new Set(Array.from(this.referrerRows(article), (row) => this.table.path(row)));
  }

  private referrerRows(article: Pick<Article, 'id' | 'questionKey'>): Set<number> {
    if (!this.referrers) {
      this.building = undefined;
      this.referrers = { byId: new Map(), byKey: new Map() };
      for (const row of this.rows) referrerEntries(this.referrers, row, this.table.links(row));
    }
    const out = new Set<number>(article.id !== undefined ? all(this.referrers.byId.get(article.id)) : []);
    for (const row of all(this.referrers.byKey.get(article.questionKey))) out.add(row);
    return out;
  }

  /** The related slots (article + slot number) that really point at `target`: by id, or by a url resolving to it. */
  backlinks(target: Article): { from: Article; n: number }[] {
    const out: { from: Article; n: number }[] = [];
    for (const row of this.referrerRows(target)) {
      const from = this.table.article(row);
      for (const link of from.links) {
        const byId = target.id !== undefined && link.id === target.id;
        const byUrl = link.url !== undefined && this.resolvedArticle(link.url) === target;
        if (byId || byUrl) out.push({ from, n: link.n });
      }
    }
    return out.sort((a, b) => a.from.path.localeCompare(b.from.path) || a.n - b.n);
  }

  /**
   * The exact file if it exists, else the one file with that question-key
   * elsewhere. Both come from the question-key's entry (the exact file is the
   * one in the url's subject folder), so one short key is hashed, not the path.
   */
  resolveUrl(url: string): ResolvedUrl {
    const parsed = parseArticleUrl(url);
    if (!parsed) return { kind: 'broken' };
    const entry = this.byKey.get(parsed.questionKey);
    if (entry === undefined) return { kind: 'broken' };
    const t = this.table;
    if (!Array.isArray(entry)) {
      const article = t.article(entry);
      return t.subjectKey(entry) === parsed.subjectKey ? { kind: 'exact', article } : { kind: 'moved', article, candidates: [article] };
    }
    const exact = entry.find((row) => t.subjectKey(row) === parsed.subjectKey);
    if (exact !== undefined) return { kind: 'exact', article: t.article(exact) };
    const candidates = entry.map((row) => t.article(row));
    return { kind: 'moved', article: candidates.length === 1 ? candidates[0] : undefined, candidates };
  }

  resolvedArticle(url: string): Article | undefined {
    const r = this.resolveUrl(url);
    return r.kind === 'broken' ? undefined : r.article;
  }

  /** The `subject` display names used in a subject folder, with how many articles use each. */
  subjectNamesIn(subjectKey: string): ReadonlyMap<string, number> {
    return this.subjectNames.get(subjectKey) ?? new Map();
  }

  /** The `subject` a folder's articles use (the most used name whose slug is the folder), if any. */
  subjectOfFolder(subjectKey: string): string | undefined {
    let best: [string, number] | undefined;
    for (const [name, n] of this.subjectNamesIn(subjectKey)) {
      if (subjectSlug(name) === subjectKey && (!best || n > best[1])) best = [name, n];
    }
    return best?.[0];
  }

  /** Every `subject` display name in the corpus, with how many articles use it. */
  subjects(): Map<string, number> {
    const out = new Map<string, number>();
    for (const names of this.subjectNames.values()) for (const [name, n] of names) out.set(name, (out.get(name) ?? 0) + n);
    return out;
  }

  /** The articles of an entry's rows. */
  private all(entry: OneOrMany<number> | undefined): Article[] {
    return rows(entry).map((row) => this.table.article(row));
  }

  /** The largest id in the corpus (0 when empty). */
  maxId(): number {
    let max = 0;
    for (const id of this.byId.keys()) if (id > max) max = id;
    return max;
  }
}

/**
 * Whether two summaries (by their ids) are two articles, not copies of one: copies share a valid id
 * (`duplicate-id`), and a summary without a valid id is another article than any.
 */
function otherArticle(a: number | undefined, b: number | undefined): boolean {
  return a === undefined || a !== b;
}

/** Puts (or takes out) the referrer entries of the article in `row` with these links. */
function referrerEntries(referrers: ReferrerMaps, row: number, links: readonly RelatedLink[], put: Put = addTo): void {
  for (const link of links) {
    if (link.id !== undefined) put(referrers.byId, link.id, row);
    const key = linkedKey(link);
    if (key !== undefined) put(referrers.byKey, key, row);
  }
}

/** The question-key a link's url names, if it is an article url. */
function linkedKey(link: RelatedLink): string | undefined {
  return link.url ? parseArticleUrl(link.url)?.questionKey : undefined;
}

/** Id / question-key → rows of the articles whose related slots name it (rows, not paths: a path is made when asked). */
interface ReferrerMaps {
  byId: Map<number, OneOrMany<number>>;
  byKey: Map<string, OneOrMany<number>>;
}

/** Values are rows or paths, never arrays, so an array always means several. */
type OneOrMany<V> = V | V[];

function all<V>(entry: OneOrMany<V> | undefined): V[] {
  return entry === undefined ? [] : Array.isArray(entry) ? [...entry] : [entry];
}

/** The rows of an entry, without a copy. */
function rows(entry: OneOrMany<number> | undefined): readonly number[] {
  return entry === undefined ? [] : Array.isArray(entry) ? entry : [entry];
}

/** `addTo` or `removeFrom`. */
type Put = <K, V>(map: Map<K, OneOrMany<V>>, key: K, value: V) => void;

function addTo<K, V>(map: Map<K, OneOrMany<V>>, key: K, value: V): void {
  const entry = map.get(key);
  if (entry === undefined) map.set(key, value);
  else if (Array.isArray(entry)) {
    if (!entry.includes(value)) entry.push(value);
  } else if (entry !== value) map.set(key, [entry, value]);
}

function count(map: Map<string, Map<string, number>>, outer: string, inner: string, delta: number): void {
  let m = map.get(outer);
  if (!m) map.set(outer, (m = new Map()));
  const n = (m.get(inner) ?? 0) + delta;
  if (n > 0) m.set(inner, n);
  else m.delete(inner);
  if (m.size === 0) map.delete(outer);
}

function removeFrom<K, V>(map: Map<K, OneOrMany<V>>, key: K, value: V): void {
  const entry = map.get(key);
  if (entry === value) map.delete(key);
  else if (Array.isArray(entry)) {
    const i = entry.indexOf(value);
    if (i !== -1) entry.splice(i, 1);
    if (entry.length === 1) map.set(key, entry[0]);
  }
}
