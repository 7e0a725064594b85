/** Debian's chromium, driven by playwright-core (Playwright's own browser downloads are unreachable here). */
import * as fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { ensureDebianPackages, Unavailable } from './debian';

export const CHROMIUM = process.env.QUICKTAKES_CHROMIUM ?? '/usr/bin/chromium';

/** Installs chromium (and a font family, so screenshots have real glyphs) when missing. */
export function ensureChromium(log?: (line: string) => void): string {
  if (!fs.existsSync(CHROMIUM)) ensureDebianPackages(['chromium', 'fonts-liberation'], log);
  if (!fs.existsSync(CHROMIUM)) throw new Unavailable(`no chromium at ${CHROMIUM}`);
  return CHROMIUM;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}
