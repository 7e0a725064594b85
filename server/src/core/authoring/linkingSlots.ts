/**
 * The related slots in a corpus whose url leads to given articles, each read
 * from its file as it is now (an open buffer or the disk, through `textOf`):
 * what a move or a retitle rewrites. The index summaries pick the files, so
 * only files that really link are read.
 */
import type { Article } from '../corpus/article';
import type { Corpus } from '../corpus/corpus';
import type { ArticleModel, RelatedSlot } from '../frontMatter/model';
import { readArticleModel } from '../frontMatter/read';
import { LineIndex } from '../frontMatter/lineIndex';
import { urlTarget } from '../corpus/targets';

export interface LinkingFile {
  path: string;
  lines: LineIndex;
  model: ArticleModel;
  /** Its slots whose url leads to one of the articles, with that article. */
  slots: { slot: RelatedSlot; target: Article }[];
}

/** The files (each once, by path) with a related slot whose url leads to one of `targets`. */
export function linkingFiles(corpus: Corpus, targets: Iterable<Article>, textOf: (path: string) => string): LinkingFile[] {
  const wanted = new Set<Article>(targets);
  const paths = new Set<string>();
  for (const target of wanted) {
    for (const p of corpus.referrersOf(target)) {
      const from = corpus.get(p);
      if (from?.links.some((l) => l.url !== undefined && corpus.resolvedArticle(l.url) === target)) paths.add(p);
    }
  }
  const out: LinkingFile[] = [];
  for (const path of [...paths].sort()) {
    const text = textOf(path);
    const model = readArticleModel(text);
    const slots = model.related.flatMap((slot) => {
      const target = urlTarget(corpus, slot);
      return target && wanted.has(target) ? [{ slot, target }] : [];
    });
    if (slots.length > 0) out.push({ path, lines: new LineIndex(text), model, slots });
  }
  return out;
}
