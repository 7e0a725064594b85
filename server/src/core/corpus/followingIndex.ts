/**
 * The base of the indexes derived from a corpus's articles (suggestions,
 * questions): each follows the corpus, noting the paths that change and
 * indexing them again on its next query, and is built either at once or in
 * short slices that let a server answer meanwhile.
 */
import type { Article } from './article';
import type { Corpus } from './corpus';
import { inSlices, SLICE_MS } from '../loading/slices';

export interface SliceOptions {
  /** How long one slice of work may hold the event loop before it yields (ms, default `SLICE_MS`). */
  sliceMs?: number;
  isCancelled?: () => boolean;
}

export abstract class FollowingIndex {
  /** Paths the corpus changed since they were indexed. */
  private readonly changed = new Set<string>();
  private readonly unsubscribe: () => void;

  constructor(readonly corpus: Corpus) {
    this.unsubscribe = corpus.onChange((path) => this.changed.add(path));
  }

  /** How many articles are indexed. */
  abstract get size(): number;

  /** The article as indexed at `path`, if it is. */
  protected abstract indexed(path: string): Article | undefined;

  /** Adds or replaces one article. */
  abstract set(article: Article): void;

  abstract delete(path: string): void;

  /** Stops following the corpus. */
  dispose(): void {
    this.unsubscribe();
  }

  /** Indexes again what the corpus changed since the last query. */
  protected catchUp(): void {
    for (const path of this.changed) {
      const current = this.corpus.get(path);
      if (!current) this.delete(path);
      else if (this.indexed(path) !== current) this.set(current);
    }
    this.changed.clear();
  }

  /** Indexes, at once, every article not indexed yet. */
  protected fill(): void {
    for (const article of [...this.corpus.articles()]) if (!this.indexed(article.path)) this.set(article);
    this.changed.clear();
  }

  /** Indexes every article of the corpus as it is now, one per step (see slices.ts). */
  protected *fillSteps(): Generator<void, void> {
    for (const article of [...this.corpus.articles()]) {
      if (this.corpus.get(article.path) === article) this.set(article);
      yield;
    }
  }

  /** Runs `steps` (its filling) in slices; when cancelled the index is disposed of and the promise rejects. */
  protected static async inSlices<T extends FollowingIndex>(
    index: T,
    steps: Generator<void, void>,
    options: SliceOptions,
    what: string,
  ): Promise<T> {
    try {
      await inSlices(steps, options.sliceMs ?? SLICE_MS, options.isCancelled);
    } catch (e) {
      index.dispose();
      throw new Error(`Building the ${what} was cancelled.`, { cause: e });
    }
    return index;
  }
}
