/**
 * A long array in chunks, each made when first written: never one of V8's slow
 * dictionary arrays (which `new Array(n)` makes for n beyond ~16k, and writing
 * far past the end of an array makes too), and nothing allocated for slots
 * never written (a table read from the index cache writes none of its string
 * columns at first, and makes Article objects for the few rows asked for).
 */

/** Slots per chunk: fewer than the length from which V8 makes a new array a dictionary. */
const CHUNK = 8192;

export class ChunkedArray<T> {
  private readonly chunks: ((T | undefined)[] | undefined)[] = [];

  get(i: number): T | undefined {
    return this.chunks[Math.floor(i / CHUNK)]?.[i % CHUNK];
  }

  set(i: number, value: T | undefined): void {
    const c = Math.floor(i / CHUNK);
    let chunk = this.chunks[c];
    if (chunk === undefined) {
      while (this.chunks.length < c) this.chunks.push(undefined);
      chunk = this.chunks[c] = new Array<T | undefined>(CHUNK);
    }
    chunk[i % CHUNK] = value;
  }

  /** Its first `length` slots, as an array. */
  slice(length: number): (T | undefined)[] {
    const out: (T | undefined)[] = [];
    for (let i = 0; i < length; i++) out.push(this.get(i));
    return out;
  }
}
