/**
 * `question-duplicate`: the normalization of questions, and the check on
 * hand-written fixtures (case, punctuation, spacing, other scripts, copies
 * sharing an id, groups of three, articles without a valid id, empty questions).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'node:test';
import { normalizeQuestion, questionRange, questionWords } from '../../server/src/core/corpus/article';
import { checkArticle } from '../../server/src/core/checks';
import type { Diagnostic } from '../../server/src/core/checks/diagnostics';
import { Project } from '../../server/src/core/corpus/project';
import { articleText, fixtureArticle, fixtureCorpus, type ArticleSpec } from '../support/fixtures';

/** The rule as written: lowercase, drop what is not a letter, digit or white space, collapse white space, trim. */
function reference(q: string): string | undefined {
  const n = q
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  return n === '' ? undefined : n;
}

/** Each article of the corpus with its question-duplicate diagnostics. */
function flagged(specs: ArticleSpec[]): Map<string, Diagnostic[]> {
  const corpus = fixtureCorpus(specs);
  const out = new Map<string, Diagnostic[]>();
  for (const a of corpus.articles()) {
    const ds = checkArticle(a, a.model!, corpus).filter((d) => d.code === 'question-duplicate');
    out.set(`${a.subjectKey}/${a.questionKey}`, ds);
  }
  return out;
}

const counts = (m: Map<string, Diagnostic[]>) => Object.fromEntries([...m].map(([k, ds]) => [k, ds.length]));
const messages = (m: Map<string, Diagnostic[]>) => new Map([...m].map(([k, ds]) => [k, ds.map((d) => d.message)]));

describe('normalizeQuestion', () => {
  it('ignores case, punctuation and spacing; its words joined by `-`, as in a question-key', () => {
    assert.equal(normalizeQuestion('What is a Cell?'), 'what-is-a-cell');
    assert.equal(normalizeQuestion('  what   is\ta cell  '), 'what-is-a-cell');
    assert.equal(normalizeQuestion('What is a "cell"? (Biology)'), 'what-is-a-cell-biology');
    assert.equal(normalizeQuestion('Well-known: 3.5% of cells'), 'wellknown-35-of-cells');
    assert.equal(normalizeQuestion('What\u00a0is\u2003a cell\u3000?'), 'what-is-a-cell', 'Unicode white space');
    assert.equal(questionWords('what-is-a-cell'), 'what is a cell');
  });

  it('keeps letters and digits of every script, drops symbols and emoji', () => {
    assert.equal(normalizeQuestion('Qu’est-ce qu’un NEURONE ?'), 'questce-quun-neurone');
    assert.equal(normalizeQuestion('ЧТО такое нейрон?'), 'что-такое-нейрон');
    assert.equal(normalizeQuestion('Was ist ÜBER-Ich? 🧠'), 'was-ist-überich');
    assert.equal(normalizeQuestion('什么是神经元？'), '什么是神经元');
    assert.equal(normalizeQuestion('Σ of ٣ and 2²'), 'σ-of-٣-and-2²', 'numbers of every kind');
  });

  it('is undefined for nothing, or nothing but punctuation', () => {
    assert.equal(normalizeQuestion(undefined), undefined);
    assert.equal(normalizeQuestion(''), undefined);
    assert.equal(normalizeQuestion(' ?! … '), undefined);
  });

  it('is the rule as written, for any text', () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'aZ09 \t\n?!-’é\u00a0Я'.split('')) }),
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme-ascii' }),
    );
    fc.assert(fc.property(text, (q) => assert.equal(normalizeQuestion(q), reference(q)?.replace(/ /g, '-'))));
  });
});

