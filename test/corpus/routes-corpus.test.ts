/**
 * The real corpus with the site's own redirect table and subject list beside
 * it, as in the site's repository: `quicktakes lint` of the site root judges
 * related links by the site's routes and reports the table's own problems.
 * The corpus is not copied: a temporary site root holds a link to its
 * `content` folder and a copy of the site's `constant/` folder.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { corpusSkipReason, realCorpus } from '../support/corpus';
import { quicktakes } from '../support/process';
import { tempDir, type JsonDiagnostic } from '../support/sampleCopy';
import { SITE_CONSTANT, siteFilesSkipReason } from '../support/siteFiles';

describe('the real corpus with the site’s routes', { skip: corpusSkipReason || siteFilesSkipReason }, () => {
  const byCode = new Map<string, JsonDiagnostic[]>();
  let files = 0;

  before(() => {
    const root = tempDir();
    fs.symlinkSync(path.join(realCorpus(), 'content'), path.join(root, 'content'), 'dir');
    fs.cpSync(SITE_CONSTANT, path.join(root, 'constant'), { recursive: true });
    const r = quicktakes(['lint', '.', '--format', 'json'], root);
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { files: number; diagnostics: JsonDiagnostic[] };
    files = out.files;
    for (const d of out.diagnostics) byCode.set(d.code, [...(byCode.get(d.code) ?? []), d]);
  });

  const count = (code: string) => byCode.get(code)?.length ?? 0;

  it('lints all 35,915 articles', () => {
    assert.equal(files, 35915);
  });

  it('the table: 7 entries whose current folder lacks their question, 25 repeating an earlier one, nothing malformed', () => {
    assert.equal(count('redirect-target-missing'), 7);
    assert.equal(count('redirect-duplicate'), 25);
    assert.equal(count('site-file-invalid'), 0);
    for (const d of [...byCode.get('redirect-target-missing')!, ...byCode.get('redirect-duplicate')!]) {
      assert.equal(d.file, 'constant/mappingQuestions.contant.js');
    }
    const nucleus = byCode.get('redirect-target-missing')!.find((d) => d.message.includes('what-is-the-role-of-the-nucleus-in-an-atom'));
    assert.match(
      nucleus!.message,
      /^`current` `physics` holds no `what-is-the-role-of-the-nucleus-in-an-atom\.md` \(it is in chemistry\/\)/,
    );
  });

  it('related links: no moved link is served by a redirect entry; the one that moved without an entry is a 404', () => {
    assert.equal(count('related-moved-url'), 0);
    assert.equal(count('related-broken-url'), 310);
    const moved = byCode.get('related-broken-url')!.filter((d) => d.message.includes('no redirect entry serves its old address'));
    assert.equal(moved.length, 1);
    assert.match(
      moved[0].message,
      /how-do-you-determine-the-breakeven-point-in-profit-analysis` leads to no article .* moved to mathematics\//,
    );
  });
});
