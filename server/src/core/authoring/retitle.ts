/**
 * Retitling an article: the `title` of every related slot in the corpus whose
 * url leads to it, set to the article's title (as the index has it: an open
 * document's unsaved title counts), each in its file's own style.
 */
import type { Article } from '../corpus/article';
import type { Corpus } from '../corpus/corpus';
import { collapseWhitespace, textOf as fieldText } from '../frontMatter/model';
import { replaceValue, type TextEdit } from './edits';
import { atOnce } from '../loading/slices';
import { linkingPathSteps, readFile, slotsLinkingTo } from './linkingSlots';

/** Path → edits of the slots whose title differs from the article's; empty when every linking slot agrees. */
export function retitleEdits(corpus: Corpus, article: Article, textOf: (path: string) => string): Map<string, TextEdit[]> {
  const title = article.title;
  const edits = new Map<string, TextEdit[]>();
  if (title === undefined || title === '') return edits;
  // the summaries tell which slots drifted: only those files are read
  if (!corpus.backlinks(article).some(({ from, n }) => drifted(from, n, title))) return edits;
  const targets = new Set([article]);
  for (const path of atOnce(linkingPathSteps(corpus, targets))) {
    const file = readFile(path, textOf(path));
    const changed = slotsLinkingTo(corpus, file, targets).flatMap(({ slot }) => {
      const current = fieldText(slot.title);
      return slot.title && current !== undefined && collapseWhitespace(current) !== title
        ? [replaceValue(file.lines, slot.title, title)]
        : [];
    });
    if (changed.length > 0) edits.set(file.path, changed);
  }
  return edits;
}

function drifted(from: Article, n: number, title: string): boolean {
  const link = from.links.find((l) => l.n === n);
  return link?.title !== undefined && link.title !== title;
}
