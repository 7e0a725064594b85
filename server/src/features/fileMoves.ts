/**
 * Moving and renaming article files and subject folders (core/authoring/move.ts).
 * The server declares `workspace.fileOperations` `willRename` and `didRename`
 * for article files and subject folders; it answers `workspace/willRenameFiles`
 * with the one edit that keeps every link right, its warnings shown with
 * `window/showMessage`; `quicktakes/fileMoves` answers the same as data (edit,
 * files, warnings), for a client that asks the author before applying it; and
 * `workspace/didRenameFiles` brings the index up to date at once. With the
 * site's redirect table, the same edit writes the moved articles' redirect
 * entries into it (core/authoring/redirects.ts).
 */
import {
  FileOperationPatternKind,
  MessageType,
  ShowMessageNotification,
  type FileOperationRegistrationOptions,
  type FileRename as WireRename,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { planMoveSteps, type FileRename } from '../core/authoring/move';
import { movedRedirectsEdits } from '../core/authoring/redirects';
import { inSlices } from '../core/loading/slices';
import type { TextEdit } from '../core/authoring/edits';
import type { Redirect, RedirectTable } from '../core/site/routes';
import { FILE_MOVES_REQUEST, type FileMovesResult } from '../protocol';
import { pathToUri, uriToPath } from '../uri';
import type { Feature, ServerContext } from './context';

/**
 * Every article is `…/learn/<subject-key>/<question-key>.md` whatever the content
 * setting says, so these globs name article files and subject folders; renames
 * outside an indexed learn folder change nothing.
 */
const FILTERS: FileOperationRegistrationOptions['filters'] = [
  { scheme: 'file', pattern: { glob: '**/learn/*/*.md', matches: FileOperationPatternKind.file } },
  { scheme: 'file', pattern: { glob: '**/learn/*', matches: FileOperationPatternKind.folder } },
];

const NOT_INDEXED = 'QuickTakes is still indexing the workspace: links to the moved articles were not updated.';

function renamesOf(files: readonly WireRename[]): FileRename[] {
  return files.flatMap((f) => {
    const from = uriToPath(f.oldUri);
    const to = uriToPath(f.newUri);
    return from && to ? [{ from, to }] : [];
  });
}

/** The edit and warnings of a rename, over every indexed learn folder. */
export async function fileMoves(ctx: ServerContext, files: readonly WireRename[]): Promise<FileMovesResult> {
  const result: FileMovesResult = { edit: null, files: [], articles: 0, redirects: [], warnings: [] };
  if (!ctx.isIndexed()) return { ...result, notIndexed: true };
  await ctx.settled(); // disk changes already received are in the index
  const renames = renamesOf(files);
  const moved: string[] = [];
  const edits = new Map<string, TextEdit[]>();
  // redirect table path → the table as read (from an open buffer, else the disk) and the redirects the moves need
  const tables = new Map<string, { text: string; table: RedirectTable; redirects: Redirect[] }>();
  for (const corpus of ctx.project.allCorpora()) {
    if (!renames.some((r) => r.from.startsWith(`${corpus.learnRoot}/`))) continue;
    await inSlices(corpus.referrerSteps()); // built once, in slices, if no open article has asked yet
    const table = corpus.site?.redirects;
    const { path: tablePath, text = '' } = corpus.site?.file('redirects') ?? {};
    // thousands of files for a subject folder: read in slices, so the server keeps answering
    const plan = await inSlices(planMoveSteps(corpus, renames, { textOf: ctx.textOf, redirectTable: table !== undefined }));
    if (table && tablePath && plan.redirects.length > 0) {
      const entry = tables.get(tablePath) ?? { text, table, redirects: [] };
      tables.set(tablePath, entry);
      entry.redirects.push(...plan.redirects);
    }
    result.articles += plan.moves.length;
    moved.push(...plan.moves.map((m) => m.from.path));
    result.redirects.push(...plan.redirects);
    result.warnings.push(...plan.warnings.map((w) => ({ kind: w.kind, uris: w.paths.map(pathToUri), message: w.message })));
    for (const [path, e] of plan.edits) edits.set(path, [...(edits.get(path) ?? []), ...e]);
  }
  // one edit per table, once every learn folder is planned: folders may share a table, and two appends would collide
  for (const [path, { text, table, redirects }] of tables) {
    const tableEdits = movedRedirectsEdits(text, table, redirects);
    if (tableEdits.length > 0) edits.set(path, tableEdits);
  }
  const order = [...moved.filter((p) => edits.has(p)), ...[...edits.keys()].filter((p) => !moved.includes(p)).sort()];
  if (order.length === 0) return result;
  const changes: NonNullable<WorkspaceEdit['changes']> = {};
  for (const path of order) changes[pathToUri(path)] = edits.get(path)!;
  return { ...result, edit: { changes }, files: Object.keys(changes) };
}

export const fileMovesFeature: Feature = {
  capabilities: { workspace: { fileOperations: { willRename: { filters: FILTERS }, didRename: { filters: FILTERS } } } },
  register(ctx) {
    const failed = (e: unknown) => ctx.connection.console.error(`quicktakes: planning a file move failed: ${(e as Error)?.stack ?? e}`);

    ctx.connection.workspace.onWillRenameFiles(async ({ files }): Promise<WorkspaceEdit | null> => {
      try {
        const result = await fileMoves(ctx, files);
        const messages = result.notIndexed ? [NOT_INDEXED] : result.warnings.map((w) => w.message);
        for (const message of messages) {
          void ctx.connection.sendNotification(ShowMessageNotification.type, {
            type: MessageType.Warning,
            message: `QuickTakes: ${message}`,
          });
        }
        return result.edit;
      } catch (e) {
        failed(e);
        return null;
      }
    });

    ctx.connection.onRequest(FILE_MOVES_REQUEST, async ({ files }): Promise<FileMovesResult> => {
      try {
        return await fileMoves(ctx, files);
      } catch (e) {
        failed(e);
        return { edit: null, files: [], articles: 0, redirects: [], warnings: [] };
      }
    });

    ctx.connection.workspace.onDidRenameFiles(({ files }) => {
      // the file watcher reports the same later; the index follows now, so the next request sees the new paths
      ctx.diskChanged(
        renamesOf(files).flatMap(({ from, to }) => [
          { path: from, deleted: true },
          { path: to, deleted: false },
        ]),
      );
    });
  },
};
