import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderAnswer } from '../../server/src/core/answer/render';
import { articleText, writeWorkspace } from '../support/fixtures';
import { quicktakes } from '../support/process';

const ANSWER = 'Energy is $E = mc^2$.\\n\\n| a | b |\\n|---|---|\\n| 1 | 2 |\\n\\n<script>alert(1)</script>';
const full = articleText({ questionKey: 'what-is-energy', answer: ANSWER });
const ws = writeWorkspace({
  'content/learn/physics/what-is-energy.md': full,
  'content/learn/physics/bom.md': `\ufeff${full.replace(/\n/g, '\r\n')}`,
  'content/learn/physics/no-answer.md': full.replace(/^answer: >-\n.*\n/m, ''),
  'content/learn/physics/empty-answer.md': full.replace(/^answer: >-\n.*\n/m, 'answer: >-\n'),
  'notes.txt': 'not an article',
});

describe('quicktakes render', () => {
  it('prints the sanitized answer HTML, the same the core renderer gives', () => {
    const r = quicktakes(['render', 'content/learn/physics/what-is-energy.md'], ws);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, `${renderAnswer(ANSWER)}\n`);
    assert.match(r.stdout, /^<p>Energy is <span class="katex">/);
    assert.match(r.stdout, /<table>/);
    assert.match(r.stdout, /<p>&#x3C;script>alert\(1\)&#x3C;\/script><\/p>\n$/);
  });

  it('reads files with a BOM and CRLF line ends', () => {
    const r = quicktakes(['render', 'content/learn/physics/bom.md'], ws);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${renderAnswer(ANSWER)}\n`);
  });

  it('prints nothing for an empty answer', () => {
    const r = quicktakes(['render', 'content/learn/physics/empty-answer.md'], ws);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
  });

  it('exits 1 with a clear message when the file has no answer', () => {
    for (const file of ['content/learn/physics/no-answer.md', 'notes.txt']) {
      const r = quicktakes(['render', file], ws);
      assert.equal(r.status, 1, file);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `quicktakes render: ${file} has no \`answer\` field in its front matter.\n`);
    }
  });

  it('exits 2 on bad usage', () => {
    for (const args of [
      ['render'],
      ['render', 'a.md', 'b.md'],
      ['render', 'missing.md'],
      ['render', 'content'],
      ['render', '--html', 'x.md'],
    ]) {
      const r = quicktakes(args, ws);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^quicktakes render: .*\nUsage:/, args.join(' '));
      assert.equal(r.stdout, '');
    }
  });
});
