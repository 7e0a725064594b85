/**
 * The byte-level summary path (walk.ts + summary.ts) against the exact path:
 * wherever it answers, it must give the summary `summarize(readArticleModel(text))`
 * gives, and the walk's full model must be the exact parser's.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { plainLink } from '../../server/src/core/corpus/article';
import { readArticleAndModel, readSummary, StringPool, summaryFromBytes } from '../../server/src/core/corpus/summary';
import { modelFromBytes } from '../../server/src/core/frontMatter/walkModel';
import { readArticleModel } from '../../server/src/core/frontMatter/read';
import { parseArticle } from '../../server/src/core/frontMatter/parse';
import { loadCorpus, loadCorpusSync, listArticles } from '../../server/src/core/loading/workspace';
import { articleText, writeWorkspace } from '../support/fixtures';
import { FUZZ, mutate, mutationArb, sampleTexts } from '../support/mutations';
import { plainArticle, plainModel, referenceSummary } from '../support/summary';

const LOC = {
  path: '/ws/content/learn/psychology/how-do-ions-work.md',
  learnRoot: '/ws/content/learn',
  subjectKey: 'psychology',
  questionKey: 'how-do-ions-work',
};

const EXAMPLE = articleText({
  questionKey: 'how-do-ions-work',
  id: 7,
  related: [
    { id: 8, title: 'What is a neuron?', url: '/learn/psychology/questions/what-is-a-neuron' },
    { id: 9, title: 'Why do synapses — fire? 𝛼', url: '/learn/biology/questions/why-do-synapses-fire' },
  ],
});

function fast(text: string) {
  const bytes = Buffer.from(text, 'utf8');
  return summaryFromBytes(LOC, bytes, bytes.length);
}

function assertSame(text: string, expectFast?: boolean): void {
  const s = fast(text);
  if (expectFast !== undefined) assert.equal(s !== undefined, expectFast, expectFast ? 'should take the byte path' : 'should defer');
  if (!s) return;
  assert.deepEqual(plainArticle(s), referenceSummary(LOC, text));
  // where the byte path answers, its full model is the exact parser's
  const bytes = Buffer.from(text, 'utf8');
  const walked = modelFromBytes(bytes, bytes.length);
  assert.ok(walked, 'the summary took the byte path but the model did not');
  assert.deepEqual(plainModel(walked, { producer: false }), plainModel(parseArticle(text), { producer: false }));
}

describe('summaryFromBytes', () => {
  const regular: Record<string, string> = {
    example: EXAMPLE,
    crlf: EXAMPLE.replace(/\n/g, '\r\n'),
    'plain title': EXAMPLE.replace('title: >-\n    How do ions work?', 'title: How do ions work?'),
    'multi-line folded title': EXAMPLE.replace('title: >-\n    How do ions work?', 'title: >-\n    How do   \n    ions work?  '),
    'multi-line folded title, CRLF': EXAMPLE.replace(
      'title: >-\n    How do ions work?',
      'title: >-\n    How do   \n    ions work?  ',
    ).replace(/\n/g, '\r\n'),
    'multi-line folded non-ASCII answer': EXAMPLE.replace('The answer has', 'Qu’est-ce é 🧠\n    que the answer has  \n    é'),
    'title needing collapse': EXAMPLE.replace('title: >-\n    How do ions work?', 'title: >-\n    How  do\u00a0ions work?'),
    'non-ASCII values (UTF-16 columns)': EXAMPLE.replace('What is a neuron?', 'Qu’est-ce qu’un neurone ? 🧠 é'),
    'number as title': EXAMPLE.replace('title: >-\n    How do ions work?', 'title: 1984'),
    'float id': EXAMPLE.replace('id: 7', 'id: 7.0'),
    'string id': EXAMPLE.replace('id: 7', 'id: seven'),
    'negative id': EXAMPLE.replace('id: 7', 'id: -7'),
    'long id': EXAMPLE.replace('id: 7', 'id: 12345678901234567890'),
    'empty id': EXAMPLE.replace('id: 7', 'id:'),
    'folded id': EXAMPLE.replace('id: 7', 'id: >-\n    7'),
    'empty related slot': EXAMPLE.replace('score: -1.0', 'score: -1.0\nrelated_article3:'),
    'plain related slot': EXAMPLE.replace('score: -1.0', 'score: -1.0\nrelated_article3: nothing'),
    'slot number out of range': EXAMPLE.replace('related_article2:', 'related_article007:'),
    'slot without url': EXAMPLE.replace('    url: /learn/psychology/questions/what-is-a-neuron\n', ''),
    'two-space children': EXAMPLE.replace(/\n {4}(id|title|subject|url):/g, '\n  $1:').replace(/\n {8}/g, '\n    '),
    'trailing spaces': EXAMPLE.replace('id: 7', 'id: 7   ').replace('author: QuickTakes', 'author: QuickTakes  '),
    'plain question': EXAMPLE.replace('question: >-\n    How do ions work?', 'question: How do ions work?'),
    'multi-line folded question, punctuation and other scripts': EXAMPLE.replace(
      'question: >-\n    How do ions work?',
      'question: >-\n    Qu’est-ce   \n    qu’un NEURONE ? Что такое 🧠  ',
    ),
    'empty question': EXAMPLE.replace('question: >-\n    How do ions work?', 'question:'),
    'question of punctuation alone': EXAMPLE.replace('question: >-\n    How do ions work?', 'question: >-\n    ?!'),
    'number as question': EXAMPLE.replace('question: >-\n    How do ions work?', 'question: 1984'),
    'no body': EXAMPLE.replace(/---\n\n&nbsp;$/, '---'),
    'empty front matter': '---\n---\n',
    'values starting with letters that start keywords': EXAMPLE.replace('author: QuickTakes', 'author: nobody').replace(
      'subject: Psychology',
      'subject: True stories',
    ),
  };
  for (const [name, text] of Object.entries(regular)) {
    it(`gives the exact summary: ${name}`, () => assertSame(text, true));
  }

  const irregular: Record<string, string> = {
    BOM: '\ufeff' + EXAMPLE,
    tab: EXAMPLE.replace('author: QuickTakes', 'author:\tQuickTakes'),
    'tab in the answer': EXAMPLE.replace('The answer has', 'The\tanswer has'),
    comment: EXAMPLE.replace('author: QuickTakes', 'author: QuickTakes # me'),
    'quoted title': EXAMPLE.replace('title: >-\n    How do ions work?', 'title: "How: do?"'),
    'boolean value': EXAMPLE.replace('score: -1.0', 'no_index: true'),
    'null value': EXAMPLE.replace('author: QuickTakes', 'author: null'),
    exponent: EXAMPLE.replace('score: -1.0', 'score: 1e5'),
    'lone CR in a key line': EXAMPLE.replace('author: QuickTakes', 'author: Quick\rTakes'),
    'line separator in a value': EXAMPLE.replace('author: QuickTakes', 'author: Quick\u2028Takes'),
    'duplicate key': EXAMPLE.replace('score: -1.0', 'score: -1.0\nscore: 2'),
    'duplicate child key': EXAMPLE.replace('    id: 8\n', '    id: 8\n    id: 9\n'),
    'mapping id': EXAMPLE.replace('id: 7', 'id:\n  n: 7'),
    'nested deeper': EXAMPLE.replace('score: -1.0', 'extra:\n  deeper:\n    x: 1'),
    'blank line inside folded': EXAMPLE.replace('title: >-\n    How do ions work?', 'title: >-\n    How do\n\n    ions work?'),
    'multi-line plain': EXAMPLE.replace('author: QuickTakes', 'author: Quick\n  Takes'),
    'no closing fence': EXAMPLE.replace(/---\n\n&nbsp;$/, ''),
    'no front matter': 'Just text\n',
    'empty file': '',
    'a fence with trailing text': EXAMPLE.replace(/^---\n/, '--- x\n'),
    'key without space': EXAMPLE.replace('author: QuickTakes', 'author:QuickTakes'),
    'two spaces before a value': EXAMPLE.replace('id: 7', 'id:  7'),
    'a value ending in a form feed': EXAMPLE.replace('author: QuickTakes', 'author: QuickTakes\f'),
    'a link title beyond the packed column range': EXAMPLE.replace('What is a neuron?', 'x'.repeat(70000)),
    'a question beyond the packed column range': EXAMPLE.replace('question: >-\n    How do ions work?', `question: ${'x'.repeat(70000)}`),
  };
  for (const [name, text] of Object.entries(irregular)) {
    it(`defers: ${name}`, () => assertSame(text, false));
  }

  it('agrees with the exact path on randomly mutated real articles', () => {
    const samples = sampleTexts(40);
    let accepted = 0;
    const numRuns = Math.max(FUZZ.numRuns, 1000);
    fc.assert(
      fc.property(fc.nat({ max: samples.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 6 }), (which, mutations) => {
        const text = mutate(samples[which].text, mutations);
        if (fast(text)) accepted++;
        assertSame(text);
      }),
      { ...FUZZ, numRuns },
    );
    // the property is only worth something if many mutants still take the byte path
    assert.ok(accepted > numRuns / 5, `${accepted} of ${numRuns} mutants took the byte path`);
  });

  it('links serialize with their ranges, like plain links', () => {
    const s = fast(EXAMPLE)!;
    assert.deepEqual(JSON.parse(JSON.stringify(s.links)), JSON.parse(JSON.stringify(s.links.map(plainLink))));
    assert.deepEqual(s.links[0].idRange, { start: { line: 26, character: 8 }, end: { line: 26, character: 9 } });
  });

  it('shares equal strings within one load', () => {
    const pool = new StringPool();
    const a = Buffer.from(EXAMPLE);
    const one = summaryFromBytes(LOC, a, a.length, pool)!;
    const two = summaryFromBytes({ ...LOC, path: '/ws/content/learn/psychology/x.md', questionKey: 'x' }, a, a.length, pool)!;
    assert.equal(one.links[0].url, two.links[0].url);
    assert.deepEqual(plainArticle(one), referenceSummary(LOC, EXAMPLE));
  });
});

describe('readSummary and the loaders', () => {
  const files = {
    'content/learn/psychology/how-do-ions-work.md': EXAMPLE,
    'content/learn/psychology/bom.md': '\ufeff' + EXAMPLE,
    'content/learn/psychology/big.md': EXAMPLE.replace('The answer has', 'The answer has ' + 'long '.repeat(40000)),
    'content/learn/biology/broken.md': 'title: [unclosed\n',
    'content/learn/biology/empty.md': '',
  };

  it('reads every file, large or irregular, into the exact summary', async () => {
    const root = writeWorkspace(files);
    const learn = path.join(root, 'content/learn');
    for (const loc of listArticles(learn)) {
      const text = fs.readFileSync(loc.path, 'utf8');
      assert.deepEqual(plainArticle(readSummary(loc)), referenceSummary(loc, text), loc.path);
      const both = readArticleAndModel(loc);
      assert.deepEqual(plainArticle(both.article), referenceSummary(loc, text), loc.path);
      assert.deepEqual(plainModel(both.model), plainModel(readArticleModel(text.replace(/^\ufeff/, ''))), loc.path);
    }
    const sync = loadCorpusSync(learn);
    const async = await loadCorpus(learn, { batchSize: 2 });
    for (const corpus of [sync, async]) {
      assert.equal(corpus.size, 5);
      for (const a of corpus.articles()) assert.deepEqual(plainArticle(a), referenceSummary(a, fs.readFileSync(a.path, 'utf8')));
    }
  });

  it('reads an unreadable file as empty', () => {
    const loc = {
      path: '/nonexistent/content/learn/psychology/gone.md',
      learnRoot: '/nonexistent/content/learn',
      subjectKey: 'psychology',
      questionKey: 'gone',
    };
    assert.deepEqual(plainArticle(readSummary(loc)), referenceSummary(loc, ''));
  });
});
