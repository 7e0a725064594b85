import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildPreview, formatSiteDate, pageUrlOf } from '../../server/src/core/answer/preview';
import { renderAnswer } from '../../server/src/core/answer/render';
import { LineIndex } from '../../server/src/core/frontMatter/lineIndex';
import type { Position } from '../../server/src/core/frontMatter/model';
import { readArticleModel } from '../../server/src/core/frontMatter/read';
import { articleText, fixtureCorpus, LEARN_ROOT, linkTo, withoutSourceLines, type ArticleSpec } from '../support/fixtures';

describe('formatSiteDate', () => {
  it('formats dates as the site does (date_format MMM DD, YYYY)', () => {
    assert.equal(formatSiteDate('2025-01-28'), 'Jan 28, 2025');
    assert.equal(formatSiteDate('2024-12-05', 'MMM DD, YYYY'), 'Dec 05, 2024');
    assert.equal(formatSiteDate('2024-09-05', 'MMMM D, YY'), 'September 5, 24');
    assert.equal(formatSiteDate('2024-09-05', 'DD/MM/YYYY'), '05/09/2024');
  });

  it('shows what is there when it is not a date', () => {
    assert.equal(formatSiteDate('2024-13-01'), '2024-13-01');
    assert.equal(formatSiteDate('yesterday'), 'yesterday');
    assert.equal(formatSiteDate(''), '');
  });
});

describe('buildPreview', () => {
  const NEURON: ArticleSpec = { questionKey: 'what-is-a-neuron', id: 10 };
  const CELL: ArticleSpec = { subjectKey: 'biology', questionKey: 'what-is-a-cell', id: 12 };
  const spec: ArticleSpec = {
    questionKey: 'how-do-ions-work',
    id: 1,
    answer: 'Ions carry **charge**.',
    related: [linkTo(CELL), linkTo(NEURON), { id: 5, title: 'No url', url: 'not-a-url' }],
  };

  it('lays out the question, date, answer and related links in slot order', () => {
    const p = buildPreview(readArticleModel(articleText(spec)), fixtureCorpus([NEURON, CELL]));
    assert.equal(p.question, 'How do ions work?');
    assert.equal(p.postOnText, 'Posted on');
    assert.equal(p.date, 'Jan 28, 2025');
    assert.equal(p.answerHtml, '<p data-line="0">Ions carry <strong>charge</strong>.</p>');
    assert.equal(withoutSourceLines(p.answerHtml), renderAnswer('Ions carry **charge**.'));
    assert.deepEqual(p.related, [
      { n: 1, title: 'What is a cell?', url: '/learn/biology/questions/what-is-a-cell', target: `${LEARN_ROOT}/biology/what-is-a-cell.md` },
      {
        n: 2,
        title: 'What is a neuron?',
        url: '/learn/psychology/questions/what-is-a-neuron',
        target: `${LEARN_ROOT}/psychology/what-is-a-neuron.md`,
      },
      { n: 3, title: 'No url', url: 'not-a-url', broken: '`not-a-url` is not a /learn/<subject>/questions/<question> URL.' },
    ]);
  });

  it('works without a corpus (links unresolved) and on a broken article', () => {
    const p = buildPreview(readArticleModel(articleText(spec)));
    assert.equal(p.related[0].target, undefined);
    assert.equal(p.related[0].broken, undefined);
    const empty = buildPreview(readArticleModel('no front matter'));
    assert.deepEqual(empty, {
      question: '',
      postOnText: 'Posted on',
      date: '',
      answerHtml: '',
      answerLines: 1,
      related: [],
      source: { answer: undefined, related: [] },
    });
  });

  it('names the page the site serves an article at, from where its file is', () => {
    assert.equal(pageUrlOf('/ws/content/learn/physics/what-is-work.md'), '/learn/physics/questions/what-is-work');
    assert.equal(pageUrlOf('/ws/notes/what-is-work.md'), undefined);
  });
});

