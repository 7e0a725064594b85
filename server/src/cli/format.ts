/**
 * Output formats of `quicktakes lint`: text (like other linters), JSON (the
 * documented `{files, diagnostics}` object), SARIF 2.1.0 and GitHub workflow commands.
 * Each is made in pieces (a problem at a time), so that a report of a large
 * corpus is written as it is made instead of held whole as one string and the
 * objects it was made from.
 */
import { ALL_CODES, CODES, type Diagnostic, type Severity } from '../core/checks/diagnostics';
import { docsUrl } from '../core/lint/docs';
import type { FileDiagnostics } from '../core/lint/lint';
import type { Range } from '../core/frontMatter/model';
import { pathToUri } from '../uri';
import { shownPath } from './paths';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/** What a lint prints: how many articles it checked, and the files with their diagnostics (articles and site files). */
export interface LintReport {
  files: number;
  reported: FileDiagnostics[];
}

export interface FormatContext {
  cwd: string;
  version: string;
  /** With a baseline: how many problems it held (not printed, only counted). */
  known?: number;
}

/** The whole output as one string (the CLI writes the pieces of `lintOutput` as they come). */
export function formatLint(format: Format, result: LintReport, context: FormatContext): string {
  return [...lintOutput(format, result, context)].join('');
}

/** The output in pieces, in order; joined, they are the report. */
export function lintOutput(format: Format, result: LintReport, context: FormatContext): Iterable<string> {
  return FORMATTERS[format](result, context);
}

const FORMATTERS: Record<Format, (result: LintReport, context: FormatContext) => Iterable<string>> = {
  text: (r, c) => formatText(r, c.cwd, c.known),
  json: (r, c) => formatJson(r, c.cwd, c.known),
  sarif: (r, c) => formatSarif(r, c.cwd, c.version, c.known),
  github: (r, c) => formatGithub(r, c.cwd),
};

function* formatText(result: LintReport, cwd: string, known: number | undefined): Generator<string> {
  for (const { path: file, diagnostics } of result.reported) {
    const shown = shownPath(file, cwd);
    for (const d of diagnostics) {
      yield `${shown}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}\n`;
    }
  }
  yield summaryLine(result.files, countSeverities(result), known) + '\n';
}

/** The text format's last line; with a baseline, the problems shown are the new ones and the known ones are counted. */
export function summaryLine(files: number, counts: Record<Severity, number>, known: number | undefined): string {
  const problems = counts.error + counts.warning + counts.info + counts.hint;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const found = `${plural(problems, known === undefined ? 'problem' : 'new problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info + counts.hint} info)`;
  const baseline = known === undefined ? '' : `; ${plural(known, 'known problem')} in the baseline`;
  return `${plural(files, 'file')} checked: ${found}${baseline}.`;
}

export function countSeverities(result: LintReport): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const { diagnostics } of result.reported) for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

/** `{"files":N,"diagnostics":[…],"known":K}` (`known` with a baseline), byte for byte as `JSON.stringify` writes it. */
function* formatJson(result: LintReport, cwd: string, known: number | undefined): Generator<string> {
  yield `{"files":${result.files},"diagnostics":[`;
  let first = true;
  for (const { path: file, diagnostics } of result.reported) {
    const shown = shownPath(file, cwd);
    for (const d of diagnostics) {
      const item = JSON.stringify({ file: shown, code: d.code, severity: d.severity, message: d.message, range: d.range });
      yield first ? item : `,${item}`;
      first = false;
    }
  }
  yield known === undefined ? ']}\n' : `],"known":${known}}\n`;
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function* formatSarif(result: LintReport, cwd: string, version: string, known: number | undefined): Generator<string> {
  const rules = ALL_CODES.map((code) => ({
    id: code,
    name: code.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: CODES[code].summary },
    helpUri: docsUrl(code),
    defaultConfiguration: { level: SARIF_LEVEL[CODES[code].severity] },
  }));
  const sarifResult = (file: string, d: Diagnostic) => ({
    ruleId: d.code,
    ruleIndex: ALL_CODES.indexOf(d.code),
    level: SARIF_LEVEL[d.severity],
    message: { text: d.message },
    locations: [{ physicalLocation: sarifLocation(file, d.range, cwd) }],
    ...(d.related
      ? {
          relatedLocations: d.related.map((r, id) => ({
            id,
            physicalLocation: sarifLocation(r.path, r.range, cwd),
            message: { text: r.message },
          })),
        }
      : {}),
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'quicktakes', informationUri: 'https://github.com/quicktakes/quicktakes-authoring', version, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToUri(cwd).replace(/\/?$/, '/') } },
        results: [RESULTS_PLACE],
        ...(known === undefined ? {} : { properties: { knownProblems: known } }),
      },
    ],
  };
  // the log around its results, which are written one by one in its place, indented as they would be in it
  const [before, after] = JSON.stringify(log, null, 2).split(JSON.stringify(RESULTS_PLACE));
  const indent = /[ ]*$/.exec(before)![0];
  let first = true;
  for (const { path: file, diagnostics } of result.reported) {
    for (const d of diagnostics) {
      const item = JSON.stringify(sarifResult(file, d), null, 2).replace(/\n/g, `\n${indent}`);
      yield first ? `${before}${item}` : `,\n${indent}${item}`;
      first = false;
    }
  }
  // no results: the empty array as `JSON.stringify` writes it
  yield first ? `${before.replace(/\[\s*$/, '[]')}${after.replace(/^\s*\]/, '')}\n` : `${after}\n`;
}

/** Where the results go in the SARIF log's text (a string no result can be). */
const RESULTS_PLACE = '\u0000results';

/** A place in a file as SARIF has it: relative to the source root, 1-based. */
function sarifLocation(file: string, range: Range, cwd: string) {
  return {
    artifactLocation: { uri: encodeURI(shownPath(file, cwd)), uriBaseId: '%SRCROOT%' },
    region: {
      startLine: range.start.line + 1,
      startColumn: range.start.character + 1,
      endLine: range.end.line + 1,
      endColumn: range.end.character + 1,
    },
  };
}

const GITHUB_COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** A workflow command's message: `%`, CR and LF escaped, as the runner unescapes them. */
function githubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: `:` and `,` end a value, so they are escaped too. */
function githubProperty(s: string): string {
  return githubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One GitHub Actions workflow command per problem: annotations on the pull request's files, 1-based. */
function* formatGithub(result: LintReport, cwd: string): Generator<string> {
  for (const { path: linted, diagnostics } of result.reported) {
    const file = githubProperty(shownPath(linted, cwd));
    for (const d of diagnostics) {
      const { start, end } = d.range;
      const where = `file=${file},line=${start.line + 1},col=${start.character + 1},endLine=${end.line + 1},endColumn=${end.character + 1}`;
      yield `::${GITHUB_COMMAND[d.severity]} ${where},title=${githubProperty(d.code)}::${githubData(d.message)}\n`;
    }
  }
}
