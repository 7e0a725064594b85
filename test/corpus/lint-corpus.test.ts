/**
 * The real corpus (from the shared corpus folder beside the project): `quicktakes
 * lint` as a process, per-code counts and hand-checked examples.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { corpusSkipReason, realCorpus, SHARED } from '../support/corpus';
import { writeWorkspace } from '../support/fixtures';
import { quicktakes } from '../support/process';

interface JsonDiagnostic {
  file: string;
  code: string;
  message: string;
  range: { start: { line: number; character: number } };
}

describe('the real corpus', { skip: corpusSkipReason }, () => {
  let root: string;
  let out: { files: number; diagnostics: JsonDiagnostic[] };
  const byCode = new Map<string, JsonDiagnostic[]>();

  before(() => {
    root = realCorpus();
    const r = quicktakes(['lint', 'content/learn', '--format', 'json'], root);
    assert.equal(r.status, 1, r.stderr);
    out = JSON.parse(r.stdout);
    for (const d of out.diagnostics) byCode.set(d.code, [...(byCode.get(d.code) ?? []), d]);
  });

  it('lints all 35,915 articles', () => {
    assert.equal(out.files, 35915);
  });

  it('finds every defect class the corpus has, in the amounts it is known to have', () => {
    const count = (c: string) => byCode.get(c)?.length ?? 0;
    // ranges around the known amounts, so that a count outside one means a check changed
    const about: Record<string, [number, number]> = {
      'duplicate-id': [4700, 5100],
      'related-duplicate': [8900, 9300],
      'related-unknown-id': [3050, 3250],
      'related-broken-url': [250, 350],
      'related-id-url-mismatch': [2850, 3150],
      'related-title-mismatch': [75, 95],
      'related-self': [1, 10],
      'related-moved-url': [1, 50],
      'invalid-field': [1, 50],
    };
    for (const [code, [lo, hi]] of Object.entries(about)) {
      assert.ok(count(code) >= lo && count(code) <= hi, `${code}: ${count(code)} not in [${lo}, ${hi}]`);
    }
    // defect classes the real corpus does not have
    for (const code of ['front-matter-missing', 'yaml-syntax', 'missing-field', 'url-mismatch', 'file-name-mismatch', 'subject-mismatch']) {
      assert.equal(count(code), 0, code);
    }
  });

  it('question-duplicate: 464 files ask the question of another article with another id', () => {
    const found = byCode.get('question-duplicate') ?? [];
    assert.equal(found.length, 464);
    assert.equal(new Set(found.map((d) => d.file)).size, 464, 'one per file');
    // the questions differ by a comma: the same once normalized
    const darwin = found.find(
      (d) => d.file === 'content/learn/biology/what-are-darwins-postulates-and-how-do-they-relate-to-natural-selection.md',
    );
    assert.match(
      darwin!.message,
      /`question` of sociology\/what-are-darwins-postulates-and-how-do-they-relate-to-natural-selection\.md \(id 166342\)\.$/,
    );
    assert.deepEqual(darwin!.range.start, { line: 15, character: 10 });
  });

  it('flags the example article’s repeated slot 5 (slots 3 and 5 point at the same article)', () => {
    const ws = writeWorkspace({
      'content/learn/psychology/example.md': fs.readFileSync(path.join(SHARED, 'corpus/example-article.md'), 'utf8'),
    });
    const r = JSON.parse(quicktakes(['lint', ws, '--format', 'json'], ws).stdout);
    const dups = r.diagnostics.filter((d: JsonDiagnostic) => d.code === 'related-duplicate');
    assert.deepEqual(
      dups.map((d: JsonDiagnostic) => [d.range.start.line, d.range.start.character]),
      [[50, 8]],
    );
    assert.match(dups[0].message, /related_article5.*repeats the id 164824/);
  });

  it('hand-checked examples: negative id, typographic apostrophe drift, moved url', () => {
    const neg = byCode.get('invalid-field')!.find((d) => d.file.endsWith('how-are-teams-selected-and-seeded-for-the-ncaa-tournament.md'));
    assert.match(neg!.message, /positive integer, found `-10`/);
    const drift = byCode
      .get('related-title-mismatch')!
      .find((d) => d.file.endsWith('can-you-provide-examples-of-specific-gravity-for-different-fluids.md'));
    assert.match(drift!.message, /Archimedes’ Principle and how.*Archimedes' Principle, and how/);
    const moved = byCode.get('related-moved-url')![0];
    assert.match(moved.message, /has no file at that path; the article is at mathematics\//);
  });
});
