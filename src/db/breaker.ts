/**
 * A circuit breaker in front of Neo4j (issue 12: every request answered within 5 s during an outage).
 * Closed: calls pass. After `failuresToOpen` connection failures in a row, or a failed health probe,
 * it opens: calls fail at once with SERVICE_UNAVAILABLE instead of each waiting for the driver's
 * connection timeouts. After `openMs` it is half-open: ONE call goes through as a trial (the others
 * still fail at once); its success closes the breaker, its failure opens it again. A successful
 * health probe closes it too, so recovery needs no traffic and no restart.
 */
export interface BreakerOptions {
  failuresToOpen: number;
  openMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = { failuresToOpen: 3, openMs: 1_500 };

/**
 * THE rule for requests while Neo4j is in trouble (the health probe failed, or was slow while no call
 * succeeded either, or the breaker opened for failures): a request may run at most this long from its arrival, queueing included,
 * instead of its usual budget (10 s). Requests already older are answered SERVICE_UNAVAILABLE at once,
 * the others when they reach it; their Cypher is cancelled. Issue 12: during a Neo4j stop a query in
 * flight hung until its 10 s budget ran out; every answer during an outage must come within 5 s (the
 * probe notices trouble within ~3 s of it starting). Work without a request budget (a bulk load) is
 * not watched: a long write on a slow Neo4j must not be lost.
 */
export const TROUBLED_BUDGET_MS = 4_000;

/**
 * For this long after the trouble ends, arriving requests still get TROUBLED_BUDGET_MS: a Neo4j that has
 * just come back answers the probe before it answers real queries quickly (empty plan cache and page
 * cache). The load suite's outage saw all 30 clients' requests sent 0.1 s after the probe recovered
 * answered after 6.2 s. Short enough that 10 s after Neo4j is back every request has its full budget.
 */
export const RECOVERY_MS = 5_000;

interface Watched {
  arrivedAt: number;
  cut: (reason: string) => void;
  timer: NodeJS.Timeout | null;
  /**
   * It arrived while Neo4j was in trouble or within RECOVERY_MS after: the short budget stays when the
   * trouble ends (a Neo4j that has just come back may still be warming up).
   */
  arrivedInTrouble: boolean;
}

export type BreakerState = 'closed' | 'open' | 'half-open';
/** What a call's outcome says about Neo4j: reached it, could not reach it, or nothing (a deadline, the caller's own error). */
export type Outcome = 'ok' | 'down' | 'neutral';

export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private trialRunning = false;
  private opened = false;
  /** Whether this opening has cancelled the work in progress (an opening for slowness does not). */
  private runningCancelled = false;
  private readonly openListeners: ((reason: string) => void)[] = [];
  /** Set by the health probe when a probe fails or is slow; cleared by a good probe. */
  private suspectSince: number | null = null;
  private wasTroubled = false;
  /** When the last trouble ended (epoch ms; 0: never). */
  private recoveredAt = 0;
  private lastOkAt = 0;
  private readonly watched = new Set<Watched>();
  lastError = '';

  constructor(readonly options: BreakerOptions = DEFAULT_BREAKER) {}

  get state(): BreakerState {
    if (!this.opened) return 'closed';
    return Date.now() - this.openedAt >= this.options.openMs ? 'half-open' : 'open';
  }

  /** Whether a call may go to Neo4j now; 'trial' calls must report their outcome with `settle`. */
  admit(): 'pass' | 'trial' | 'refuse' {
    const state = this.state;
    if (state === 'closed') return 'pass';
    if (state === 'half-open' && !this.trialRunning) {
      this.trialRunning = true;
      return 'trial';
    }
    return 'refuse';
  }

  /**
   * Neo4j is in trouble: a probe failed, or was slow while no call at all succeeded, or the breaker
   * opened for failures (not for slowness alone). Requests then get TROUBLED_BUDGET_MS.
   */
  get troubled(): boolean {
    return this.suspectSince !== null || (this.opened && this.runningCancelled);
  }

