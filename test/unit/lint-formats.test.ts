/**
 * `quicktakes lint` formats: the GitHub workflow command of each severity, escaped
 * as the Actions runner reads it; JSON and SARIF written a problem at a time yet
 * byte for byte what `JSON.stringify` makes of the whole report.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatLint, lintOutput, FORMATS, type LintReport } from '../../server/src/cli/format';
import type { Diagnostic, Severity } from '../../server/src/core/checks/diagnostics';

function resultOf(file: string, diagnostics: Diagnostic[]): LintReport {
  return { files: 1, reported: [{ path: file, diagnostics }] };
}

const range = { start: { line: 0, character: 0 }, end: { line: 1, character: 4 } };
const diagnostic = (severity: Severity, message: string): Diagnostic => ({ code: 'answer-raw-html', severity, message, range });

describe('github format', () => {
  it('maps severities to error, warning and notice, with 1-based positions', () => {
    const out = formatLint(
      'github',
      resultOf(
        '/ws/content/learn/a/b.md',
        ['error', 'warning', 'info', 'hint'].map((s) => diagnostic(s as Severity, 'm')),
      ),
      { cwd: '/ws', version: '0' },
    );
    const where = 'file=content/learn/a/b.md,line=1,col=1,endLine=2,endColumn=5,title=answer-raw-html';
    assert.equal(out, ['error', 'warning', 'notice', 'notice'].map((c) => `::${c} ${where}::m\n`).join(''));
  });

  it('escapes % CR LF in the message, and also : and , in properties', () => {
    const out = formatLint('github', resultOf('/ws/x/50%, a:b.md', [diagnostic('error', '100% of a:b, c\r\nnext')]), {
      cwd: '/ws',
      version: '0',
    });
    assert.equal(
      out,
      '::error file=x/50%25%2C a%3Ab.md,line=1,col=1,endLine=2,endColumn=5,title=answer-raw-html::100%25 of a:b, c%0D%0Anext\n',
    );
  });

  it('prints nothing when there is nothing to report', () => {
    assert.equal(formatLint('github', { files: 3, reported: [] }, { cwd: '/ws', version: '0' }), '');
  });
});

describe('reports written in pieces', () => {
  const related = [{ path: '/ws/c/d.md', range, message: 'the other "one"' }];
  const reports: [string, LintReport][] = [
    ['nothing to report', { files: 3, reported: [] }],
    ['one problem', resultOf('/ws/a/b.md', [diagnostic('error', 'quote " and \\ and newline \n')])],
    [
      'several files and related places',
      {
        files: 4,
        reported: [
          { path: '/ws/a/b.md', diagnostics: [diagnostic('warning', 'w'), { ...diagnostic('error', 'e'), related }] },
          { path: '/ws/a/c.md', diagnostics: [diagnostic('info', 'i')] },
        ],
      },
    ],
  ];

  for (const [name, report] of reports) {
    for (const known of [undefined, 7]) {
      const context = { cwd: '/ws', version: '1.2.3', known };
      it(`JSON and SARIF are JSON.stringify's own text: ${name}${known === undefined ? '' : ', with a baseline'}`, () => {
        const json = formatLint('json', report, context);
        assert.equal(json, JSON.stringify(JSON.parse(json)) + '\n');
        assert.equal(JSON.parse(json).diagnostics.length, report.reported.flatMap((f) => f.diagnostics).length);
        assert.equal(JSON.parse(json).known, known);
        const sarif = formatLint('sarif', report, context);
        assert.equal(sarif, JSON.stringify(JSON.parse(sarif), null, 2) + '\n');
        const run = JSON.parse(sarif).runs[0];
        assert.equal(run.results.length, report.reported.flatMap((f) => f.diagnostics).length);
        assert.equal(run.properties?.knownProblems, known);
      });
    }
  }

  it('comes one problem at a time', () => {
    const [, report] = reports[2];
    for (const format of FORMATS) {
      const pieces = [...lintOutput(format, report, { cwd: '/ws', version: '0' })];
      assert.ok(pieces.length >= 3, `${format}: ${pieces.length} pieces`);
    }
  });
});
