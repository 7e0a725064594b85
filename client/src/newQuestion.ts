/**
 * "QuickTakes: New Question": pick a subject, type the question, see the
 * existing articles that already ask it (in other words too) and open one or
 * go on; the server plans the file (next id, display name, no overwrite, slug
 * collisions) and this creates it and puts the cursor in the answer.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  NEW_QUESTION_INFO_REQUEST,
  NEW_QUESTION_REQUEST,
  SIMILAR_QUESTIONS_REQUEST,
  type NewQuestionInfo,
  type NewQuestionParams,
  type NewQuestionResult,
} from '../../server/src/protocol';

type LearnRoot = NewQuestionInfo['learnRoots'][number];

async function pickLearnRoot(roots: LearnRoot[]): Promise<LearnRoot | undefined> {
  if (roots.length <= 1) return roots[0];
  const picked = await vscode.window.showQuickPick(
    roots.map((r) => ({ label: vscode.workspace.asRelativePath(vscode.Uri.parse(r.uri)), root: r })),
    { title: 'New Question: which content folder?' },
  );
  return picked?.root;
}

async function create(result: Extract<NewQuestionResult, { uri: string }>): Promise<void> {
  const uri = vscode.Uri.parse(result.uri);
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(result.text) });
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`Could not create ${vscode.workspace.asRelativePath(uri)} (does it exist already?).`);
    return;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  await document.save();
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const at = new vscode.Position(result.cursor.line, result.cursor.character);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

const CREATE_ANYWAY = 'create';

/**
 * The existing articles asking `question`, to open one instead of writing it again:
 * true to go on and create the article, false when the author opened one or gave up.
 */
async function noneAlreadyAsked(client: LanguageClient, root: LearnRoot, subjectKey: string, question: string): Promise<boolean> {
  const similar = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'QuickTakes: looking for questions that already exist…' },
    () => client.sendRequest(SIMILAR_QUESTIONS_REQUEST, { question, learnRootUri: root.uri, subjectKey, limit: 5 }),
  );
  if (similar.length === 0) return true;
  type Item = vscode.QuickPickItem & { uri: string };
  const items: Item[] = [
    { label: `$(add) Create “${question}” anyway`, uri: CREATE_ANYWAY, alwaysShow: true },
    { label: 'Already asked', kind: vscode.QuickPickItemKind.Separator, uri: '' },
    ...similar.map((s) => ({ label: s.title, description: `${s.subject ?? ''} · id ${s.id}`, detail: s.url, uri: s.uri })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `New Question: ${similar.length === 1 ? 'an article asks' : `${similar.length} articles ask`} this already`,
    placeHolder: 'Open an existing article, or create the new one anyway',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return false;
  if (picked.uri === CREATE_ANYWAY) return true;
  await vscode.window.showTextDocument(vscode.Uri.parse(picked.uri), { preview: false });
  return false;
}

/** The learn folder and subject of a subject folder (a folder right inside a learn folder), if `folder` is one. */
function subjectFolder(
  info: NewQuestionInfo,
  folder: vscode.Uri,
): { root: LearnRoot; subject: { key: string; label: string; hidden?: boolean } } | undefined {
  const parent = vscode.Uri.joinPath(folder, '..').toString();
  const root = info.learnRoots.find((r) => vscode.Uri.parse(r.uri).toString() === parent);
  const key = folder.path.slice(folder.path.lastIndexOf('/') + 1);
  const known = root?.subjects.find((s) => s.key === key);
  return root && { root, subject: { key, label: known?.name ?? key, hidden: known?.hidden } };
}

/** New Question; in the subject of `folder` when it is a subject folder (the Explorer's context menu passes it). */
export async function newQuestion(client: LanguageClient, folder?: vscode.Uri): Promise<void> {
  const info = await client.sendRequest(NEW_QUESTION_INFO_REQUEST, {});
  const preset = folder && subjectFolder(info, folder);
  const root = preset?.root ?? (await pickLearnRoot(info.learnRoots));
  if (!root) {
    if (info.learnRoots.length === 0)
      void vscode.window.showWarningMessage('No QuickTakes content folder (content/learn) is open in this workspace.');
    return;
  }
  const subject =
    preset?.subject ??
    (await vscode.window.showQuickPick(
      root.subjects.map((s) => ({
        label: s.name,
        description: s.hidden ? `${s.key} · published hidden (noindex)` : s.key,
        key: s.key,
        hidden: s.hidden,
      })),
      { title: 'New Question: subject', placeHolder: 'Pick the subject folder', matchOnDescription: true },
    ));
  if (!subject) return;
  const question = await vscode.window.showInputBox({
    title: `New Question in ${subject.label}${subject.hidden ? ' (published hidden)' : ''} (id ${root.nextId})`,
    prompt: 'The question, as readers will see it; its file name is made from it.',
    validateInput: (v) => (/[\p{L}\p{N}]/u.test(v) ? undefined : 'Type a question.'),
  });
  if (!question) return;
  if (!(await noneAlreadyAsked(client, root, subject.key, question))) return;
  const params: NewQuestionParams = { learnRootUri: root.uri, subjectKey: subject.key, question };
  let result = await client.sendRequest(NEW_QUESTION_REQUEST, params);
  if ('error' in result && result.reason === 'collision') {
    const choice = await vscode.window.showWarningMessage(result.error, { modal: true }, 'Create Anyway', 'Open Existing');
    if (choice === 'Open Existing' && result.existingUri) await vscode.window.showTextDocument(vscode.Uri.parse(result.existingUri));
    if (choice !== 'Create Anyway') return;
    result = await client.sendRequest(NEW_QUESTION_REQUEST, { ...params, allowCollision: true });
  }
  if ('error' in result) {
    const existing = result.existingUri;
    const choice = await vscode.window.showErrorMessage(result.error, ...(existing ? ['Open Existing'] : []));
    if (choice && existing) await vscode.window.showTextDocument(vscode.Uri.parse(existing));
    return;
  }
  await create(result);
  if (result.notice) void vscode.window.showInformationMessage(result.notice);
}

/**
 * Keeps the `quicktakes.learnFolders` context key (the learn folders' paths, as
 * the Explorer's `resourceDirname` spells them) current, for New Question on a
 * subject folder's context menu.
 */
export function trackLearnFolders(client: LanguageClient, changes: vscode.Event<void>): vscode.Disposable {
  const update = async () => {
    const info = await client.sendRequest(NEW_QUESTION_INFO_REQUEST, {});
    await vscode.commands.executeCommand(
      'setContext',
      'quicktakes.learnFolders',
      info.learnRoots.map((r) => vscode.Uri.parse(r.uri).fsPath),
    );
  };
  return changes(() => void update().catch(() => undefined));
}
