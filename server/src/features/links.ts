/** Document links on related slots: id, url and title each link to the article they name; a broken or ambiguous value gets none. */
import type { DocumentLink } from 'vscode-languageserver/node';
import type { Article } from '../core/corpus/article';
import { contentRange } from '../core/authoring/edits';
import type { Range } from '../core/frontMatter/model';
import { idTarget, slotTarget, urlTarget } from '../core/corpus/targets';
import { LineIndex } from '../core/frontMatter/lineIndex';
import { pathToUri } from '../uri';
import type { Feature } from './context';
import { currentArticle } from './current';

export const linksFeature: Feature = {
  capabilities: { documentLinkProvider: { resolveProvider: false } },
  register(ctx) {
    ctx.connection.onDocumentLinks((params): DocumentLink[] => {
      const current = currentArticle(ctx, params.textDocument.uri);
      const corpus = current?.corpus;
      if (!current || !corpus) return [];
      const lines = new LineIndex(current.text);
      const out: DocumentLink[] = [];
      const link = (range: Range | undefined, target: Article | undefined) => {
        if (range && target) out.push({ range, target: pathToUri(target.path), tooltip: `Open “${target.title ?? target.questionKey}”` });
      };
      for (const slot of current.model.related) {
        link(slot.id?.valueRange, idTarget(corpus, slot));
        link(slot.url?.valueRange, urlTarget(corpus, slot));
        link(slot.title && contentRange(lines, slot.title), slotTarget(corpus, slot));
      }
      return out;
    });
  },
};
