import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../server/src/core/authoring/edits';
import { checkAnswerText } from '../../server/src/core/checks/answerText';
import { checkAnswer } from '../../server/src/core/checks/answer';
import { readArticleModel } from '../../server/src/core/frontMatter/read';

/** The characters a range covers in a text. */
function covered(
  text: string,
  d: { range: { start: { line: number; character: number }; end: { line: number; character: number } } },
): string {
  const lines = text.split('\n');
  const { start, end } = d.range;
  if (start.line === end.line) return lines[start.line].slice(start.character, end.character);
  return [lines[start.line].slice(start.character), ...lines.slice(start.line + 1, end.line), lines[end.line].slice(0, end.character)].join(
    '\n',
  );
}

describe('answer checks on an answer written as Markdown', () => {
  it('finds what the article check finds, on the same characters of the text', () => {
    const text = 'Intro.\n\n$x^2^3$ and \\(a\\)\n- costs $5 or $10\n- a <br> tag';
    const article = `---\nanswer: >-\n    ${text.replaceAll('\n', '\\n')}\n---\n`;
    const inArticle = checkAnswer(readArticleModel(article)).map((d) => [d.code, covered(article, d).replaceAll('\\n', '\n')]);
    const inText = checkAnswerText(text).map((d) => [d.code, covered(text, d)]);
    assert.deepEqual(inText, inArticle);
    assert.deepEqual(
      inText.map(([code]) => code),
      ['answer-math-error', 'answer-math-delimiter', 'answer-currency-dollar', 'answer-raw-html'],
    );
  });

  it('flags a typed \\n pair as an error and keeps later ranges right', () => {
    const text = 'Line one.\nSince $a \\neq b$ here.\nThen $5 or $10.';
    const ds = checkAnswerText(text);
    assert.deepEqual(
      ds.map((d) => [d.code, d.severity, covered(text, d)]),
      [
        ['answer-typed-newline', 'error', '\\n'],
        ['answer-tex-newline', 'warning', '\\neq'],
        ['answer-currency-dollar', 'warning', '$5 or $'],
      ],
    );
  });

  it('carries fixes as edits of the text, and applies severity settings', () => {
    const text = 'Pay $5\nor $10.';
    const [d] = checkAnswerText(text);
    assert.equal(applyEdits(text, d.fix!.edits), 'Pay \\$5\nor \\$10.');
    assert.deepEqual(checkAnswerText(text, { 'answer-currency-dollar': 'off' }), []);
    assert.equal(checkAnswerText(text, { 'answer-currency-dollar': 'hint' })[0].severity, 'hint');
    assert.deepEqual(
      checkAnswerText('').map((d) => d.code),
      ['answer-empty'],
    );
  });
});
