/**
 * A cross-process lock (a directory holding the owner's pid), so test files that
 * run in parallel install a tool once instead of racing each other.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs `fn` holding the lock `dir` (waits for another holder; takes over from a dead one). */
export function withLock<T>(dir: string, fn: () => T): T {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const owner = path.join(dir, 'pid');
  for (;;) {
    try {
      fs.mkdirSync(dir);
      fs.writeFileSync(owner, String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.existsSync(owner) ? fs.readFileSync(owner, 'utf8') : NaN);
      if (Number.isInteger(pid) && pid > 0 && !alive(pid)) fs.rmSync(dir, { recursive: true, force: true });
      else sleep(500);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
