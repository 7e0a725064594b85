/**
 * A long array of strings (or undefined) in chunks, each made when first
 * written: never one of V8's slow dictionary arrays (which `new Array(n)` makes
 * for n beyond ~16k), and nothing allocated for slots never written (a table
 * read from the index cache writes none of its string columns at first).
 */

/** Slots per chunk: fewer than the length from which V8 makes a new array a dictionary. */
const CHUNK = 8192;

export class StringColumn {
  private readonly chunks: ((string | undefined)[] | undefined)[] = [];

  get(i: number): string | undefined {
    return this.chunks[Math.floor(i / CHUNK)]?.[i % CHUNK];
  }

  set(i: number, s: string | undefined): void {
    const c = Math.floor(i / CHUNK);
    let chunk = this.chunks[c];
    if (chunk === undefined) {
      while (this.chunks.length < c) this.chunks.push(undefined);
      chunk = this.chunks[c] = new Array<string | undefined>(CHUNK);
    }
    chunk[i % CHUNK] = s;
  }

  /** Its first `length` slots, as an array. */
  slice(length: number): (string | undefined)[] {
    const out: (string | undefined)[] = [];
    for (let i = 0; i < length; i++) out.push(this.get(i));
    return out;
  }
}
