/** The diagnostic contract: codes, default severities, and the shape every check returns. */
import type { TextEdit } from '../authoring/edits';
import type { Range } from '../frontMatter/model';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const CODES = {
  'front-matter-missing': { severity: 'error', summary: 'File without an opening `---` line or without a closing fence' },
  'yaml-syntax': { severity: 'error', summary: 'YAML syntax error in the front matter' },
  'missing-field': { severity: 'error', summary: 'A required field is absent' },
  'invalid-field': { severity: 'error', summary: 'A field of the wrong type or form' },
  'duplicate-id': { severity: 'error', summary: 'The `id` is also the `id` of another article file' },
  'url-mismatch': { severity: 'error', summary: '`url` is not `/learn/<folder>/questions/<basename>`' },
  'file-name-mismatch': { severity: 'error', summary: '`file_name` is not the file’s basename' },
  'subject-mismatch': { severity: 'warning', summary: '`subject` does not match the folder, or `seo.title` does not match `subject`' },
  'related-duplicate': { severity: 'warning', summary: 'Related slot repeating the `id` or `url` of an earlier slot' },
  'related-self': { severity: 'warning', summary: 'Related slot pointing at the article itself' },
  'related-unknown-id': { severity: 'error', summary: 'Related slot whose `id` no article has' },
  'related-broken-url': {
    severity: 'error',
    summary:
      'Related slot whose `url` is a 404 on the site: no file there and no redirect entry serving it (without a redirect table: its question-key exists in no subject folder)',
  },
  'related-moved-url': {
    severity: 'warning',
    summary:
      'Related slot whose `url` has no file at that path but is served by a redirect entry (without a redirect table: the article exists under another subject folder)',
  },
  'related-id-url-mismatch': { severity: 'warning', summary: 'Related slot whose `url` resolves to an article with another `id`' },
  'related-title-mismatch': { severity: 'warning', summary: 'Related slot whose `title` differs from its target’s title' },
  'question-duplicate': {
    severity: 'warning',
    summary: 'The `question` is also the question of another article file with another `id` (ignoring case, punctuation and spacing)',
  },
  'answer-tex-newline': {
    severity: 'warning',
    summary: 'A TeX command starting with `\\n` (`\\neq`, `\\nu`, …) in a formula: the site turns its `\\n` into a line break',
  },
  'answer-math-delimiter': { severity: 'warning', summary: '`\\(…\\)` or `\\[…\\]` math, which the site shows as plain text' },
  'answer-math-error': { severity: 'error', summary: 'A formula KaTeX cannot render (the site shows a red error), or a `$$` never closed' },
  'answer-currency-dollar': { severity: 'warning', summary: 'A `$` used as a currency sign that the site pairs up into a formula' },
  'answer-raw-html': { severity: 'info', summary: 'Raw HTML, which the site shows as escaped text' },
  'answer-empty': { severity: 'warning', summary: 'An empty `answer`' },
  'redirect-target-missing': {
    severity: 'warning',
    summary: 'Redirect table entry whose `current` subject folder holds no file of its question-key',
  },
  'redirect-duplicate': {
    severity: 'warning',
    summary: 'Redirect table entry repeating the `previous` and `question` of an earlier entry',
  },
  'site-file-invalid': {
    severity: 'error',
    summary: 'The redirect table or subject list is not the JavaScript module the site expects, or one of its entries is malformed',
  },
  'unused-suppression': {
    severity: 'info',
    summary: 'A `# quicktakes-disable…` comment that silences nothing (no such problem there, or a code that does not exist)',
  },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type Code = keyof typeof CODES;

export const ALL_CODES = Object.keys(CODES) as Code[];

/** What a quick fix needs to know, carried with the diagnostic (JSON-safe). */
export interface FixData {
  /** The field concerned, dotted below the top level (`seo.title`): fixes must not read it out of the message. */
  field?: string;
  /** The related slot concerned, by its N. */
  slot?: number;
  /** The value the offending one should be replaced with, when it is certain. */
  expected?: string | number;
  /** A fix computed with the diagnostic (answer checks): its title and edits, valid for the text checked. */
  fixTitle?: string;
  edits?: TextEdit[];
  /** Only on the marks of suppression comments that `checkOwn` leaves for `applySuppressions`, which takes them out. */
  suppression?: SuppressionMark;
}

/** One code of a suppression comment, as plain data (it crosses threads and the lint cache). */
export interface SuppressionMark {
  /** As written; `''` when the comment names no code. */
  code: string;
  known: boolean;
  /** The comment, from its `#`. */
  comment: Range;
  /** The lines it covers (first, last), `'file'`, or `null` when no key follows it. */
  lines: [number, number] | 'file' | null;
}

/** Another place a problem involves (another article's value), which the editor links to. */
export interface RelatedLocation {
  path: string;
  range: Range;
  message: string;
}

export interface Diagnostic {
  code: Code;
  severity: Severity;
  message: string;
  range: Range;
  data?: FixData;
  related?: RelatedLocation[];
}

export type SeveritySetting = Severity | 'off';

/** Applies per-code severity settings (`off` drops the diagnostic). */
export function applySeverities(diagnostics: Diagnostic[], settings: Partial<Record<string, SeveritySetting>>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const s = settings[d.code];
    if (s === 'off') continue;
    out.push(s ? { ...d, severity: s } : d);
  }
  return out;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code);
}
