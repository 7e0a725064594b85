/**
 * Files written whole to a temp file beside them, then renamed into place, so
 * that a reader sees the old file or the new one, never a part. A process
 * stopped mid-write (killed, or a server closed) leaves its temp file, which
 * nothing would read or replace: the next write of the same file removes it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The temp file this process writes `file` to (one per process, so that concurrent writers never share one). */
export function tempFileOf(file: string): string {
  return `${file}.${process.pid}.tmp`;
}

/** Removes the temp files of `file` whose process has ended; a running process's temp file is its own business. */
export function removeAbandonedTempFiles(file: string): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return; // no folder yet: nothing left behind
  }
  for (const name of names) {
    const pid = name.startsWith(prefix) && name.endsWith('.tmp') ? Number(name.slice(prefix.length, -'.tmp'.length)) : NaN;
    if (Number.isInteger(pid) && pid > 0 && !isRunning(pid)) fs.rmSync(path.join(dir, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
