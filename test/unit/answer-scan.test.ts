import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { scanAnswerView } from '../../server/src/core/answer/scan';
import { literalNewlines, parsedAnswerView, SiteMarkdown, type AnswerView } from '../../server/src/core/answer/view';

/** The view with formula TeX compared up to white space (KaTeX ignores it; the parser strips container indentation). */
function comparable(v: AnswerView) {
  return { ...v, math: v.math.map((m) => ({ ...m, tex: m.tex.replace(/\s+/g, ' ').trim() })) };
}

function agree(answer: string, keep?: Set<number>): boolean {
  const site = new SiteMarkdown(answer, keep);
  const fast = scanAnswerView(site);
  if (fast === undefined) return false;
  assert.deepEqual(comparable(fast), comparable(parsedAnswerView(site)), `scanner and parser disagree on ${JSON.stringify(answer)}`);
  return true;
}

// Pieces of the Markdown real answers are made of, and of the ways they break.
const PIECES = [
  'x',
  'a b',
  '5',
  ' ',
  '$',
  '$$',
  '$5',
  '\\n',
  '\\n\\n',
  '\\n   ',
  '\\n- ',
  '\\n1. ',
  '\\n2. ',
  '\\n   - ',
  '\\n$$\\n',
  '\\n   $$\\n   ',
  '\\n    ',
  '\\(',
  '\\)',
  '\\[',
  '\\]',
  '\\\\(',
  '`',
  '```',
  '\\n```\\n',
  '### ',
  '**',
  '\\neq',
  '\\nu',
  '\\frac{a}{b}',
  '|',
  '---',
  '<br>',
  '\\$',
  '\\n\\n    ',
  '\\n~~~\\n',
  '\\n===',
  '- $$',
  '\\n* ',
  '\\n+ ',
  '``',
  '$$$',
  '\\n# ',
  '1) ',
  '   ',
  '_',
];

describe('answer scanner', () => {
  it('reads the shapes of real answers exactly as the site parser does', () => {
    const answers = [
      'Plain text with $x$ and $$y$$.',
      'The formula:\\n\\n$$\\nA = P \\left(1 + \\frac{r}{n}\\right)^{nt}\\n$$\\n\\nWhere:\\n- \\(A\\) is the amount.\\n- \\(P\\) the principal.',
      '1. **First Year**: After one year:\\n   $$\\n   A_1 = P\\n   $$\\n\\n2. **Second**: $x$ and \\( y \\)',
      '- item $a$\\n  - nested $b$\\n     $$\\n     c\\n     $$\\n- back',
      'Costs $5 and $10, then $x$ is\\nmore text $y\\nz$ over lines.',
      '### Heading with $x$\\nText `code $y$` and $z$',
      '```\\n$not math$\\n```\\nthen $math$',
      'a $x\\n- y$ b',
      '\\(a\\) and \\\\(b\\\\) and \\[c\\]',
    ];
    for (const a of answers) assert.ok(agree(a), `the scanner reads ${JSON.stringify(a)}`);
  });

  it('agrees with the parser, or declines, on generated Markdown (property)', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), fc.boolean(), (pieces, keepAll) => {
        const answer = pieces.join('');
        const keep = keepAll ? new Set(literalNewlines(answer)) : undefined;
        if (agree(answer, keep)) read++;
      }),
      { numRuns: 1500, seed: 8 },
    );
    assert.ok(read > 300, `the scanner reads most generated answers (${read})`);
  });

  it('declines what only the parser can read', () => {
    for (const a of [
      'a <b>tag</b> $x$',
      '| a | $b$ |\\n|---|---|\\n| c | d |',
      '[link](http://x.com/$y$)',
      '> quote $x$',
      '$$\\nnever closed',
    ]) {
      assert.equal(scanAnswerView(new SiteMarkdown(a)), undefined, a);
    }
  });
});
