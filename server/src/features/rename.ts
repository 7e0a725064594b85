/**
 * Rename an article's `id`: the id itself and the `id` of every related slot in
 * the corpus that points at the article, as one workspace edit. Refused for an
 * id that is not a positive integer or that another article has.
 */
import { LSPErrorCodes, ResponseError, type Range, type WorkspaceEdit } from 'vscode-languageserver/node';
import { renameEdits } from '../core/authoring/rename';
import { rangeContains } from '../core/frontMatter/lineIndex';
import { pathToUri } from '../uri';
import type { Feature } from './context';
import { currentArticle } from './current';

const ONLY_ID = 'Rename works on an article’s own `id`: put the cursor on the value of `id:`.';

export const renameFeature: Feature = {
  capabilities: { renameProvider: { prepareProvider: true } },
  register(ctx) {
    ctx.connection.onPrepareRename((params): { range: Range; placeholder: string } => {
      const current = currentArticle(ctx, params.textDocument.uri);
      const id = current?.model.fields.get('id');
      if (!current?.article || !id || !rangeContains(id.valueRange, params.position)) throw failure(ONLY_ID);
      if (current.article.id === undefined) throw failure('This article’s `id` is not an integer; write a valid one first.');
      return { range: id.valueRange, placeholder: String(current.article.id) };
    });

    ctx.connection.onRenameRequest((params): WorkspaceEdit => {
      const current = currentArticle(ctx, params.textDocument.uri);
      const id = current?.model.fields.get('id');
      if (!current?.article || !current.corpus || !id || !rangeContains(id.valueRange, params.position)) throw failure(ONLY_ID);
      const result = renameEdits(current.corpus, current.article, current.model, params.newName, ctx.textOf);
      if ('error' in result) throw failure(result.error);
      return { changes: Object.fromEntries([...result.edits].map(([path, edits]) => [pathToUri(path), edits])) };
    });
  },
};

function failure(message: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestFailed, message);
}
