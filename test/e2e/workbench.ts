/** Driving code-server's workbench in chromium as a user would: keyboard, Quick Open, command palette. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../support/corpus';

const RESULTS_DIR = path.join(PROJECT_ROOT, 'test-results/screenshots');
/** Where the README's screenshots go: `QUICKTAKES_SCREENSHOTS` (`docs` with `npm run screenshots`), else test-results/. */
const DOCS_DIR = path.resolve(PROJECT_ROOT, process.env.QUICKTAKES_SCREENSHOTS ?? RESULTS_DIR);

export class Workbench {
  constructor(readonly page: Page) {}

  async load(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  }

  /** Quick Open (Ctrl+P) on a file name, as a user finds an article. */
  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(name);
    // the file's row, not the first one: a recently opened file can still be listed first
    await this.quickInputRow(name).click();
    await this.page.locator('.tab.active', { hasText: name }).first().waitFor();
    await this.focusEditor();
  }

  /** Focuses the first editor group (Ctrl+1), e.g. after the Problems panel took the focus. */
  async focusEditor(): Promise<void> {
    await this.page.keyboard.press('Control+1');
    await this.page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor();
  }

  /**
   * Runs a command by its palette title (F1): the row with exactly that title, not the first row, which may be
   * another command whose title holds the same words ("Open Locked Preview to the Side").
   */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.quickInputRow(title).click();
  }

  /** The row of the quick input's list whose label is `label`. */
  private quickInputRow(label: string) {
    return this.page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: this.page.getByText(label, { exact: true }) })
      .first();
  }

  /** Moves the cursor with "Go to Line/Column" (Ctrl+G), 1-based as the UI counts. */
  async goTo(line: number, column: number): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`:${line}:${column}`); // the `:` prefix keeps Quick Open in go-to-line mode
    await this.page.keyboard.press('Enter');
  }

  /**
   * Asks for completion (Ctrl+Space) until the suggest widget lists `rowText`. Asked again
   * because a request that races the last keystrokes can come back for the older text.
   */
  async suggest(rowText: string, attempts = 5): Promise<void> {
    const row = this.page.locator('.suggest-widget.visible .monaco-list-row', { hasText: rowText }).first();
    for (let i = 1; ; i++) {
      await this.page.keyboard.press('Control+Space');
      try {
        return await row.waitFor({ timeout: 10_000 });
      } catch (e) {
        if (i === attempts) throw e;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /** "Developer: Reload Window", and the workbench back. */
  async reload(): Promise<void> {
    const loaded = this.page.waitForEvent('load');
    await this.runCommand('Developer: Reload Window');
    await loaded;
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  }

  /** Saves a screenshot into test-results/, or with `readme`, where the README's ones are refreshed. */
  async screenshot(name: string, { readme = false } = {}): Promise<string> {
    const dir = readme ? DOCS_DIR : RESULTS_DIR;
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, name);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Runs a UI step; when it fails, keeps a screenshot of the page in test-results/ for the post-mortem. */
  async step(name: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      const shot = await this.screenshot(`failed-${name.replace(/\W+/g, '-')}.png`).catch(() => 'none');
      throw new Error(`${(e as Error).message}\n(screenshot: ${shot})`, { cause: e });
    }
  }
}
