import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArticle } from '../../server/src/core/frontMatter/parse';
import { readArticleModel } from '../../server/src/core/frontMatter/read';
import { modelFromText } from '../../server/src/core/frontMatter/walkModel';
import { scalarOf, textOf, type ArticleModel } from '../../server/src/core/frontMatter/model';
import { articleText } from '../support/fixtures';
import { plainModel } from '../support/summary';

const EXAMPLE = articleText({
  questionKey: 'how-do-ions-work',
  id: 7,
  related: [{ id: 8, title: 'What is a neuron?', url: '/learn/psychology/questions/what-is-a-neuron' }],
});

const plain = (m: ArticleModel, source = true) => plainModel(m, { source, producer: false });

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle));
}

describe('parseArticle (yaml)', () => {
  it('keeps whole-file ranges for keys and values, including related slots', () => {
    const m = parseArticle(EXAMPLE);
    assert.deepEqual(m.frontMatter, { openLine: 0, closeLine: lineOf(EXAMPLE, 'url: /learn/psychology/questions/what-is-a-neuron') + 1 });
    const id = m.fields.get('id')!;
    assert.equal(id.value.kind === 'scalar' && id.value.value, 7);
    assert.deepEqual(id.keyRange, { start: { line: 2, character: 0 }, end: { line: 2, character: 2 } });
    assert.deepEqual(id.valueRange, { start: { line: 2, character: 4 }, end: { line: 2, character: 5 } });
    const title = m.fields.get('title')!;
    assert.equal(textOf(title), 'How do ions work?');
    // a folded value spans from the `>-` indicator to the end of its last line
    assert.deepEqual(title.valueRange, { start: { line: 4, character: 7 }, end: { line: 5, character: 4 + 'How do ions work?'.length } });
    const slot = m.related[0];
    assert.equal(slot.n, 1);
    const urlLine = lineOf(EXAMPLE, '    url: /learn/psychology/questions/what-is-a-neuron');
    assert.deepEqual(slot.url!.valueRange.start, { line: urlLine, character: 9 });
    assert.equal(textOf(slot.title), 'What is a neuron?');
  });

  it('reports a missing opening fence and a missing closing fence', () => {
    assert.match(parseArticle('title: x\n').frontMatterProblem!.message, /does not start with a `---`/);
    const unclosed = parseArticle('---\nid: 1\ntitle: x\n');
    assert.equal(unclosed.frontMatter, null);
    assert.match(unclosed.frontMatterProblem!.message, /no closing `---`/);
  });

  it('gives a partial model and located errors for broken YAML', () => {
    const text = '---\nid: 5\ntitle: [unclosed\nsubject: Psychology\n---\n';
    const m = parseArticle(text);
    assert.ok(m.syntaxErrors.length > 0);
    assert.equal(m.syntaxErrors[0].range.start.line >= 2, true);
    assert.equal(scalarOf(m.fields.get('id')), 5);
  });

  it('reports duplicate keys as syntax errors', () => {
    const m = parseArticle('---\nid: 1\nid: 2\n---\n');
    assert.equal(m.syntaxErrors.length, 1);
    assert.match(m.syntaxErrors[0].message, /unique/);
  });

  it('handles CRLF line endings with the same ranges as LF', () => {
    const crlf = EXAMPLE.replace(/\n/g, '\r\n');
    // the same values and ranges; only the raw source text keeps its `\r`
    assert.deepEqual(plain(parseArticle(crlf), false), plain(parseArticle(EXAMPLE), false));
  });
});

describe('the walker on text (fast path of readArticleModel)', () => {
  const cases: Record<string, string> = {
    example: EXAMPLE,
    crlf: EXAMPLE.replace(/\n/g, '\r\n'),
    'multi-line folded title': EXAMPLE.replace('title: >-\n    How do ions work?', 'title: >-\n    How do\n    ions work?'),
    'trailing blank line': EXAMPLE.replace('score: -1.0', 'score: -1.0\n'),
    'negative id': EXAMPLE.replace('id: 7', 'id: -7'),
    'empty value': EXAMPLE.replace('score: -1.0', 'score:'),
    'string id': EXAMPLE.replace('id: 7', 'id: seven'),
    'float id': EXAMPLE.replace('id: 7', 'id: 7.5'),
    'non-ASCII values (UTF-16 columns)': EXAMPLE.replace('What is a neuron?', 'Qu’est-ce qu’un neurone ? 🧠 é').replace(
      'title: >-\n    How do ions work?',
      'title: >-\n    Ça 𝛼 va  \n    é',
    ),
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`builds the same model as the yaml parser: ${name}`, () => {
      const walked = modelFromText(text);
      assert.ok(walked, 'the walker should handle this regular shape');
      assert.deepEqual(plain(walked), plain(parseArticle(text)));
      assert.equal(readArticleModel(text).producer, 'walk');
    });
  }

  const irregular: Record<string, string> = {
    'quoted title': EXAMPLE.replace('article_title: >-\n    How do ions work?', 'article_title: "How: do?"'),
    comment: EXAMPLE.replace('author: QuickTakes', 'author: QuickTakes # me'),
    tab: EXAMPLE.replace('author: QuickTakes', 'author:\tQuickTakes'),
    anchor: EXAMPLE.replace('author: QuickTakes', 'author: &a QuickTakes'),
    'boolean-looking': EXAMPLE.replace('score: -1.0', 'no_index: true'),
    'blank line inside folded': EXAMPLE.replace('title: >-\n    How do ions work?', 'title: >-\n    How do\n\n    ions work?'),
    'duplicate key': EXAMPLE.replace('score: -1.0', 'score: -1.0\nscore: 2'),
    'nested deeper': EXAMPLE.replace('score: -1.0', 'extra:\n  deeper:\n    x: 1'),
    'two spaces before a value': EXAMPLE.replace('author: QuickTakes', 'author:  QuickTakes'),
    'a value ending in a no-break space': EXAMPLE.replace('author: QuickTakes', 'author: QuickTakes\u00a0'),
    'a folded value ending in a form feed': EXAMPLE.replace('title: >-\n    How do ions work?', 'title: >-\n    How do ions work?\f'),
    BOM: '\ufeff' + EXAMPLE,
  };
  for (const [name, text] of Object.entries(irregular)) {
    it(`hands irregular input to the yaml parser: ${name}`, () => {
      assert.equal(modelFromText(text), undefined);
      assert.equal(readArticleModel(text).producer, 'yaml');
      assert.deepEqual(readArticleModel(text), parseArticle(text));
    });
  }

  it('reads long texts (a grown buffer, a buffer of their own)', () => {
    for (const words of [20000, 250000]) {
      const text = EXAMPLE.replace('The answer has', 'The answer é has ' + 'long '.repeat(words));
      assert.equal(readArticleModel(text).producer, 'walk');
      assert.deepEqual(plain(readArticleModel(text)), plain(parseArticle(text)));
    }
    assert.deepEqual(plain(readArticleModel(EXAMPLE)), plain(parseArticle(EXAMPLE)));
  });
});