describe('question-duplicate', () => {
  const CELL: ArticleSpec = { subjectKey: 'biology', questionKey: 'what-is-a-cell', id: 12, question: 'What is a cell?' };

  it('flags both articles on their question value, naming the other and linking to its question', () => {
    const other: ArticleSpec = { subjectKey: 'psychology', questionKey: 'cells', id: 30, question: 'what is  a CELL' };
    const corpus = fixtureCorpus([CELL, other]);
    const cell = corpus.withId(12)[0];
    const [d] = checkArticle(cell, cell.model!, corpus).filter((x) => x.code === 'question-duplicate');
    assert.equal(d.severity, 'warning');
    assert.equal(
      d.message,
      'The same question (ignoring case, punctuation and spacing) is also the `question` of psychology/cells.md (id 30).',
    );
    const text = articleText(CELL).split('\n');
    assert.equal(text[d.range.start.line].slice(0, d.range.start.character), 'question: ');
    assert.equal(text[d.range.end.line].slice(0, d.range.end.character), '    What is a cell?');
    const cells = corpus.withId(30)[0];
    assert.deepEqual(d.related, [{ path: cells.path, range: questionRange(cells), message: 'The same question, id 30' }]);
    assert.deepEqual(messages(flagged([CELL, other])).get('psychology/cells'), [
      'The same question (ignoring case, punctuation and spacing) is also the `question` of biology/what-is-a-cell.md (id 12).',
    ]);
  });

  it('matches across punctuation, spacing and case in other scripts, and not on the title or a different question', () => {
    const fr: ArticleSpec = { questionKey: 'neurone', id: 1, question: 'Qu’est-ce qu’un neurone ?' };
    const fr2: ArticleSpec = { subjectKey: 'biology', questionKey: 'neurone', id: 2, question: "qu'est-ce  QU'UN neurone" };
    const ru: ArticleSpec = { questionKey: 'neiron', id: 3, question: 'Что такое нейрон?' };
    const ru2: ArticleSpec = { questionKey: 'neiron-2', id: 4, question: 'ЧТО ТАКОЕ НЕЙРОН' };
    const sameTitle: ArticleSpec = { questionKey: 'other', id: 5, title: 'Что такое нейрон?', question: 'Что такое синапс?' };
    const m = flagged([fr, fr2, ru, ru2, sameTitle]);
    assert.deepEqual(counts(m), {
      'psychology/neurone': 1,
      'biology/neurone': 1,
      'psychology/neiron': 1,
      'psychology/neiron-2': 1,
      'psychology/other': 0,
    });
  });

  it('leaves copies sharing an id to duplicate-id, but flags them against another id', () => {
    const copy: ArticleSpec = { ...CELL, subjectKey: 'chemistry' };
    const pair = fixtureCorpus([CELL, copy]);
    for (const a of pair.articles()) {
      assert.deepEqual(
        checkArticle(a, a.model!, pair).map((d) => d.code),
        ['duplicate-id'],
      );
    }
    const third: ArticleSpec = { questionKey: 'what-is-a-cell', id: 40, question: 'What is a cell' };
    const m = messages(flagged([CELL, copy, third]));
    assert.match(m.get('biology/what-is-a-cell')![0], /of psychology\/what-is-a-cell\.md \(id 40\)\.$/);
    assert.match(m.get('chemistry/what-is-a-cell')![0], /of psychology\/what-is-a-cell\.md \(id 40\)\.$/);
    assert.match(
      m.get('psychology/what-is-a-cell')![0],
      /of biology\/what-is-a-cell\.md \(id 12\), chemistry\/what-is-a-cell\.md \(id 12\)\.$/,
    );
  });

  it('flags every article of a group of three, once each, naming the other two', () => {
    const specs: ArticleSpec[] = [
      { questionKey: 'a', id: 1, question: 'How do ions work?' },
      { questionKey: 'b', id: 2, question: 'how do ions work' },
      { questionKey: 'c', id: 3, question: 'How do ions, work?!' },
      { questionKey: 'd', id: 4, question: 'How do ions move?' },
    ];
    const m = flagged(specs);
    assert.deepEqual(counts(m), { 'psychology/a': 1, 'psychology/b': 1, 'psychology/c': 1, 'psychology/d': 0 });
    assert.match(m.get('psychology/b')![0].message, /of psychology\/a\.md \(id 1\), psychology\/c\.md \(id 3\)\.$/);
    assert.equal(m.get('psychology/b')![0].related!.length, 2);
  });

  it('counts an article without a valid id as another article', () => {
    const noId: ArticleSpec = { questionKey: 'a', id: 'seven', question: 'What is a cell?' };
    const noId2: ArticleSpec = { questionKey: 'b', id: -1.5, question: 'What is a cell?' };
    const m = messages(flagged([noId, noId2, CELL]));
    assert.match(m.get('psychology/a')![0], /of biology\/what-is-a-cell\.md \(id 12\), psychology\/b\.md \(no valid id\)\.$/);
    assert.match(m.get('biology/what-is-a-cell')![0], /of psychology\/a\.md \(no valid id\), psychology\/b\.md \(no valid id\)\.$/);
  });

  it('never flags an empty question, one of punctuation alone, or a missing one', () => {
    const empty = (questionKey: string, id: number, extra: string): ArticleSpec => ({ questionKey, id, question: extra });
    const specs = [empty('a', 1, "''"), empty('b', 2, "''"), empty('c', 3, '?!'), empty('d', 4, '?!')];
    for (const ds of flagged(specs).values()) assert.deepEqual(ds, []);
    const corpus = fixtureCorpus([]);
    for (const key of ['x', 'y']) {
      const text = articleText({ questionKey: key, id: key === 'x' ? 1 : 2 }).replace(/question: >-\n {4}.*\n/, '');
      corpus.set(fixtureArticle({ questionKey: key }, text));
    }
    for (const a of corpus.articles()) {
      assert.deepEqual(
        checkArticle(a, a.model!, corpus).filter((d) => d.code !== 'missing-field'),
        [],
      );
    }
  });

  it('names five others, then how many more', () => {
    const specs: ArticleSpec[] = [1, 2, 3, 4, 5, 6, 7].map((n) => ({ questionKey: `q${n}`, id: n, question: 'Why?' }));
    const [d] = flagged(specs).get('psychology/q1')!;
    assert.match(d.message, /of psychology\/q2\.md \(id 2\), .*psychology\/q6\.md \(id 6\) and 1 more\.$/);
    assert.equal(d.related!.length, 6);
  });

  it('is silenced by a suppression comment on the question', () => {
    const quiet: ArticleSpec = { ...CELL, questionKey: 'quiet', id: 50 };
    const corpus = fixtureCorpus([CELL]);
    const text = articleText(quiet).replace('question: >-', '# quicktakes-disable-next-line question-duplicate\nquestion: >-');
    const a = fixtureArticle(quiet, text);
    corpus.set(a);
    assert.deepEqual(checkArticle(a, a.model!, corpus), []);
  });

  it('a question beyond what packs is still flagged, its range clamped to the packed form', () => {
    const long = 'x'.repeat(70000);
    const corpus = fixtureCorpus([{ questionKey: 'a', id: 1, question: long }]);
    const b = fixtureArticle({ questionKey: 'b', id: 2, question: long });
    corpus.set(b);
    const [d] = checkArticle(b, b.model!, corpus).filter((x) => x.code === 'question-duplicate');
    assert.deepEqual(d.range.start, { line: 17, character: 10 });
    assert.equal(d.range.end.character, 65535);
  });
});

