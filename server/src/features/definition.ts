/** Go to definition on a related slot: its id, url or title opens the article it points at (none when broken). */
import type { Location } from 'vscode-languageserver/node';
import { slotAt, targetsAt } from '../core/corpus/targets';
import { pathToUri } from '../uri';
import type { Feature } from './context';
import { currentArticle } from './current';

export const FILE_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export const definitionFeature: Feature = {
  capabilities: { definitionProvider: true },
  register(ctx) {
    ctx.connection.onDefinition((params): Location[] | null => {
      const current = currentArticle(ctx, params.textDocument.uri);
      const slot = current && slotAt(current.model, params.position);
      if (!current?.corpus || !slot) return null;
      return targetsAt(current.corpus, slot, params.position).map((a) => ({ uri: pathToUri(a.path), range: FILE_START }));
    });
  },
};
