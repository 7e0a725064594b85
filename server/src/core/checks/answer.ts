/**
 * Answer checks: what the live site will render wrong in an article's `answer`,
 * decided from the site's own pipeline (`answerView`, KaTeX), with ranges on the
 * exact YAML source characters (`ScalarSourceMap`) and fixes as edits carried on
 * the diagnostic.
 *
 *   answer-tex-newline     `\neq`, `\nu`, … in a formula: the site's `\n` → line break breaks them
 *   answer-math-delimiter  `\(…\)` / `\[…\]`: plain text on the site
 *   answer-math-error      a formula KaTeX rejects (shown in red), or a `$$` never closed
 *   answer-currency-dollar `$5 … $10`: prices paired up as a formula
 *   answer-raw-html        raw HTML: shown as text
 *   answer-empty           nothing to show
 *
 * Cheap tests on the answer text decide whether the parser is needed at all, so
 * linting a corpus parses only the answers that have `$`, `\(`, `<`, ….
 */
import { ScalarSourceMap } from '../answer/source';
import { scanAnswerView } from '../answer/scan';
import { literalNewlines, parsedAnswerView, SiteMarkdown, type AnswerView, type DelimitedSpan, type MathSpan } from '../answer/view';
import { CODES, type Code, type Diagnostic } from './diagnostics';
import type { TextEdit } from '../authoring/edits';
import type { ArticleModel, Field, Position, Range } from '../frontMatter/model';
import { rangeContains } from '../frontMatter/lineIndex';
import { answerMarkdown } from '../answer/render';
import { isTexCommand, texEquivalent, texError, texPlainText } from '../answer/tex';

export type AnswerCode = Extract<Code, `answer-${string}`>;

/** A replacement in answer offsets. */
export interface Replacement {
  start: number;
  end: number;
  text: string;
}

export interface AnswerFinding {
  code: AnswerCode;
  /** Answer offsets of the offending text. */
  start: number;
  end: number;
  message: string;
  /** What the site shows there (Markdown, for a hover; computed when asked). */
  shows: () => string;
  fix?: { title: string; replacements: Replacement[] };
}

