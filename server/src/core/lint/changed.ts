/**
 * Which articles `quicktakes lint --changed-since REF` checks: the articles
 * changed since the ref, and those whose problems a change can make or mend
 * elsewhere, found with the finished index: articles whose related links name
 * a changed article (by its id or question-key, as it is now or as it was at
 * the ref, so links to a renamed or deleted article are caught), and articles
 * sharing an id with one (`duplicate-id` is reported on every copy).
 */
import type { Corpus } from '../corpus/corpus';
import type { ArticleLocation } from '../site/paths';
import type { Narrowing } from './lint';

export interface ArticleChanges {
  /** Articles present now that differ from the ref: modified, added, renamed to, untracked. */
  present: Set<string>;
  /** What changed articles were at the ref (modified, deleted, renamed from): where, and their id then. */
  before: { location: ArticleLocation; id?: number }[];
}

export function narrowToChanges(changes: ArticleChanges): Narrowing {
  return {
    first: changes.present,
    all(corpus: Corpus): Set<string> {
      const out = new Set(changes.present);
      const touch = (a: { id?: number; questionKey: string }) => {
        for (const p of corpus.referrersOf(a)) out.add(p);
        if (a.id !== undefined) for (const copy of corpus.withId(a.id)) out.add(copy.path);
      };
      for (const p of changes.present) {
        const article = corpus.get(p);
        if (article) touch(article);
      }
      for (const { location, id } of changes.before) touch({ id, questionKey: location.questionKey });
      return out;
    },
  };
}
