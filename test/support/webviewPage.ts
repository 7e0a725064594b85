/**
 * The preview webview's page (client/src/previewHtml.ts + media/preview.js + the
 * bundled KaTeX CSS and fonts) in headless chromium, served the way the
 * webview's resource origin serves it, with a stand-in for VS Code's webview API
 * that records what the page posts and which policy violations it reports, and
 * for its host, which opens every link click reaching the window (`__hostOpened`).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { previewPage } from '../../client/src/previewHtml';
import { CHROMIUM, launchChromium } from '../../scripts/e2e/browser';
import { PROJECT_ROOT } from './corpus';

const KATEX_DIST = path.join(PROJECT_ROOT, 'dist/katex/katex.min.css');

export const webviewSkipReason: string | false = !fs.existsSync(CHROMIUM)
  ? `no chromium at ${CHROMIUM}`
  : !fs.existsSync(KATEX_DIST)
    ? 'dist/katex is missing: run `npm run build` first'
    : false;

export interface WebviewPage {
  page: Page;
  origin: string;
  /** Console messages about the Content-Security-Policy. */
  violations: string[];
  /** What the page posted to the extension. */
  posted(): Promise<{ type: string }[]>;
  /** Posts a message to the page, as the extension does. */
  send(message: unknown): Promise<void>;
  /** Waits until a page-side expression is truthy (see `waitUntilTrue`). */
  waitUntil(expression: string): Promise<void>;
  close(): Promise<void>;
}

/** The preview page as the webview's resource origin serves it. */
function previewPageAt(origin: string): string {
  return previewPage({
    cspSource: origin,
    katexCss: `${origin}/dist/katex/katex.min.css`,
    css: `${origin}/media/preview.css`,
    script: `${origin}/media/preview.js`,
  });
}

/**
 * Polls a page-side expression from outside the page until it is truthy.
 * Not `page.waitForFunction`: that re-evaluates its predicate with `eval` inside
 * the page, which the webview's policy (no 'unsafe-eval') rightly refuses once
 * the first try comes back false. Evaluation from the driver is not the page's
 * own script, so the policy does not apply to it.
 */
async function waitUntilTrue(page: Page, expression: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate<unknown>(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Opens a webview page (the preview's unless `pageAt` gives another, from the origin serving the project's files);
 * `state` is what its `getState` returns at first, as after a reload.
 */
export async function openWebviewPage(pageAt: (origin: string) => string = previewPageAt, state?: unknown): Promise<WebviewPage> {
  let origin = '';
  const server = http.createServer((req, res) => {
    const file = path.join(PROJECT_ROOT, decodeURIComponent(new URL(req.url!, 'http://x').pathname));
    if (req.url === '/') {
      res.setHeader('content-type', 'text/html');
      res.end(pageAt(origin));
    } else if (file.startsWith(PROJECT_ROOT) && fs.existsSync(file)) {
      const type =
        { '.css': 'text/css', '.js': 'text/javascript', '.woff2': 'font/woff2' }[path.extname(file)] ?? 'application/octet-stream';
      res.setHeader('content-type', type);
      res.end(fs.readFileSync(file));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await launchChromium();
  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/.test(m.text())) violations.push(m.text());
  });
  // A string, not a function: tsx's transform would wrap a function in helpers the page does not have.
  await page.addInitScript({
    content: `
      window.__posted = [];
      window.__violations = [];
      window.__state = ${JSON.stringify(state ?? null)};
      // VS Code's webview host opens every link click that reaches the window as a web address
      window.__hostOpened = [];
      window.addEventListener('click', (e) => {
        const a = e.composedPath().find((n) => n.tagName === 'A' && n.href);
        if (a) { e.preventDefault(); window.__hostOpened.push(a.getAttribute('href')); }
      });
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));
      window.acquireVsCodeApi = () => ({
        postMessage: (m) => window.__posted.push(m),
        getState: () => window.__state,
        setState: (s) => { window.__state = s; },
      });`,
  });
  await page.goto(`${origin}/`);
  await waitUntilTrue(page, `window.__posted.some((m) => m.type === 'ready')`);
  return {
    page,
    origin,
    violations,
    // Page-side code as strings: this program has no DOM types.
    posted: () => page.evaluate<{ type: string }[]>('window.__posted'),
    send: (message) => page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`),
    waitUntil: (expression) => waitUntilTrue(page, expression),
    close: async () => {
      await browser.close();
      server.close();
    },
  };
}
