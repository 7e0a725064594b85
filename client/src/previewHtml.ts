/**
 * The preview webview's page: a fixed shell whose content the script fills in
 * from messages. No `vscode` import, so tests check the policy directly.
 *
 * Content-Security-Policy: nothing by default; scripts only with this page's
 * nonce; stylesheets and fonts only from the extension; inline `style`
 * attributes (KaTeX positions every glyph with them) but no inline `<style>`;
 * images from the extension or https (answers may show remote images, as the site does).
 */
import { newNonce, webviewShell } from './webviewShell';

export interface PreviewPageResources {
  /** The webview's `cspSource` (its resource origin). */
  cspSource: string;
  katexCss: string;
  css: string;
  script: string;
  nonce?: string;
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

export function previewPage(r: PreviewPageResources): string {
  const nonce = r.nonce ?? newNonce();
  return webviewShell({
    title: 'QuickTakes Preview',
    csp: contentSecurityPolicy(r.cspSource, nonce),
    stylesheets: [r.katexCss, r.css],
    script: r.script,
    nonce,
    mainId: 'preview',
    placeholder: '<p class="qt-empty">Loading the preview…</p>',
  });
}