/**
 * Where each line of the answer text (the preview's `data-line`s) is in the file: the
 * answer as one long YAML line, folded over several, a literal block, a quoted string.
 */
describe('buildPreview: the answer text lines in the file', () => {
  const header = articleText({ questionKey: 'how-do-lines-map', id: 1 }).split('\nanswer: ')[0];
  const withAnswer = (yaml: string) =>
    `${header}\nanswer: ${yaml}\nsubject: Psychology\nrelated_article1:\n    id: 2\n    url: /learn/psychology/questions/x\n---\n`;

  /** The file text from each answer line's position on (as far as the next one). */
  function linesInFile(text: string): { html: string; lines: string[]; positions: Position[] } {
    const p = buildPreview(readArticleModel(text));
    const index = new LineIndex(text);
    const positions = p.source.answer!.lines;
    const offsets = [...positions, p.source.answer!.end].map((at) => index.offset(at));
    assert.equal(positions.length, p.answerLines);
    for (let i = 1; i < offsets.length; i++) assert.ok(offsets[i] >= offsets[i - 1], 'lines grow down the file');
    return { html: p.answerHtml, lines: positions.map((_, i) => text.slice(offsets[i], offsets[i + 1])), positions };
  }

  it('one YAML line: the lines are columns of it, each at its text', () => {
    const text = withAnswer('>-\n    First **para**.\\n\\nSecond para.\\n\\n- a\\n- b $x$');
    const { html, lines, positions } = linesInFile(text);
    assert.deepEqual(lines, ['First **para**.\\n', '\\n', 'Second para.\\n', '\\n', '- a\\n', '- b $x$']);
    const answerLine = text.split('\n').findIndex((l) => l.includes('First'));
    assert.deepEqual(
      positions.map((p) => p.line),
      lines.map(() => answerLine),
    );
    assert.match(
      html,
      /<p data-line="0">First <strong>para<\/strong>.<\/p>\n<p data-line="2">Second para.<\/p>\n<ul>\n<li data-line="4">a<\/li>\n<li data-line="5">b /,
    );
  });

  it('a block scalar over several lines, with literal \\n: each line where its text is', () => {
    const text = withAnswer('>-\n    First para.\\n\\nSecond para\n    goes on.\\n\\n$$\\nx^2\\n$$');
    const { html, lines, positions } = linesInFile(text);
    assert.deepEqual(lines, ['First para.\\n', '\\n', 'Second para\n    goes on.\\n', '\\n', '$$\\n', 'x^2\\n', '$$']);
    assert.equal(positions[4].line, positions[2].line + 1, 'the formula is on the next line of the file');
    assert.match(html, /<p data-line="2">Second para goes on.<\/p>\n<span class="katex-display" data-line="4">/);
  });

  it('a literal block with real line breaks, and a double-quoted string', () => {
    const literal = linesInFile(withAnswer('|-\n    One.\n\n    Two.'));
    assert.deepEqual(literal.lines, ['One.\n', '\n    ', 'Two.']);
    assert.deepEqual(
      literal.positions.map((p) => p.line),
      [0, 1, 2].map((i) => literal.positions[0].line + i),
    );
    const quoted = linesInFile(withAnswer('"One \\"quoted\\".\\\\n\\\\nTwo."'));
    assert.deepEqual(quoted.lines, ['One \\"quoted\\".\\\\n', '\\\\n', 'Two."'], 'the value ends at its closing quote');
    assert.match(quoted.html, /<p data-line="2">Two.<\/p>/);
  });

  it('places each related link shown at its slot', () => {
    const text = withAnswer('>-\n    Answer.');
    const p = buildPreview(readArticleModel(text));
    const lines = text.split('\n');
    const slot = lines.indexOf('related_article1:');
    assert.deepEqual(p.source.related, [
      { start: { line: slot, character: 0 }, end: { line: slot + 2, character: lines[slot + 2].length } },
    ]);
  });
});
