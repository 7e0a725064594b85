import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { answerText, answerTextProblems, answerTextUnreadable, setAnswerText } from '../../server/src/core/answer/document';
import { answerFindings } from '../../server/src/core/checks/answer';
import { LineIndex } from '../../server/src/core/frontMatter/lineIndex';
import { articleText } from '../support/fixtures';
import { setAndCheck, siteReading } from '../support/answerEdits';

const wrap = (answerLines: string, eol = '\n') => ['---', 'id: 1', answerLines, 'subject: Psychology', '---', '&nbsp;', ''].join(eol);
const FOLDED = articleText({ questionKey: 'what-is-energy', answer: 'Energy is $E = mc^2$.\\n\\n- one\\n- two' });

/** Texts that exercise YAML's and the site's special characters. */
const TEXTS = [
  '',
  'x',
  'Energy: # not a comment',
  `It's "quoted" and 'single'`,
  'a \\ backslash, \\\\ two, \\( x \\) and \\$5',
  'Costs $5 and $$x^2$$ math',
  '  leading spaces',
  '\tleading tab',
  'trailing spaces   ',
  '   ',
  '\t',
  'para one\n\npara two\n\n\n\nafter blank lines',
  'ends with a newline\n',
  '\n\nstarts with blank lines',
  '---\n\nnot a fence\n---',
  '...\n# heading\n- list: item\n> quote',
  'Emoji 😀, accents é à ü, CJK 漢字',
  ' #x',
  '- starts like a list',
  'true',
  '123',
  'null',
  '[not, a, list]',
  '{not: a map}',
  '&anchor *alias !tag %directive @at `tick',
  'a\r\nb carriage return',
  'line\u2028separator and\u0085next line',
  'control \u0001 and \u007f and bom \ufeff',
];

function range(text: string, r: { start: { line: number; character: number }; end: { line: number; character: number } }) {
  const lines = new LineIndex(text);
  return text.slice(lines.offset(r.start), lines.offset(r.end));
}

describe('answer text', () => {
  it('reads the answer as the site does, with the value range and style', () => {
    const a = answerText(FOLDED)!;
    assert.equal(a.text, 'Energy is $E = mc^2$.\n\n- one\n- two');
    assert.equal(a.value, 'Energy is $E = mc^2$.\\n\\n- one\\n- two');
    assert.equal(a.style, 'block-folded');
    assert.equal(range(FOLDED, a.range), '>-\n    Energy is $E = mc^2$.\\n\\n- one\\n- two');
  });

  it('reads quoted, plain, multi-line folded, literal, CRLF and BOM answers', () => {
    const cases: [string, string][] = [
      [wrap('answer: "a\\\\nb \\"q\\" \\u00e9"'), 'a\nb "q" é'],
      [wrap("answer: 'it''s \\n'"), "it's \n"],
      [wrap('answer: plain \\n text'), 'plain \n text'],
      [wrap('answer: >-\n  one\n  two\n\n  three'), 'one two\nthree'],
      [wrap('answer: |-\n  one\n  two'), 'one\ntwo'],
      [wrap('answer: >\n  clip'), 'clip\n'],
      [`\ufeff${wrap('answer: >-\r\n    Hi\\n\\nthere  ', '\r\n')}`, 'Hi\n\nthere  '],
      [wrap('answer: >-'), ''],
      [wrap('answer: ""'), ''],
      [wrap('answer: \\\\n'), '\\\n'],
    ];
    for (const [file, text] of cases) assert.equal(answerText(file)?.text, text, file);
  });

  it('is null, with a reason, when there is no readable answer', () => {
    const cases: [string, RegExp][] = [
      ['no front matter', /does not start with a `---` line/],
      ['---\nanswer: x\n', /no closing `---` line/],
      [wrap('answer: "unclosed'), /not valid YAML/],
      [wrap('answer: a\nanswer: b'), /not valid YAML/],
      [wrap('title: x'), /no `answer` field/],
      [wrap('answer:'), /not a text/],
      [wrap('answer: 42'), /not a text/],
      [wrap('answer:\n  - a'), /not a text/],
      [wrap('answer: true'), /not a text/],
      ['---\n- a list\n---\n', /no `answer` field/],
    ];
    for (const [file, reason] of cases) {
      assert.equal(answerText(file), null, file);
      assert.match(answerTextUnreadable(file)!, reason, file);
      const set = setAnswerText(file, 'x');
      assert.ok(!set.ok && reason.test(set.error), file);
    }
    assert.equal(answerTextUnreadable(FOLDED), undefined);
  });

  it('maps answer offsets to exact file ranges and value offsets', () => {
    const file = wrap('answer: >-\r\n    Hi $\\neq$\\n\\nthere', '\r\n');
    const a = answerText(file)!;
    assert.equal(a.text, 'Hi $\neq$\n\nthere');
    const at = a.text.indexOf('there');
    assert.equal(range(file, a.fileRange(at, at + 5)), 'there');
    assert.equal(range(file, a.fileRange(at - 2, at)), '\\n\\n');
    assert.equal(a.toValue(at), a.value.indexOf('there'));
    assert.equal(a.toText(a.value.indexOf('there')), at);
    // answer checks report value offsets: the same place in the answer text
    const [finding] = answerFindings(a.value).filter((f) => f.code === 'answer-tex-newline');
    assert.equal(a.text.slice(a.toText(finding.start), a.toText(finding.end)), '\neq');
  });
});

