/**
 * Files that start with one line of JSON saying what follows (the lint's record
 * and its kept output): the line read alone, in chunks, so that deciding
 * whether the rest is wanted costs only that line; the rest read on demand.
 */
import * as fs from 'node:fs';

/** Bytes per read of these files. */
export const READ_CHUNK = 1 << 20;

/** The file's first line (without its newline), the bytes read after it, and how many bytes were read in all. */
export function firstLine(fd: number): { line: Buffer; rest: Buffer; read: number } {
  const chunks: Buffer[] = [];
  for (let read = 0; ;) {
    const chunk = Buffer.allocUnsafe(READ_CHUNK);
    const n = fs.readSync(fd, chunk, 0, READ_CHUNK, null);
    if (n === 0) throw new Error('no end of line');
    read += n;
    const nl = chunk.subarray(0, n).indexOf(10);
    if (nl < 0) {
      chunks.push(chunk.subarray(0, n));
      continue;
    }
    chunks.push(chunk.subarray(0, nl));
    return { line: Buffer.concat(chunks), rest: chunk.subarray(nl + 1, n), read };
  }
}

/** What `firstLine` read after the line, and the rest of the file. */
export function restOf(fd: number, after: { rest: Buffer; read: number }): Buffer {
  const all = Buffer.allocUnsafe(after.rest.length + Math.max(0, fs.fstatSync(fd).size - after.read));
  let at = after.rest.copy(all);
  for (let n; at < all.length && (n = fs.readSync(fd, all, at, all.length - at, null)) > 0;) at += n;
  return all.subarray(0, at);
}