describe('the corpus index of questions', () => {
  const paths = (as: { path: string }[]) => as.map((a) => a.path.slice('/ws/content/learn/'.length)).sort();

  it('finds files named after the question and files named otherwise, and not a file of that name asking another', () => {
    const named: ArticleSpec = { subjectKey: 'biology', questionKey: 'what-is-a-cell', id: 1 };
    const namedOtherwise: ArticleSpec = { questionKey: 'cells', id: 2, question: 'What is a cell' };
    const sameNameOtherQuestion: ArticleSpec = {
      subjectKey: 'physics',
      questionKey: 'what-is-a-cell',
      id: 3,
      question: 'What is a battery cell?',
    };
    const corpus = fixtureCorpus([named, namedOtherwise, sameNameOtherQuestion]);
    assert.deepEqual(paths(corpus.sameQuestion(fixtureArticle(named))), ['psychology/cells.md']);
    assert.deepEqual(paths(corpus.sameQuestion(fixtureArticle(namedOtherwise))), ['biology/what-is-a-cell.md']);
    assert.deepEqual(corpus.sameQuestion(fixtureArticle(sameNameOtherQuestion)), []);
    assert.deepEqual(
      [...corpus.duplicateQuestions()].map(([q, as]) => [q, paths(as)]),
      [['what-is-a-cell', ['biology/what-is-a-cell.md', 'psychology/cells.md']]],
    );
  });

  it('follows articles set, replaced and deleted', () => {
    const a: ArticleSpec = { questionKey: 'a', id: 1, question: 'Why?' };
    const b: ArticleSpec = { questionKey: 'b', id: 2, question: 'Why not?' };
    const corpus = fixtureCorpus([a, b]);
    assert.deepEqual([...corpus.duplicateQuestions()], []);
    corpus.set(fixtureArticle({ ...b, question: 'why' }));
    assert.deepEqual(paths(corpus.sameQuestion(fixtureArticle(a))), ['psychology/b.md']);
    corpus.set(fixtureArticle({ ...b, question: 'Why not?' }));
    assert.deepEqual(corpus.sameQuestion(fixtureArticle(a)), []);
    corpus.set(fixtureArticle({ ...b, question: 'Why?' }));
    corpus.delete(fixtureArticle(b).path);
    assert.deepEqual(corpus.sameQuestion(fixtureArticle(a)), []);
    assert.deepEqual([...corpus.duplicateQuestions()], []);
  });
});

