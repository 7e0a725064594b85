/**
 * The "Corpus Health" webview's page: a fixed shell that media/health.js fills
 * in from messages. No `vscode` import, so tests load it in a browser.
 *
 * Content-Security-Policy: nothing by default; the script only with this page's
 * nonce, the stylesheet only from the extension; no inline handlers or styles.
 */
import { newNonce, webviewShell } from './webviewShell';

export function healthPage(cspSource: string, css: string, script: string, nonce = newNonce()): string {
  const csp = [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "img-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  return webviewShell({ title: 'QuickTakes: Corpus Health', csp, stylesheets: [css], script, nonce, mainId: 'health' });
}
