/**
 * The output last printed from a lint's record (`replay.ts`), kept beside it:
 * a replay asked for the same output (same format, folder, baseline: the
 * caller's key) copies its bytes instead of parsing the record and formatting
 * it again, which was most of a replay's time and all of its garbage.
 *
 * The file is one JSON line (this layout's number, the record it was printed
 * from, the caller's key and tally) followed by the output's bytes. It is
 * written as the output is printed, to a temp file renamed at the end, so a
 * large report is never held whole; a failed write only leaves no kept output.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { firstLine, READ_CHUNK } from './headedFile';
import { removeAbandonedTempFiles, tempFileOf } from '../loading/tempFiles';

/** Bumped when the file's layout changes. */
const FORMAT = 1;

/** The first line of the file. */
interface Header {
  format: number;
  /** The id of the record the output was printed from. */
  record: string;
  /** What the caller printed (format, folder, baseline…), as it says. */
  key: string;
  /** What the caller needs besides the bytes (counts for its exit status…), as it gave it. */
  tally: unknown;
}

/** A kept output: the caller's tally, and its bytes copied out in chunks. */
export class KeptOutput {
  private constructor(
    readonly tally: unknown,
    private readonly fd: number,
    /** The bytes of the output read with the header. */
    private readonly start: Buffer,
  ) {}

  /** The output kept in `file` for this record and key, or undefined (none, another, damaged). */
  static read(file: string, record: string, key: string): KeptOutput | undefined {
    let fd: number | undefined;
    try {
      fd = fs.openSync(file, 'r');
      const { line, rest } = firstLine(fd);
      const header = JSON.parse(line.toString('utf8')) as Header;
      if (header.format !== FORMAT || header.record !== record || header.key !== key) return undefined;
      const kept = new KeptOutput(header.tally, fd, rest);
      fd = undefined; // the copy closes it
      return kept;
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  /** Writes the bytes to `out`, a chunk at a time, and closes the file. */
  copyTo(out: (bytes: Uint8Array) => void): void {
    try {
      if (this.start.length > 0) out(this.start);
      for (;;) {
        const chunk = Buffer.allocUnsafe(READ_CHUNK);
        const n = fs.readSync(this.fd, chunk, 0, READ_CHUNK, null);
        if (n === 0) return;
        out(chunk.subarray(0, n));
      }
    } finally {
      fs.closeSync(this.fd);
    }
  }
}

/** Writes an output as it is printed; `commit` makes it the kept one. Write errors drop it quietly. */
export class OutputWriter {
  private fd: number | undefined;

  private constructor(
    private readonly file: string,
    private readonly tmp: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /** A writer of the output printed from `record` under `key`, or undefined when the file cannot be made. */
  static open(file: string, header: { record: string; key: string; tally: unknown }): OutputWriter | undefined {
    const tmp = tempFileOf(file);
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // the outputs of lints killed while printing (Ctrl-C in a long report)
      removeAbandonedTempFiles(file);
      const fd = fs.openSync(tmp, 'w');
      const writer = new OutputWriter(file, tmp, fd);
      writer.write(Buffer.from(`${JSON.stringify({ format: FORMAT, ...header } satisfies Header)}\n`));
      return writer;
    } catch {
      return undefined;
    }
  }

  write(bytes: Uint8Array): void {
    if (this.fd === undefined) return;
    try {
      for (let at = 0; at < bytes.length;) at += fs.writeSync(this.fd, bytes, at);
    } catch {
      this.drop();
    }
  }

  commit(): void {
    if (this.fd === undefined) return;
    try {
      fs.closeSync(this.fd);
      this.fd = undefined;
      fs.renameSync(this.tmp, this.file);
    } catch {
      this.drop();
    }
  }

  private drop(): void {
    try {
      if (this.fd !== undefined) fs.closeSync(this.fd);
      fs.rmSync(this.tmp, { force: true });
    } catch {
      // nothing kept either way
    }
    this.fd = undefined;
  }
}