describe('what a question edit of an open article affects', () => {
  const A: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10 };
  const B: ArticleSpec = { questionKey: 'what-is-a-synapse', id: 11 };
  const pathOf = (s: ArticleSpec) => fixtureArticle(s).path;

  it('takes in the articles it comes to ask the same as, and those it stops asking the same as', () => {
    const p = new Project();
    p.addCorpus(fixtureCorpus([A, B]));
    const same = articleText({ ...A, question: 'What is a synapse' });
    assert.deepEqual([...p.setOverlay(pathOf(A), same)].sort(), [pathOf(A), pathOf(B)].sort());
    assert.equal(p.diagnostics(pathOf(B)).filter((d) => d.code === 'question-duplicate').length, 1);
    // typing elsewhere affects it alone; in the question, the others' links to it change too
    assert.deepEqual([...p.setOverlay(pathOf(A), articleText({ ...A, question: 'What is a synapse', answer: 'Edited.' }))], [pathOf(A)]);
    const longer = p.setOverlay(pathOf(A), articleText({ ...A, question: 'What is a synapse?' }));
    assert.deepEqual([...longer].sort(), [pathOf(A), pathOf(B)].sort());
    assert.deepEqual([...p.setOverlay(pathOf(A), articleText(A))].sort(), [pathOf(A), pathOf(B)].sort());
    assert.deepEqual(p.diagnostics(pathOf(B)), []);
  });

  it('takes in the others when its question moves (their links to it follow), only while it has duplicates', () => {
    const p = new Project();
    p.addCorpus(fixtureCorpus([A, B]));
    const shifted = (spec: ArticleSpec) => articleText(spec).replace('author: QuickTakes', 'author: QuickTakes\nscore: -1.0');
    assert.deepEqual([...p.setOverlay(pathOf(A), shifted(A))], [pathOf(A)]);
    p.setOverlay(pathOf(A), articleText({ ...A, question: 'What is a synapse?' }));
    const moved = p.setOverlay(pathOf(A), shifted({ ...A, question: 'What is a synapse?' }));
    assert.deepEqual([...moved].sort(), [pathOf(A), pathOf(B)].sort());
    const [d] = p.diagnostics(pathOf(B)).filter((x) => x.code === 'question-duplicate');
    assert.equal(d.related![0].range.start.line, 18, 'the link follows the moved question');
  });
});
