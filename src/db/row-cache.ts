import { ByteLru, type BoundedCacheStats } from '../cache/byte-lru.js';
import { deepFreeze } from '../cache/frozen.js';

/**
 * The public row cache (docs/limits.md, "Row cache"): the parsed rows of catalogue reads made for
 * public requests, keyed by query name, parameters and the graph version. Where the response cache
 * keeps whole answers (one entry per operation text and variables), this keeps what they are built
 * from, so operations that differ in shape or page size share it: `firmsIn(place: 福泉, first: 10)` and
 * `first: 20` read the same window (src/services/paging.ts, `readWindow`), every lookup of 贵州省 the same
 * details, whatever fields it selects. A new graph version empties it, as it does the response cache.
 *
 * Rows are kept as the objects the models parsed, frozen: a resolver that tried to change a cached row
 * would throw (modules are strict) instead of changing the next request's answer.
 */
export interface RowCacheOptions {
  /** Total bytes of the entries (0 turns the cache off). */
  maxBytes: number;
  /** Results larger than this are not kept (a province's details with every relation, say). */
  maxEntryBytes: number;
}

export const DEFAULT_ROW_CACHE: RowCacheOptions = { maxBytes: 16 * 1024 * 1024, maxEntryBytes: 256 * 1024 };

/**
 * Bytes an entry is reckoned to take: its JSON counted as UTF-16 (2 bytes a character) plus half again
 * for the objects' own slots, and the key; generous for the short rows most reads return.
 */
const reckon = (json: string, key: string) => 3 * json.length + 2 * key.length + 200;

export type RowCacheStats = BoundedCacheStats;

export class RowCache {
  private readonly entries: ByteLru<readonly unknown[]>;
  private version: string | null = null;
  readonly counters = { hits: 0, misses: 0 };

  constructor(readonly options: RowCacheOptions = DEFAULT_ROW_CACHE) {
    this.entries = new ByteLru(options.maxBytes);
  }

  /** A cache that keeps nothing: round-trip counts and benchmarks measure the query path itself. */
  static off(): RowCache {
    return new RowCache({ maxBytes: 0, maxEntryBytes: 0 });
  }

  get enabled(): boolean {
    return this.options.maxBytes > 0;
  }

  get stats(): RowCacheStats {
    return { enabled: this.enabled, entries: this.entries.size, bytes: this.entries.bytes, maxBytes: this.options.maxBytes, ...this.counters };
  }

  /** The rows of `name` with `params` under `version`, when kept; a new version drops every older entry first. */
  get(version: string, name: string, params: unknown): { key: string; rows?: readonly unknown[] } {
    if (version !== this.version) {
      this.version = version;
      this.entries.clear();
    }
    const key = `${name}\u0000${JSON.stringify(params)}`;
    const rows = this.entries.get(key);
    if (rows) this.counters.hits += 1;
    else this.counters.misses += 1;
    return { key, rows };
  }

  /** Keeps rows read under `version`, unless that version is no longer current or they are too large. */
  set(version: string, key: string, rows: readonly unknown[]): void {
    if (!this.enabled || version !== this.version) return;
    const bytes = reckon(JSON.stringify(rows), key);
    if (bytes > this.options.maxEntryBytes) return;
    this.entries.set(key, deepFreeze(rows), bytes);
  }
}

/** The row cache a server gets unless told otherwise: on with the response cache, off without it (one switch for "the cache"). */
export const rowCacheBeside = (responses: { enabled: boolean }): RowCache => (responses.enabled ? new RowCache(DEFAULT_ROW_CACHE) : RowCache.off());
