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

  /** Records a call's outcome (`trial`: the call admit() let through as the half-open trial). */
  settle(outcome: Outcome, error?: string, trial = false): void {
    if (trial) this.trialRunning = false;
    if (outcome === 'ok') {
      this.failures = 0;
      this.opened = false;
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
  }
}
