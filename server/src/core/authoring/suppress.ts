/**
 * Quick fixes around suppression comments (checks/suppressions.ts): silence a
 * diagnostic on its key or in the whole file, and remove a suppression that
 * silences nothing. Offered in the editor only: they are never preferred, so
 * "fix all" and `quicktakes fix` do not apply them.
 */
import type { Diagnostic } from '../checks/diagnostics';
import type { ArticleModel, Field, Range, SuppressionComment } from '../frontMatter/model';
import { LineIndex } from '../frontMatter/lineIndex';
import { eolOf, type TextEdit } from './edits';
import type { Fix } from './fixes';

export function suppressionFixes(text: string, model: ArticleModel, d: Diagnostic): Fix[] {
  if (!model.frontMatter) return [];
  if (d.code === 'unused-suppression') {
    const removal = removeSuppression(text, model, d.range);
    return removal ? [{ ...removal, code: d.code, preferred: false }] : [];
  }
  const eol = eolOf(text);
  const comments = model.suppressions ?? [];
  const out: Fix[] = [];
  const field = fieldAt(model.fields, d.range);
  if (field) {
    const line = field.keyRange.start.line;
    const above = comments.find((c) => c.scope === 'next-line' && c.line === line - 1);
    const at = { line, character: 0 };
    const edit: TextEdit = above
      ? addCode(above, d.code)
      : {
          range: { start: at, end: at },
          newText: `${' '.repeat(field.keyRange.start.character)}# quicktakes-disable-next-line ${d.code}${eol}`,
        };
    out.push({ title: `Suppress ${d.code} on this key`, code: d.code, edits: [edit], preferred: false });
  }
  const fileWide = comments.find((c) => c.scope === 'file');
  const top = { line: model.frontMatter.openLine + 1, character: 0 };
  const edit: TextEdit = fileWide
    ? addCode(fileWide, d.code)
    : { range: { start: top, end: top }, newText: `# quicktakes-disable ${d.code}${eol}` };
  out.push({ title: `Suppress ${d.code} in this file`, code: d.code, edits: [edit], preferred: false });
  return out;
}

/** The innermost key whose entry (key line to its value's last line) holds the range. */
function fieldAt(fields: Map<string, Field>, range: Range): Field | undefined {
  for (const f of fields.values()) {
    const first = f.keyRange.start.line;
    const last = Math.max(first, f.valueRange.end.line);
    if (range.start.line < first || range.end.line > last) continue;
    return (f.children && fieldAt(f.children, range)) ?? f;
  }
  return undefined;
}

function addCode(comment: SuppressionComment, code: string): TextEdit {
  return { range: { start: comment.range.end, end: comment.range.end }, newText: ` ${code}` };
}

/** The whole comment line when the range is the whole comment, else the one code (with the separator before it). */
function removeSuppression(text: string, model: ArticleModel, range: Range): { title: string; edits: TextEdit[] } | undefined {
  const comment = model.suppressions?.find((c) => c.line === range.start.line);
  if (!comment) return undefined;
  const lines = new LineIndex(text);
  if (range.start.character === comment.range.start.character && range.end.character === comment.range.end.character) {
    if (comment.line + 1 >= lines.lineCount) return undefined; // the closing fence always follows
    const whole = { start: { line: comment.line, character: 0 }, end: lines.position(lines.lineStart(comment.line + 1)) };
    return { title: 'Remove the unused suppression', edits: [{ range: whole, newText: '' }] };
  }
  const code = comment.codes.find((c) => c.range.start.character === range.start.character);
  if (!code) return undefined;
  let start = lines.offset(code.range.start);
  while (start > 0 && /[ \t,]/.test(text[start - 1])) start--;
  return {
    title: `Remove ${code.code} from the suppression`,
    edits: [{ range: lines.range(start, lines.offset(code.range.end)), newText: '' }],
  };
}
