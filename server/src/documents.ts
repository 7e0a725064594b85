/** The server's open documents, found by any encoding of their URI. */
import { TextDocuments } from 'vscode-languageserver/node';
import { normalizeUri } from './uri';

/**
 * Open documents, looked up by any encoding of their URI. They stay keyed by
 * the client's own URI, which diagnostics must be published under; a lookup
 * that misses the exact key compares normalized forms.
 */
export class OpenDocuments<T extends { uri: string }> extends TextDocuments<T> {
  override get(uri: string): T | undefined {
    const exact = super.get(uri);
    if (exact) return exact;
    const wanted = normalizeUri(uri);
    return this.all().find((d) => normalizeUri(d.uri) === wanted);
  }
}
