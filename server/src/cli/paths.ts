/** How the CLI shows a file's path. */
import * as path from 'node:path';

/** An empty, `.` or `..` segment, or a trailing slash: a path that resolving would change. */
const UNRESOLVED = /\/\.{0,2}(?:\/|$)/;

/** For one `from` at a time: it resolved and ending in `/`, and the shown path of each folder seen so far. */
let memo = { from: '', resolved: '', folders: new Map<string, string>() };

/**
 * `file` relative to the folder `from`, with `/` separators (`.` for the folder
 * itself), as `path.relative` gives it. For a resolved absolute path (as every
 * article's is) this is computed once per folder and joined to the file's name,
 * since resolving both paths for every finding is costly on a large corpus.
 */
export function shownPath(file: string, from: string): string {
  if (memo.from !== from) memo = { from, resolved: withSlash(path.resolve(from)), folders: new Map() };
  const slash = file.lastIndexOf('/');
  // a folder `from` lies in is reached by going up, not through its parent: no shortcut
  if (path.sep !== '/' || slash <= 0 || !path.isAbsolute(file) || UNRESOLVED.test(file) || memo.resolved.startsWith(`${file}/`)) {
    return relative(file, from);
  }
  const folder = file.slice(0, slash);
  let shown = memo.folders.get(folder);
  if (shown === undefined) memo.folders.set(folder, (shown = relative(folder, from)));
  const name = file.slice(slash + 1);
  return shown === '.' ? name : `${shown}/${name}`;
}

function withSlash(p: string): string {
  return p.endsWith('/') ? p : `${p}/`;
}

function relative(file: string, from: string): string {
  return path.relative(from, file).split(path.sep).join('/') || '.';
}
