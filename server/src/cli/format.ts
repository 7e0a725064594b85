/** Output formats of `quicktakes lint`: text (like other linters), JSON (SPEC section 4), SARIF 2.1.0. */
import { ALL_CODES, CODES, type Diagnostic, type Severity } from '../core/checks/diagnostics';
import type { LintResult } from '../core/lint/lint';
import { pathToUri } from '../uri';
import { shownPath } from './paths';

export type Format = 'text' | 'json' | 'sarif';

export function formatText(result: LintResult, cwd: string): string {
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const { article, diagnostics } of result.results) {
    for (const d of diagnostics) {
      counts[d.severity]++;
      lines.push(
        `${shownPath(article.path, cwd)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`,
      );
    }
  }
  const problems = counts.error + counts.warning + counts.info + counts.hint;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  lines.push(
    `${plural(result.files, 'file')} checked: ${plural(problems, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info + counts.hint} info).`,
  );
  return lines.join('\n') + '\n';
}

export function formatJson(result: LintResult, cwd: string): string {
  const diagnostics = result.results.flatMap(({ article, diagnostics }) =>
    diagnostics.map((d) => ({
      file: shownPath(article.path, cwd),
      code: d.code,
      severity: d.severity,
      message: d.message,
      range: d.range,
    })),
  );
  return JSON.stringify({ files: result.files, diagnostics }) + '\n';
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(result: LintResult, cwd: string, version: string): string {
  const rules = ALL_CODES.map((code) => ({
    id: code,
    name: code.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: CODES[code].summary },
    helpUri: `https://github.com/quicktakes/quicktakes-authoring#${code}`,
    defaultConfiguration: { level: SARIF_LEVEL[CODES[code].severity] },
  }));
  const results = result.results.flatMap(({ article, diagnostics }) =>
    diagnostics.map((d: Diagnostic) => ({
      ruleId: d.code,
      ruleIndex: ALL_CODES.indexOf(d.code),
      level: SARIF_LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(shownPath(article.path, cwd)), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: d.range.end.character + 1,
            },
          },
        },
      ],
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'quicktakes', informationUri: 'https://github.com/quicktakes/quicktakes-authoring', version, rules } },
        // a base URI must end in a slash; made as VS Code makes file URIs (drive letters included)
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToUri(cwd).replace(/\/?$/, '/') } },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
