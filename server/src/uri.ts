/** file: URIs ↔ absolute paths with forward slashes (the core's path form). */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { toSlash } from './core/site/paths';

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return toSlash(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}
