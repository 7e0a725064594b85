import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { articleFromText } from '../../server/src/core/corpus/article';
import { checkArticle } from '../../server/src/core/checks';
import type { Corpus } from '../../server/src/core/corpus/corpus';
import { localDate, newArticle, planNewArticle, subjectName, subjectsOf } from '../../server/src/core/authoring/newArticle';
import { parseArticle } from '../../server/src/core/frontMatter/parse';
import { answerOfArticle } from '../../server/src/core/answer/render';
import { readArticleModel } from '../../server/src/core/frontMatter/read';
import { fixtureCorpus, LEARN_ROOT, type ArticleSpec } from '../support/fixtures';

const SPECS: ArticleSpec[] = [
  { questionKey: 'what-is-a-neuron', id: 10 },
  { subjectKey: 'accounting-and-finance', subject: 'Accounting and Finance', questionKey: 'what-is-a-ledger', id: 42 },
  { subjectKey: 'biology', questionKey: 'what-is-a-cell', id: 12 },
];

/** Adds a planned article to the corpus and runs every core check on it. */
function checked(corpus: Corpus, path: string, text: string) {
  const m = /^(.*\/learn)\/([^/]+)\/([^/]+)\.md$/.exec(path)!;
  const article = articleFromText({ path, learnRoot: m[1], subjectKey: m[2], questionKey: m[3] }, text);
  corpus.set(article);
  return checkArticle(article, article.model!, corpus);
}

describe('newArticle', () => {
  it('writes every required field in the real layout, with an empty answer', () => {
    const a = newArticle({ id: 7, date: '2025-03-04', subject: 'Psychology', subjectKey: 'psychology', question: '  What is  memory?\n' });
    assert.equal(a.questionKey, 'what-is-memory');
    const lines = a.text.split('\n');
    assert.deepEqual(lines.slice(0, 6), ['---', '_schema: default', 'id: 7', 'date: 2025-03-04', 'title: >-', '    What is memory?']);
    assert.ok(lines.includes('  title: QuickTakes | Psychology'));
    assert.ok(lines.includes('url: /learn/psychology/questions/what-is-memory'));
    assert.ok(lines.includes('file_name: what-is-memory.md'));
    assert.deepEqual(lines.slice(-3), ['---', '', '&nbsp;']);
    assert.equal(lines[a.cursor.line - 1], 'answer: >-');
    assert.equal(a.cursor.character, 4);
    assert.equal(answerOfArticle(a.text), '');
  });

  it('reads the same with the fast reader and the exact parser', () => {
    const { text } = newArticle({
      id: 7,
      date: '2025-03-04',
      subject: 'Psychology',
      subjectKey: 'psychology',
      question: 'Why: "quotes" # and colons?',
    });
    const strip = (m: ReturnType<typeof parseArticle>) =>
      [...m.fields].map(([k, f]) => [k, f.value.kind === 'scalar' ? f.value.value : f.value.kind]);
    assert.deepEqual(strip(readArticleModel(text)), strip(parseArticle(text)));
    assert.equal(parseArticle(text).fields.get('question')?.value.kind, 'scalar');
  });

  it('gives text that passes every core check, typed into the answer or not', () => {
    const corpus = fixtureCorpus(SPECS);
    const plan = planNewArticle(corpus, 'accounting-and-finance', 'What is double-entry bookkeeping?', { date: '2025-02-28' });
    assert.ok(plan.ok);
    assert.equal(plan.path, `${LEARN_ROOT}/accounting-and-finance/what-is-double-entry-bookkeeping.md`);
    // Before the author writes it, the empty answer may be pointed out; nothing else.
    const codes = checked(corpus, plan.path, plan.article.text).map((d) => d.code);
    assert.deepEqual(
      codes.filter((c) => c !== 'answer-empty'),
      [],
    );
    assert.match(plan.article.text, /\nid: 43\n/);
    assert.match(plan.article.text, /\nsubject: Accounting and Finance\n/);
    assert.match(plan.article.text, /\n {2}title: QuickTakes \| Accounting and Finance\n/);
    const lines = plan.article.text.split('\n');
    lines[plan.article.cursor.line] += 'Every transaction is recorded twice.\\n\\n- debit\\n- credit';
    assert.deepEqual(checked(corpus, plan.path, lines.join('\n')), []);
    assert.equal(answerOfArticle(lines.join('\n')), 'Every transaction is recorded twice.\\n\\n- debit\\n- credit');
  });
});

describe('planNewArticle', () => {
  it('refuses to overwrite an existing article or file', () => {
    const corpus = fixtureCorpus(SPECS);
    const plan = planNewArticle(corpus, 'psychology', 'What is a neuron?', { date: '2025-01-01' });
    assert.equal(plan.ok, false);
    assert.ok(!plan.ok && plan.reason === 'exists' && plan.existing === `${LEARN_ROOT}/psychology/what-is-a-neuron.md`);
    const onDisk = planNewArticle(corpus, 'psychology', 'Not indexed yet', { date: '2025-01-01', exists: () => true });
    assert.ok(!onDisk.ok && onDisk.reason === 'exists');
  });

  it('explains a question-key that exists in another subject folder, and creates it when allowed', () => {
    const corpus = fixtureCorpus(SPECS);
    const plan = planNewArticle(corpus, 'psychology', 'What is a cell?', { date: '2025-01-01' });
    assert.ok(!plan.ok && plan.reason === 'collision');
    assert.equal(plan.existing, `${LEARN_ROOT}/biology/what-is-a-cell.md`);
    assert.match(plan.message, /question-key `what-is-a-cell` \(in biology\/\)/);
    const forced = planNewArticle(corpus, 'psychology', 'What is a cell?', { date: '2025-01-01', allowCollision: true });
    assert.ok(forced.ok);
  });

  it('refuses a question without letters or digits', () => {
    const plan = planNewArticle(fixtureCorpus(SPECS), 'psychology', ' ?! ', { date: '2025-01-01' });
    assert.ok(!plan.ok && plan.reason === 'empty');
  });
});

describe('subjects', () => {
  it('lists subject folders with the display names their articles use', () => {
    assert.deepEqual(subjectsOf(fixtureCorpus(SPECS)), [
      { key: 'accounting-and-finance', name: 'Accounting and Finance' },
      { key: 'biology', name: 'Biology' },
      { key: 'psychology', name: 'Psychology' },
    ]);
    assert.equal(subjectName(fixtureCorpus([]), 'art-history-and-literature'), 'Art History and Literature');
  });

  it('formats the local date', () => {
    assert.equal(localDate(new Date(2025, 0, 5, 23, 59)), '2025-01-05');
  });
});
