/** Driving code-server's workbench in chromium as a user would: keyboard, Quick Open, command palette. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../support/corpus';

/** Where screenshots go: `QUICKTAKES_SCREENSHOTS` (e.g. `docs`, by `npm run screenshots`) or test-results/. */
export const SCREENSHOT_DIR = path.resolve(PROJECT_ROOT, process.env.QUICKTAKES_SCREENSHOTS ?? 'test-results/screenshots');

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
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tab.active', { hasText: name }).waitFor();
    await this.page.locator('.monaco-editor textarea').first().focus();
  }

  /** Runs a command by its palette title (F1). */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** Moves the cursor with "Go to Line/Column" (Ctrl+G), 1-based as the UI counts. */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`${line}:${column}`);
    await this.page.keyboard.press('Enter');
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, name);
    await this.page.screenshot({ path: file });
    return file;
  }
}
