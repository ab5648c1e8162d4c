/**
 * Backpressure: a bound on the GraphQL requests doing Cypher work at once, a bounded queue in front
 * of it, and a refusal (HTTP 503 + Retry-After) beyond. Requests whose computed cost is high go
 * through their own, narrower lane, so a crowd of expensive requests cannot starve cheap ones.
 */
export class OverloadedError extends Error {
  constructor(
    readonly lane: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`The server is busy (${lane} requests); retry in ${retryAfterSeconds} s.`);
  }
}

export interface LaneOptions {
  /** Requests executing at once. */
  concurrency: number;
  /** Requests waiting at most; one more is refused at once. */
  queue: number;
  /**
   * How long after its arrival a request may still be waiting for its turn before it is refused:
   * counted from arrival, not from joining the queue, so time spent before admission (reading the
   * graph version for the cache on a Neo4j that is slow to answer) does not add to the wait.
   */
  maxWaitMs: number;
  /**
   * A freed slot goes to the newest waiter (adaptive LIFO), unless the oldest has waited this long:
   * then to the oldest. In a burst (every request a cache miss after a new graph version) first-come
   * order makes every queued request wait the whole backlog; newest-first answers most of them at once
   * and makes a few wait — never longer than this, while slots turn over (docs/limits.md, "Backpressure").
   */
  agedAfterMs: number;
}

interface Waiter {
  since: number;
  grant: () => void;
  refuse: (error: Error) => void;
}

export class Lane {
  private active = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    readonly name: string,
    readonly options: LaneOptions,
  ) {}

  get stats() {
    return { active: this.active, waiting: this.waiting.length };
  }

  /**
   * Resolves with a release function once the request may run; rejects with OverloadedError, or the
   * signal's reason. `arrivedAt` (performance.now() of the request's arrival; default now) starts the wait's clock.
   */
  acquire(signal?: AbortSignal, arrivedAt = performance.now()): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.active < this.options.concurrency) return Promise.resolve(this.grant());
    const waitMs = this.options.maxWaitMs - (performance.now() - arrivedAt);
    if (this.waiting.length >= this.options.queue || waitMs <= 0) return Promise.reject(new OverloadedError(this.name, 1));
    return new Promise((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
      };
      const waiter: Waiter = {
        since: performance.now(),
        grant: () => {
          settle();
          resolve(this.grant());
        },
        refuse: (error) => {
          settle();
          reject(error);
        },
      };
      const onAbort = () => waiter.refuse(signal!.reason);
      const timer = setTimeout(() => waiter.refuse(new OverloadedError(this.name, Math.max(1, Math.ceil(this.options.maxWaitMs / 1000)))), waitMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  /** Refuses everyone waiting (Neo4j went down: they would only wait to fail). */
  refuseWaiting(error: Error): void {
    for (const waiter of [...this.waiting]) waiter.refuse(error);
  }

  private grant(): () => void {
    this.active += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.next()?.grant();
    };
  }

  /** The waiter a freed slot goes to: the newest, or the oldest once it has waited agedAfterMs. */
  private next(): Waiter | undefined {
    const oldest = this.waiting[0];
    if (!oldest || performance.now() - oldest.since >= this.options.agedAfterMs) return oldest;
    return this.waiting[this.waiting.length - 1];
  }
}

export interface AdmissionOptions {
  light: LaneOptions;
  heavy: LaneOptions;
  /** Requests costing at least this go through the heavy lane. */
  heavyFromCost: number;
}

export const DEFAULT_ADMISSION: AdmissionOptions = {
  // 200 realistic clients must queue, not be refused. 16 at once: the load suite's misses spent ~90 % of
  // their time queued for a slot, each executing ~0.1–0.2 s mostly waiting on Neo4j round trips; 16 slots
  // instead of 8 gave +55 % throughput and a lower p50/p99 in back-to-back runs (docs/limits.md).
  // A wait of 4 s at most, so that with the driver's fail-fast timeouts every request is answered within 5 s.
  // Newest first in a burst, but nobody waits past 1.5 s while slots turn over (well inside the 4 s refusal).
  light: { concurrency: 16, queue: 400, maxWaitMs: 4_000, agedAfterMs: 1_500 },
  heavy: { concurrency: 2, queue: 50, maxWaitMs: 4_000, agedAfterMs: 1_500 },
  // The explorer's chain view (~7,400) and largest neighbourhood (~7,000) are expensive; its entity and place pages (< 2,000) are not.
  heavyFromCost: 4_000,
};

export class Admission {
  readonly light: Lane;
  readonly heavy: Lane;

  constructor(readonly options: AdmissionOptions = DEFAULT_ADMISSION) {
    this.light = new Lane('ordinary', options.light);
    this.heavy = new Lane('expensive', options.heavy);
  }

  refuseWaiting(error: Error): void {
    this.light.refuseWaiting(error);
    this.heavy.refuseWaiting(error);
  }

  acquire(cost: number, signal?: AbortSignal, arrivedAt?: number): Promise<() => void> {
    return (cost >= this.options.heavyFromCost ? this.heavy : this.light).acquire(signal, arrivedAt);
  }
}
