/**
 * A least-recently-used map bounded by the bytes its entries are reckoned to take (each entry's
 * size is given when it is stored). Used for the response cache and graphql-yoga's parsed-document
 * cache, so that both count toward the process's memory bound (docs/limits.md).
 */
/** What a byte-bounded cache reports (/health): the response cache and the row cache add their own counts. */
export interface BoundedCacheStats {
  enabled: boolean;
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
}

export class ByteLru<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private total = 0;

  /** `onDrop` is told of every entry that leaves: evicted, deleted, replaced or cleared. */
  constructor(
    readonly maxBytes: number,
    private readonly onDrop?: (value: V) => void,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.total;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Most recently used last: a Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores the entry (true), or not when it alone is over the bound (false); older entries make room. */
  set(key: string, value: V, bytes: number): boolean {
    if (bytes > this.maxBytes) return false;
    this.delete(key);
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.total -= entry.bytes;
      this.onDrop?.(entry.value);
    }
    return true;
  }

  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.total -= entry.bytes;
    this.onDrop?.(entry.value);
    return true;
  }

  clear(): void {
    if (this.onDrop) for (const entry of this.entries.values()) this.onDrop(entry.value);
    this.entries.clear();
    this.total = 0;
  }
}

/**
 * graphql-yoga's parser cache (text → parsed document, text → parse error), bounded in bytes. A parsed
 * document keeps its source text (`loc.source`) and an AST node of ~100 bytes per character token at most;
 * 8 bytes per source character plus 1 KiB is a generous reckoning of both.
 */
export function documentCache<V>(maxBytes: number): { get(key: string): V | undefined; set(key: string, value: V): void } {
  const lru = new ByteLru<V>(maxBytes);
  return { get: (key) => lru.get(key), set: (key, value) => lru.set(key, value, 8 * key.length + 1024) };
}
