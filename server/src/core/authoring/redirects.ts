/**
 * Edits of the site's redirect table in its own format: appending entries,
 * removing one, setting an entry's `current`; what a move of articles to other
 * subject folders does to it (their old addresses kept alive); and the quick
 * fixes of the table's diagnostics. Pure functions of the table's text; the
 * edits are LSP-shaped `{range, newText}`.
 *
 * A new entry is a copy of the table's last entry with its values replaced, so
 * it keeps the file's indentation, line endings, quoting and spacing (`"key" :
 * "value"` in the real file); it goes after the last entry, keeping a trailing
 * comma if the array has one.
 */
import type { Corpus } from '../corpus/corpus';
import type { Diagnostic } from '../checks/diagnostics';
import { LineIndex } from '../frontMatter/lineIndex';
import type { Span, StringValue } from '../site/jsModule';
import { parseRedirectTable, REDIRECT_FIELDS, type Redirect, type RedirectEntry, type RedirectTable } from '../site/routes';
import { eolOf, indentOf, type TextEdit } from './edits';
import type { Fix } from './fixes';

/**
 * The edit that appends `redirects` to the table whose text is `text`, in the
 * table's format; undefined when the text is not a redirect table (it does not
 * parse, or has no exported array).
 */
export function appendRedirectsEdit(text: string, redirects: readonly Redirect[]): TextEdit | undefined {
  const { table } = parseRedirectTable(text);
  if (!table || redirects.length === 0) return undefined;
  return appendEdit(text, new LineIndex(text), table, redirects);
}

function appendEdit(text: string, lines: LineIndex, table: RedirectTable, redirects: readonly Redirect[]): TextEdit {
  const eol = eolOf(text);
  const { elements } = table.array;
  const template = table.entries.at(-1);
  const last = elements.at(-1);
  if (!last) {
    // an empty array: one entry per line, indented one step (two spaces) inside the array's line
    const indent = ' '.repeat(indentOf(lines.lineText(lines.position(table.array.start).line)));
    const inner = `${indent}  `;
    const entries = redirects.map((r) => inner + entryText(text, template, r, inner, eol));
    const range = lines.range(table.array.start, table.array.end);
    return { range, newText: `[${eol}${entries.join(`,${eol}`)}${eol}${indent}]` };
  }
  const indent = ' '.repeat(indentOf(lines.lineText(lines.position(last.start).line)));
  const separator = separatorOf(text, table, eol);
  const entries = redirects.map((r) => entryText(text, template, r, indent, eol));
  const trailingComma = /^\s*,/.exec(text.slice(last.end, table.array.end - 1));
  if (trailingComma) {
    const at = lines.position(last.end + trailingComma[0].length);
    return { range: { start: at, end: at }, newText: `${separator.slice(1)}${entries.join(separator)},` };
  }
  const at = lines.position(last.end);
  return { range: { start: at, end: at }, newText: `${separator}${entries.join(separator)}` };
}

/** What goes between two entries: a comma, then the line break and indentation the table uses (a space on one line). */
function separatorOf(text: string, table: RedirectTable, eol: string): string {
  const { elements } = table.array;
  const between =
    elements.length >= 2 ? text.slice(elements.at(-2)!.end, elements.at(-1)!.start) : text.slice(table.array.start + 1, elements[0].start);
  const nl = between.lastIndexOf('\n');
  if (nl !== -1) return `,${eol}${between.slice(nl + 1)}`;
  return /\s$/.test(between) ? ', ' : ',';
}

/** An entry's text: the template entry with its values replaced, or the site's format when the table has no entry to copy. */
function entryText(text: string, template: RedirectEntry | undefined, r: Redirect, indent: string, eol: string): string {
  if (!template) {
    const fields = REDIRECT_FIELDS.map((f) => `${indent}  ${JSON.stringify(f)} : ${JSON.stringify(r[f])}`);
    return `{${eol}${fields.join(`,${eol}`)}${eol}${indent}}`;
  }
  const values = REDIRECT_FIELDS.map((f) => ({ value: template[f], newText: quoted(text, template[f], r[f]) })).sort(
    (a, b) => a.value.start - b.value.start,
  );
  let out = '';
  let from = template.start;
  for (const { value, newText } of values) {
    out += text.slice(from, value.start) + newText;
    from = value.end;
  }
  return out + text.slice(from, template.end);
}

/** `value` as a literal quoted like `like`'s (double, single or backtick quotes). */
function quoted(text: string, like: StringValue, value: string): string {
  const quote = text[like.start];
  if (quote === "'") return `'${value.replace(/[\\']/g, '\\$&').replace(/\n/g, '\\n')}'`;
  if (quote === '`') return `\`${value.replace(/[\\`$]/g, '\\$&')}\``;
  return JSON.stringify(value);
}

