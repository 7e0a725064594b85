import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkArticle, checkLinks, checkOwn } from '../../server/src/core/checks';
import { applySuppressions } from '../../server/src/core/checks/suppressions';
import type { Code, Diagnostic } from '../../server/src/core/checks/diagnostics';
import { applyEdits } from '../../server/src/core/authoring/fixes';
import { suppressionFixes } from '../../server/src/core/authoring/suppress';
import { readArticleModel } from '../../server/src/core/frontMatter/read';
import { articleText, fixtureArticle, fixtureCorpus, linkTo, type ArticleSpec } from '../support/fixtures';

const NEURON: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10 };
const SYNAPSE: ArticleSpec = { questionKey: 'what-is-a-synapse', id: 11 };
const OTHERS = [NEURON, SYNAPSE];
/** A url and file name that do not fit the file; slot 2's title and id do not fit its target. */
const BROKEN: ArticleSpec = {
  questionKey: 'how-do-ions-work',
  id: 1,
  url: '/learn/psychology/questions/elsewhere',
  fileName: 'elsewhere.md',
  related: [linkTo(NEURON), { ...linkTo(SYNAPSE), id: 999, title: 'Another title' }],
};

function check(text: string): Diagnostic[] {
  const corpus = fixtureCorpus(OTHERS);
  const article = fixtureArticle(BROKEN, text);
  corpus.set(article);
  return checkArticle(article, article.model!, corpus);
}

const codes = (ds: Diagnostic[]): Code[] => ds.map((d) => d.code).sort();

/** The fixture's codes but those silenced, plus those added. */
const but = (silenced: Code[], added: Code[] = []): Code[] => [...ALL.filter((c) => !silenced.includes(c)), ...added].sort();

/** The text with `comment` inserted as a line above the first line starting with `before`. */
function withComment(comment: string, before: string, text = articleText(BROKEN)): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith(before));
  assert.ok(at > 0, before);
  lines.splice(at, 0, comment);
  return lines.join('\n');
}

const ALL: Code[] = ['file-name-mismatch', 'url-mismatch', 'related-id-url-mismatch', 'related-unknown-id', 'related-title-mismatch'];