describe('set answer text', () => {
  it('changes nothing when the text is the answer as read', () => {
    for (const file of [
      FOLDED,
      wrap('answer: >-\n  one\n  two\n\n  three'),
      wrap("answer: 'a'"),
      wrap('answer: "\\r"'),
      wrap('answer: >+\n  keep\n\n'),
    ]) {
      assert.deepEqual(setAnswerText(file, answerText(file)!.text), { ok: true, edits: [] }, file);
    }
  });

  it('writes a folded answer as one `>-` line with `\\n` escapes, keeping its indentation', () => {
    const r = setAnswerText(FOLDED, 'New: # text\n\n$x$ \'"\\');
    assert.ok(r.ok);
    assert.equal(r.edits[0].newText, '>-\n    New: # text\\n\\n$x$ \'"\\');
  });

  it('round-trips every special text in every style exactly', () => {
    const files = [
      FOLDED,
      wrap('answer: >-\n  one\n  two\n\n  three'),
      wrap('answer: >2-\n    more indented'),
      wrap('answer: |\n  literal\n  lines'),
      wrap('answer: >- # a comment\n  commented'),
      wrap('answer: >-'),
      wrap("answer: 'single ''quoted'''"),
      wrap('answer: "double \\"quoted\\""'),
      wrap('answer: plain text'),
      wrap('seo:\n  title: x\nanswer: after a mapping'),
      wrap('"answer": quoted key'),
      `\ufeff${wrap('answer: >-\r\n    crlf and bom', '\r\n')}`,
    ];
    for (const file of files) for (const text of TEXTS) setAndCheck(file, text);
  });

  it('keeps the style: folded stays folded, quotes stay quoted, plain stays plain when safe', () => {
    const styleAfter = (file: string, text: string) => answerText(setAndCheck(file, text))!.style;
    assert.equal(styleAfter(FOLDED, 'a: # b'), 'block-folded');
    assert.equal(styleAfter(FOLDED, ' leading space'), 'block-folded');
    assert.equal(styleAfter(wrap("answer: 'x'"), 'a: # b'), 'single-quoted');
    assert.equal(styleAfter(wrap('answer: "x"'), 'a: # b'), 'double-quoted');
    assert.equal(styleAfter(wrap('answer: x'), 'still plain'), 'plain');
    assert.equal(styleAfter(wrap('answer: x'), 'a: # b'), 'block-folded');
    // what only double quotes can hold
    assert.equal(styleAfter(FOLDED, '   '), 'double-quoted');
    assert.equal(styleAfter(FOLDED, 'a\r\nb'), 'double-quoted');
    assert.equal(styleAfter(wrap("answer: 'x'"), 'bell \u0007'), 'double-quoted');
  });

  it('leaves CRLF line breaks and a BOM around the value as they are', () => {
    const file = `\ufeff${wrap('answer: >-\r\n    old', '\r\n')}`;
    const next = setAndCheck(file, 'new\nlines');
    assert.equal(next, `\ufeff${wrap('answer: >-\r\n    new\\nlines', '\r\n')}`);
  });

  it('refuses a two-character `\\n`, which no answer can show, saying where', () => {
    for (const text of ['a \\n b', 'TeX $a \\neq b$', 'escaped \\\\n too', 'x\n\\nu']) {
      const r = setAnswerText(FOLDED, text);
      assert.ok(!r.ok, text);
      assert.match(r.error, /cannot be written in an answer: the site turns every backslash followed by `n` into a line break/);
    }
    const r = setAnswerText(FOLDED, 'x\n$\\nu$');
    assert.ok(!r.ok && r.error.startsWith('Line 2, column 2: `\\nu` cannot'), r.ok ? '' : r.error);
    assert.deepEqual(
      answerTextProblems('a\\nb \\\\n').map((p) => [p.start, p.end]),
      [
        [1, 3],
        [6, 8],
      ],
    );
    assert.deepEqual(answerTextProblems('no problem \\ n'), []);
  });

  it('round-trips any text without a `\\n` pair (property)', () => {
    const files = [FOLDED, wrap("answer: 'x'"), wrap('answer: "x"'), wrap('answer: x')];
    const chars = fc.constantFrom(
      'a',
      ' ',
      '\t',
      '\n',
      '\r',
      '\\',
      'n',
      ':',
      '#',
      "'",
      '"',
      '$',
      '-',
      '>',
      '|',
      'é',
      '😀',
      '\u2028',
      '\u0001',
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...files),
        fc.array(chars, { maxLength: 24 }).map((a) => a.join('')),
        (file, text) => {
          if (text.includes('\\n')) return;
          setAndCheck(file, text);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 500) },
    );
  });

  it('agrees with the `yaml` package on the site reading of the edited file', () => {
    assert.equal(siteReading(setAndCheck(FOLDED, 'a\n\nb')), 'a\n\nb');
  });
});
