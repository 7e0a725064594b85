/**
 * The answer checks on an answer written as Markdown (the answer document an
 * editor shows beside the article): the same findings as on the article's
 * `answer`, in the text's own positions, with their fixes as edits of the text,
 * plus every typed `\n` pair, which no answer value can show.
 */
import type { TextEdit } from '../authoring/edits';
import { answerTextProblems } from '../answer/document';
import { LineIndex, rangeContains } from '../frontMatter/lineIndex';
import type { Position, Range } from '../frontMatter/model';
import { answerFindings, type AnswerCode, type AnswerFinding } from './answer';
import { CODES, type Severity, type SeveritySetting } from './diagnostics';

/** The typed `\n` pair: not a check of the article (its value cannot hold one), so not among `CODES`. */
export const TYPED_NEWLINE_CODE = 'answer-typed-newline';

export interface AnswerTextDiagnostic {
  code: AnswerCode | typeof TYPED_NEWLINE_CODE;
  severity: Severity;
  message: string;
  /** In the text's own positions. */
  range: Range;
  fix?: { title: string; edits: TextEdit[] };
}

/** Diagnostics of an answer text, severity settings applied (the typed `\n` pair is always an error). */
export function checkAnswerText(text: string, severities: Partial<Record<string, SeveritySetting>> = {}): AnswerTextDiagnostic[] {
  const lines = new LineIndex(text);
  const out: AnswerTextDiagnostic[] = answerTextProblems(text).map((p) => ({
    code: TYPED_NEWLINE_CODE,
    severity: 'error',
    message: p.message,
    range: lines.range(p.start, p.end),
  }));
  for (const { finding: f, range, toText } of textFindings(text, lines)) {
    const setting = severities[f.code];
    if (setting === 'off') continue;
    const d: AnswerTextDiagnostic = { code: f.code, severity: setting ?? CODES[f.code].severity, message: f.message, range };
    if (f.fix) {
      d.fix = {
        title: f.fix.title,
        edits: f.fix.replacements.map((r) => ({
          range: lines.range(toText(r.start), toText(r.end)),
          newText: r.text.replaceAll('\\n', '\n'),
        })),
      };
    }
    out.push(d);
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** The answer findings whose range in the text holds `position` (for a hover, as `answerFindingsAt` on the article). */
export function answerTextFindingsAt(text: string, position: Position): { finding: AnswerFinding; range: Range }[] {
  return textFindings(text, new LineIndex(text))
    .filter(({ range }) => rangeContains(range, position))
    .map(({ finding, range }) => ({ finding, range }));
}

/** The findings of the value the site would read from the text, with their ranges in the text. */
function textFindings(text: string, lines: LineIndex): { finding: AnswerFinding; range: Range; toText: (valueOffset: number) => number }[] {
  // The value the site would read: each line break written as `\n` (a typed pair stays one, as in the value).
  const value = text.replaceAll('\n', '\\n');
  const toText = textOffsets(text);
  let findings: AnswerFinding[];
  try {
    findings = answerFindings(value);
  } catch {
    return []; // the typed-pair errors still show
  }
  return findings.map((finding) => ({ finding, range: lines.range(toText(finding.start), toText(finding.end)), toText }));
}

/** Text offset of a value offset, where the value writes each line break of the text as `\n`. */
function textOffsets(text: string): (valueOffset: number) => number {
  // Value offsets of the `\` of each written line break, ascending.
  const breaks: number[] = [];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) breaks.push(at + breaks.length);
  return (v) => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid] + 2 <= v) lo = mid + 1;
      else hi = mid;
    }
    // inside a written break (between `\` and `n`): its line break
    return lo < breaks.length && v > breaks[lo] ? breaks[lo] - lo : v - lo;
  };
}
