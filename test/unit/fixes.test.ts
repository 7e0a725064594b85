import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { articleFromText } from '../../server/src/core/corpus/article';
import { checkArticle } from '../../server/src/core/checks';
import type { Code, Diagnostic } from '../../server/src/core/checks/diagnostics';
import { applyEdits, fixAll, fixesFor, type FixInput } from '../../server/src/core/authoring/fixes';
import { articleText, fixtureArticle, fixtureCorpus, LEARN_ROOT, linkTo, type ArticleSpec } from '../support/fixtures';

const NEURON: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10 };
const SYNAPSE: ArticleSpec = { questionKey: 'what-is-a-synapse', id: 11 };
const AXON: ArticleSpec = { questionKey: 'what-is-an-axon', id: 13 };
const MOVED: ArticleSpec = { subjectKey: 'biology', questionKey: 'what-is-a-cell', id: 12 };
const BASE = [NEURON, SYNAPSE, AXON, MOVED];
const IONS: ArticleSpec = { questionKey: 'how-do-ions-work', id: 1 };

function setup(spec: ArticleSpec, text = articleText(spec), others = BASE): { input: FixInput; diagnostics: Diagnostic[] } {
  const corpus = fixtureCorpus(others);
  const article = fixtureArticle(spec, text);
  corpus.set(article);
  const model = article.model!;
  return { input: { text, model, article, corpus }, diagnostics: checkArticle(article, model, corpus) };
}

/** The text after the preferred fix of the first diagnostic with `code`. */
function fixOne(spec: ArticleSpec, code: Code, text = articleText(spec)): string {
  const { input, diagnostics } = setup(spec, text);
  const d = diagnostics.find((x) => x.code === code);
  assert.ok(d, `expected a ${code} diagnostic, got ${diagnostics.map((x) => x.code).join(', ')}`);
  const fix = fixesFor(input, d).find((f) => f.preferred);
  assert.ok(fix, `expected a fix for ${code}`);
  return applyEdits(text, fix.edits);
}

function fixEverything(spec: ArticleSpec, text = articleText(spec)): { text: string; left: Code[] } {
  const { input, diagnostics } = setup(spec, text);
  const { edits } = fixAll(input, diagnostics);
  const out = applyEdits(text, edits);
  return { text: out, left: setup(spec, out).diagnostics.map((d) => d.code) };
}

