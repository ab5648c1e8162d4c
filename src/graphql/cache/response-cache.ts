import { createHash } from 'node:crypto';
import { print, type DocumentNode } from 'graphql';
import { ByteLru, type BoundedCacheStats } from '../../cache/byte-lru.js';

/**
 * The public read cache (docs/limits.md, "Response cache"): answers of successful, unauthenticated
 * queries, keyed by the normalized operation, its variables and the graph version. Bounded in bytes
 * (the entry's JSON and key, counted as UTF-16, 2 bytes a character), least recently used first out.
 * A new graph version empties it: every entry was keyed by an older one.
 *
 * Beside those, the same byte-bounded map keeps *raw answers*: the exact HTTP answer (status, headers,
 * body bytes) graphql-yoga sent for a request, keyed by the request's raw bytes (its fingerprint:
 * method, URL, the headers yoga's answer depends on, the body) and the graph version, so that
 * src/server/http.ts can answer a repeated request before yoga (no Request object, envelop, context,
 * JSON parse and stringify). One memory bound for both kinds.
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

export interface CacheStats extends BoundedCacheStats {
  /** Requests that could not use the cache: authenticated, a mutation, or no graph version (Neo4j unreachable). */
  bypassed: number;
  /** Of the hits, those answered from a raw answer before graphql-yoga (src/server/http.ts). */
  rawHits: number;
  /** Raw answers held (each also counted in entries and bytes). */
  rawEntries: number;
  /** Of the hits, those that joined an identical miss already running (answered with its result, no Cypher of their own). */
  shared: number;
  /** Requests waiting now for an identical miss to finish. */
  waiting: number;
}

/**
 * At most this many requests wait for identical misses at once; beyond it a request runs itself (and
 * meets admission's bounded queue). A waiting request holds only its parsed operation.
 */
export const MAX_WAITING_FOR_SHARED = 1_000;

/** What graphql-yoga sent for one request, to be sent again byte for byte (Server-Timing excepted). */
export interface RawAnswer {
  status: number;
  /** Lower-case names, as yoga's Response had them, without server-timing (each answer writes its own). */
  headers: Record<string, string>;
  body: Buffer;
}

const isRaw = (entry: string | RawAnswer): entry is RawAnswer => typeof entry !== 'string';

export class ResponseCache {
  private readonly entries: ByteLru<string | RawAnswer>;
  private version: string | null = null;
  private readonly normalized = new WeakMap<DocumentNode, string>();
  private rawEntries = 0;
  /** The misses being computed now, by key: each settles with its keepable answer, or undefined when it failed. */
  private readonly running = new Map<string, Promise<unknown | undefined>>();
  private waiting = 0;
  readonly counters = { hits: 0, misses: 0, bypassed: 0, rawHits: 0, shared: 0 };

  constructor(readonly options: ResponseCacheOptions = DEFAULT_RESPONSE_CACHE) {
    this.entries = new ByteLru(options.maxBytes, (entry) => {
      if (isRaw(entry)) this.rawEntries -= 1;
    });
  }

  /** A cache that keeps nothing: benchmarks and round-trip counts measure the query path itself. */
  static off(): ResponseCache {
    return new ResponseCache({ maxBytes: 0, maxEntryBytes: 0 });
  }

  get enabled(): boolean {
    return this.options.maxBytes > 0;
  }

  get stats(): CacheStats {
    return { enabled: this.enabled, entries: this.entries.size, bytes: this.entries.bytes, maxBytes: this.options.maxBytes, ...this.counters, rawEntries: this.rawEntries, waiting: this.waiting };
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
    return typeof json === 'string' ? JSON.parse(json) : undefined;
  }

  /** Keeps an answer, unless it was computed under a version that is no longer current or is too large. */
  set(key: string, version: string, value: unknown): void {
    if (!this.enabled || version !== this.version) return;
    const json = JSON.stringify(value);
    const bytes = 2 * (json.length + key.length) + ENTRY_OVERHEAD;
    if (bytes <= this.options.maxEntryBytes) this.entries.set(key, json, bytes);
  }

  /**
   * Single flight for misses (docs/limits.md, "Response cache"): after a new graph version every popular
   * request misses at once, and without this each identical copy would queue for admission and run the
   * same Cypher. The first copy *leads*: `lead` registers it, and the caller settles it with its
   * keepable answer (or undefined: an error is never shared). A copy arriving while it runs gets that
   * promise from `join` and waits for it instead of running; undefined when none runs, or when
   * MAX_WAITING_FOR_SHARED copies already wait.
   */
  lead(key: string): (answer: unknown | undefined) => void {
    let settle!: (answer: unknown | undefined) => void;
    const answer = new Promise<unknown | undefined>((resolve) => (settle = resolve));
    this.running.set(key, answer);
    return (value) => {
      if (this.running.get(key) === answer) this.running.delete(key);
      settle(value);
    };
  }

  join(key: string): Promise<unknown | undefined> | undefined {
    const answer = this.running.get(key);
    if (!answer || this.waiting >= MAX_WAITING_FOR_SHARED) return undefined;
    this.waiting += 1;
    return answer.finally(() => (this.waiting -= 1));
  }

  /**
   * The key of a raw answer: the request's fingerprint (src/server/http.ts: method, URL, the headers
   * yoga's answer depends on, the body bytes) hashed, under one graph version. A prefix of its own keeps
   * it apart from the normalized keys.
   */
  rawKey(fingerprint: Buffer, version: string): string {
    return `${version}:raw:${createHash('sha256').update(fingerprint).digest('base64url')}`;
  }

  getRaw(key: string): RawAnswer | undefined {
    const entry = this.entries.get(key);
    return entry !== undefined && isRaw(entry) ? entry : undefined;
  }

  /**
   * Keeps yoga's answer to a request whose result came from this cache (so a complete success under
   * `version`), unless that version is no longer current or the answer is too large. Counted as the
   * body's bytes, the headers and key at 2 bytes a character, plus the entry overhead.
   */
  setRaw(key: string, version: string, answer: RawAnswer): void {
    if (!this.enabled || version !== this.version) return;
    const headerChars = Object.entries(answer.headers).reduce((n, [k, v]) => n + k.length + v.length, 0);
    const bytes = answer.body.length + 2 * (headerChars + key.length) + ENTRY_OVERHEAD;
    if (bytes > this.options.maxEntryBytes) return;
    if (this.entries.set(key, answer, bytes)) this.rawEntries += 1;
  }
}
