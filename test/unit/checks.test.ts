import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { articleFromText, type Article } from '../../server/src/core/corpus/article';
import { checkArticle } from '../../server/src/core/checks';
import type { Corpus } from '../../server/src/core/corpus/corpus';
import type { Code, Diagnostic } from '../../server/src/core/checks/diagnostics';
import { articleText, fixtureArticle, fixtureCorpus, LEARN_ROOT, linkTo, type ArticleSpec } from '../support/fixtures';

const NEURON: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10 };
const SYNAPSE: ArticleSpec = { questionKey: 'what-is-a-synapse', id: 11 };
const MOVED: ArticleSpec = { subjectKey: 'biology', questionKey: 'what-is-a-cell', id: 12 };
const BASE = [NEURON, SYNAPSE, MOVED];

function check(
  spec: ArticleSpec,
  others: ArticleSpec[] = BASE,
  text?: string,
): { diagnostics: Diagnostic[]; article: Article; corpus: Corpus; text: string } {
  const corpus = fixtureCorpus(others);
  const t = text ?? articleText(spec);
  const article = fixtureArticle(spec, t);
  corpus.set(article);
  return { diagnostics: checkArticle(article, article.model!, corpus), article, corpus, text: t };
}

function codes(ds: Diagnostic[]): Code[] {
  return ds.map((d) => d.code);
}

/** The text a diagnostic's range covers. */
function covered(text: string, d: Diagnostic): string {
  const lines = text.split('\n');
  const { start, end } = d.range;
  if (start.line === end.line) return lines[start.line].slice(start.character, end.character);
  return [lines[start.line].slice(start.character), ...lines.slice(start.line + 1, end.line), lines[end.line].slice(0, end.character)].join(
    '\n',
  );
}

const CLEAN: ArticleSpec = { questionKey: 'how-do-ions-work', id: 1, related: [linkTo(NEURON), linkTo(SYNAPSE)] };

