/** docs/checks.md explains every diagnostic code, and the links the CLI and the editor give lead to its sections. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_CODES, type Diagnostic } from '../../server/src/core/checks/diagnostics';
import { CHECKS_DOC, docsUrl } from '../../server/src/core/lint/docs';
import { toLspDiagnostic } from '../../server/src/features/diagnostics';
import { PROJECT_ROOT } from '../support/corpus';

const doc = fs.readFileSync(path.join(PROJECT_ROOT, 'docs/checks.md'), 'utf8');

/** The anchor GitHub gives a heading: lower-cased, punctuation other than `-` and `_` dropped, spaces to `-`. */
function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const sections = [...doc.matchAll(/^## (.+)$/gm)].map((m) => anchorOf(m[1]));

describe('docs/checks.md', () => {
  it('has a section for every code, and none for a code that does not exist', () => {
    assert.deepEqual(
      ALL_CODES.filter((c) => !sections.includes(c)),
      [],
      'codes without a section (add one to docs/checks.md)',
    );
    assert.deepEqual(
      sections.filter((s) => !(ALL_CODES as string[]).includes(s)),
      [],
      'sections without a code',
    );
    assert.equal(new Set(sections).size, sections.length, 'one section per code');
  });

  it('gives every section an example and a fix', () => {
    for (const part of doc.split(/^## /m).slice(1)) {
      const code = part.split('\n')[0];
      assert.match(part, /```/, `${code}: an example`);
      assert.match(part, /^Fix: /m, `${code}: the fix`);
    }
  });

  it('is linked at the section of the code, in the repository package.json names', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { repository: { url: string } };
    assert.equal(CHECKS_DOC, `${pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')}/blob/main/docs/checks.md`);
    for (const code of ALL_CODES) assert.equal(docsUrl(code), `${CHECKS_DOC}#${code}`);
  });

  it('is where the editor links a diagnostic code', () => {
    const d: Diagnostic = {
      code: 'related-self',
      severity: 'warning',
      message: 'x',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    };
    assert.deepEqual(toLspDiagnostic(d).codeDescription, { href: `${CHECKS_DOC}#related-self` });
  });
});
