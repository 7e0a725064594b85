/**
 * Structural sanity of the renderer over a sample of real answers: the HTML
 * parses cleanly, nothing executable survives, every math node became KaTeX
 * output, and sanitizing removed nothing the site's own pipeline emits.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { before, describe, it } from 'node:test';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import rehypeKatex from 'rehype-katex';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { answerMarkdown, answerOfArticle, answerSyntaxTree, renderAnswer } from '../../server/src/core/answer/render';
import { listArticles } from '../../server/src/core/loading/workspace';
import { corpusSkipReason, realCorpus } from '../support/corpus';
import { quicktakes } from '../support/process';

/** The site's pipeline without our sanitizer (raw HTML is rare enough to skip those answers). */
const site = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkMath)
  .use(remarkRehype)
  .use(rehypeKatex, { strict: 'ignore' })
  .use(rehypeStringify);

interface Sample {
  path: string;
  answer: string;
}

describe('quicktakes render over real answers', { skip: corpusSkipReason }, () => {
  let root: string;
  const sample: Sample[] = [];

  before(() => {
    root = realCorpus();
    const all = listArticles(`${root}/content/learn`);
    const read = (path: string) => ({ path, answer: answerOfArticle(fs.readFileSync(path, 'utf8')) ?? '' });
    // 200 spread over the corpus, plus 100 answers with display math.
    const stride = Math.floor(all.length / 200);
    for (let i = 0; i < all.length && sample.length < 200; i += stride) sample.push(read(all[i].path));
    for (let i = 0; i < all.length && sample.length < 300; i += 7) {
      const s = read(all[i].path);
      if (s.answer.includes('$$')) sample.push(s);
    }
  });

  it('samples 300 answers, 100+ of them with math', () => {
    assert.equal(sample.length, 300);
    assert.ok(sample.filter((s) => s.answer.includes('$')).length >= 100);
  });

  it('gives HTML that parses without errors, with no script, handler or unsafe URL', () => {
    for (const s of sample) {
      const html = renderAnswer(s.answer);
      const errors: string[] = [];
      const tree = fromHtml(html, { fragment: true, onerror: (e) => void errors.push(e.reason) });
      assert.deepEqual(errors, [], s.path);
      visit(tree, 'element', (e: Element) => {
        assert.notEqual(e.tagName, 'script', s.path);
        for (const [k, v] of Object.entries(e.properties)) {
          assert.doesNotMatch(k, /^on/i, s.path);
          assert.doesNotMatch(String(v), /^\s*(javascript|data|vbscript):/i, s.path);
        }
      });
    }
  });

  it('typesets every math node the site parses (KaTeX output or a KaTeX error)', () => {
    let maths = 0;
    for (const s of sample) {
      let expected = 0;
      visit(answerSyntaxTree(s.answer), (n) => {
        if (n.type === 'math' || n.type === 'inlineMath') expected++;
      });
      const tree = fromHtml(renderAnswer(s.answer), { fragment: true });
      let got = 0;
      visit(tree, 'element', (e: Element) => {
        const cls = (e.properties.className as string[] | undefined) ?? [];
        if (cls.includes('katex') || cls.includes('katex-error')) got++;
      });
      assert.equal(got, expected, s.path);
      maths += expected;
    }
    assert.ok(maths > 300, `${maths} math nodes`);
  });

  it('sanitizing changes nothing the site pipeline emits for these answers', () => {
    for (const s of sample) {
      if (/<[a-z/!]/i.test(s.answer)) continue; // raw HTML: the site's handling is ours by design
      assert.equal(renderAnswer(s.answer), String(site.processSync(answerMarkdown(s.answer))), s.path);
    }
  });

  it('prints the same HTML from the executable', () => {
    for (const s of sample.filter((x) => x.answer.includes('$$')).slice(0, 3)) {
      const r = quicktakes(['render', s.path], root);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, `${renderAnswer(s.answer)}\n`);
    }
  });
});