describe('suppressions', () => {
  it('the fixture has the problems the tests silence', () => {
    assert.deepEqual(codes(check(articleText(BROKEN))), but([]));
  });

  it('next-line on a scalar key silences that code on that key only', () => {
    const ds = check(withComment('# quicktakes-disable-next-line url-mismatch', 'url:'));
    assert.deepEqual(codes(ds), but(['url-mismatch']));
    // the same code on another key is not silenced
    const other = check(withComment('# quicktakes-disable-next-line url-mismatch', 'file_name:'));
    assert.deepEqual(codes(other), but([], ['unused-suppression']));
  });

  it('next-line on a related slot covers its sub-keys, several codes at once', () => {
    const ds = check(withComment('# quicktakes-disable-next-line related-title-mismatch related-unknown-id', 'related_article2:'));
    assert.deepEqual(codes(ds), but(['related-title-mismatch', 'related-unknown-id']));
  });

  it('an indented next-line covers the next key inside the mapping', () => {
    const lines = articleText(BROKEN).split('\n');
    const titleLine = lines.findIndex((l, i) => l === '    title: >-' && lines[i + 1] === '        Another title');
    lines.splice(titleLine, 0, '    # quicktakes-disable-next-line related-title-mismatch related-unknown-id');
    const ds = check(lines.join('\n'));
    // the title is silenced; the slot's id (another key) is not, so that code silences nothing here
    assert.deepEqual(codes(ds), but(['related-title-mismatch'], ['unused-suppression']));
    const unused = ds.find((d) => d.code === 'unused-suppression')!;
    assert.equal(unused.range.start.line, titleLine);
    assert.equal(lines[titleLine].slice(unused.range.start.character, unused.range.end.character), 'related-unknown-id');
    assert.match(unused.message, /no `related-unknown-id` problem on the next key/);
  });

  it('file-wide silences the codes everywhere, wherever the comment is', () => {
    const ds = check(withComment('# quicktakes-disable related-title-mismatch url-mismatch', 'author:'));
    assert.deepEqual(codes(ds), but(['related-title-mismatch', 'url-mismatch']));
  });

  it('an unknown code is reported and silences nothing', () => {
    const text = withComment('# quicktakes-disable-next-line url-mismach', 'url:');
    const ds = check(text);
    assert.deepEqual(codes(ds), but([], ['unused-suppression']));
    const unused = ds.find((d) => d.code === 'unused-suppression')!;
    assert.match(unused.message, /`url-mismach` is not a QuickTakes code/);
    const line = text.split('\n')[unused.range.start.line];
    assert.equal(line.slice(unused.range.start.character, unused.range.end.character), '# quicktakes-disable-next-line url-mismach');
  });

  it('an unused suppression is reported once per comment, not when it silences something', () => {
    const ds = check(withComment('# quicktakes-disable-next-line related-self answer-empty', 'url:'));
    const unused = ds.filter((d) => d.code === 'unused-suppression');
    assert.equal(unused.length, 1);
    assert.equal(unused[0].severity, 'info');
    assert.match(unused[0].message, /no `related-self` problem on the next key; no `answer-empty` problem on the next key/);
    assert.deepEqual(
      check(withComment('# quicktakes-disable', 'url:')).find((d) => d.code === 'unused-suppression')?.message,
      'Unused suppression: it names no code.',
    );
    // a comment with no key below it
    const last = check(articleText(BROKEN).replace('\n---\n', '\n# quicktakes-disable-next-line url-mismatch\n---\n'));
    assert.deepEqual(codes(last), but([], ['unused-suppression']));
  });

  it('reads CRLF files the same', () => {
    const lf = withComment('# quicktakes-disable-next-line related-title-mismatch bogus', 'related_article2:');
    assert.deepEqual(check(lf.replace(/\n/g, '\r\n')), check(lf));
    assert.deepEqual(codes(check(lf)), but(['related-title-mismatch'], ['unused-suppression']));
  });

  it('a `#` line inside a folded value or after the front matter is no suppression', () => {
    const inAnswer = articleText(BROKEN).replace(/^answer: >-\n/m, 'answer: >-\n    # quicktakes-disable url-mismatch\n');
    assert.equal(readArticleModel(inAnswer).suppressions, undefined);
    assert.deepEqual(codes(check(inAnswer)), but([]));
    assert.deepEqual(codes(check(`${articleText(BROKEN)}\n# quicktakes-disable url-mismatch\n`)), but([]));
  });

  it('the walker leaves files with comments to the parser; files without keep no suppressions', () => {
    const text = withComment('# quicktakes-disable url-mismatch', 'url:');
    const model = readArticleModel(text);
    assert.equal(model.producer, 'yaml');
    assert.equal(model.suppressions?.length, 1);
    assert.equal(readArticleModel(articleText(BROKEN)).suppressions, undefined);
  });

  it("lint's path (own findings as plain data, then the links) gives the editor's result", () => {
    const text = withComment('# quicktakes-disable-next-line related-title-mismatch nope', 'related_article2:');
    const corpus = fixtureCorpus(OTHERS);
    const article = fixtureArticle(BROKEN, text);
    corpus.set(article);
    const own = JSON.parse(JSON.stringify(checkOwn(article.model!, article))) as Diagnostic[];
    const all = [...own, ...checkLinks(article, corpus)].sort((a, b) => a.range.start.line - b.range.start.line);
    assert.deepEqual(applySuppressions(all), check(text));
    // while only the own checks have run, nothing is called unused
    assert.deepEqual(codes(applySuppressions(own, { unused: false })), ['file-name-mismatch', 'url-mismatch']);
  });

  it('quick fixes insert the line above the key (its indentation) or after `---`, and silence the problem', () => {
    const text = articleText(BROKEN).replace(/\n/g, '\r\n');
    const model = readArticleModel(text);
    const ds = check(text);
    const title = ds.find((d) => d.code === 'related-title-mismatch')!;
    const [onKey, inFile] = suppressionFixes(text, model, title);
    assert.equal(onKey.title, 'Suppress related-title-mismatch on this key');
    assert.equal(onKey.preferred, false);
    const keyed = applyEdits(text, onKey.edits);
    assert.match(keyed, /related_article2:\r\n {4}id: 999\r\n {4}# quicktakes-disable-next-line related-title-mismatch\r\n {4}title: >-/);
    assert.deepEqual(codes(check(keyed)), but(['related-title-mismatch']));
    assert.equal(inFile.title, 'Suppress related-title-mismatch in this file');
    const filed = applyEdits(text, inFile.edits);
    assert.ok(filed.startsWith('---\r\n# quicktakes-disable related-title-mismatch\r\n_schema: default'));
    assert.deepEqual(codes(check(filed)), but(['related-title-mismatch']));
    // a second code joins the comment already there
    const id = check(filed).find((d) => d.code === 'related-unknown-id')!;
    const [, again] = suppressionFixes(filed, readArticleModel(filed), id);
    assert.ok(applyEdits(filed, again.edits).startsWith('---\r\n# quicktakes-disable related-title-mismatch related-unknown-id\r\n'));
  });

  it('the remove fix deletes an unused comment, or only its unused code', () => {
    const whole = withComment('# quicktakes-disable-next-line related-self', 'url:');
    const u1 = check(whole).find((d) => d.code === 'unused-suppression')!;
    const [rm] = suppressionFixes(whole, readArticleModel(whole), u1);
    assert.equal(rm.title, 'Remove the unused suppression');
    assert.equal(applyEdits(whole, rm.edits), articleText(BROKEN));
    const part = withComment('# quicktakes-disable-next-line related-self url-mismatch', 'url:');
    const u2 = check(part).find((d) => d.code === 'unused-suppression')!;
    const [rm2] = suppressionFixes(part, readArticleModel(part), u2);
    assert.equal(rm2.title, 'Remove related-self from the suppression');
    const fixed = applyEdits(part, rm2.edits);
    assert.equal(fixed, withComment('# quicktakes-disable-next-line url-mismatch', 'url:'));
    assert.ok(!codes(check(fixed)).includes('unused-suppression'));
  });
});
