/** Find all references: every related slot in the corpus that points at this article (or at the slot's target, on a slot). */
import type { Location } from 'vscode-languageserver/node';
import { slotAt, slotTarget } from '../core/corpus/targets';
import { pathToUri } from '../uri';
import type { Feature } from './context';
import { currentArticle } from './current';
import { FILE_START } from './definition';

export const referencesFeature: Feature = {
  capabilities: { referencesProvider: true },
  register(ctx) {
    ctx.connection.onReferences((params): Location[] | null => {
      const current = currentArticle(ctx, params.textDocument.uri);
      if (!current?.corpus || !current.article) return null;
      const slot = slotAt(current.model, params.position);
      const target = slot ? slotTarget(current.corpus, slot) : current.article;
      if (!target) return [];
      const out: Location[] = current.corpus.backlinks(target).flatMap(({ from, n }) => {
        const link = from.links.find((l) => l.n === n);
        return link ? [{ uri: pathToUri(from.path), range: link.idRange ?? link.keyRange }] : [];
      });
      if (params.context.includeDeclaration) out.unshift({ uri: pathToUri(target.path), range: target.idRange ?? FILE_START });
      return out;
    });
  },
};