/** Every problem the site will have with an answer (the value as YAML parsed it). */
export function answerFindings(answer: string): AnswerFinding[] {
  if (answer.replaceAll('\\n', '').trim() === '') {
    return [
      {
        code: 'answer-empty',
        start: 0,
        end: answer.length,
        message: '`answer` is empty: the page shows no answer.',
        shows: () => 'Nothing.',
      },
    ];
  }
  // Every other problem lives in a formula, a `\(…\)` pair or a tag: without any, there is nothing to read.
  if (!mayNeedParser(answer)) return [];
  const candidates = texNewlineCandidates(answer);

  // Read the answer as meant (the candidates kept as TeX), then keep only those that land in formulas.
  let view = answerView(answer, new Set(candidates.map((c) => c.at)));
  const inFormula = candidates.flatMap((c) => {
    const formula = formulaAt(view, c.at);
    return formula ? [{ ...c, formula }] : [];
  });
  if (inFormula.length < candidates.length) view = answerView(answer, new Set(inFormula.map((c) => c.at)));

  const out: AnswerFinding[] = inFormula.map((c) => texNewlineFinding(answer, c, c.formula));
  for (const span of view.math) out.push(...mathFindings(answer, span));
  for (const span of view.delimited) out.push(delimiterFinding(answer, span));
  for (const h of view.html) {
    const tag = h.value.length > 60 ? `${h.value.slice(0, 57)}…` : h.value;
    out.push({
      code: 'answer-raw-html',
      start: h.start,
      end: h.end,
      message: `Raw HTML ${code(tag)} is shown as text on the site, not rendered as HTML.`,
      shows: () => `The site shows the markup itself, as text: ${code(tag)}`,
    });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Diagnostics of an article's answer (none when it has none or it is not text: other checks say so). */
export function checkAnswer(model: ArticleModel): Diagnostic[] {
  const field = model.fields.get('answer');
  return field ? checkAnswerField(field) : [];
}

/** The `answer` field of a model when reading it takes the site's parser (the costly case), else undefined. */
export function answerNeedingParser(model: ArticleModel): Field | undefined {
  const field = model.fields.get('answer');
  return field && field.value.kind === 'scalar' && mayNeedParser(answerText(field)) ? field : undefined;
}

/** Diagnostics of an `answer` field (see `checkAnswer`). */
export function checkAnswerField(field: Field): Diagnostic[] {
  if (field.value.kind !== 'scalar') return [];
  let findings: AnswerFinding[];
  try {
    findings = answerFindings(answerText(field));
  } catch {
    return []; // whatever an answer holds, the other checks of the file still run
  }
  if (findings.length === 0) return [];
  const map = ScalarSourceMap.of(field);
  return findings.map((f) => toDiagnostic(f, field, map));
}

/** The answer's findings whose source range holds `position`, with those ranges (for a hover). */
export function answerFindingsAt(model: ArticleModel, position: Position): { finding: AnswerFinding; range: Range }[] {
  const field = model.fields.get('answer');
  if (!field || field.value.kind !== 'scalar' || !rangeContains(field.valueRange, position)) return [];
  const findings = answerFindings(answerText(field));
  if (findings.length === 0) return [];
  const map = ScalarSourceMap.of(field);
  return findings
    .map((finding) => ({ finding, range: finding.code === 'answer-empty' ? field.valueRange : map.range(finding.start, finding.end) }))
    .filter(({ range }) => rangeContains(range, position));
}

function toDiagnostic(f: AnswerFinding, field: Field, map: ScalarSourceMap): Diagnostic {
  const range = f.code === 'answer-empty' ? field.valueRange : map.range(f.start, f.end);
  const d: Diagnostic = { code: f.code, severity: CODES[f.code].severity, message: f.message, range };
  if (f.fix) {
    const edits = f.fix.replacements.map((r) => map.replace(r.start, r.end, r.text));
    if (edits.every((e): e is TextEdit => e !== undefined)) d.data = { fixTitle: f.fix.title, edits };
  }
  return d;
}

/** The answer as the site gets it (a number as written, nothing as empty). */
function answerText(field: Field): string {
  if (field.value.kind !== 'scalar' || field.value.value === null) return '';
  return typeof field.value.value === 'string' ? field.value.value : field.value.source;
}

// --- cheap tests ---------------------------------------------------------------

/** Whether the answer holds anything the parser must look at: `$`, `\(`, `\[`, or something like a tag. */
function mayNeedParser(answer: string): boolean {
  return (
    answer.includes('$') ||
    answer.includes('\\(') ||
    answer.includes('\\[') ||
    answer.includes('```') ||
    (answer.includes('<') && /<[A-Za-z/!?]/.test(answer))
  );
}

interface Candidate {
  /** Answer offset of the `\n`. */
  at: number;
  /** The command's name without the backslash: `neq`. */
  name: string;
}

/**
 * `\n` followed by letters that make a KaTeX command (`\neq`, `\nu`). Only
 * those not opening a paragraph: reading such a `\n` as TeX would join two
 * paragraphs, and there it is almost surely a paragraph break.
 */
function texNewlineCandidates(answer: string): Candidate[] {
  const out: Candidate[] = [];
  const newlines = literalNewlines(answer);
  const set = new Set(newlines);
  for (const at of newlines) {
    const m = /[A-Za-z]+/y;
    m.lastIndex = at + 2;
    const letters = m.exec(answer)?.[0];
    if (!letters || !isTexCommand(`n${letters}`)) continue;
    const afterBreak = set.has(at - 2);
    const paragraphStart = afterBreak && (at - 2 === 0 || set.has(at - 4) || /^\s*$/.test(lineBefore(answer, at - 2, set)));
    if (at === 0 || paragraphStart) continue;
    out.push({ at, name: `n${letters}` });
  }
  return out;
}

/** The text of the line that ends at the `\n` at `end` (back to the previous `\n`). */
function lineBefore(answer: string, end: number, newlines: Set<number>): string {
  let i = end - 1;
  while (i >= 0 && !(answer[i] === 'n' && answer[i - 1] === '\\' && newlines.has(i - 1))) i--;
  return answer.slice(i + 1, end);
}

/** The TeX of a formula (or of a `\(…\)` pair) as the author wrote it, in answer offsets. */
interface Formula {
  start: number;
  end: number;
  tex: string;
  display: boolean;
}

function formulaAt(view: AnswerView, at: number): Formula | undefined {
  const m = view.math.find((s) => at >= s.contentStart && at < s.contentEnd);
  if (m) return { start: m.contentStart, end: m.contentEnd, tex: m.tex, display: m.display };
  const d = view.delimited.find((s) => at >= s.open[1] && at < s.close[0]);
  return d && { start: d.open[1], end: d.close[0], tex: d.tex, display: d.display };
}

// --- findings --------------------------------------------------------------------

/** The site's reading of the answer (with the `\n` at `keep` left as written): the fast scanner, else the parser. */
function answerView(answer: string, keep: ReadonlySet<number>): AnswerView {
  const site = new SiteMarkdown(answer, keep);
  return scanAnswerView(site) ?? parsedAnswerView(site);
}

function texNewlineFinding(answer: string, c: Candidate, formula: Formula): AnswerFinding {
  const command = `\\${c.name}`;
  const end = c.at + command.length;
  const equivalent = texEquivalent(c.name);
  const meant = texPlainText(command, false);
  const reads = meant ? `“${meant}”` : `\`${command}\``;
  const replacement = equivalent === undefined ? undefined : siteSafe(answer, c.at, end, equivalent);
  return {
    code: 'answer-tex-newline',
    start: c.at,
    end,
    message: `The site turns the \`\\n\` of \`${command}\` into a line break: the formula shows “${c.name.slice(1)}” instead of ${reads}.`,
    shows: () => {
      const site = texPlainText(answerMarkdown(answer.slice(formula.start, formula.end)), formula.display);
      const meant = texPlainText(formula.tex, formula.display);
      return `The formula reads “${clip(site, 100)}” on the site (its \`\\n\` became a line break), not “${clip(meant, 100)}”.`;
    },
    ...(replacement !== undefined
      ? {
          fix: {
            title: replacement === '' ? `Remove \`${command}\` (it renders nothing)` : `Replace \`${command}\` with \`${replacement}\``,
            replacements: [{ start: c.at, end, text: replacement }],
          },
        }
      : {}),
  };
}

function mathFindings(answer: string, span: MathSpan): AnswerFinding[] {
  if (!span.closed) {
    return [
      {
        code: 'answer-math-error',
        start: span.start,
        end: span.start + span.fence,
        message:
          'This `$$` opens a display formula that is never closed: the site typesets everything after it (to the end of its list item or of the answer) as one formula.',
        shows: () => 'Everything after the `$$`, typeset as one formula (usually a red KaTeX error).',
      },
    ];
  }
  const currency = currencyFinding(answer, span);
  if (currency) return [currency];
  const error = texError(span.tex, span.display);
  if (error === undefined) return [];
  return [
    {
      code: 'answer-math-error',
      start: span.start,
      end: span.end,
      message: `KaTeX cannot render this formula, so the site shows it in red: ${error}`,
      shows: () => `The formula's TeX in red instead of the formula: ${code(clip(span.tex, 120))}`,
    },
  ];
}

/**
 * A `$` before a number that the site pairs with a later `$` into a formula.
 * A formula's closing `$` is written right after its last symbol and is not
 * followed by a digit (Pandoc's rule); one preceded by a space or followed by a
 * digit is a price or the opening of the next formula.
 */
function currencyFinding(answer: string, span: MathSpan): AnswerFinding | undefined {
  if (span.kind !== 'inline' || span.fence !== 1) return undefined;
  const opensPrice = /\d/.test(answer[span.start + 1] ?? '');
  const before = answer[span.end - 2];
  const nextIsPrice = /\d/.test(answer[span.end] ?? '');
  const closesAfterSpace = before === ' ' || before === '\t' || answer.slice(span.end - 3, span.end - 1) === '\\n';
  if (!opensPrice || !(nextIsPrice || closesAfterSpace)) return undefined;
  const replacements: Replacement[] = [{ start: span.start, end: span.start + 1, text: '\\$' }];
  if (nextIsPrice) replacements.push({ start: span.end - 1, end: span.end, text: '\\$' });
  const amount = /^\$[\d.,]*\d/.exec(answer.slice(span.start))![0];
  return {
    code: 'answer-currency-dollar',
    start: span.start,
    end: span.end,
    message: `The \`$\` of \`${amount}\` is read as the start of a formula: the site typesets ${code(clip(span.tex, 60))} as math, up to the next \`$\`. Write \`\\$\` for a dollar sign.`,
    shows: () => `A formula: “${clip(texPlainText(span.tex, false), 80)}” (italic, spaces dropped), and the dollar signs disappear.`,
    // A `$` right after a backslash cannot be escaped by one more.
    ...(replacements.every((r) => answer[r.start - 1] !== '\\')
      ? {
          fix: { title: replacements.length > 1 ? 'Escape these dollar signs as `\\$`' : 'Escape this dollar sign as `\\$`', replacements },
        }
      : {}),
  };
}

function delimiterFinding(answer: string, span: DelimitedSpan): AnswerFinding {
  const [open, close, dollars] = span.display ? ['\\[', '\\]', '$$'] : ['\\(', '\\)', '$'];
  const readers = span.tex.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  return {
    code: 'answer-math-delimiter',
    start: span.start,
    end: span.end,
    message: `The site does not treat \`${open}…${close}\` as math: readers see ${code(clip(`${open[1]}${readers}${close[1]}`, 80))} as plain text. Write \`${dollars}…${dollars}\`.`,
    shows: () => `Plain text, backslashes and all: ${code(clip(`${open[1]}${readers}${close[1]}`, 120))}`,
    fix: {
      title: `Write this formula as \`${dollars}…${dollars}\``,
      replacements: [
        { start: span.open[0], end: span.open[1], text: dollars },
        { start: span.close[0], end: span.close[1], text: dollars },
      ],
    },
  };
}

/** `text` in place of `answer[start, end)`, unless that would create a `\n` the site would turn into a line break. */
function siteSafe(answer: string, start: number, end: number, text: string): string | undefined {
  const joined = answer.slice(Math.max(0, start - 1), start) + text + answer.slice(end, end + 1);
  return joined.includes('\\n') ? undefined : text;
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

/** Inline code that survives backticks inside. */
function code(s: string): string {
  const fence = s.includes('`') ? '``' : '`';
  return `${fence}${s.includes('`') ? ` ${s} ` : s}${fence}`;
}