describe('checks', () => {
  it('finds nothing in a clean article', () => {
    assert.deepEqual(check(CLEAN).diagnostics, []);
  });

  it('front-matter-missing: no opening fence, or no closing fence; nothing else', () => {
    const none = check(CLEAN, BASE, 'just text\n');
    assert.deepEqual(codes(none.diagnostics), ['front-matter-missing']);
    const unclosed = check(CLEAN, BASE, articleText(CLEAN).replace(/\n---\n\n&nbsp;$/, '\n'));
    assert.deepEqual(codes(unclosed.diagnostics), ['front-matter-missing']);
    assert.deepEqual(unclosed.diagnostics[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
  });

  it('yaml-syntax: located, and suppresses missing-field', () => {
    const text = '---\nid: 3\ntitle: [oops\n---\n';
    const { diagnostics } = check({ questionKey: 'broken', id: 3 }, BASE, text);
    assert.ok(codes(diagnostics).includes('yaml-syntax'));
    assert.ok(!codes(diagnostics).includes('missing-field'));
  });

  it('missing-field: one per absent required field, seo sub-fields too, naming the field in data', () => {
    const text = articleText(CLEAN)
      .replace('author: QuickTakes\n', '')
      .replace(/ {2}page_keywords: >-\n {4}keyword one, keyword two\n/, '');
    const { diagnostics } = check(CLEAN, BASE, text);
    const missing = diagnostics.filter((d) => d.code === 'missing-field');
    assert.deepEqual(
      missing.map((d) => d.message),
      ['Required field `author` is missing.', 'Required field `seo.page_keywords` is missing.'],
    );
    assert.deepEqual(
      missing.map((d) => d.data),
      [{ field: 'author' }, { field: 'seo.page_keywords' }],
    );
  });

  it('invalid-field: id, date, score, fixed values and related slots', () => {
    const spec: ArticleSpec = { ...CLEAN, id: -4, date: '2025-02-30' };
    const text = articleText(spec).replace('score: -1.0', 'score: high').replace('author: QuickTakes', 'author: Someone');
    const { diagnostics } = check(spec, BASE, text);
    const invalid = diagnostics.filter((d) => d.code === 'invalid-field');
    assert.deepEqual(
      invalid.map((d) => covered(text, d)),
      ['-4', '2025-02-30', 'Someone', 'high'],
    );
    assert.match(invalid[0].message, /positive integer, found `-4`/);
    assert.deepEqual(invalid[2].data, { field: 'author', expected: 'QuickTakes' });

    const slotText = articleText(CLEAN) + '';
    const broken = slotText
      .replace(/related_article2:\n {4}id: 11\n/, 'related_article2:\n')
      .replace('related_article1:', 'related_article6:');
    const slots = check(CLEAN, BASE, broken).diagnostics.filter((d) => d.code === 'invalid-field');
    assert.deepEqual(
      slots.map((d) => d.message),
      ['`related_article6`: only `related_article1` to `related_article5` are shown by the site.', '`related_article2` lacks `id`.'],
    );
    const scalarSlot = check(CLEAN, BASE, articleText(CLEAN).replace('---\n\n&nbsp;', 'related_article3: 10\n---\n'));
    assert.ok(scalarSlot.diagnostics.some((d) => d.code === 'invalid-field' && /must be a mapping/.test(d.message)));
  });

  it('duplicate-id: every file sharing the id, on the id value', () => {
    const twin: ArticleSpec = { subjectKey: 'biology', questionKey: 'how-do-ions-work', id: 1 };
    const { diagnostics, text } = check(CLEAN, [...BASE, twin]);
    const dup = diagnostics.filter((d) => d.code === 'duplicate-id');
    assert.equal(dup.length, 1);
    assert.equal(covered(text, dup[0]), '1');
    assert.match(dup[0].message, /biology\/how-do-ions-work\.md/);
  });

  it('url-mismatch and file-name-mismatch, with the expected value', () => {
    const spec = { ...CLEAN, url: '/learn/biology/questions/how-do-ions-work', fileName: 'ions.md' };
    const { diagnostics, text } = check(spec);
    const url = diagnostics.find((d) => d.code === 'url-mismatch')!;
    assert.equal(covered(text, url), '/learn/biology/questions/how-do-ions-work');
    assert.deepEqual(url.data, { field: 'url', expected: '/learn/psychology/questions/how-do-ions-work' });
    const name = diagnostics.find((d) => d.code === 'file-name-mismatch')!;
    assert.equal(covered(text, name), 'ions.md');
    assert.deepEqual(name.data, { field: 'file_name', expected: 'how-do-ions-work.md' });
  });

  it('subject-mismatch: subject vs folder, and seo.title vs subject (case-insensitive), separately', () => {
    const spec = { ...CLEAN, subject: 'Biology', seoTitle: 'QuickTakes | Chemistry' };
    const { diagnostics, text } = check(spec);
    const mismatches = diagnostics.filter((d) => d.code === 'subject-mismatch');
    assert.deepEqual(
      mismatches.map((d) => covered(text, d)),
      ['QuickTakes | Chemistry', 'Biology'],
    );
    assert.deepEqual(
      mismatches.map((d) => d.data),
      [{ field: 'seo.title', expected: 'QuickTakes | Biology' }, { field: 'subject' }],
    );
    const caseOnly = check({ ...CLEAN, seoTitle: 'quicktakes | PSYCHOLOGY' });
    assert.deepEqual(caseOnly.diagnostics, []);
  });

  it('related-duplicate: one per repeating slot, by id or by url', () => {
    const spec = { ...CLEAN, related: [linkTo(NEURON), linkTo(SYNAPSE), linkTo(NEURON), { ...linkTo(SYNAPSE), id: 10 }] };
    const { diagnostics, text } = check(spec);
    const dups = diagnostics.filter((d) => d.code === 'related-duplicate');
    assert.deepEqual(
      dups.map((d) => d.data?.slot),
      [3, 4],
    );
    assert.deepEqual(
      dups.map((d) => covered(text, d)),
      ['10', '10'],
    );
    const byUrl = check({ ...CLEAN, related: [linkTo(NEURON), { ...linkTo(NEURON), id: 99 }] }).diagnostics.filter(
      (d) => d.code === 'related-duplicate',
    );
    assert.equal(byUrl.length, 1);
    assert.match(byUrl[0].message, /url/);
  });

  it('related-self: by id or by url', () => {
    const self = { id: 1, title: 'x', url: '/learn/psychology/questions/how-do-ions-work' };
    const { diagnostics } = check({ ...CLEAN, related: [self] });
    assert.deepEqual(codes(diagnostics), ['related-self', 'related-title-mismatch']);
  });

  it('related-unknown-id: only ids no file has (negative ids and broken files still exist)', () => {
    const spec = { ...CLEAN, related: [{ ...linkTo(NEURON), id: 999 }] };
    const { diagnostics } = check(spec);
    assert.deepEqual(codes(diagnostics), ['related-id-url-mismatch', 'related-unknown-id']);
    assert.equal(diagnostics[1].data?.expected, 10);
    const negative: ArticleSpec = { questionKey: 'negative', id: -5 };
    const toNegative = check({ ...CLEAN, related: [linkTo(negative)] }, [...BASE, negative]);
    assert.deepEqual(codes(toNegative.diagnostics), []);
  });

  it('related-broken-url vs related-moved-url; moved resolves for id/title checks, broken does not', () => {
    const broken = check({ ...CLEAN, related: [{ id: 10, title: 'Nope', url: '/learn/psychology/questions/no-such-thing' }] });
    assert.deepEqual(codes(broken.diagnostics), ['related-broken-url']);
    const moved = check({ ...CLEAN, related: [{ id: 12, title: 'What is a cell?', url: '/learn/psychology/questions/what-is-a-cell' }] });
    assert.deepEqual(codes(moved.diagnostics), ['related-moved-url']);
    assert.equal(moved.diagnostics[0].data?.expected, '/learn/biology/questions/what-is-a-cell');
    const movedWrongId = check({
      ...CLEAN,
      related: [{ id: 10, title: 'What is a cell?', url: '/learn/psychology/questions/what-is-a-cell' }],
    });
    assert.deepEqual(codes(movedWrongId.diagnostics), ['related-id-url-mismatch', 'related-moved-url']);
  });

  it('related-moved-url without a unique target gives no id/title checks', () => {
    const twinA: ArticleSpec = { subjectKey: 'biology', questionKey: 'what-is-dna', id: 20 };
    const twinB: ArticleSpec = { subjectKey: 'chemistry', questionKey: 'what-is-dna', id: 21 };
    const r = check({ ...CLEAN, related: [{ id: 99, title: 'Other', url: '/learn/psychology/questions/what-is-dna' }] }, [
      ...BASE,
      twinA,
      twinB,
    ]);
    assert.deepEqual(codes(r.diagnostics), ['related-unknown-id', 'related-moved-url']);
    assert.match(r.diagnostics[1].message, /biology\/what-is-dna\.md, chemistry\/what-is-dna\.md/);
  });

  it('related-title-mismatch: whitespace-collapsed, case-sensitive, on the title value', () => {
    const spaced = check({ ...CLEAN, related: [{ ...linkTo(NEURON), title: 'What  is a   neuron?' }] });
    assert.deepEqual(spaced.diagnostics, []);
    const drift = check({ ...CLEAN, related: [{ ...linkTo(NEURON), title: 'What is a Neuron?' }] });
    assert.deepEqual(codes(drift.diagnostics), ['related-title-mismatch']);
    assert.equal(covered(drift.text, drift.diagnostics[0]), '>-\n        What is a Neuron?');
    assert.equal(drift.diagnostics[0].data?.expected, 'What is a neuron?');
  });

  it('tolerates a BOM and CRLF with identical diagnostics', () => {
    const spec = { ...CLEAN, related: [{ ...linkTo(NEURON), title: 'Drifted' }] };
    const lf = check(spec).diagnostics;
    const crlfText = '\ufeff' + articleText(spec).replace(/\n/g, '\r\n');
    const corpus = fixtureCorpus(BASE);
    const article = articleFromText(
      {
        path: `${LEARN_ROOT}/psychology/how-do-ions-work.md`,
        learnRoot: LEARN_ROOT,
        subjectKey: 'psychology',
        questionKey: 'how-do-ions-work',
      },
      crlfText,
    );
    corpus.set(article);
    assert.deepEqual(checkArticle(article, article.model!, corpus), lf);
  });
});
