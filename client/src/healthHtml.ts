/**
 * The "Corpus Health" webview's page: a fixed shell that media/health.js fills
 * in from messages. No `vscode` import, so tests load it in a browser.
 *
 * Content-Security-Policy: nothing by default; the script only with this page's
 * nonce, the stylesheet only from the extension; no inline handlers or styles.
 */
import { newNonce } from './previewHtml';

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function healthPage(cspSource: string, css: string, script: string, nonce = newNonce()): string {
  const csp = [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "img-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(css)}">
<title>QuickTakes: Corpus Health</title>
</head>
<body>
<main id="health" aria-live="polite"></main>
<script nonce="${attr(nonce)}" src="${attr(script)}"></script>
</body>
</html>
`;
}
