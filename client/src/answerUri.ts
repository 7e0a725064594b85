/**
 * Where an article's answer document lives: `quicktakes-answer:<dir>/<name>/<name>.answer.md`
 * for the article `<dir>/<name>.md`. A Markdown file name, so it opens as Markdown
 * and its tab names the article, and one folder deeper than `learn/<subject>/*.md`,
 * so it is never taken for an article.
 */
import * as vscode from 'vscode';

export const ANSWER_SCHEME = 'quicktakes-answer';

/** The answer document of an article file (undefined for a URI that is not a `.md` file). */
export function answerUriOf(article: vscode.Uri): vscode.Uri | undefined {
  const m = /^(.*\/([^/]+))\.md$/.exec(article.path);
  if (article.scheme !== 'file' || !m) return undefined;
  return vscode.Uri.from({ scheme: ANSWER_SCHEME, path: `${m[1]}/${m[2]}.answer.md` });
}

/** The article of an answer document (undefined for any other URI). */
export function articleUriOf(answer: vscode.Uri): vscode.Uri | undefined {
  const m = /^(.*\/([^/]+))\/([^/]+)\.answer\.md$/.exec(answer.path);
  if (answer.scheme !== ANSWER_SCHEME || !m || m[2] !== m[3]) return undefined;
  return vscode.Uri.file(`${m[1]}.md`);
}
