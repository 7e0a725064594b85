/**
 * The "Corpus Health" webview's page (client/src/healthHtml.ts + media/health.*)
 * in headless chromium, with a stand-in for VS Code's webview API: it renders
 * the report the extension sends (charts, sortable and filterable tables),
 * asks the extension to open a clicked file, answers a ping, and keeps within
 * its Content-Security-Policy (report text is never parsed as HTML).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { healthPage } from '../../client/src/healthHtml';
import { checkArticle } from '../../server/src/core/checks';
import { buildReport, type HealthReport } from '../../server/src/core/lint/report';
import { fixtureCorpus, type ArticleSpec } from '../support/fixtures';
import { CELL, NEURON, SYNAPSE } from '../support/healthFixtures';
import { openWebviewPage, webviewSkipReason, type WebviewPage } from '../support/webviewPage';

/** A title that would run script if it were parsed as HTML. */
const HOSTILE_CELL: ArticleSpec = { ...CELL, title: '<img src=x onerror="window.__pwned=1">' };

function fixtureReport(): HealthReport {
  const corpus = fixtureCorpus([NEURON, SYNAPSE, HOSTILE_CELL]);
  const results = [...corpus.articles()].map((article) => ({ article, diagnostics: checkArticle(article, article.model!, corpus) }));
  return buildReport({ results, corpora: [corpus] }, { root: '/ws' });
}

describe('corpus health webview page in chromium', { skip: webviewSkipReason }, () => {
  let web: WebviewPage;
  let page: Page;
  const report = fixtureReport();

  before(async () => {
    web = await openWebviewPage((origin) => healthPage(origin, `${origin}/media/health.css`, `${origin}/media/health.js`, 'n0nce'));
    page = web.page;
  });

  after(() => web?.close());

  it('has a strict policy: nonce script only, local styles, no inline handlers', () => {
    const html = healthPage('https://res.example', 'h.css', 'h.js', 'abc');
    assert.match(
      html,
      /content="default-src 'none'; style-src https:\/\/res.example; script-src 'nonce-abc'; img-src 'none'; form-action 'none'; base-uri 'none'"/,
    );
    assert.match(html, /<script nonce="abc" src="h.js"><\/script>/);
    assert.doesNotMatch(html, /\son\w+=|<style/);
  });

  it('renders the summary, one bar per code and per subject, and the tables', async () => {
    await web.send({ type: 'report', report });
    await page.locator('table').first().waitFor();
    assert.equal(await page.locator('h1').innerText(), 'QuickTakes corpus health');
    assert.equal(await page.locator('svg.qt-bars').count(), 2);
    assert.equal(await page.locator('svg.qt-bars').first().locator('rect').count(), report.byCode.length);
    assert.deepEqual(await page.locator('h2').allInnerTexts(), [
      'Defects per code',
      'Defects per subject',
      'Defects per code (3)',
      'Defects per subject (2)',
      'Files with defects (2)',
      'Articles without related links (1)',
      'Most linked articles (1)',
      'Articles no related link leads to (2)',
      'Duplicate and near-duplicate questions (0)',
    ]);
    // file names are shown relative to the report's root
    assert.equal(await page.locator('a.qt-file').first().innerText(), 'content/learn/biology/what-is-a-cell.md');
    assert.equal(await page.evaluate('window.__pwned'), undefined, 'titles are text, not HTML');
    assert.deepEqual(await page.evaluate('window.__violations'), []);
  });

  it('sorts a table by the clicked column, and filters it', async () => {
    const files = page.locator('section', { hasText: 'Files with defects (' });
    const firstFile = () => files.locator('tbody tr td').first().innerText();
    assert.equal(await firstFile(), 'content/learn/biology/what-is-a-cell.md', 'most errors first');
    await files.locator('button.qt-sort', { hasText: 'Warnings' }).click();
    assert.equal(await firstFile(), 'content/learn/psychology/what-is-a-synapse.md');
    assert.equal(await files.locator('th').nth(2).getAttribute('aria-sort'), 'descending');
    await files.locator('button.qt-sort', { hasText: 'Warnings' }).click();
    assert.equal(await files.locator('th').nth(2).getAttribute('aria-sort'), 'ascending');
    await files.locator('input.qt-filter').fill('broken');
    assert.equal(await files.locator('tbody tr').count(), 1);
    assert.equal(await firstFile(), 'content/learn/biology/what-is-a-cell.md');
  });

  it('asks the extension to open a clicked file, by its full path', async () => {
    await page.locator('section', { hasText: 'Articles without related links' }).locator('a.qt-file').click();
    const messages = await web.posted();
    assert.deepEqual(messages.at(-1), { type: 'open', file: '/ws/content/learn/psychology/what-is-a-neuron.md' });
  });

  it('asks for a new report on Refresh, and answers a ping with what it shows', async () => {
    await page.locator('button.qt-refresh').click();
    assert.deepEqual((await web.posted()).at(-1), { type: 'refresh' });
    await web.send({ type: 'report', report });
    await page.locator('table').first().waitFor();
    await web.send({ type: 'ping' });
    await web.waitUntil(`window.__posted.some((m) => m.type === 'rendered')`);
    const rendered = (await web.posted()).find((m) => m.type === 'rendered');
    assert.deepEqual(rendered, { type: 'rendered', articles: 3, tables: 7, rows: 11, files: 6 });
  });

  it('shows an error the extension sends', async () => {
    await web.send({ type: 'error', message: 'The corpus health report failed: boom' });
    assert.equal(await page.locator('.qt-error').innerText(), 'The corpus health report failed: boom');
  });
});
