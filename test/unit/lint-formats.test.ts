/** `quicktakes lint --format github`: the workflow command of each severity, escaped as the Actions runner reads it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatLint, type LintReport } from '../../server/src/cli/format';
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
