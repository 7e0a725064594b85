/**
 * The preview webview's page: a fixed shell whose content the script fills in
 * from messages. No `vscode` import, so tests check the policy directly.
 *
 * Content-Security-Policy: nothing by default; scripts only with this page's
 * nonce; stylesheets and fonts only from the extension; inline `style`
 * attributes (KaTeX positions every glyph with them) but no inline `<style>`;
 * images from the extension or https (answers may show remote images, as the site does).
 */
import { randomBytes } from 'node:crypto';

export interface PreviewPageResources {
  /** The webview's `cspSource` (its resource origin). */
  cspSource: string;
  katexCss: string;
  css: string;
  script: string;
  nonce?: string;
}

export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `style-src-elem ${cspSource}`,
    "style-src-attr 'unsafe-inline'",
    `font-src ${cspSource}`,
    `img-src ${cspSource} https:`,
    `script-src 'nonce-${nonce}'`,
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function previewPage(r: PreviewPageResources): string {
  const nonce = r.nonce ?? newNonce();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(r.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(r.katexCss)}">
<link rel="stylesheet" href="${attr(r.css)}">
<title>QuickTakes Preview</title>
</head>
<body>
<main id="preview" aria-live="polite"><p class="qt-empty">Loading the preview…</p></main>
<script nonce="${attr(nonce)}" src="${attr(r.script)}"></script>
</body>
</html>
`;
}