/** The edit removing one entry with its separator (the array stays well formed, a trailing comma stays). */
export function removeRedirectEdit(text: string, table: RedirectTable, entry: RedirectEntry): TextEdit {
  const lines = new LineIndex(text);
  const { elements } = table.array;
  const i = entry.element;
  let span: Span;
  if (elements.length === 1) span = { start: table.array.start + 1, end: table.array.end - 1 };
  else if (i > 0) span = { start: elements[i - 1].end, end: elements[i].end };
  else span = { start: elements[0].start, end: elements[1].start };
  return { range: lines.range(span.start, span.end), newText: '' };
}

/** The edit setting an entry's `current`, quoted as it was. */
export function setRedirectCurrentEdit(text: string, entry: RedirectEntry, current: string, lines = new LineIndex(text)): TextEdit {
  return { range: lines.range(entry.current.start, entry.current.end), newText: quoted(text, entry.current, current) };
}

/**
 * The edits of the table (`table` as read from `text`) when articles move to other subject folders keeping their
 * question-key (`moved`: one redirect per article, `previous` the folder it leaves, `current` the one it goes to).
 * Each old address gets an entry leading to the new folder: appended, or, when the table already serves that address
 * (the article had left that folder before and came back), that entry's `current` set. An entry whose `current` is
 * the folder an article leaves follows it to the new one, else its canonical link would point at a 404; unless the
 * article moves to that entry's own address, which is then its file's page again (left for the author:
 * `redirect-target-missing` says it).
 */
export function movedRedirectsEdits(text: string, table: RedirectTable, moved: readonly Redirect[]): TextEdit[] {
  const lines = new LineIndex(text);
  const key = (subjectKey: string, questionKey: string) => `${subjectKey}/${questionKey}`;
  // where each moved question will be: a folder it arrives in keeps serving it
  const arriving = new Set(moved.map((r) => key(r.current, r.question)));
  const currents = new Map<RedirectEntry, string>();
  const appended = new Map<string, Redirect>();
  for (const r of moved) {
    const address = key(r.previous, r.question);
    const serving = table.serving(r.previous, r.question);
    if (serving) currents.set(serving, r.current);
    else if (!appended.has(address)) appended.set(address, r);
    if (arriving.has(address)) continue;
    for (const entry of table.withQuestion(r.question)) {
      if (entry !== serving && entry.current.value === r.previous && entry.previous.value !== r.current) currents.set(entry, r.current);
    }
  }
  const edits = [...currents]
    .filter(([entry, current]) => entry.current.value !== current)
    .map(([entry, current]) => setRedirectCurrentEdit(text, entry, current, lines));
  if (appended.size > 0) edits.push(appendEdit(text, lines, table, [...appended.values()]));
  return edits;
}

/**
 * The quick fixes of a diagnostic of the redirect table (as `checkSiteFile`
 * made it from this same text): a repeated entry is removed; an entry whose
 * `current` folder lacks its question gets `current` set to the folder that
 * holds it (preferred when only one does), or, when no folder holds it, the
 * offer to remove it (not preferred: the article may be about to be written).
 */
export function redirectFixes(text: string, diagnostic: Diagnostic, corpus: Corpus): Fix[] {
  if (diagnostic.code !== 'redirect-duplicate' && diagnostic.code !== 'redirect-target-missing') return [];
  const { table } = parseRedirectTable(text);
  const offset = new LineIndex(text).offset(diagnostic.range.start);
  const entry = table?.entries.find((e) => e.start <= offset && offset < e.end);
  if (!table || !entry) return [];
  const fix = (title: string, edit: TextEdit, preferred: boolean): Fix => ({ title, code: diagnostic.code, edits: [edit], preferred });
  const { question } = entry;
  if (diagnostic.code === 'redirect-duplicate') {
    return [fix('Remove this repeated redirect entry', removeRedirectEdit(text, table, entry), true)];
  }
  const holders = [...new Set(corpus.withKey(question.value).map((a) => a.subjectKey))].sort();
  if (holders.length === 0) {
    return [
      fix(`Remove this redirect entry (no subject folder holds ${question.value}.md)`, removeRedirectEdit(text, table, entry), false),
    ];
  }
  return holders.map((folder) =>
    fix(`Set current to ${folder} (where ${question.value}.md is)`, setRedirectCurrentEdit(text, entry, folder), holders.length === 1),
  );
}
