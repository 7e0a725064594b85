/**
 * Suppression comments in the front matter: `# quicktakes-disable-next-line CODE…`
 * silences those codes on the key that follows (its whole entry, sub-keys
 * included), `# quicktakes-disable CODE…` in the whole file. `checkOwn` turns
 * the comments into marks (diagnostics carrying `data.suppression`), so they
 * travel wherever own-file findings go (lint threads, the lint cache);
 * `applySuppressions`, once all of a file's findings are together, takes the
 * marks out, drops what they silence and reports the marks that silenced nothing.
 */
import { CODES, compareDiagnostics, type Diagnostic, type SuppressionMark } from './diagnostics';
import type { ArticleModel, Field, Range } from '../frontMatter/model';

/** The marks of the model's suppression comments (none for almost every article). */
export function suppressionMarks(model: ArticleModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of model.suppressions ?? []) {
    const lines = c.scope === 'file' ? 'file' : nextEntryLines(model.fields, c.line);
    const named = c.codes.length > 0 ? c.codes : [{ code: '', range: c.range }];
    for (const { code, range } of named) {
      const suppression: SuppressionMark = { code, known: Object.hasOwn(CODES, code), comment: c.range, lines };
      out.push({ code: 'unused-suppression', severity: CODES['unused-suppression'].severity, message: '', range, data: { suppression } });
    }
  }
  return out;
}

/** The lines of the entry of the first key (at any depth) below `line`: its key line to its value's last line. */
function nextEntryLines(fields: Map<string, Field>, line: number): [number, number] | null {
  let best: Field | undefined;
  const visit = (map: Map<string, Field>) => {
    for (const f of map.values()) {
      const at = f.keyRange.start.line;
      if (at > line && (!best || at < best.keyRange.start.line)) best = f;
      if (f.children) visit(f.children);
    }
  };
  visit(fields);
  return best ? [best.keyRange.start.line, Math.max(best.keyRange.start.line, best.valueRange.end.line)] : null;
}

function covers(mark: SuppressionMark, range: Range): boolean {
  if (mark.lines === 'file') return true;
  if (!mark.lines) return false;
  const [first, last] = mark.lines;
  return range.start.line >= first && (range.end.line <= last || (range.end.line === last + 1 && range.end.character === 0));
}

export interface SuppressOptions {
  /** Report the marks that silenced nothing (not while only part of the file's checks have run). */
  unused?: boolean;
}

/** A file's diagnostics without those its suppression comments silence, plus one `unused-suppression` per comment (or code) that silenced nothing. */
export function applySuppressions(diagnostics: Diagnostic[], options: SuppressOptions = {}): Diagnostic[] {
  const marks: Diagnostic[] = [];
  for (const d of diagnostics) if (d.data?.suppression) marks.push(d);
  if (marks.length === 0) return diagnostics;
  const used = new Set<Diagnostic>();
  const kept = diagnostics.filter((d) => {
    if (d.data?.suppression) return false;
    let silenced = false;
    for (const m of marks) {
      if (m.data!.suppression!.code === d.code && covers(m.data!.suppression!, d.range)) {
        used.add(m);
        silenced = true;
      }
    }
    return !silenced;
  });
  if (options.unused === false) return kept;
  // one report per comment whose codes all silenced nothing, else one per such code
  const byComment = new Map<string, Diagnostic[]>();
  for (const m of marks) {
    const c = m.data!.suppression!.comment.start;
    const key = `${c.line}:${c.character}`;
    byComment.set(key, [...(byComment.get(key) ?? []), m]);
  }
  const unused: Diagnostic[] = [];
  for (const group of byComment.values()) {
    const idle = group.filter((m) => !used.has(m));
    if (idle.length === 0) continue;
    const s = idle[0].data!.suppression!;
    const where = s.lines === 'file' ? 'in this file' : 'on the next key';
    const why = (m: SuppressionMark) =>
      m.code === '' ? 'it names no code' : m.known ? `no \`${m.code}\` problem ${where}` : `\`${m.code}\` is not a QuickTakes code`;
    const report = (range: Range, of: Diagnostic[]): Diagnostic => ({
      code: 'unused-suppression',
      severity: CODES['unused-suppression'].severity,
      message: `Unused suppression: ${of.map((m) => why(m.data!.suppression!)).join('; ')}.`,
      range,
    });
    if (idle.length === group.length) unused.push(report(s.comment, idle));
    else for (const m of idle) unused.push(report(m.range, [m]));
  }
  return unused.length > 0 ? [...kept, ...unused].sort(compareDiagnostics) : kept;
}
