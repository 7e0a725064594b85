/**
 * Code lenses: on the article's `id`, how many articles link to it (click: Show
 * Backlinks); on `answer`, Edit Answer (the answer as a Markdown document).
 */
import type { CodeLens } from 'vscode-languageserver/node';
import { referringArticles } from '../core/corpus/targets';
import type { Feature } from './context';
import { currentArticle } from './current';

export const codeLensFeature: Feature = {
  capabilities: { codeLensProvider: { resolveProvider: false } },
  register(ctx) {
    ctx.connection.onCodeLens((params): CodeLens[] => {
      const uri = params.textDocument.uri;
      const current = currentArticle(ctx, uri);
      const lenses: CodeLens[] = [];
      const answer = current?.model.fields.get('answer');
      if (answer) {
        lenses.push({
          range: answer.keyRange,
          command: { title: 'Edit answer as Markdown', command: 'quicktakes.editAnswer', arguments: [uri] },
        });
      }
      const id = current?.model.fields.get('id');
      if (!current?.corpus || !current.article || !id) return lenses;
      const n = referringArticles(current.corpus, current.article).length;
      const title = n === 0 ? 'Linked from no article' : `Linked from ${n} article${n === 1 ? '' : 's'}`;
      // an empty command id makes a plain label
      lenses.unshift({ range: id.keyRange, command: { title, command: n === 0 ? '' : 'quicktakes.showBacklinks' } });
      return lenses;
    });
  },
};
