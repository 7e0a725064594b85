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

/**
 * Writes `file` whole: to this process's temp file (its folder made, the temp files of ended processes removed
 * first), then renamed into place. On failure the temp file is removed and the error thrown.
 */
export async function writeWhole(file: string, data: string | Uint8Array | Iterable<Uint8Array>, encoding?: BufferEncoding): Promise<void> {
  const tmp = tempFileOf(file);
  try {
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    removeAbandonedTempFiles(file);
    await fs.promises.writeFile(tmp, data, encoding);
    await fs.promises.rename(tmp, file);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
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
