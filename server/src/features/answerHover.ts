/**
 * The hover inside a flagged span of the `answer`: what the live site will show
 * there (the diagnostic's own message is shown by the editor beside it). A hook
 * of the hover feature (hover.ts), which asks it first.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import { answerFindingsAt } from '../core/checks/answer';
import type { ArticleModel } from '../core/frontMatter/model';

export function answerHover(model: ArticleModel, position: Position): Hover | null {
  let found: ReturnType<typeof answerFindingsAt>;
  try {
    found = answerFindingsAt(model, position);
  } catch {
    return null; // a hover must never take the server down
  }
  if (found.length === 0) return null;
  const lines = found.map(({ finding }) => `**On the site:** ${finding.shows()}`);
  return { range: found[0].range, contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') } };
}
