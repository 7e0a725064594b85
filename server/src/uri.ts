/**
 * file: URIs ↔ absolute paths with forward slashes (the core's path form).
 * URIs are made and read with vscode-uri, as VS Code does, so the URIs the
 * server sends are the ones the client holds (on Windows VS Code writes
 * `file:///c%3A/…`, where node:url writes `file:///C:/…`).
 */
import { URI } from 'vscode-uri';
import { toSlash } from './core/site/paths';

/**
 * The path of a file: URI, undefined for other schemes. A drive letter comes
 * back lower-case (`c:/…`, as VS Code's fsPath gives it) whatever the host, so
 * a Windows URI maps to the same path when the server runs elsewhere (tests).
 */
export function uriToPath(uri: string): string | undefined {
  // vscode-uri reads a scheme-less string as a file: URI; a bare path is not one.
  if (!/^file:/i.test(uri)) return undefined;
  let parsed: URI;
  try {
    parsed = URI.parse(uri);
  } catch {
    return undefined;
  }
  if (parsed.scheme !== 'file') return undefined;
  // fsPath uses the host's separator; the core wants forward slashes everywhere.
  return toSlash(parsed.fsPath);
}

/**
 * The file: URI of an absolute path, encoded as VS Code encodes it. Backslashes
 * are separators on any host (the core's convention), so `c:\…` works on Linux
 * too, where vscode-uri alone would keep them as file-name characters.
 */
export function pathToUri(p: string): string {
  return URI.file(toSlash(p)).toString();
}

/**
 * One spelling per URI: clients may encode the same file differently
 * (`file:///C:/…`, `file:///c%3A/…`), so compare these, not raw strings.
 */
export function normalizeUri(uri: string): string {
  try {
    return URI.parse(uri).toString();
  } catch {
    return uri;
  }
}

export function sameUri(a: string, b: string): boolean {
  return a === b || normalizeUri(a) === normalizeUri(b);
}
