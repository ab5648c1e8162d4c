import { createHash } from 'node:crypto';
import { print, type DocumentNode } from 'graphql';
import { ByteLru } from './byte-lru.js';

/**
 * The public read cache (docs/limits.md, "Response cache"): answers of successful, unauthenticated
 * queries, keyed by the normalized operation, its variables and the graph version. Bounded in bytes
 * (the entry's JSON and key, counted as UTF-16, 2 bytes a character), least recently used first out.
 * A new graph version empties it: every entry was keyed by an older one.
 */
export interface ResponseCacheOptions {
  /** Total bytes of the entries (0 turns the cache off). */
  maxBytes: number;
  /** Answers larger than this are not kept (an `extract` of a whole article, a 500-node neighbourhood). */
  maxEntryBytes: number;
}

export const DEFAULT_RESPONSE_CACHE: ResponseCacheOptions = { maxBytes: 32 * 1024 * 1024, maxEntryBytes: 512 * 1024 };

/** Per-entry bookkeeping (the Map slot, the key and entry objects) on top of the strings. */
const ENTRY_OVERHEAD = 200;

export interface CacheStats {
  enabled: boolean;
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
  /** Requests that could not use the cache: authenticated, a mutation, or no graph version (Neo4j unreachable). */
  bypassed: number;
}

export class ResponseCache {
  private readonly entries: ByteLru<string>;
  private version: string | null = null;
  private readonly normalized = new WeakMap<DocumentNode, string>();
  readonly counters = { hits: 0, misses: 0, bypassed: 0 };

  constructor(readonly options: ResponseCacheOptions = DEFAULT_RESPONSE_CACHE) {
    this.entries = new ByteLru(options.maxBytes);
  }

  /** A cache that keeps nothing: benchmarks and round-trip counts measure the query path itself. */
  static off(): ResponseCache {
    return new ResponseCache({ maxBytes: 0, maxEntryBytes: 0 });
  }

  get enabled(): boolean {
    return this.options.maxBytes > 0;
  }

  get stats(): CacheStats {
    return { enabled: this.enabled, entries: this.entries.size, bytes: this.entries.bytes, maxBytes: this.options.maxBytes, ...this.counters };
  }

  /**
   * The key of one request under one graph version. The operation is printed once per parsed document
   * (graphql-yoga's parser cache hands back the same DocumentNode for the same text), so whitespace and
   * comments do not split entries; variables and operation name are hashed with it.
   */
  key(document: DocumentNode, operationName: string | null | undefined, variables: unknown, version: string): string {
    let operation = this.normalized.get(document);
    if (operation === undefined) {
      operation = print(document);
      this.normalized.set(document, operation);
    }
    const hash = createHash('sha256').update(operation).update('\0').update(operationName ?? '').update('\0').update(JSON.stringify(variables ?? {})).digest('base64url');
    return `${version}:${hash}`;
  }

  /** Called with the version every request reads: a new one drops every entry of the old. */
  observe(version: string): void {
    if (version === this.version) return;
    this.version = version;
    this.entries.clear();
  }

  get(key: string): unknown | undefined {
    const json = this.entries.get(key);
    return json === undefined ? undefined : JSON.parse(json);
  }

  /** Keeps an answer, unless it was computed under a version that is no longer current or is too large. */
  set(key: string, version: string, value: unknown): void {
    if (!this.enabled || version !== this.version) return;
    const json = JSON.stringify(value);
    const bytes = 2 * (json.length + key.length) + ENTRY_OVERHEAD;
    if (bytes <= this.options.maxEntryBytes) this.entries.set(key, json, bytes);
  }
}
