/**
 * Which articles `quicktakes lint --changed-since REF` checks: the articles
 * changed since the ref, and those whose problems a change can make or mend
 * elsewhere, found with the finished index: articles whose related links name
 * a changed article (by its id or question-key, as it is now or as it was at
 * the ref, so links to a renamed or deleted article are caught), articles
 * sharing an id with one (`duplicate-id` is reported on every copy), and
 * articles asking the same question as one, now or at the ref (`question-duplicate`).
 */
import type { Corpus } from '../corpus/corpus';
import type { ArticleLocation } from '../site/paths';
import type { Narrowing } from './lint';

export interface ArticleChanges {
  /** Articles present now that differ from the ref: modified, added, renamed to, untracked. */
  present: Set<string>;
  /** What changed articles were at the ref (modified, deleted, renamed from): where, and their id and question then. */
  before: { location: ArticleLocation; id?: number; normalizedQuestion?: string }[];
}

export function narrowToChanges(changes: ArticleChanges): Narrowing {
  return {
    first: changes.present,
    all(corpus: Corpus): Set<string> {
      const out = new Set(changes.present);
      const touch = (a: { path: string; id?: number; questionKey: string; normalizedQuestion?: string }) => {
        for (const p of corpus.referrersOf(a)) out.add(p);
        if (a.id !== undefined) for (const copy of corpus.withId(a.id)) out.add(copy.path);
        for (const same of corpus.sameQuestion(a)) out.add(same.path);
      };
      for (const p of changes.present) {
        const article = corpus.get(p);
        if (article) touch(article);
      }
      for (const { location, id, normalizedQuestion } of changes.before) {
        touch({ path: location.path, id, questionKey: location.questionKey, normalizedQuestion });
      }
      return out;
    },
  };
}
