/**
 * The page every QuickTakes webview starts from: a Content-Security-Policy, the
 * extension's stylesheets, one `<main>` its script fills in, and that script
 * with the page's nonce. No `vscode` import, so tests load pages in a browser.
 */
import { randomBytes } from 'node:crypto';

export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

/** Escapes a value for a double-quoted HTML attribute. */
export const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export interface WebviewShell {
  title: string;
  csp: string;
  stylesheets: string[];
  script: string;
  nonce: string;
  /** The id of the `<main>` element the script fills in, and what it shows until then. */
  mainId: string;
  placeholder?: string;
}

export function webviewShell(s: WebviewShell): string {
  const links = s.stylesheets.map((href) => `<link rel="stylesheet" href="${attr(href)}">\n`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(s.csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${links}<title>${s.title}</title>
</head>
<body>
<main id="${attr(s.mainId)}" aria-live="polite">${s.placeholder ?? ''}</main>
<script nonce="${attr(s.nonce)}" src="${attr(s.script)}"></script>
</body>
</html>
`;
}
