/**
 * The hover inside a flagged span of the answer: what the live site will show
 * there (the diagnostic's own message is shown by the editor beside it). In the
 * article, a hook of the hover feature (hover.ts), which asks it first; in an
 * answer document, `quicktakes/answerHover` (answerDocument.ts).
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import { answerFindingsAt, type AnswerFinding } from '../core/checks/answer';
import { answerTextFindingsAt } from '../core/checks/answerText';
import type { ArticleModel, Range } from '../core/frontMatter/model';

/** In the article's `answer`. */
export function answerHover(model: ArticleModel, position: Position): Hover | null {
  return hoverOf(() => answerFindingsAt(model, position));
}

/** In an answer text (an answer document), in its own positions. */
export function answerTextHover(text: string, position: Position): Hover | null {
  return hoverOf(() => answerTextFindingsAt(text, position));
}

/** Both places word it alike, so the answer document explains a span exactly as the article does. */
function hoverOf(find: () => { finding: AnswerFinding; range: Range }[]): Hover | null {
  let found: ReturnType<typeof find>;
  try {
    found = find();
  } catch {
    return null; // a hover must never take the server down
  }
  if (found.length === 0) return null;
  const lines = found.map(({ finding }) => `**On the site:** ${finding.shows()}`);
  return { range: found[0].range, contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') } };
}
