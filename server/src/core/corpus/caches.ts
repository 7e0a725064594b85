/**
 * The derived data built from one corpus (its search index, its suggestion
 * index, memos of features), owned by the corpus: when the corpus is dropped
 * (a re-index, the server going away) `dispose` ends them all, so no index
 * keeps following a corpus nobody uses or outlives the server that built it.
 */

/** One kind of cached value: how to make it from the owner, and how to let it go. */
export class CacheKey<T, Owner> {
  constructor(
    readonly name: string,
    readonly create: (owner: Owner) => T,
    readonly release?: (value: T) => void,
  ) {}
}

interface Entry {
  name: string;
  value: unknown;
  release(): void;
}

export class Caches<Owner> {
  private readonly entries = new Map<object, Entry>();
  private disposed = false;

  constructor(private readonly owner: Owner) {}

  /** The value of `key`, made on first use. Once disposed, values are still made but not kept. */
  get<T>(key: CacheKey<T, Owner>): T {
    const held = this.entries.get(key);
    if (held) return held.value as T;
    const value = key.create(this.owner);
    if (!this.disposed) this.entries.set(key, { name: key.name, value, release: () => key.release?.(value) });
    return value;
  }

  /** The value of `key` if it has been made; never makes it. */
  peek<T>(key: CacheKey<T, Owner>): T | undefined {
    return this.entries.get(key)?.value as T | undefined;
  }

  /** The names of the values held. */
  names(): string[] {
    return [...this.entries.values()].map((e) => e.name);
  }

  get size(): number {
    return this.entries.size;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Lets every value go; later `get`s make them again. */
  clear(): void {
    const entries = [...this.entries.values()];
    this.entries.clear();
    for (const entry of entries) entry.release();
  }

  /** Clears, and keeps nothing made from now on (the owner is gone). */
  dispose(): void {
    this.disposed = true;
    this.clear();
  }
}
