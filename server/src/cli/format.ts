/**
 * Output formats of `quicktakes lint`: text (like other linters), JSON (the
 * documented `{files, diagnostics}` object), SARIF 2.1.0 and GitHub workflow commands.
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

export function formatLint(format: Format, result: LintReport, context: FormatContext): string {
  return FORMATTERS[format](result, context);
}

const FORMATTERS: Record<Format, (result: LintReport, context: FormatContext) => string> = {
  text: (r, c) => formatText(r, c.cwd, c.known),
  json: (r, c) => formatJson(r, c.cwd, c.known),
  sarif: (r, c) => formatSarif(r, c.cwd, c.version, c.known),
  github: (r, c) => formatGithub(r, c.cwd),
};

function formatText(result: LintReport, cwd: string, known: number | undefined): string {
  const lines: string[] = [];
  for (const { path: file, diagnostics } of result.reported) {
    for (const d of diagnostics) {
      lines.push(`${shownPath(file, cwd)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`);
    }
  }
  lines.push(summaryLine(result.files, countSeverities(result), known));
  return lines.join('\n') + '\n';
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

function formatJson(result: LintReport, cwd: string, known: number | undefined): string {
  const diagnostics = result.reported.flatMap(({ path: file, diagnostics }) =>
    diagnostics.map((d) => ({
      file: shownPath(file, cwd),
      code: d.code,
      severity: d.severity,
      message: d.message,
      range: d.range,
    })),
  );
  return JSON.stringify(known === undefined ? { files: result.files, diagnostics } : { files: result.files, diagnostics, known }) + '\n';
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function formatSarif(result: LintReport, cwd: string, version: string, known: number | undefined): string {
  const rules = ALL_CODES.map((code) => ({
    id: code,
    name: code.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: CODES[code].summary },
    helpUri: docsUrl(code),
    defaultConfiguration: { level: SARIF_LEVEL[CODES[code].severity] },
  }));
  const results = result.reported.flatMap(({ path: file, diagnostics }) =>
    diagnostics.map((d: Diagnostic) => ({
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
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'quicktakes', informationUri: 'https://github.com/quicktakes/quicktakes-authoring', version, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToUri(cwd).replace(/\/?$/, '/') } },
        results,
        ...(known === undefined ? {} : { properties: { knownProblems: known } }),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

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
function formatGithub(result: LintReport, cwd: string): string {
  const lines: string[] = [];
  for (const { path: linted, diagnostics } of result.reported) {
    const file = githubProperty(shownPath(linted, cwd));
    for (const d of diagnostics) {
      const { start, end } = d.range;
      const where = `file=${file},line=${start.line + 1},col=${start.character + 1},endLine=${end.line + 1},endColumn=${end.character + 1}`;
      lines.push(`::${GITHUB_COMMAND[d.severity]} ${where},title=${githubProperty(d.code)}::${githubData(d.message)}`);
    }
  }
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}
