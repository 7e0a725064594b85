/**
 * A corpus's derived index (suggestions, questions) kept in the corpus's
 * caches: built on the first request that needs it, in short slices that let
 * other requests through, then following the corpus's changes; it goes with
 * the corpus.
 */
import { CacheKey } from '../core/corpus/caches';
import type { Corpus } from '../core/corpus/corpus';
import type { FollowingIndex, SliceOptions } from '../core/corpus/followingIndex';
import type { ServerContext } from './context';

/** The build in progress, then the index. */
class Slot<T extends FollowingIndex> {
  building?: Promise<T>;
  ready?: T;
  disposed = false;

  dispose(): void {
    this.disposed = true; // a build in progress stops at its next slice
    this.ready?.dispose();
    this.ready = undefined;
  }
}

export class IndexSlot<T extends FollowingIndex> {
  private readonly key: CacheKey<Slot<T>, Corpus>;

  /** `what` names the index in the log; `build` builds it in slices. */
  constructor(
    private readonly what: string,
    private readonly build: (corpus: Corpus, options: SliceOptions) => Promise<T>,
  ) {
    this.key = new CacheKey<Slot<T>, Corpus>(
      what,
      () => new Slot<T>(),
      (slot) => slot.dispose(),
    );
  }

  /** The corpus's index, building it in the background on first use. */
  when(ctx: ServerContext, corpus: Corpus): Promise<T> {
    const slot = corpus.caches.get(this.key);
    let pending = slot.building;
    if (!pending) {
      const started = Date.now();
      const isCancelled = () => slot.disposed || !ctx.project.allCorpora().includes(corpus);
      pending = this.build(corpus, { isCancelled }).then((index) => {
        if (slot.disposed) index.dispose();
        else slot.ready = index;
        ctx.connection.console.info(`quicktakes: ${this.what} of ${index.size} articles built in ${Date.now() - started} ms`);
        return index;
      });
      const built = pending;
      built.catch(() => slot.building === built && (slot.building = undefined)); // a cancelled build may start again
      slot.building = pending;
    }
    return pending;
  }

  /** The index if it is built; never starts a build (for requests that must stay fast, e.g. completion). */
  ready(corpus: Corpus): T | undefined {
    return corpus.caches.peek(this.key)?.ready;
  }
}
