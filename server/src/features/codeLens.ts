/** A code lens on the article's `id`: how many articles link to it (click: Show Backlinks). */
import type { CodeLens } from 'vscode-languageserver/node';
import { referringArticles } from '../core/corpus/targets';
import type { Feature } from './context';
import { currentArticle } from './current';

export const codeLensFeature: Feature = {
  capabilities: { codeLensProvider: { resolveProvider: false } },
  register(ctx) {
    ctx.connection.onCodeLens((params): CodeLens[] => {
      const current = currentArticle(ctx, params.textDocument.uri);
      const id = current?.model.fields.get('id');
      if (!current?.corpus || !current.article || !id) return [];
      const n = referringArticles(current.corpus, current.article).length;
      const title = n === 0 ? 'Linked from no article' : `Linked from ${n} article${n === 1 ? '' : 's'}`;
      // an empty command id makes a plain label
      return [{ range: id.keyRange, command: { title, command: n === 0 ? '' : 'quicktakes.showBacklinks' } }];
    });
  },
};