  /** Whether any call (a request's or the probe's) reached Neo4j successfully in the last `ms`. */
  answeredWithin(ms: number): boolean {
    return Date.now() - this.lastOkAt < ms;
  }

  /**
   * The health probe failed, or was slow while Neo4j answered nothing else either (a Neo4j that hangs,
   * as in its slow graceful stop; a merely busy one still completes other calls and is not suspect).
   */
  suspect(reason: string): void {
    this.suspectSince ??= Date.now();
    if (reason) this.lastError = reason;
    this.troubleChanged();
  }

  /** The health probe answered in time. */
  healthy(): void {
    this.suspectSince = null;
    this.troubleChanged();
  }

  /**
   * Watches one request (arrived at `arrivedAt`, epoch ms) for TROUBLED_BUDGET_MS: `cut` is called when
   * Neo4j is in trouble and the request is older than that, or when it arrived in trouble and reaches
   * that age, trouble over or not. Returns the function that stops watching (call it when the request ends).
   */
  watch(arrivedAt: number, cut: (reason: string) => void): () => void {
    const recovering = this.recoveredAt > 0 && Date.now() - this.recoveredAt < RECOVERY_MS;
    const entry: Watched = { arrivedAt, cut, timer: null, arrivedInTrouble: this.troubled || recovering };
    this.watched.add(entry);
    if (entry.arrivedInTrouble) this.schedule(entry);
    return () => {
      if (entry.timer) clearTimeout(entry.timer);
      this.watched.delete(entry);
    };
  }

  /** Requests watched now (what the tests and /health can see). */
  get watching(): number {
    return this.watched.size;
  }

  private schedule(entry: Watched): void {
    if (entry.timer) return;
    const fire = () => {
      this.watched.delete(entry);
      entry.cut(this.lastError || 'Neo4j is slow to answer');
    };
    const wait = entry.arrivedAt + TROUBLED_BUDGET_MS - Date.now();
    if (wait <= 0) fire();
    else entry.timer = setTimeout(fire, wait).unref();
  }

  /** Trouble began: every watched request gets the short budget; it ended: they get their own back, but those that arrived in it. */
  private troubleChanged(): void {
    const troubled = this.troubled;
    if (troubled === this.wasTroubled) return;
    this.wasTroubled = troubled;
    if (!troubled) this.recoveredAt = Date.now();
    for (const entry of [...this.watched]) {
      if (troubled) this.schedule(entry);
      else if (entry.timer && !entry.arrivedInTrouble) {
        clearTimeout(entry.timer);
        entry.timer = null;
      }
    }
  }

  /** Records a call's outcome (`trial`: the call admit() let through as the half-open trial). */
  settle(outcome: Outcome, error?: string, trial = false): void {
    if (trial) this.trialRunning = false;
    if (outcome === 'ok') {
      this.lastOkAt = Date.now();
      this.failures = 0;
      this.opened = false;
      this.troubleChanged();
    } else if (outcome === 'down') {
      this.failures += 1;
      if (error) this.lastError = error;
      if (trial || this.opened || this.failures >= this.options.failuresToOpen) this.open(error ?? this.lastError);
    }
  }

  /**
   * The health probe could not reach Neo4j (open at once, and cancel the work in progress: it cannot
   * finish), or found it too slow three times (open for new work only: a Neo4j busy with a long write
   * is slow, not gone, and cancelling that write would lose it).
   */
  trip(error: string, cause: 'unreachable' | 'slow' = 'unreachable'): void {
    this.lastError = error;
    this.open(error, cause === 'unreachable');
  }

  onOpen(listener: (reason: string) => void): void {
    this.openListeners.push(listener);
  }

  private open(reason: string, cancelRunning = true): void {
    const wasOpen = this.opened;
    this.opened = true;
    this.openedAt = Date.now();
    if (!wasOpen) this.runningCancelled = false;
    if (cancelRunning && !this.runningCancelled) {
      this.runningCancelled = true;
      for (const listener of this.openListeners) listener(reason);
    }
    this.troubleChanged();
  }
}
