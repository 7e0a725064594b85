/**
 * The related slots in a corpus whose url leads to given articles: what a move
 * or a retitle rewrites. The index summaries pick the files, so only the files
 * that really link are read, each as it is now (an open buffer or the disk).
 */
import type { Article } from '../corpus/article';
import type { Corpus } from '../corpus/corpus';
import type { ArticleModel, RelatedSlot } from '../frontMatter/model';
import { readArticleModel } from '../frontMatter/read';
import { LineIndex } from '../frontMatter/lineIndex';
import { urlTarget } from '../corpus/targets';

/** A file read for editing: its lines (for ranges) and its model. */
export interface ReadFile {
  path: string;
  lines: LineIndex;
  model: ArticleModel;
}

export function readFile(path: string, text: string): ReadFile {
  return { path, lines: new LineIndex(text), model: readArticleModel(text) };
}

/** Paths (sorted) of the articles whose summary has a related url leading to one of `targets`; a step per target. */
export function* linkingPathSteps(corpus: Corpus, targets: ReadonlySet<Article>): Generator<void, string[]> {
  const paths = new Set<string>();
  for (const target of targets) {
    for (const p of corpus.referrersOf(target)) {
      const from = corpus.get(p);
      if (from?.links.some((l) => l.url !== undefined && corpus.resolvedArticle(l.url) === target)) paths.add(p);
    }
    yield;
  }
  return [...paths].sort();
}

/** The slots of a file whose url leads to one of `targets`, with that article. */
export function slotsLinkingTo(corpus: Corpus, file: ReadFile, targets: ReadonlySet<Article>): { slot: RelatedSlot; target: Article }[] {
  return file.model.related.flatMap((slot) => {
    const target = urlTarget(corpus, slot);
    return target && targets.has(target) ? [{ slot, target }] : [];
  });
}