describe('quick fixes (core)', () => {
  it('removes a duplicate slot and renumbers the slots after it', () => {
    const spec = { ...IONS, related: [linkTo(NEURON), linkTo(NEURON), linkTo(SYNAPSE), linkTo(AXON)] };
    const out = fixOne(spec, 'related-duplicate');
    assert.equal(out, articleText({ ...IONS, related: [linkTo(NEURON), linkTo(SYNAPSE), linkTo(AXON)] }));
  });

  it('fix all removes several duplicates at once, with one renumbering, and keeps CRLF', () => {
    const spec = { ...IONS, related: [linkTo(NEURON), linkTo(NEURON), linkTo(SYNAPSE), linkTo(SYNAPSE), linkTo(AXON)] };
    const crlf = articleText(spec).replace(/\n/g, '\r\n');
    const { text, left } = fixEverything(spec, crlf);
    assert.equal(text, articleText({ ...IONS, related: [linkTo(NEURON), linkTo(SYNAPSE), linkTo(AXON)] }).replace(/\n/g, '\r\n'));
    assert.deepEqual(left, []);
  });

  it('removes a self-link', () => {
    const spec = { ...IONS, related: [linkTo(IONS), linkTo(NEURON)] };
    assert.equal(fixOne(spec, 'related-self'), articleText({ ...IONS, related: [linkTo(NEURON)] }));
  });

  it('sets a drifted title from the target, keeping the folded style', () => {
    const spec = { ...IONS, related: [{ ...linkTo(NEURON), title: 'What’s a neuron, really?' }] };
    const out = fixOne(spec, 'related-title-mismatch');
    assert.equal(out, articleText({ ...IONS, related: [linkTo(NEURON)] }));
  });

  it('keeps a plain title plain, and quotes a value that needs it', () => {
    const target: ArticleSpec = { ...NEURON, title: 'Neurons: what are they?' };
    const spec = { ...IONS, related: [linkTo(NEURON)] };
    const text = articleText(spec).replace(/title: >-\n {8}What is a neuron\?/, 'title: What is it?');
    const { input, diagnostics } = setup(spec, text, [target, SYNAPSE]);
    const d = diagnostics.find((x) => x.code === 'related-title-mismatch')!;
    const out = applyEdits(text, fixesFor(input, d)[0].edits);
    assert.match(out, /\n {4}title: "Neurons: what are they\?"\n/);
  });

  it('sets an unknown id from the article its url leads to', () => {
    const spec = { ...IONS, related: [{ ...linkTo(NEURON), id: 999 }] };
    assert.equal(fixOne(spec, 'related-unknown-id'), articleText({ ...IONS, related: [linkTo(NEURON)] }));
  });

  it('id/url mismatch: prefers the url, offers the id as an alternative', () => {
    const spec = { ...IONS, related: [{ ...linkTo(NEURON), id: 11 }] };
    const text = articleText(spec);
    const { input, diagnostics } = setup(spec);
    const d = diagnostics.find((x) => x.code === 'related-id-url-mismatch')!;
    const [byUrl, byId] = fixesFor(input, d);
    assert.equal(byUrl.preferred, true);
    assert.equal(applyEdits(text, byUrl.edits), articleText({ ...IONS, related: [linkTo(NEURON)] }));
    assert.equal(byId.preferred, false);
    assert.equal(applyEdits(text, byId.edits), articleText({ ...IONS, related: [linkTo(SYNAPSE)] }));
  });

  it('a 404 url is set from the slot id’s article', () => {
    const spec = { ...IONS, related: [{ ...linkTo(SYNAPSE), url: '/learn/psychology/questions/gone', title: 'Gone?' }] };
    assert.equal(fixOne(spec, 'related-broken-url'), articleText({ ...IONS, related: [linkTo(SYNAPSE)] }));
  });

  it('a moved url is set to where the article is, with its subject', () => {
    const spec = { ...IONS, related: [{ ...linkTo(MOVED), url: '/learn/psychology/questions/what-is-a-cell' }] };
    const out = fixOne(spec, 'related-moved-url');
    assert.equal(out, articleText({ ...IONS, related: [{ ...linkTo(MOVED), subject: 'Biology' }] }));
  });

  it('completes a slot that lacks title and subject from its target', () => {
    const spec = { ...IONS, related: [linkTo(NEURON)] };
    const partial = articleText(spec).replace(/ {4}title: >-\n {8}What is a neuron\?\n {4}subject: Psychology\n/, '');
    assert.notEqual(partial, articleText(spec));
    assert.equal(fixOne(spec, 'invalid-field', partial), articleText(spec));
  });

  it('url, file_name and the fixed values from the file and the site', () => {
    const spec = { ...IONS, url: '/learn/psychology/questions/old', fileName: 'old.md' };
    const text = articleText(spec).replace('author: QuickTakes', 'author: Someone');
    const { text: out, left } = fixEverything(spec, text);
    assert.equal(out, articleText(IONS));
    assert.deepEqual(left, []);
  });

  it('subject from the folder’s articles, and seo.title with it', () => {
    const spec = { ...IONS, subject: 'Psychologie', seoTitle: 'QuickTakes | Psychologie' };
    const { text, left } = fixEverything(spec);
    assert.equal(text, articleText(IONS));
    assert.deepEqual(left, []);
    const seoOnly = { ...IONS, seoTitle: 'QuickTakes | Biology' };
    assert.equal(fixOne(seoOnly, 'subject-mismatch'), articleText(IONS));
  });

  it('inserts missing fields whose value is certain, in the usual order', () => {
    const text = articleText(IONS)
      .replace('_schema: default\n', '')
      .replace(/file_name: .*\n/, '')
      .replace(/url: .*\n/, '')
      .replace(/article_title: >-\n.*\n/, '')
      .replace(/ {2}title: QuickTakes \| Psychology\n/, '');
    const { text: out, left } = fixEverything(IONS, text);
    assert.equal(out, articleText(IONS));
    assert.deepEqual(left, []);
  });

  it('finds the missing field in the diagnostic’s data, not in its message', () => {
    const text = articleText(IONS).replace('author: QuickTakes\n', '');
    const { input, diagnostics } = setup(IONS, text);
    const d = diagnostics.find((x) => x.code === 'missing-field')!;
    const reworded = { ...d, message: 'Something else entirely.' };
    assert.equal(applyEdits(text, fixesFor(input, reworded)[0].edits), articleText(IONS));
    assert.deepEqual(fixesFor(input, { ...d, data: undefined }), []);
  });

  it('offers nothing where a fix would be a guess; a slot leading nowhere only its removal, never preferred', () => {
    const dup = { ...IONS, id: 10 };
    const { input, diagnostics } = setup(dup);
    const d = diagnostics.find((x) => x.code === 'duplicate-id')!;
    assert.deepEqual(fixesFor(input, d), []);
    const broken = { ...IONS, related: [{ id: 555, title: 'Nothing', url: '/learn/psychology/questions/nothing' }] };
    const b = setup(broken);
    for (const diag of b.diagnostics) {
      assert.deepEqual(
        fixesFor(b.input, diag).map((f) => [f.title, f.preferred]),
        [['Remove related_article1 (it links to no article)', false]],
        diag.code,
      );
    }
  });

  it('fix all on a slot that is both removed and wrong drops the other edits of that slot', () => {
    const spec = { ...IONS, related: [linkTo(NEURON), { ...linkTo(NEURON), title: 'Drifted' }, linkTo(SYNAPSE)] };
    const { text, left } = fixEverything(spec);
    assert.equal(text, articleText({ ...IONS, related: [linkTo(NEURON), linkTo(SYNAPSE)] }));
    assert.deepEqual(left, []);
  });

  it('fix all fixes what a first fix uncovers: a corrected id that repeats an earlier slot', () => {
    const spec = { ...IONS, related: [linkTo(NEURON), { ...linkTo(NEURON), id: 999 }, linkTo(SYNAPSE)] };
    const { text, left } = fixEverything(spec);
    assert.equal(text, articleText({ ...IONS, related: [linkTo(NEURON), linkTo(SYNAPSE)] }));
    assert.deepEqual(left, []);
  });

  it('a slot whose url leads to a copy of this article (same id) is removed, not given the own id', () => {
    const copy: ArticleSpec = { ...IONS, subjectKey: 'biology' };
    const spec = { ...IONS, related: [{ ...linkTo(copy), id: 999 }, linkTo(NEURON)] };
    const text = articleText(spec);
    const { input, diagnostics } = setup(spec, text, [...BASE, copy]);
    const d = diagnostics.find((x) => x.code === 'related-unknown-id')!;
    const [fix] = fixesFor(input, d);
    assert.equal(fix.title, 'Remove related_article1: its url leads to a copy of this article');
    assert.equal(applyEdits(text, fix.edits), articleText({ ...IONS, related: [linkTo(NEURON)] }));
  });

  it('fix all can be limited to some codes', () => {
    const spec = { ...IONS, related: [linkTo(NEURON), linkTo(NEURON), { ...linkTo(SYNAPSE), title: 'Drifted' }] };
    const { input, diagnostics } = setup(spec);
    const { edits, fixed } = fixAll(input, diagnostics, { codes: new Set(['related-title-mismatch']) });
    assert.deepEqual(
      fixed.map((d) => d.code),
      ['related-title-mismatch'],
    );
    assert.equal(applyEdits(input.text, edits), articleText({ ...IONS, related: [linkTo(NEURON), linkTo(NEURON), linkTo(SYNAPSE)] }));
  });

  it('offers a fix that a check carried with its diagnostic', () => {
    const { input, diagnostics } = setup({ ...IONS, related: [linkTo(NEURON)] });
    assert.deepEqual(diagnostics, []);
    const edit = { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 7 } }, newText: '_schema' };
    const d: Diagnostic = { code: 'invalid-field', severity: 'error', message: 'm', range: edit.range };
    const carried = { ...d, data: { fixTitle: 'Do it', edits: [edit] } } as Diagnostic;
    assert.deepEqual(fixesFor(input, carried), [{ title: 'Do it', code: 'invalid-field', edits: [edit], preferred: true }]);
  });

  it('works on an article that is not in the corpus yet', () => {
    const spec = { ...IONS, questionKey: 'brand-new', related: [{ ...linkTo(NEURON), id: 999 }] };
    const text = articleText(spec);
    const corpus = fixtureCorpus(BASE);
    const article = articleFromText(
      { path: `${LEARN_ROOT}/psychology/brand-new.md`, learnRoot: LEARN_ROOT, subjectKey: 'psychology', questionKey: 'brand-new' },
      text,
    );
    const diagnostics = checkArticle(article, article.model!, corpus);
    const { edits, fixed } = fixAll({ text, model: article.model!, article, corpus }, diagnostics);
    assert.deepEqual(fixed.map((d) => d.code).sort(), ['related-id-url-mismatch', 'related-unknown-id']);
    assert.equal(applyEdits(text, edits), articleText({ ...spec, related: [linkTo(NEURON)] }));
  });
});
