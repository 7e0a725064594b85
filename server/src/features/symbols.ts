/** Document symbols (the front matter's fields and related slots, for the outline) and workspace symbols (articles by question). */
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver/node';
import { collapseWhitespace, textOf, type Field } from '../core/frontMatter/model';
import { searchArticles } from '../core/authoring/search';
import { comparePositions } from '../core/frontMatter/lineIndex';
import { pathToUri } from '../uri';
import type { Feature } from './context';
import { currentArticle } from './current';
import { FILE_START } from './definition';

/** Workspace symbols per request: enough to choose from, few enough to send on every keystroke. */
const WORKSPACE_LIMIT = 100;

export const symbolsFeature: Feature = {
  capabilities: { documentSymbolProvider: true, workspaceSymbolProvider: true },
  register(ctx) {
    ctx.connection.onDocumentSymbol((params): DocumentSymbol[] => {
      const current = currentArticle(ctx, params.textDocument.uri);
      return current ? [...current.model.fields.values()].map(toSymbol) : [];
    });

    ctx.connection.onWorkspaceSymbol((params): SymbolInformation[] => {
      if (!ctx.isIndexed()) return [];
      const out: SymbolInformation[] = [];
      for (const corpus of ctx.project.allCorpora()) {
        for (const a of searchArticles(corpus, params.query, { limit: WORKSPACE_LIMIT - out.length }).articles) {
          out.push({
            name: a.title ?? a.questionKey,
            kind: SymbolKind.File,
            location: { uri: pathToUri(a.path), range: FILE_START },
            containerName: [a.subject ?? a.subjectKey, a.id !== undefined ? `#${a.id}` : undefined].filter(Boolean).join(' · '),
          });
        }
      }
      return out;
    });
  },
};

function toSymbol(field: Field): DocumentSymbol {
  const end = comparePositions(field.valueRange.end, field.keyRange.end) > 0 ? field.valueRange.end : field.keyRange.end;
  const children = field.children ? [...field.children.values()].map(toSymbol) : undefined;
  const title = field.children?.get('title');
  const shown = textOf(field.value.kind === 'map' && title ? title : field);
  return {
    name: field.key,
    detail: shown === undefined ? undefined : short(collapseWhitespace(shown)),
    kind: kindOf(field),
    range: { start: field.keyRange.start, end },
    selectionRange: field.keyRange,
    children,
  };
}

function kindOf(field: Field): SymbolKind {
  const v = field.value;
  if (v.kind === 'map') return SymbolKind.Object;
  if (v.kind === 'seq') return SymbolKind.Array;
  if (typeof v.value === 'number') return SymbolKind.Number;
  if (typeof v.value === 'boolean') return SymbolKind.Boolean;
  return v.value === null ? SymbolKind.Null : SymbolKind.String;
}

function short(s: string): string {
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}
