import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { CHROMIUM, launchChromium } from '../../scripts/e2e/browser';
import { workspaceOf, writeWorkspace, type ArticleSpec } from '../support/fixtures';
import { CELL, NEURON, SYNAPSE } from '../support/healthFixtures';
import { quicktakes } from '../support/process';

const [A, B, C] = [NEURON, SYNAPSE, CELL];
const ws = writeWorkspace(workspaceOf([A, B, C]));

describe('quicktakes report', () => {
  it('prints the report as JSON, with paths relative to the current directory', () => {
    const r = quicktakes(['report', 'content/learn', '--format', 'json'], ws);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(report), [
      'articles',
      'defects',
      'bySeverity',
      'byCode',
      'bySubject',
      'files',
      'withoutRelated',
      'mostLinked',
      'neverLinked',
      'questionClusters',
    ]);
    assert.equal(report.articles, 3);
    assert.deepEqual(report.bySeverity, { error: 2, warning: 1, info: 0, hint: 0 });
    assert.deepEqual(
      report.byCode.map((c: { code: string; count: number }) => `${c.code}:${c.count}`),
      ['related-broken-url:1', 'related-duplicate:1', 'related-unknown-id:1'],
    );
    assert.deepEqual(
      report.files.map((f: { file: string }) => f.file),
      ['content/learn/biology/what-is-a-cell.md', 'content/learn/psychology/what-is-a-synapse.md'],
    );
    assert.deepEqual(report.mostLinked, [
      { file: 'content/learn/psychology/what-is-a-neuron.md', subject: 'psychology', id: 10, title: 'What is a neuron?', inbound: 2 },
    ]);
    assert.equal(report.withoutRelated.length, 1);
    assert.equal(report.neverLinked.length, 2);
  });

  it('reports on part of the corpus (a subject folder) with links counted across all of it', () => {
    const report = JSON.parse(quicktakes(['report', 'content/learn/psychology', '--format', 'json'], ws).stdout);
    assert.equal(report.articles, 2);
    assert.equal(report.mostLinked[0].inbound, 2, 'the link from biology counts');
    assert.deepEqual(
      report.bySubject.map((s: { subject: string }) => s.subject),
      ['psychology'],
    );
  });

  it('prints a text summary by default', () => {
    const r = quicktakes(['report', '.'], ws);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], '3 articles: 3 defects (2 errors, 1 warning, 0 info) in 2 files.');
    assert.ok(lines.includes('Articles without related links: 1'));
  });

  it('writes one self-contained HTML page whose file links are relative to it', () => {
    const out = path.join(ws, 'reports/health.html');
    const r = quicktakes(['report', 'content/learn', '--html', 'reports/health.html'], ws);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'Wrote reports/health.html: 3 articles, 3 defects.\n');
    const html = fs.readFileSync(out, 'utf8');
    assert.doesNotMatch(html, /<(?:link|img)\b|\ssrc=|\son\w+=/, 'nothing loaded from elsewhere, no inline handlers');
    const data = JSON.parse(/<script type="application\/json" id="health-data">(.*?)<\/script>/s.exec(html)![1]);
    assert.equal(data.hrefBase, '../');
    assert.equal(data.report.articles, 3);
  });

  it('refuses --html together with --format, unknown formats and no paths (exit 2)', () => {
    assert.equal(quicktakes(['report', '.', '--html', 'x.html', '--format', 'json'], ws).status, 2);
    assert.equal(quicktakes(['report', '.', '--format', 'sarif'], ws).status, 2);
    assert.equal(quicktakes(['report'], ws).status, 2);
  });

  it('lists the questions asked under different ids: JSON, text, and a section of the page', async () => {
    const ask = (subjectKey: string, questionKey: string, id: number, question: string): ArticleSpec => ({
      subjectKey,
      questionKey,
      id,
      title: question,
    });
    const dups = writeWorkspace(
      workspaceOf([
        ask('biology', 'cells', 1, 'What is a cell?'),
        ask('chemistry', 'cells', 1, 'What is a cell?'), // a copy (same id) of the first, listed with its cluster
        ask('psychology', 'cell', 2, 'what is a CELL'),
        ask('psychology', 'ions', 3, 'How do ions work?'),
        ask('physics', 'ions', 4, 'How do ions  work'),
        ask('physics', 'copy-a', 5, 'Why?'),
        ask('history', 'copy-b', 5, 'why'), // copies alone: duplicate-id, no cluster
      ]),
    );
    const report = JSON.parse(quicktakes(['report', 'content/learn', '--format', 'json'], dups).stdout);
    assert.deepEqual(report.questionClusters, [
      {
        kind: 'exact',
        question: 'what is a cell',
        articles: [
          { file: 'content/learn/biology/cells.md', subject: 'biology', id: 1, title: 'What is a cell?' },
          { file: 'content/learn/chemistry/cells.md', subject: 'chemistry', id: 1, title: 'What is a cell?' },
          { file: 'content/learn/psychology/cell.md', subject: 'psychology', id: 2, title: 'what is a CELL' },
        ],
      },
      {
        kind: 'exact',
        question: 'how do ions work',
        articles: [
          { file: 'content/learn/physics/ions.md', subject: 'physics', id: 4, title: 'How do ions work' },
          { file: 'content/learn/psychology/ions.md', subject: 'psychology', id: 3, title: 'How do ions work?' },
        ],
      },
    ]);
    assert.equal(report.byCode.find((c: { code: string }) => c.code === 'question-duplicate').files, 5);
    // a part of the corpus: the clusters it takes part in, with their files elsewhere
    const part = JSON.parse(quicktakes(['report', 'content/learn/physics', '--format', 'json'], dups).stdout);
    assert.deepEqual(
      part.questionClusters.map((c: { question: string; articles: unknown[] }) => [c.question, c.articles.length]),
      [['how do ions work', 2]],
    );
    assert.ok(quicktakes(['report', 'content/learn'], dups).stdout.includes('\nDuplicate questions: 2 (5 articles)\n'));

    if (!fs.existsSync(CHROMIUM)) return;
    const out = path.join(dups, 'health.html');
    assert.equal(quicktakes(['report', 'content/learn', '--html', out], dups).status, 0);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(out).href);
      const section = page.locator('section', { hasText: 'Duplicate and near-duplicate questions (2)' });
      await section.locator('table').waitFor();
      assert.deepEqual(await section.locator('tbody tr td:first-child').allInnerTexts(), ['what is a cell', 'how do ions work']);
      assert.deepEqual(await section.locator('tbody tr').first().locator('li').allInnerTexts(), [
        'content/learn/biology/cells.md (id 1)',
        'content/learn/chemistry/cells.md (id 1)',
        'content/learn/psychology/cell.md (id 2)',
      ]);
    } finally {
      await browser.close();
    }
  });

  it(
    'the page renders in a browser: charts, tables, and links that lead to the files',
    { skip: !fs.existsSync(CHROMIUM) && `no chromium at ${CHROMIUM}` },
    async () => {
      const out = path.join(ws, 'reports/page.html');
      assert.equal(quicktakes(['report', 'content/learn', '--html', out], ws).status, 0);
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        await page.goto(pathToFileURL(out).href);
        await page.locator('table').first().waitFor();
        assert.equal(await page.locator('svg.qt-bars').count(), 2);
        assert.equal(await page.locator('table').count(), 7);
        const hrefs = await page.locator('a.qt-file').evaluateAll((links) => links.map((a) => (a as unknown as { href: string }).href));
        assert.ok(hrefs.length > 0);
        for (const href of hrefs) assert.ok(fs.existsSync(new URL(href)), `${href} leads to a file`);
        assert.deepEqual(errors, []);
      } finally {
        await browser.close();
      }
    },
  );
});
